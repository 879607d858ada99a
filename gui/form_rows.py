"""Building blocks of the control panel's sections: a Section base and field makers.

A Section is a form of labelled rows. It shows a TrainConfig (``load``) and
reports edits as keyword changes to it (``changed(**fields)``); the panel
validates them (``TrainConfig.replace``) and puts the old value back when they
are refused, so the config is always valid.

A row that shows one config field in one widget is declared once, with
``Section.field``: its widget is then filled by ``load`` and its edits are
reported, through WIDGET_KINDS. Rows that show several fields or none (hidden
layers, features, the learning rate) fill themselves in ``_load``.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QLabel,
                               QPushButton, QSpinBox, QWidget)


class Section(QWidget):
    """A form whose edits call ``changed(**fields)``; ``load(cfg)`` shows a config."""

    def __init__(self, changed: Callable[..., None], parent=None):
        super().__init__(parent)
        self.changed = changed
        self.form = QFormLayout(self)
        self.form.setContentsMargins(4, 2, 4, 2)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._loading = False
        self.fields: dict[str, tuple[QWidget, Callable[[Any], None]]] = {}   # name -> (widget, show)

    def row(self, text: str, widget: QWidget, tip: str) -> QWidget:
        label = QLabel(text)
        label.setToolTip(tip)
        widget.setToolTip(tip)
        self.form.addRow(label, widget)
        return widget

    def field(self, name: str, text: str, widget: QWidget, tip: str, *,
              shown: Callable[[Any], Any] = lambda v: v, read: Callable[[Any], Any] = lambda v: v):
        """A row showing config field ``name``: ``load`` puts ``shown(cfg.name)`` into the
        widget and an edit reports ``name=read(widget value)``."""
        setter, signal = widget_kind(widget)
        self.row(text, widget, tip)
        self.fields[name] = (widget, lambda value: setter(widget, shown(value)))
        getattr(widget, signal).connect(lambda v: self.emit(**{name: read(v)}))
        return widget

    def set_row_visible(self, widget: QWidget, visible: bool):
        self.form.setRowVisible(widget, visible)

    def emit(self, **fields):
        """Report an edit, unless it is ``load`` putting values into the widgets."""
        if not self._loading:
            self.changed(**fields)

    def load(self, cfg):
        self._loading = True
        try:
            for name, (_, show) in self.fields.items():
                show(getattr(cfg, name))
            self._load(cfg)
        finally:
            self._loading = False

    def _load(self, cfg):
        """Show what the ``field`` rows do not: composite rows, visibility, enabled state."""


def combo(names: Iterable[str], tips: dict[str, str] | None = None, name: str = "") -> QComboBox:
    """A combo box listing a registry's names; each item's tooltip from ``tips``."""
    box = QComboBox(objectName=name)
    for n in names:
        box.addItem(n)
        if tips and n in tips:
            box.setItemData(box.count() - 1, tips[n], Qt.ItemDataRole.ToolTipRole)
    return box


def set_combo(box: QComboBox, text: str):
    box.setCurrentIndex(max(box.findText(text), 0))


def spin(lo: int, hi: int, name: str = "", special: str = "") -> QSpinBox:
    box = QSpinBox(objectName=name, minimum=lo, maximum=hi)
    box.setKeyboardTracking(False)   # one change per finished edit, not per digit
    if special:
        box.setSpecialValueText(special)
    return box


def dspin(lo: float, hi: float, step: float, decimals: int, name: str = "") -> QDoubleSpinBox:
    box = QDoubleSpinBox(objectName=name, minimum=lo, maximum=hi, singleStep=step, decimals=decimals)
    box.setKeyboardTracking(False)
    return box


def check(text: str, name: str = "") -> QCheckBox:
    return QCheckBox(text, objectName=name)


# How a field's widget shows a value and reports an edit: (setter, change signal whose
# argument is the new value).
WIDGET_KINDS = {
    QComboBox: (set_combo, "currentTextChanged"),
    QCheckBox: (QCheckBox.setChecked, "toggled"),
    QSpinBox: (QSpinBox.setValue, "valueChanged"),
    QDoubleSpinBox: (QDoubleSpinBox.setValue, "valueChanged"),
}


def push_button(name: str, text: str, slot: Callable[[], Any], tip: str) -> QPushButton:
    """A button that calls ``slot()`` when clicked; not auto-default, so in a dialog
    Enter presses only the button made the default on purpose."""
    b = QPushButton(text, objectName=name)
    b.setToolTip(tip)
    b.setAutoDefault(False)
    b.clicked.connect(lambda _checked=False: slot())
    return b


def widget_kind(widget: QWidget):
    """``widget``'s (setter, change signal name) from WIDGET_KINDS."""
    for cls in type(widget).__mro__:
        if cls in WIDGET_KINDS:
            return WIDGET_KINDS[cls]
    raise TypeError(f"no config field can be shown in a {type(widget).__name__}")
