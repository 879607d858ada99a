"""Inspect mode: step through one epoch of the live network, phase by phase, in the window.

    install_inspect_mode(window)     # once, from MainWindow.__init__; returns the InspectMode

What it adds to a MainWindow:
- a checkable "Inspect" toolbar action (key I). Entering pauses training, asks
  the worker for a copy of its trainer (``session.call`` + ``clone_trainer``:
  the live Trainer never leaves the training thread), shows the InspectPanel in
  a dock under the views (the diagram and the map stay visible), and turns the
  decision map into a sample picker: a click picks the nearest training point
  (and adds none); the picked point is ringed. "Whole batch" goes back to the
  batch terms. Each phase the panel shows is marked on the network diagram
  (``NetworkDiagram.set_phase_highlight``).
- "Apply epoch" in the panel steps its copy and sends the worker ``step(1)``,
  which gives bit-identical weights; then a fresh copy is fetched, so the
  next epoch is traced from the live trainer's own state (``apply_matched``
  says whether both agreed).
- the "Gradient check" and "Hidden space" tabs (backprop_lab.gui.analysis_tabs), which the
  window draws from snapshots like its other views (only while their tab shows).

While inspecting, whatever else changes the live trainer is followed, never
fought: Play leaves inspect mode (training on a trainer the panel no longer
mirrors would make its numbers stale), and so does scrubbing the timeline (it
shows a kept state, not the live one being inspected); Step, Reset, a setting, new points or a
loaded session answer with a snapshot that no longer matches the copy, and a
fresh copy is fetched and traced from phase 1. Leaving inspect mode keeps
training paused where it is; the live trainer only ever changed through the
worker's own commands, so Play trains on from a consistent state.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QDockWidget, QHBoxLayout, QLabel, QPushButton, QSplitter,
                               QVBoxLayout, QWidget)

from backprop_lab.gui.views import colors
from backprop_lab.gui.analysis_tabs import install_analysis_tabs
from backprop_lab.gui.inspect_panel import InspectPanel
from backprop_lab.model.inspect import clone_trainer

DOCK_HEIGHT = 380       # pixels: the formula and about eight table rows
TOP_SHARE = 0.68        # while inspecting, the diagram and map get this share of the views' height


def _copy_live_trainer(worker):
    """Runs in the training thread, between two epochs."""
    return clone_trainer(worker.trainer)


def same_state(snap, trainer) -> bool:
    """Is ``trainer`` (the panel's copy) in the state ``snap`` shows?"""
    return (snap.epoch == trainer.epoch and snap.config == trainer.cfg
            and np.array_equal(snap.theta, trainer.network.theta)
            and np.array_equal(snap.X, trainer.X) and np.array_equal(snap.y, trainer.y))


class InspectMode(QObject):
    """The wiring between a MainWindow, its worker and the inspector widgets."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.active = False
        self.apply_matched: bool | None = None   # the last Apply: copy == live trainer after it
        self._pending = 0                         # trainer copies asked for, not yet received
        self._applied_theta = None                # the panel's weights right after Apply
        self._split_sizes = None                  # the views' splitter before inspecting
        self.diagram = window.views["networkView"]
        self.map = window.views["decisionMap"]

        self.panel = InspectPanel()
        self.whole_batch = QPushButton(self.tr("Whole batch"), objectName="wholeBatchButton")
        self.whole_batch.setToolTip(self.tr("Follow the whole batch (as the engine computes it) "
                                    "instead of one picked point"))
        self.whole_batch.clicked.connect(lambda: self.panel.set_sample(None))
        hint = QLabel(self.tr("Click a training point on the map to follow it · Next/Previous phase: "
                      "Ctrl+→ / Ctrl+← · I leaves inspect mode"))
        hint.setStyleSheet(f"color: {colors.theme('dim')}")
        body = QWidget()
        lay = QVBoxLayout(body)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        head = QHBoxLayout()
        head.setContentsMargins(6, 2, 6, 0)
        head.addWidget(hint, 1)
        head.addWidget(self.whole_batch)
        lay.addLayout(head)
        lay.addWidget(self.panel, 1)
        self.dock = QDockWidget("Inspect one epoch: forward, loss, backward, update", window)
        self.dock.setObjectName("inspectDock")
        # Not closable or floatable: the Inspect action owns its visibility, and the
        # panel's window shortcuts need it inside the main window.
        self.dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.dock.setWidget(body)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        self.dock.hide()

        tb = window.toolbar
        tb.addSeparator()
        self.action = QAction(self.tr("Inspect"), tb, checkable=True)
        self.action.setShortcut(QKeySequence("I"))
        self.action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.action.setToolTip(self.tr("Inspect mode (I): pause and step through one epoch — forward, "
                               "loss, backward, update — on a copy of the network"))
        tb.addAction(self.action)
        button = tb.widgetForAction(self.action)
        button.setObjectName("inspectButton")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.gradcheck, self.hidden_space = install_analysis_tabs(window)

        self.action.toggled.connect(self._toggled)
        tb.sigPlay.connect(self._leave)
        timeline = getattr(window, "timeline_bar", None)
        if timeline is not None:            # scrubbing shows a kept state, not the live one
            timeline.sigScrub.connect(self._leave)
        window.session.sigSnapshot.connect(self._on_snapshot)
        self.panel.sigPhaseChanged.connect(self._on_phase)
        self.panel.sigApplied.connect(self._on_applied)
        self.panel.sample_spin.valueChanged.connect(
            lambda v: self.map.mark_sample(v if self.active else None))
        self.map.sigPickSample.connect(self._on_pick)
        # Leave before the window closes, so the layout it remembers is the normal one.
        window.installEventFilter(self)

    def eventFilter(self, obj, event):
        if obj is self.window and event.type() == QEvent.Type.Close and self.active:
            self.set_active(False)
        return False

    # --- entering and leaving ------------------------------------------------------
    def set_active(self, on: bool) -> None:
        self.action.setChecked(on)          # → _toggled

    def _toggled(self, on: bool):
        if on == self.active:
            return
        self.active = on
        if on:
            self.window._pause()
            self.dock.show()
            self.window.resizeDocks([self.dock], [DOCK_HEIGHT], Qt.Orientation.Vertical)
            self._favour_diagram(True)
            self.map.set_pick_mode(True)
            self.window.statusBar().showMessage(
                self.tr("Inspect mode: training paused; stepping through the next epoch on a copy."), 5000)
            self._fetch()
        else:
            self.panel.set_trainer(None)
            self.diagram.set_phase_highlight(None)
            self.map.set_pick_mode(False)
            self.map.mark_sample(None)
            self.dock.hide()
            self._favour_diagram(False)

    def _favour_diagram(self, on: bool):
        """The dock takes height from the views: give it from the curves, not the diagram."""
        split = self.window.findChild(QSplitter, "viewSplitter")
        if split is None or split.count() != 2:
            return
        if on:
            self._split_sizes = split.sizes()
            total = sum(self._split_sizes)
            split.setSizes([round(total * TOP_SHARE), total - round(total * TOP_SHARE)])
        elif self._split_sizes is not None:
            split.setSizes(self._split_sizes)
            self._split_sizes = None

    def _leave(self, *_):
        if self.active:
            self.set_active(False)

    # --- the trainer copy ----------------------------------------------------------
    def _fetch(self):
        self._pending += 1
        self.window.session.call(_copy_live_trainer, self._on_copy)

    def _on_copy(self, trainer, error):
        self._pending -= 1
        if not self.active or self._pending:          # left, or a newer copy is on its way
            return
        if error:
            self.window.statusBar().showMessage(self.tr("Cannot inspect: {error}").format(error=error), 8000)
            self.panel.set_trainer(None)
            return
        if self._applied_theta is not None:
            self.apply_matched = bool(np.array_equal(trainer.network.theta, self._applied_theta))
            self._applied_theta = None
            if not self.apply_matched:
                self.window.statusBar().showMessage(
                    self.tr("The live network differs from the inspected copy after Apply."), 8000)
        self.panel.set_trainer(trainer)
        self.map.mark_sample(self.panel.sample)

    def _on_snapshot(self, snap):
        tr = self.panel.trainer
        if self.active and not self._pending and tr is not None and not same_state(snap, tr):
            self._fetch()                             # Step, Reset, a setting, new points …

    # --- panel and map -------------------------------------------------------------------
    def _on_phase(self, info):
        if self.active:
            self.diagram.set_phase_highlight(info)

    def _on_applied(self):
        self._applied_theta = self.panel.trainer.network.theta.copy()
        self.window.status.changed()                  # the live run moves on an epoch
        self.window.session.step(1)
        self._fetch()

    def _on_pick(self, index: int):
        if self.active:
            self.panel.set_sample(index)


def install_inspect_mode(window) -> InspectMode:
    """Add inspect mode and the gradient-check and hidden-space tabs to ``window``."""
    return InspectMode(window)
