"""The window's views drawn without a window: for ``backprop-lab train --save-plots``
and ``--save-frames``, and for the window's animation export.

    ensure_app()                                  # a QApplication (offscreen if none yet)
    save_plots(trainer.snapshot(), "plots/")      # loss, accuracy, truth vs prediction, map

Same view classes, same exporters as the window: a figure from the command line
looks like the panel on screen. The command line reaches this module only when
one of those flags is given (model/ never imports Qt).
"""
from __future__ import annotations

import math
import os
import sys
from pathlib import Path

from PySide6.QtCore import Qt, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QWidget
from PySide6.QtCore import QCoreApplication

PLOT_SIZE = (640, 480)       # pixels of a view before the PNG scale
MAP_SIZE = (560, 560)
_app = None                  # the QApplication made here, if any


def ensure_app() -> QApplication:
    """The running QApplication, or a new one drawing offscreen (no display needed)
    unless QT_QPA_PLATFORM already names a platform."""
    global _app
    app = QApplication.instance()
    if app is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        qInstallMessageHandler(_quiet_offscreen)
        app = _app = QApplication(["backprop-lab"])    # kept: Qt aborts if it is collected
    return app


def _quiet_offscreen(mode, context, message: str) -> None:
    """Qt's messages on stderr, less the offscreen plugin's remark on every window shown."""
    if "propagateSizeHints" not in message:
        sys.stderr.write(message + "\n")


def prepared(view: QWidget, size: tuple[int, int]) -> QWidget:
    """``view`` laid out at ``size`` without ever appearing on a screen."""
    ensure_app()
    view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    view.resize(*size)
    view.show()
    QApplication.processEvents()
    return view


def draw(view: QWidget, snap) -> QWidget:
    view.set_snapshot(snap)
    QApplication.processEvents()
    return view


def titled_map(view, snap) -> None:
    """The decision map's title for a file: what it shows and when, not how to click."""
    from backprop_lab.gui.views import colors
    loss = snap.last["loss"]
    text = QCoreApplication.translate("PlotsOffscreen", "Output p at epoch {epoch}").format(epoch=snap.epoch)
    colors.set_title(view.plot, text if math.isnan(loss) else QCoreApplication.translate(
        "PlotsOffscreen", "{text}  (loss {loss:.4g})").format(text=text, loss=loss))


def save_plots(snap, folder) -> list[Path]:
    """Loss and accuracy curves, ground truth vs prediction and the decision map of
    ``snap`` as PNG files in ``folder`` (made if missing). Returns their paths;
    raises ExportError or OSError."""
    from backprop_lab.gui.export import write_figure
    from backprop_lab.gui.views.curves import AccuracyCurves, LossCurves
    from backprop_lab.gui.views.decision_map import DecisionMapView
    from backprop_lab.gui.views.lab_figure import GroundTruthView

    ensure_app()
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    loss = LossCurves()
    loss.set_log_scale(True)          # as the window starts: slow late progress stays visible
    figures = [("loss.png", loss, PLOT_SIZE), ("accuracy.png", AccuracyCurves(), PLOT_SIZE),
               ("truth-vs-prediction.png", GroundTruthView(), (2 * PLOT_SIZE[1], PLOT_SIZE[1])),
               ("decision-map.png", DecisionMapView(), MAP_SIZE)]
    written = []
    for name, view, size in figures:
        draw(prepared(view, size), snap)
        if name == "decision-map.png":
            titled_map(view, snap)
        written.append(write_figure(view, folder / name))
        view.close()
        view.deleteLater()
    return written
