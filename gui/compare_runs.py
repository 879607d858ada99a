"""Compare runs: pin the loss and accuracy curves of a run, change a setting, train again.

    compare = install_compare_runs(window)   # View menu + toolbar: Pin run (Ctrl+P), Clear pins

"Pin run" freezes the current loss and accuracy curves as dashed overlays
(``HistoryCurves.pin``) labelled by the run's settings: the optimizer and
learning rate, plus every other setting in which the pinned runs differ
(e.g. "adam lr 0.01" beside "sgd lr 0.1", or "sgd lr 0.1 hidden 8-8"); the
labels of earlier pins grow when a later pin differs in a new setting. Reset
keeps the seed, so after a change of optimizer the next run starts from the
same initial weights and the two curves compare like for like.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from backprop_lab.model.config import TrainConfig

CURVE_VIEWS = ("lossPlot", "accuracyPlot")
ALWAYS = ("optimizer", "lr")                 # every label names these
NEVER = ("max_epochs", "stop_at_100")        # how long a run may go says nothing of its curve


def _value_text(field: str, value) -> str:
    if field == "hidden":
        return "-".join(map(str, value)) or "none"
    if isinstance(value, tuple):
        return "+".join(map(str, value))
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def run_label(cfg: TrainConfig, others: list[TrainConfig] = ()) -> str:
    """"sgd lr 0.1", then "<field> <value>" for each other field in which ``cfg``
    and any of ``others`` differ (in TrainConfig's field order)."""
    mine = cfg.to_dict()
    parts = [f"{cfg.optimizer} lr {cfg.lr:g}"]
    for field, value in mine.items():
        if field in ALWAYS or field in NEVER:
            continue
        if any(o.to_dict()[field] != value for o in others):
            parts.append(f"{field.replace('_', ' ')} {_value_text(field, getattr(cfg, field))}")
    return " ".join(parts)


def find_menu(window, title: str):
    """The window's menu called ``title`` (English, as in QT_TRANSLATE_NOOP("MenuBar", "&View")),
    made if no one has made it yet; found by its object name ("viewMenu"), so in any language."""
    name = title.replace("&", "").lower() + "Menu"
    bar = window.menuBar()
    # Not QAction.menu(): PySide6 can hand back a wrapper that deletes the menu with it.
    for menu in bar.findChildren(QMenu, options=Qt.FindChildOption.FindDirectChildrenOnly):
        if menu.objectName() == name:
            return menu
    menu = bar.addMenu(QCoreApplication.translate("MenuBar", title))
    menu.setObjectName(name)
    return menu


class CompareRuns(QObject):
    """The pins of one MainWindow: ``pinned`` holds (pin number, config) in pin order."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.pinned: list[tuple[int, TrainConfig]] = []
        self.pin_action = self._action("pinRunAction", self.tr("Pin run"), self.tr("Ctrl+P"), self.pin,
                                       self.tr("Pin run (Ctrl+P): keep the loss and accuracy curves as dashed "
                                       "lines; then change a setting, Reset (R) and train again"))
        self.clear_action = self._action("clearPinsAction", self.tr("Clear pins"), None, self.clear,
                                         self.tr("Remove every pinned curve"))
        menu = find_menu(window, QT_TRANSLATE_NOOP("MenuBar", "&View"))
        menu.addSeparator()
        menu.addAction(self.pin_action)
        menu.addAction(self.clear_action)
        tb = window.toolbar
        tb.addSeparator()
        tb.addAction(self.pin_action)
        button = tb.widgetForAction(self.pin_action)
        button.setObjectName("pinRunButton")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)   # Space stays Play/Pause

    def _action(self, name, text, keys, slot, tip) -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(name)
        if keys:
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def labels(self) -> list[str]:
        """The label of every pin, as the legends show it."""
        configs = [cfg for _, cfg in self.pinned]
        labels = [run_label(cfg, configs) for cfg in configs]
        # the same settings pinned twice (at other epochs, or after a Reset): tell them apart
        return [f"{label} (pin {k})" if labels.count(label) > 1 else label
                for (k, _), label in zip(self.pinned, labels)]

    def pin(self) -> str | None:
        """Pin the newest state's curves; the label, or None when nothing is trained yet."""
        w = self.window
        snap = w.newest_snapshot()
        if snap is None or len(snap.history) == 0:
            w.statusBar().showMessage(self.tr("Nothing to pin yet: train some epochs first."), 5000)
            return None
        configs = [cfg for _, cfg in self.pinned] + [snap.config]
        label = run_label(snap.config, configs)
        k = None
        for name in CURVE_VIEWS:
            view = w.views[name]
            view.set_snapshot(snap)
            k = view.pin(label)
        self.pinned.append((k, snap.config))
        self._relabel()
        label = self.labels()[-1]
        w.statusBar().showMessage(
            self.tr("Pinned \"{label}\" at epoch {epoch:,}: change a setting, Reset (R) — the "
            "same initial weights — and train again to compare.").format(label=label, epoch=snap.epoch), 10000)
        return label

    def _relabel(self):
        for (k, _cfg), label in zip(self.pinned, self.labels()):
            for name in CURVE_VIEWS:
                self.window.views[name].label_pin(k, label)

    def clear(self):
        for name in CURVE_VIEWS:
            self.window.views[name].clear_pins()
        self.pinned = []
        self.window.statusBar().showMessage(self.tr("Pins cleared."), 3000)


def install_compare_runs(window) -> CompareRuns:
    return CompareRuns(window)
