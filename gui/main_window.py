"""MainWindow: toolbar, control panel, the views, and the training thread wired together.

Data flow (see DESIGN.md): controls and map clicks → TrainingSession (queued
signals) → TrainingWorker in its own thread → Snapshots back. When to draw them
is the FramePacer's job (backprop_lab.gui.frame_pacer): it keeps only the newest
snapshot not drawn yet, so a fast worker never floods the GUI.
"""
from __future__ import annotations

import atexit
import sys
import weakref

import numpy as np

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QMainWindow, QSplitter

from backprop_lab.model import TrainConfig
from backprop_lab.model.config import DATA_FIELDS, SHAPE_FIELDS
from backprop_lab.gui.accessibility import install_accessibility
from backprop_lab.gui.app_menus import install_app_menus
from backprop_lab.gui.controls import ControlPanel
from backprop_lab.gui.data_editor import DataEditor
from backprop_lab.gui.experiments import install_experiments
from backprop_lab.gui.file_menu import install_file_menu
from backprop_lab.gui.fitting_tabs import FittingTabWidget
from backprop_lab.gui.frame_pacer import TOOLBAR, FramePacer
from backprop_lab.gui.panes import titled
from backprop_lab.gui.problem_window import install_problem
from backprop_lab.gui.inspect_mode import install_inspect_mode
from backprop_lab.gui.status_line import StatusLine
from backprop_lab.gui.timeline_window import install_timeline
from backprop_lab.gui.toolbar import TrainingToolbar
from backprop_lab.gui.views.curves import AccuracyCurves, LossCurves
from backprop_lab.gui.views.toolbox_views import install_toolbox_views
from backprop_lab.gui.views.decision_map import DecisionMapView
from backprop_lab.gui.views.diagram_hover import HoverActivations
from backprop_lab.gui.views.lab_figure import ActivationView, GroundTruthView
from backprop_lab.gui.views.opaque_views import mark_opaque
from backprop_lab.gui.views.network_diagram import NetworkDiagram
from backprop_lab.gui.views.weights import GradNormView, WeightsView
from backprop_lab.gui.window_size import fit_to_screen, set_view_minimums, shrinkable
from backprop_lab.gui.training_session import TrainingSession

NO_POINTS_HINT = QT_TRANSLATE_NOOP("MainWindow", "Add points or pick a data set: click on the map, or press Regenerate.")

# objectName → the view class drawing it (all take set_snapshot(snap)).
VIEWS = {
    "decisionMap": DecisionMapView,
    "networkView": NetworkDiagram,
    "lossPlot": LossCurves,
    "accuracyPlot": AccuracyCurves,
    "weightsView": WeightsView,
    "gradNormPlot": GradNormView,
    "groundTruthView": GroundTruthView,
    "activationView": ActivationView,
}


_open_windows: "weakref.WeakSet[MainWindow]" = weakref.WeakSet()


@atexit.register
def _delete_open_windows():
    """A script that exits with a window still open: close it (no save prompt: the
    program is ending) and let Qt delete it while the QApplication exists; left
    to Python's teardown, deleting it crashes the process."""
    app = QApplication.instance()
    alive = [w for w in list(_open_windows) if shiboken6.isValid(w)]   # not deleted by Qt yet
    for window in alive:
        window.setWindowModified(False)
        window.close()
        window.deleteLater()
    if app is not None and alive:
        app.processEvents()


class MainWindow(QMainWindow):
    def __init__(self, cfg: TrainConfig | None = None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Backprop Lab"))
        self.cfg = cfg or TrainConfig()
        self.data = DataEditor(self)
        self.data.generate(self.cfg, emit=False)
        self.status = StatusLine(self.statusBar(), self)   # no message outlives its state
        self.status.standing(self.tr(NO_POINTS_HINT), lambda: self.data.n_train == 0)

        self.toolbar = TrainingToolbar(self)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar.readouts)
        self.controls = ControlPanel(self.cfg)
        self.views = {name: cls() for name, cls in VIEWS.items()}
        self._build_layout()
        self.toolbox_views = install_toolbox_views(self)   # lr strip, lr readout, clipping share
        # Last, so that nothing above can fail and leave a thread running.
        self.session = TrainingSession(self.cfg, *self.data.arrays, parent=self)
        _open_windows.add(self)

        self._running = False
        self._reinit_pending = False
        self._rebuild_reason = "shape"
        self._edited_at = -1           # the epoch at which points were last edited by hand
        self.pacer = FramePacer(self.session, self._draw_frame, lambda: self._running,
                                self.toolbar.speed, views=self.views, parent=self)

        self._connect()
        self.confusion = install_problem(self)   # Problem control wiring, keys 0–9, Confusion tab
        self.inspect_mode = install_inspect_mode(self)   # Inspect action + dock, grad-check and hidden-space tabs
        self.time_travel = install_timeline(self)   # divergence banner, timeline bar: scrub, resume, roll back
        mark_opaque(self)                # every plot built by now paints its own background
        self.session.set_speed(self.toolbar.speed())
        self._points_changed(*self.data.arrays, send=False)
        self.views["activationView"].set_activation(self.cfg.activation, self.cfg.leaky_slope,
                                                    self.cfg.elu_alpha)
        self.session.reset(True)        # answers with the first snapshot
        self.statusBar().showMessage(self.tr("Ready: press Play (Space) or Step (→)."), 5000)
        fit_to_screen(self)            # the designed size, or less on a small screen
        self.file_menu = install_file_menu(self)   # File menu, title, remembered layout
        self.experiments = install_experiments(self)   # Experiments menu (Ctrl+E); Pin run (Ctrl+P)
        self.app_menus = install_app_menus(self)       # View ▸ Language; Help ▸ About
        self.accessibility = install_accessibility(self)   # names for screen readers

    def showEvent(self, event):
        """First shown: the focus on the views, not in a field, so that the first Space,
        → or N plays or steps (a field with the focus takes those keys first)."""
        super().showEvent(event)
        central = self.centralWidget()
        if central.focusPolicy() == Qt.FocusPolicy.NoFocus:
            central.setFocusPolicy(Qt.FocusPolicy.ClickFocus)   # a click on blank space gives the keys back
            central.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def resizeEvent(self, event):
        """The readouts on a row of their own when both toolbars do not fit in one."""
        super().resizeEvent(event)
        tb, ro = self.toolbar, self.toolbar.readouts
        narrow = self.width() < tb.sizeHint().width() + ro.sizeHint().width() + 16
        if narrow != self.toolBarBreak(ro):
            (self.insertToolBarBreak if narrow else self.removeToolBarBreak)(ro)

    # --- layout -------------------------------------------------------------------
    def _build_layout(self):
        v = self.views
        self.gradient_edges = QCheckBox(self.tr("colour edges by gradient"), objectName="edgeModeCheck")
        self.gradient_edges.setToolTip(self.tr("Edge colour and width show dL/dw of the last epoch "
                                       "instead of the weight w"))
        self.log_loss = QCheckBox(self.tr("log scale"), objectName="logScaleCheck")
        self.log_loss.setToolTip(self.tr("Loss axis on a log scale (shows slow late progress)"))
        self.log_loss.setChecked(True)

        top = QSplitter(Qt.Orientation.Horizontal, objectName="topSplitter")
        top.addWidget(titled(self.tr("Network"), v["networkView"], self.gradient_edges))
        top.addWidget(titled("", v["decisionMap"]))
        top.setSizes([560, 460])
        shrinkable(top, 3, 2)

        self.tabs = tabs = FittingTabWidget(objectName="bottomTabs")   # no tab behind scroll arrows
        tabs.addTab(v["weightsView"], self.tr("Weights"))
        tabs.addTab(v["gradNormPlot"], self.tr("Gradient norms"))
        tabs.addTab(v["groundTruthView"], self.tr("Truth vs prediction"))
        tabs.addTab(v["activationView"], self.tr("Activation"))
        bottom = QSplitter(Qt.Orientation.Horizontal, objectName="bottomSplitter")
        bottom.addWidget(titled("", v["lossPlot"], self.log_loss))
        bottom.addWidget(titled("", v["accuracyPlot"]))
        bottom.addWidget(tabs)
        bottom.setSizes([340, 340, 540])
        shrinkable(bottom, 1, 1, 2)

        right = QSplitter(Qt.Orientation.Vertical, objectName="viewSplitter")
        right.addWidget(top)
        right.addWidget(bottom)
        right.setSizes([560, 340])
        shrinkable(right, 3, 2)

        main = QSplitter(Qt.Orientation.Horizontal, objectName="mainSplitter")
        main.addWidget(self.controls)
        main.addWidget(right)
        shrinkable(main, 0, 1)
        set_view_minimums(v)
        main.setSizes([self.controls.minimumWidth(), 1200])
        self.setCentralWidget(main)

    def _connect(self):
        s, tb, c, v = self.session, self.toolbar, self.controls, self.views
        tb.sigPlay.connect(self._play)
        tb.sigPause.connect(self._pause)
        tb.sigStep.connect(self._step)
        tb.sigReset.connect(self._reset)
        tb.sigSpeed.connect(s.set_speed)

        s.sigSnapshot.connect(self.pacer.offer)
        s.sigStopped.connect(self._on_stopped)
        s.sigError.connect(lambda message, generation: self._on_stopped(message, generation, 10000))
        s.sigRebuilt.connect(self._on_rebuilt)
        s.sigSeedChanged.connect(self._on_seed_changed)
        # Not sigRunning: a late echo of a play/pause would flip the button under a fast
        # clicker. The worker ends a run only by stopping, failing or rebuilding, which say so.

        c.sigConfigChanged.connect(self._config_changed)
        c.sigMessage.connect(lambda m: self.status.report(m, 8000))   # an edit refused
        c.sigRegenerate.connect(lambda: self._new_data_set("regenerated"))
        c.sigClearPoints.connect(self.data.clear)
        c.sigAddClass.connect(v["decisionMap"].set_add_class)
        self.data.sigChanged.connect(self._points_changed)

        v["networkView"].sigNodeHovered.connect(        # a hovered neuron's output replaces the map's
            lambda image: v["decisionMap"].set_overlay_image(image, v["networkView"].hovered_name()))
        self.hover_activations = HoverActivations(v["networkView"])   # the map's hovered input, unit by unit
        v["decisionMap"].readout.sigHoverActivations.connect(self.hover_activations.show_outputs)
        v["decisionMap"].sigAddPoint.connect(self._add_point)
        v["decisionMap"].sigDeletePoint.connect(self.data.delete_nearest)
        self.gradient_edges.toggled.connect(
            lambda on: v["networkView"].set_edge_mode("gradient" if on else "weight"))
        self.log_loss.toggled.connect(v["lossPlot"].set_log_scale)
        self.tabs.currentChanged.connect(self._show_current)
        v["lossPlot"].set_log_scale(self.log_loss.isChecked())

    # --- commands -------------------------------------------------------------------
    # Each changes the state the status bar describes: its message goes (status.changed),
    # and so does any the worker sent before it ("converged", "Network rebuilt…"): the
    # session counts the change, and the answers carry the count (_on_stopped).
    def _play(self):
        self.set_running(True)         # at once, so a quick second press pauses
        self.status.changed()          # "Reset: epoch 0…", "Network rebuilt…" stop being true
        self.session.play()

    def _pause(self):
        self.set_running(False)
        self.status.changed()
        self.session.pause()

    def _step(self, n: int):
        self.set_running(False)        # a step while playing stops the play (worker.step)
        self.status.changed()
        self.session.step(n)

    def _reset(self, keep_seed: bool):
        self.set_running(False)
        self._reinit_pending = not keep_seed
        self.status.changed()
        self.session.reset(keep_seed)
        if keep_seed:
            self.statusBar().showMessage(self.tr("Reset: epoch 0, the same initial weights."), 5000)

    def _add_point(self, x: float, y: float, label: int):
        try:
            self.data.add(x, y, int(label))
        except ValueError as e:
            self.status.report(self.tr("Point not added: {e}").format(e=e), 5000)

    def _config_changed(self, cfg, changed):
        self.cfg = cfg
        self.status.changed()          # "Stopped at max epochs (100)…" is not true of 1 000
        if changed & SHAPE_FIELDS:
            self._rebuild_reason = ", ".join(sorted(changed & SHAPE_FIELDS))
        self.session.set_config(cfg)
        if changed & DATA_FIELDS:
            self._new_data_set(", ".join(sorted(changed & DATA_FIELDS)) + " changed")
        if changed & {"activation", "leaky_slope", "elu_alpha"}:
            self.views["activationView"].set_activation(cfg.activation, cfg.leaky_slope, cfg.elu_alpha)

    def _new_data_set(self, why: str):
        """A new data set is a new run (epoch 0, the same initial weights): no curve mixes two
        data sets. Points added, deleted or imported by hand keep the weights and the run."""
        self.data.generate(self.cfg)         # new points, sent after the config
        if self.data.n_train:
            self._reset(True)
            self.statusBar().showMessage(self.tr("New data set ({dataset}, {why}): a new run from "
                                         "epoch 0 with the same initial weights.").format(dataset=self.cfg.dataset, why=why), 8000)

    def _points_changed(self, X, y, X_test, y_test, send: bool = True):
        if send:
            self.session.set_data(X, y, X_test, y_test)
            self._edited_at = self.newest_snapshot().epoch if self.newest_snapshot() else 0
        self.controls.set_point_count(self.data.count_text())
        can = self.data.n_train > 0
        self.toolbar.set_can_play(can, self.tr(NO_POINTS_HINT))
        if not can:
            self.set_running(False)
        self.status.changed()                    # NO_POINTS_HINT stands while there are none

    def show_loaded(self, cfg, X, y, X_test, y_test):
        """Show a config and points the worker is about to get whole (an opened
        session, File > New): controls and data follow; nothing is sent back."""
        self.status.changed()
        self.cfg = cfg
        self.controls.load(cfg)
        self.data.replace(X, y, X_test, y_test, emit=False)
        self._points_changed(*self.data.arrays, send=False)
        self.views["activationView"].set_activation(cfg.activation, cfg.leaky_slope, cfg.elu_alpha)

    # --- answers from the worker ------------------------------------------------------------
    # Each answer carries the generation of the run it describes (worker_protocol): the
    # worker may have sent it just before handling a change the window has already made.
    def set_running(self, running: bool):
        self._running = running
        self.toolbar.set_running(running)
        if not running:
            self.pacer.catch_up_toolbar()   # its last max-speed frame may have left the toolbar out

    def _halted(self, generation: int):
        """The worker stopped training when it sent an answer of ``generation``: the Play
        button follows, unless a play sent since has started it again."""
        if not self.session.played_since(generation):
            self.set_running(False)

    def _on_stopped(self, message: str, generation: int, timeout_ms: int = 0):
        """A stop (converged, max epochs, …) or an error: shown only while the run is
        the one it describes, not after a points change, reset or load sent since."""
        self._halted(generation)
        if self.session.is_current(generation):
            self.status.changed()
            self.statusBar().showMessage(message, timeout_ms)

    def _on_rebuilt(self, generation: int):
        if self._reinit_pending:
            self._reinit_pending = False
            return
        self._halted(generation)
        if self.session.is_current(generation):
            self.status.changed()
            self.statusBar().showMessage(self.tr("Network rebuilt ({rebuild_reason} changed): "
                                         "epoch 0, new initial weights.").format(rebuild_reason=self._rebuild_reason), 8000)

    def _on_seed_changed(self, seed: int, generation: int):
        self.cfg = self.cfg.replace(seed=seed)
        self.controls.load(self.cfg)
        if self.session.is_current(generation):
            self.statusBar().showMessage(self.tr("Reset: epoch 0, new initial weights from seed {seed}.").format(seed=seed), 5000)

    # --- drawing -------------------------------------------------------------------------
    @property
    def snapshot(self):
        """The snapshot drawn last, in every view of its frame (None before the first)."""
        return self.pacer.drawn

    def newest_snapshot(self):
        """The newest snapshot, drawn or not (at most one frame newer than the screen)."""
        return self.pacer.pending or self.snapshot

    def _draw_frame(self, snap, names=None):
        """Redraw the shown views among ``names`` (None: all, and the toolbar) from ``snap``;
        the toolbar and timeline when TOOLBAR is among ``names`` (the FramePacer decides
        when, and which: one view per call, so that it knows each view's cost)."""
        for name, view in self.views.items():
            if names is not None and name not in names:
                continue
            if view.isVisible():        # hidden tabs catch up when shown (_show_current)
                try:
                    # a diverging run's numbers are drawn as they are: no NumPy warnings
                    with np.errstate(all="ignore"):
                        view.set_snapshot(snap)
                except Exception:       # reported (backprop_lab.gui.errors): the other views,
                    sys.excepthook(*sys.exc_info())   # the toolbar, frame_finished must follow
        if names is not None and TOOLBAR not in names:
            return
        self.toolbar.show_snapshot(snap, self.pacer.epochs_per_second(), snap.epoch == self._edited_at)
        self.toolbox_views.draw(snap)   # the lr strip and clipping share: in the toolbar's turn
        self.timeline_bar.show_live_epoch(snap.epoch)    # the same epoch as the toolbar

    def _show_current(self, _index=None):
        """A tab (or pane) just shown gets the newest snapshot at once."""
        if self.snapshot is not None:
            for view in self.views.values():
                if view.isVisible():
                    view.set_snapshot(self.snapshot)

    # --- closing ----------------------------------------------------------------------------
    def closeEvent(self, event):
        self.pacer.stop()
        self.experiments.shutdown()     # a running study is cancelled, its thread ended
        self.session.shutdown()
        super().closeEvent(event)
