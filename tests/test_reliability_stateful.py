"""Random use of the real window: whatever a user clicks, in whatever order, the
app neither crashes, nor freezes, nor shows something other than what it trains.

A Hypothesis state machine drives MainWindow (offscreen) through random
sequences of user actions — points added and deleted by real clicks or through
the decision map's signals, every control set to random valid values (the
extremes too), play, pause, step, step N, reset, new weights, keys, tabs,
File > Save / Open / New and files that are not sessions — and after every
action checks:

- no exception reached ``sys.excepthook`` and Qt printed no warning;
- the event loop answers a zero-timer within 200 ms;
- the status bar says nothing the state denies (test_status_truth.contradictions);
- the epoch the window receives never goes down, except after Reset, New
  weights or a rebuild of the network;
- once the training thread has handled every command, the points on the map,
  the point count and the trainer's points agree, and so do the Play button
  and the worker's running state.

Examples: 200 by default (170 s on the 2-CPU dev machine); set
BACKPROP_LAB_FUZZ_EXAMPLES=1000 to run more. One window serves every example
and is put back to the defaults at the start of each (a new window costs
~0.5 s, which 200 examples cannot afford).
"""
from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule, run_state_machine_as_test
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractSlider, QCheckBox, QComboBox, QDoubleSpinBox, QLabel,
                               QLineEdit, QSpinBox)

from backprop_lab.gui import file_dialogs, file_menu
from backprop_lab.gui.main_window import MainWindow
from backprop_lab.model import TrainConfig, activations, datasets, features, initializers, losses, optimizers
from reliability_support import (LATENCY_LIMIT_S, ProblemLog, shown_points, worker_barrier,
                                 worst_latency)
from test_main_window import _map_click, button, click, shown_epoch
from test_status_truth import contradictions, settled

EXAMPLES = int(os.environ.get("BACKPROP_LAB_FUZZ_EXAMPLES", "200"))
STEPS = int(os.environ.get("BACKPROP_LAB_FUZZ_STEPS", "10"))

DEFAULTS = TrainConfig()
BAD_LR_TEXT = ["abc", "", "-1", "0", "nan", "inf", "1e400", "1001", "1,5", " 10 "]
KEYS = [(Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_Right, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_N, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_R, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_R, Qt.KeyboardModifier.ShiftModifier)]

coordinate = st.floats(-1e4, 1e4, allow_nan=False)
fraction = st.floats(0.02, 0.98)


class WindowState:
    """The one window shared by all examples, and what watches it."""

    def __init__(self, qtbot, folder: Path):
        self.qtbot = qtbot
        self.folder = folder           # sessions saved and bad files written here
        self.saved: list[Path] = []
        self.window = MainWindow()
        qtbot.addWidget(self.window)
        self.window.show()
        qtbot.waitUntil(lambda: self.window.snapshot is not None, timeout=10000)
        self.last_epoch = 0
        self.may_go_back = False       # a reset or rebuild is on its way
        self.backwards = []            # (from, to) epochs with no reason to go back
        s = self.window.session
        s.sigSnapshot.connect(self._on_snapshot)
        s.sigRebuilt.connect(self.expect_epoch_drop)

    def expect_epoch_drop(self):
        self.may_go_back = True

    def _on_snapshot(self, snap):
        if snap.epoch < self.last_epoch and not self.may_go_back:
            self.backwards.append((self.last_epoch, snap.epoch))
        self.last_epoch = snap.epoch


class ReliabilityMachine(RuleBasedStateMachine):
    state: WindowState = None        # set by the test before the machine runs
    log: ProblemLog = None

    # --- set-up ---------------------------------------------------------------
    @initialize()
    def back_to_defaults(self):
        st_, w = self.state, self.state.window
        self.qtbot = st_.qtbot
        st_.saved.clear()              # each example starts with no saved session
        if w._running:
            click(self.qtbot, w, "playButton")               # pause
        w.controls.apply(**{f.name: getattr(DEFAULTS, f.name)
                            for f in dataclasses.fields(TrainConfig)})
        w.toolbar.speed_slider.setValue(w.toolbar.speed_slider.maximum())
        w.toolbar.step_n_spin.setValue(100)
        click(self.qtbot, w, "regenerateButton")
        st_.expect_epoch_drop()
        click(self.qtbot, w, "resetButton")
        self.settle()

    def settle(self):
        """Let the worker handle every command sent so far; forget allowed drops."""
        result = worker_barrier(self.qtbot, self.state.window)
        self.state.may_go_back = False
        return result

    def w(self, kind, name):
        widget = self.state.window.findChild(kind, name)
        assert widget is not None, name
        return widget

    # --- points ---------------------------------------------------------------
    @rule(x=fraction, y=fraction, how=st.sampled_from(["left", "right", "class1"]))
    def click_on_the_map(self, x, y, how):
        w = self.state.window
        x0, x1, y0, y1 = w.views["decisionMap"].extent
        if how == "class1":
            button(w, "addClass1").click()
        elif how == "left":
            button(w, "addClass0").click()
        b = Qt.MouseButton.RightButton if how == "right" else Qt.MouseButton.LeftButton
        _map_click(self.qtbot, w, x0 + x * (x1 - x0), y0 + y * (y1 - y0), b)

    @rule(x=coordinate, y=coordinate, label=st.integers(0, 1))
    def add_point_anywhere(self, x, y, label):
        self.state.window.views["decisionMap"].sigAddPoint.emit(x, y, label)

    @rule(x=fraction, y=fraction, real_click=st.booleans())
    def delete_nearest_point(self, x, y, real_click):
        w = self.state.window
        x0, x1, y0, y1 = w.views["decisionMap"].extent
        px, py = x0 + x * (x1 - x0), y0 + y * (y1 - y0)
        if real_click:
            _map_click(self.qtbot, w, px, py, modifier=Qt.KeyboardModifier.ShiftModifier)
        else:
            w.views["decisionMap"].sigDeletePoint.emit(px, py)

    @rule()
    def clear_points(self):
        click(self.qtbot, self.state.window, "clearButton")

    @rule()
    def regenerate(self):
        self.state.expect_epoch_drop()          # a new data set is a new run
        click(self.qtbot, self.state.window, "regenerateButton")

    # --- data controls -----------------------------------------------------------
    @rule(name=st.sampled_from(list(datasets.DATASETS)))
    def switch_data_set(self, name):
        self.state.expect_epoch_drop()
        self.w(QComboBox, "datasetCombo").setCurrentText(name)

    @rule(n=st.integers(1, 5000) | st.sampled_from([1, 2, 5000]))
    def set_point_count(self, n):
        spin = self.w(QSpinBox, "pointsSpin")
        self.state.expect_epoch_drop()
        if spin.isEnabled():                   # fixed for xor-easy: a user cannot type there
            spin.setValue(n)

    @rule(noise=st.floats(0, 2), split=st.integers(0, 90), seed=st.integers(0, 2**31 - 1))
    def set_noise_split_and_data_seed(self, noise, split, seed):
        self.state.expect_epoch_drop()
        self.w(QDoubleSpinBox, "noiseSpin").setValue(noise)
        self.w(QSpinBox, "testSplitSpin").setValue(split)
        self.w(QSpinBox, "dataSeedSpin").setValue(seed)

    # --- network controls ------------------------------------------------------------
    @rule(layers=st.integers(0, 6), units=st.lists(st.integers(1, 32), min_size=6, max_size=6))
    def set_hidden_layers(self, layers, units):
        self.w(QSpinBox, "layersSpin").setValue(layers)
        for i, u in enumerate(units[:layers]):
            self.w(QSpinBox, f"unitsSpin{i}").setValue(u)

    @rule(hidden=st.sampled_from(["activationCombo", "outputCombo"]),
          name=st.sampled_from(list(activations.ACTIVATIONS)),
          slope=st.floats(0.001, 0.999))
    def set_activation(self, hidden, name, slope):
        self.w(QComboBox, hidden).setCurrentText(name)
        self.w(QDoubleSpinBox, "leakySlopeSpin").setValue(slope)

    @rule(loss=st.sampled_from(list(losses.LOSSES)), init=st.sampled_from(list(initializers.INITIALIZERS)),
          scale=st.floats(0.001, 10), bias=st.booleans())
    def set_loss_init_and_bias(self, loss, init, scale, bias):
        self.w(QComboBox, "lossCombo").setCurrentText(loss)      # bce + non-sigmoid is refused
        self.w(QComboBox, "initCombo").setCurrentText(init)
        self.w(QDoubleSpinBox, "initScaleSpin").setValue(scale)
        self.w(QCheckBox, "biasCheck").setChecked(bias)

    @rule(name=st.sampled_from(list(features.FEATURES)))
    def toggle_input_feature(self, name):
        self.w(QCheckBox, f"feature_{name}").click()              # the last one is refused

    # --- training controls -----------------------------------------------------------
    @rule(name=st.sampled_from(list(optimizers.OPTIMIZERS)))
    def set_optimizer(self, name):
        self.w(QComboBox, "optimizerCombo").setCurrentText(name)

    @rule(pos=st.integers(0, 600) | st.sampled_from([0, 600]))
    def move_learning_rate_slider(self, pos):
        self.w(QAbstractSlider, "lrSlider").setValue(pos)

    @rule(text=st.sampled_from(BAD_LR_TEXT) | st.floats(1e-6, 1000).map(lambda v: f"{v:g}"))
    def type_learning_rate(self, text):
        edit = self.w(QLineEdit, "lrEdit")
        edit.selectAll()
        self.qtbot.keyClicks(edit, text)
        self.qtbot.keyClick(edit, Qt.Key.Key_Return)

    @rule(batch=st.sampled_from([0, 1, 2, 32, 100_000]) | st.integers(0, 100_000))
    def set_batch_size(self, batch):
        self.w(QSpinBox, "batchSpin").setValue(batch)

    @rule(l1=st.sampled_from([0.0, 1e-4, 10.0]), l2=st.sampled_from([0.0, 1e-3, 10.0]),
          decay=st.sampled_from([0.0, 1e-4, 10.0]))
    def set_regularisation(self, l1, l2, decay):
        self.w(QDoubleSpinBox, "l1Spin").setValue(l1)
        self.w(QDoubleSpinBox, "l2Spin").setValue(l2)
        self.w(QDoubleSpinBox, "weightDecaySpin").setValue(decay)

    @rule(name=st.sampled_from(["momentumSpin", "beta1Spin", "beta2Spin", "rhoSpin", "epsSpin"]),
          value=st.floats(0, 1))
    def set_optimizer_parameter(self, name, value):
        spin = self.w(QDoubleSpinBox, name)
        spin.setValue(value)                    # the box clamps it to its own range

    @rule(name=st.sampled_from(["nesterovCheck", "amsgradCheck", "stopAt100Check"]))
    def toggle_training_option(self, name):
        self.w(QCheckBox, name).click()

    @rule(n=st.integers(1, 100_000_000) | st.sampled_from([1, 5, 50]))
    def set_max_epochs(self, n):
        self.w(QSpinBox, "maxEpochsSpin").setValue(n)

    @rule(seed=st.integers(0, 2**31 - 1))
    def set_seed(self, seed):
        self.w(QSpinBox, "seedSpin").setValue(seed)

    # --- toolbar ------------------------------------------------------------------
    @rule()
    def play_or_pause(self):
        click(self.qtbot, self.state.window, "playButton")

    @rule()
    def step(self):
        click(self.qtbot, self.state.window, "stepButton")

    @rule(n=st.integers(1, 5000))
    def step_n(self, n):
        self.state.window.toolbar.step_n_spin.setValue(n)
        click(self.qtbot, self.state.window, "stepNButton")

    @rule(new_weights=st.booleans())
    def reset(self, new_weights):
        self.state.expect_epoch_drop()
        click(self.qtbot, self.state.window, "reinitButton" if new_weights else "resetButton")

    @rule(key=st.sampled_from(KEYS))
    def press_key(self, key):
        if key[0] == Qt.Key.Key_R:
            self.state.expect_epoch_drop()
        self.qtbot.keyClick(self.state.window, key[0], key[1])

    @rule(pos=st.integers(0, 8))
    def set_speed(self, pos):
        self.state.window.toolbar.speed_slider.setValue(pos)

    @rule(ms=st.sampled_from([0, 20, 100]))
    def wait(self, ms):
        self.qtbot.wait(ms)

    @rule(tab=st.integers(0, 3), log=st.booleans(), by_gradient=st.booleans())
    def change_what_is_shown(self, tab, log, by_gradient):
        w = self.state.window
        w.tabs.setCurrentIndex(tab)
        w.log_loss.setChecked(log)
        w.gradient_edges.setChecked(by_gradient)

    # --- File menu ------------------------------------------------------------------
    def _file_action(self, key, answer):
        """Trigger File > ``key`` with the file dialog answering ``answer``; a user
        reads any error box and closes it."""
        fm = self.state.window.file_menu
        fm.error_box = None
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(file_dialogs, "ask_save_path", lambda *a, **k: str(answer))
            mp.setattr(file_dialogs, "ask_open_path", lambda *a, **k: str(answer))
            fm.actions[key].trigger()
        result = self.settle()         # saving and opening finish in the training thread
        box = fm.error_box
        if box is not None:
            assert box.isVisible() and box.text(), "an error box with no message"
            box.close()
        return box is None, result

    @rule(name=st.sampled_from(["a", "b", "c"]))
    def save_session(self, name):
        path = self.state.folder / f"{name}{file_menu.SUFFIX}"
        ok, result = self._file_action("saveAs", path)
        assert ok, "saving to a writable folder failed"
        assert path.exists()
        self.state.saved.append(path)
        # Saved at the epoch the worker still holds: nothing is unsaved.
        held = not (result["running"] or result["stepping"])
        if held and result["epoch"] == self.state.window.file_menu._clean_epoch:
            assert not self.state.window.isWindowModified()

    @rule(data=st.data())
    def open_saved_session(self, data):
        if not self.state.saved:
            return
        path = data.draw(st.sampled_from(self.state.saved))
        self.state.expect_epoch_drop()
        ok, _ = self._file_action("open", path)
        assert ok, f"a session this app saved would not open: {path.name}"

    @rule(kind=st.sampled_from(["empty", "garbage", "truncated", "missing", "folder"]),
          action=st.sampled_from(["open", "importCsv"]))
    def open_a_bad_file(self, kind, action):
        """A file the user picked by mistake: a message, and nothing changes."""
        w = self.state.window
        path = self.state.folder / f"bad-{kind}{file_menu.SUFFIX}"
        if kind == "empty":
            path.write_bytes(b"")
        elif kind == "garbage":
            path.write_bytes(bytes(range(256)) * 8)
        elif kind == "truncated":
            good = self.state.saved[-1].read_bytes() if self.state.saved else b"PK\x03\x04"
            path.write_bytes(good[: len(good) // 2])
        elif kind == "folder":
            path.mkdir(exist_ok=True)
        before = (w.data.n_train, w.data.n_test, w.cfg)
        ok, _ = self._file_action(action, path)
        assert not ok, f"{kind} file: no error message"
        assert (w.data.n_train, w.data.n_test, w.cfg) == before

    @rule()
    def new_session(self):
        self.state.expect_epoch_drop()
        self._file_action("new", "")

    # --- after every action -------------------------------------------------------------
    @invariant()
    def window_is_alive_and_consistent(self):
        st_, w, qtbot = self.state, self.state.window, self.qtbot
        self.log.check("after the last action")
        latency = worst_latency(qtbot, samples=1)
        assert latency < LATENCY_LIMIT_S, (
            f"event loop took {latency * 1000:.0f} ms to answer (hidden {w.cfg.hidden}, "
            f"{w.data.n_train} points, batch {w.cfg.batch_size}, running {w._running}, "
            f"frame cost {w.pacer.cost_ms:.0f} ms)")
        result = self.settle()
        self.log.check("while the worker caught up")
        # read again until the Play button and the worker agree (a stop may come with the answer)
        wrong = contradictions(w, settled(qtbot, w))
        assert not wrong, f"the status bar says what is not true: {wrong}"
        assert not st_.backwards, f"epoch went backwards without a reset: {st_.backwards}"

        data = w.data
        assert (result["n_train"], result["n_test"]) == (data.n_train, data.n_test)
        label = w.findChild(QLabel, "pointCountLabel").text()
        assert label.startswith(f"{data.n_train + data.n_test} point"), label
        # The map shows the newest points once a frame has drawn them.
        qtbot.waitUntil(lambda: shown_points(w) == (data.n_train, data.n_test), timeout=3000)
        assert button(w, "playButton").isEnabled() == (data.n_train > 0)

        # The Play button says what the worker does (it may stop on its own:
        # converged, max epochs — so ask again until both have settled).
        for _ in range(20):
            if w._running == result["running"]:
                break
            qtbot.wait(20)
            result = self.settle()
        assert w._running == result["running"], (
            f"Play button shows {'Pause' if w._running else 'Play'} but the worker is "
            f"{'running' if result['running'] else 'stopped'}")
        if not (w._running or result["stepping"]):   # held still: the toolbar shows its epoch
            qtbot.waitUntil(lambda: w.pacer.pending is None, timeout=3000)
            assert shown_epoch(w) == w.snapshot.epoch == result["epoch"]


def test_random_use_never_crashes_freezes_or_shows_stale_state(qtbot, tmp_path):
    with ProblemLog() as log:
        ReliabilityMachine.state = WindowState(qtbot, tmp_path)
        ReliabilityMachine.log = log
        try:
            run_state_machine_as_test(ReliabilityMachine, settings=settings(
                max_examples=EXAMPLES, stateful_step_count=STEPS, deadline=None,
                suppress_health_check=list(HealthCheck), derandomize=False,
                print_blob=True))
        finally:
            ReliabilityMachine.state.window.close()
            ReliabilityMachine.state = ReliabilityMachine.log = None
        log.check("closing the window")
