"""Accessible names and descriptions, so a screen reader can say "Learning rate, 0.1"
and "Classification map: 21 training points, 19 correct".

    install_accessibility(window)     # once, after the window is built

- Every control of the window, and of each dialog once it is shown, that has
  no accessible name gets one: its form label ("Learning rate"), else its own text,
  else its tooltip's first phrase; its tooltip becomes its description. Screen
  readers add the value themselves (a spin box's number, a combo's entry).
- Each custom-drawn view gets a name, and a description of what it shows now,
  refreshed from the newest drawn snapshot at most twice a second.
"""
from __future__ import annotations

import re

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, QT_TRANSLATE_NOOP, QTimer
from PySide6.QtWidgets import (QAbstractButton, QAbstractSlider, QAbstractSpinBox, QApplication, QComboBox,
                               QDialog, QFormLayout, QLabel, QLineEdit, QScrollBar, QWidget)

CONTROLS = (QAbstractSpinBox, QComboBox, QLineEdit, QAbstractSlider, QAbstractButton)
REFRESH_MS = 500

VIEW_NAMES = {     # objectName → what a screen reader calls the view
    "decisionMap": QT_TRANSLATE_NOOP("Accessibility", "Classification map"),
    "networkView": QT_TRANSLATE_NOOP("Accessibility", "Network diagram"),
    "lossPlot": QT_TRANSLATE_NOOP("Accessibility", "Loss curves"),
    "accuracyPlot": QT_TRANSLATE_NOOP("Accessibility", "Accuracy curves"),
    "weightsView": QT_TRANSLATE_NOOP("Accessibility", "Weight matrices"),
    "gradNormPlot": QT_TRANSLATE_NOOP("Accessibility", "Gradient norm per layer"),
    "groundTruthView": QT_TRANSLATE_NOOP("Accessibility", "Ground truth beside prediction"),
    "activationView": QT_TRANSLATE_NOOP("Accessibility", "Activation and its derivative"),
    "gradCheckPanel": QT_TRANSLATE_NOOP("Accessibility", "Gradient check"),
    "hiddenSpaceView": QT_TRANSLATE_NOOP("Accessibility", "Hidden space"),
}



def _plain(text: str) -> str:
    """Label text as spoken: no mnemonic "&", no HTML, no trailing colon."""
    text = re.sub(r"<[^>]+>", " ", text.replace("&&", "\0").replace("&", "").replace("\0", "&"))
    return " ".join(text.split()).rstrip(":：")


def _form_label(widget: QWidget) -> str:
    """The text of the QFormLayout label of ``widget`` (or of a container holding it)."""
    w = widget
    while w is not None:
        parent = w.parentWidget()
        layout = parent.layout() if parent is not None else None
        if isinstance(layout, QFormLayout):
            label = layout.labelForField(w)
            if isinstance(label, QLabel) and label.text():
                return _plain(label.text())
        w = parent if parent is not None and not parent.isWindow() else None
    return ""


def is_control(widget: QWidget) -> bool:
    """A control a user sets: not a scroll bar, not the line edit inside a spin box or combo."""
    return (isinstance(widget, CONTROLS) and not isinstance(widget, QScrollBar)
            and not isinstance(widget.parentWidget(), (QAbstractSpinBox, QComboBox)))


def name_controls(root: QWidget) -> int:
    """Give every unnamed control under ``root`` a name and description; return how many."""
    named = 0
    for widget in root.findChildren(QWidget):
        if not is_control(widget) or widget.accessibleName():
            continue
        tip = _plain(widget.toolTip())
        own = _plain(widget.text()) if isinstance(widget, QAbstractButton) else ""
        name = _form_label(widget) or own or re.split(r"[:;(.,]", tip, maxsplit=1)[0].strip()
        if not name:
            continue
        widget.setAccessibleName(name)
        if tip and not widget.accessibleDescription():
            widget.setAccessibleDescription(tip)
        named += 1
    return named


def describe(name: str, snap) -> str:
    """What view ``name`` shows for snapshot ``snap``, in one sentence."""
    h, epoch = snap.history, snap.epoch
    last = snap.last
    if name in ("decisionMap", "accuracyPlot") and getattr(snap.config, "task", "") == "regression":
        return _describe_regression(name, snap, last)
    if name == "decisionMap":
        n, k = len(snap.X), len(snap.X_test)
        text = QCoreApplication.translate("Accessibility", "{n} training points, {correct} correct").format(
            n=n, correct=_count(last["accuracy"], n))
        if k:
            text += QCoreApplication.translate("Accessibility", "; {k} test points, {correct} correct").format(k=k, correct=_count(last["test_accuracy"], k))
        return text
    if name == "networkView":
        sizes = "-".join(str(s) for s in snap.spec.sizes) if hasattr(snap.spec, "sizes") else ""
        return QCoreApplication.translate("Accessibility", "layers {sizes}, activation {activation}, epoch {epoch}").format(
            sizes=sizes or "?", activation=snap.config.activation, epoch=epoch)
    if name in ("lossPlot", "accuracyPlot"):
        key = "loss" if name == "lossPlot" else "accuracy"
        value = last[key]
        shown = "–" if not np.isfinite(value) else (f"{value:.4g}" if key == "loss" else f"{100 * value:.1f} %")
        return QCoreApplication.translate("Accessibility", "epoch {epoch}, training {what} {value}").format(
            epoch=epoch, what=QCoreApplication.translate("Accessibility", "loss") if key == "loss" else QCoreApplication.translate("Accessibility", "accuracy"), value=shown)
    if name == "gradNormPlot" and len(h):
        norms = ", ".join(f"{g:.3g}" for g in np.asarray(h.grad_norms)[-1])
        return QCoreApplication.translate("Accessibility", "epoch {epoch}: {norms}").format(epoch=epoch, norms=norms)
    return QCoreApplication.translate("Accessibility", "epoch {epoch}").format(epoch=epoch)


def _describe_regression(name: str, snap, last: dict) -> str:
    """A regression has no "correct" points: the map and the curves say R² and the MAE."""
    def num(v):
        return "–" if v is None or not np.isfinite(v) else f"{v:.3g}"
    scores = QCoreApplication.translate("Accessibility", "R² {r2}, mean absolute error {mae}").format(
        r2=num(last["accuracy"]), mae=num(last.get("mae")))
    if len(snap.X_test):
        scores += QCoreApplication.translate("Accessibility", "; test R² {r2}, mean absolute error {mae}").format(
            r2=num(last["test_accuracy"]), mae=num(last.get("test_mae")))
    if name == "decisionMap":
        return QCoreApplication.translate("Accessibility", "{n} training points, {scores}").format(
            n=len(snap.X), scores=scores)
    return QCoreApplication.translate("Accessibility", "epoch {epoch}, training {scores}").format(
        epoch=snap.epoch, scores=scores)


def _count(accuracy: float, n: int) -> str:
    return "–" if not np.isfinite(accuracy) else str(int(round(accuracy * n)))


class Accessibility(QObject):
    """Names the window's controls and views, and keeps the views' descriptions current."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self._described = None
        name_controls(window)
        for name, view in window.views.items():
            view.setAccessibleName(QCoreApplication.translate("Accessibility", VIEW_NAMES.get(name, name)))
        self.timer = QTimer(self, interval=REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()

    def refresh(self):
        self.name_dialogs()
        snap = self.window.snapshot
        if snap is None or snap is self._described:
            return
        self._described = snap
        for name, view in self.window.views.items():
            if view.isVisible():
                try:
                    text = describe(name, snap)
                except Exception:           # a view of a kind describe() does not know
                    text = ""
                view.setAccessibleDescription(f"{view.accessibleName()}: {text}" if text else "")

    def name_dialogs(self):
        """Name the controls of dialogs shown since the last look (checked with the views;
        an application-wide event filter would cost every event a Python call)."""
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible() and not widget.property("a11yNamed"):
                widget.setProperty("a11yNamed", True)
                name_controls(widget)


def install_accessibility(window) -> Accessibility:
    return Accessibility(window)
