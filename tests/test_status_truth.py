"""The status bar never says something the window's state contradicts.

A user's sequence of actions (real keys and clicks where a user makes them) — a
scripted story with the cases issue 13 found, then a long seeded random one —
and after each, once the training thread has handled it, the message on show is
read against the state: "epoch 0" only at epoch 0, "Add points…" only without
points, "Stopped at max epochs (M)" only stopped at M, "converged" only while
the points are all classified right, "Viewing kept epoch N" only while epoch N is
on view, and so on (``contradictions``). The check reads the state from the
training thread and the window, not from the StatusLine that keeps messages true.
"""
import random
import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QSpinBox

from backprop_lab.gui import file_dialogs
from backprop_lab.gui.main_window import NO_POINTS_HINT
from reliability_support import worker_barrier
from test_main_window import _map_click, click, status

EVENTS = ("Pinned", "Saved", "Exported", "Point not added", "Not applied", "Imported")


def settled(qtbot, w) -> dict:
    """The live trainer once every command sent has been handled: the window has had
    every answer sent before this one (and nothing after it, so the message on show and
    this state belong together, even while training goes on)."""
    result = worker_barrier(qtbot, w)
    for _ in range(50):                      # a stop reported by the worker: the button follows
        if w._running == result["running"] and not result["stepping"]:
            break                            # (a step's stop may come with the answer)
        qtbot.wait(20)
        result = worker_barrier(qtbot, w)
    return result


def contradictions(w, live: dict) -> list[str]:
    """What the message on show says that the state denies (empty: nothing)."""
    text, epoch, running = status(w), live["epoch"], live["running"]
    wrong = []

    def claim(ok: bool, why: str):
        if not ok:
            wrong.append(f"{text!r}: {why} (epoch {epoch}, running {running}, "
                         f"{live['n_train']} points)")

    if not text or text.startswith(EVENTS):
        return wrong
    if text == NO_POINTS_HINT or text.startswith("No training points"):
        claim(live["n_train"] == 0, "there are points")
    if "press Play" in text or "training paused" in text or text.lower().startswith(
            ("stopped", "already", "converged")):
        claim(not running, "training runs")
    viewing = re.match(r"Viewing kept epoch (\d+)", text)
    if viewing:                                   # an earlier epoch, not the live one
        bar = w.timeline_bar
        claim(bar.scrubbing and bar.epoch_on_view == int(viewing.group(1)), "not on view")
        return wrong
    if re.search(r"\bepoch 0\b", text):
        claim(epoch == 0, "not at epoch 0")
    if text.startswith(("Ready", "Reset", "Network rebuilt", "New data set", "New session")):
        claim(epoch == 0, "a new run was announced, but training went on")
    at = re.search(r"\bat epoch ([\d,]+)", text)
    if at:
        said = int(at.group(1).replace(",", ""))
        if re.match(r"(converged|Already converged|Opened)", text, re.IGNORECASE):
            claim(epoch == said, "the epoch has moved on")   # where the run stands
        elif text.lower().startswith("diverged"):   # the epoch that failed; the run keeps the one before
            claim(said <= epoch + 1, "an epoch not reached")
        else:                                 # when something happened ("exploding at epoch 373")
            claim(said <= epoch, "an epoch not reached")
    stopped = re.match(r"stopped at max epochs \((\d+)\)", text, re.IGNORECASE)
    if stopped:
        limit = int(stopped.group(1))
        claim(live["config"].max_epochs == limit and epoch >= limit, "the limit is another")
    if "converged" in text.lower():
        # the accuracy the window shows: the epoch's own (counted before its update, batch by
        # batch), or that of the weights on the points now once points were edited since
        snap = w.newest_snapshot()
        edited = snap.epoch == w._edited_at
        accuracy = snap.scores_now()["accuracy"] if edited else snap.history.accuracy[-1]
        claim(accuracy == 1.0, "a point is misclassified now")
    new_data = re.match(r"New data set \(([\w-]+),", text)
    if new_data:
        claim(live["config"].dataset == new_data.group(1), "another data set is shown")
    if "diverged" in text:
        claim(live["status"] == "diverged", "the run has not diverged")
    return wrong


class User:
    """Actions as a user makes them, each followed by the check."""

    def __init__(self, qtbot, w, folder):
        self.qtbot, self.w, self.folder, self.log = qtbot, w, folder, []

    def check(self, action: str):
        self.log.append(action)
        live = settled(self.qtbot, self.w)
        wrong = contradictions(self.w, live)
        assert not wrong, f"after {' → '.join(self.log[-8:])}: {wrong}"
        assert not self.w.status.stale()

    def key(self, key, modifier=Qt.KeyboardModifier.NoModifier):
        self.qtbot.keyClick(self.w, key, modifier)

    def play_for(self, ms: int):
        self.key(Qt.Key.Key_Space)
        self.qtbot.wait(ms)
        if self.w._running:
            self.key(Qt.Key.Key_Space)

    def spin(self, name: str, value: int):
        box = self.w.findChild(QSpinBox, name)
        box.setValue(value)

    def combo(self, name: str, text: str):
        self.w.findChild(QComboBox, name).setCurrentText(text)

    def save_and_open(self, name: str):
        path = self.folder / f"{name}.npz"
        fm = self.w.file_menu
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(file_dialogs, "ask_save_path", lambda *a, **k: str(path))
            mp.setattr(file_dialogs, "ask_open_path", lambda *a, **k: str(path))
            fm.actions["saveAs"].trigger()
            settled(self.qtbot, self.w)
            fm.actions["open"].trigger()


def test_the_cases_issue_13_found_and_their_kin(qtbot, window, tmp_path):
    u, w = User(qtbot, window, tmp_path), window
    u.check("fresh window")
    assert status(w).startswith("Ready")
    click(qtbot, w, "clearButton")
    u.check("Clear points")
    assert status(w) == NO_POINTS_HINT
    click(qtbot, w, "regenerateButton")
    u.check("Regenerate")                            # "Add points…" went with the new points
    assert status(w) != NO_POINTS_HINT
    u.spin("unitsSpin0", 5)
    u.check("units 5")
    assert status(w).startswith("Network rebuilt")
    w.toolbar.speed_slider.setValue(w.toolbar.speed_slider.maximum())
    u.play_for(600)
    u.check("play at max speed, pause")              # "Network rebuilt…" 48 000 epochs later
    assert not status(w).startswith("Network rebuilt")
    u.spin("maxEpochsSpin", w.session.worker.trainer.epoch + 30)
    u.play_for(1500)
    u.check("play to the epoch limit")
    assert status(w).lower().startswith("stopped at max epochs")
    u.spin("maxEpochsSpin", 100_000)
    u.check("raise the limit")                       # "raise Max epochs…" was done
    u.combo("datasetCombo", "circle")
    u.check("data set circle")
    assert status(w).startswith("New data set (circle")
    u.key(Qt.Key.Key_Right)
    u.check("→")
    u.key(Qt.Key.Key_R)
    u.check("R")
    u.key(Qt.Key.Key_R, Qt.KeyboardModifier.ShiftModifier)
    u.check("Shift+R")
    assert "new initial weights" in status(w)
    u.key(Qt.Key.Key_N)
    u.check("N")
    u.save_and_open("a")
    u.check("save, open")
    u.key(Qt.Key.Key_Right)
    u.check("→ after open")                          # "Opened a.npz at epoch 2…" went


def test_converged_goes_when_a_point_it_misclassifies_is_added(qtbot, make_window, tmp_path):
    from backprop_lab.model import TrainConfig
    w = make_window(TrainConfig(lr=2.0, hidden=(8,), activation="tanh"))
    u = User(qtbot, w, tmp_path)
    w.toolbar.speed_slider.setValue(w.toolbar.speed_slider.maximum())
    u.play_for(4000)
    u.check("train to convergence")
    assert "converged" in status(w).lower(), status(w)
    for k in range(8):                            # points of both classes at the same places
        _map_click(qtbot, w, 0.1 + 0.1 * k, 0.5, Qt.MouseButton.LeftButton)
        _map_click(qtbot, w, 0.1 + 0.1 * k, 0.5, Qt.MouseButton.RightButton)
    u.check("add contradicting points")
    assert "converged" not in status(w).lower()


def random_action(rng: random.Random, u: User):
    w = u.w
    kind = rng.choice(["key", "key", "play", "click", "map", "spin", "combo", "timeline", "file"])
    if kind == "key":
        key = rng.choice([Qt.Key.Key_Space, Qt.Key.Key_Right, Qt.Key.Key_N, Qt.Key.Key_R])
        mod = rng.choice([Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier])
        u.key(key, mod if key == Qt.Key.Key_R else Qt.KeyboardModifier.NoModifier)
        return f"key {key.name}"
    if kind == "play":
        ms = rng.choice([50, 300])
        u.play_for(ms)
        return f"play {ms} ms"
    if kind == "click":
        name = rng.choice(["regenerateButton", "clearButton", "stepButton", "stepNButton",
                           "resetButton", "reinitButton"])
        click(u.qtbot, w, name)
        return name
    if kind == "map":
        x, y = rng.random(), rng.random()
        how = rng.choice(["left", "right", "shift"])
        if how == "shift":
            _map_click(u.qtbot, w, x, y, modifier=Qt.KeyboardModifier.ShiftModifier)
        else:
            _map_click(u.qtbot, w, x, y, Qt.MouseButton.LeftButton if how == "left"
                       else Qt.MouseButton.RightButton)
        return f"map {how}"
    if kind == "spin":
        name, value = rng.choice([("unitsSpin0", rng.randint(1, 6)), ("layersSpin", rng.randint(0, 3)),
                                  ("maxEpochsSpin", rng.choice([5, 50, 100_000])),
                                  ("pointsSpin", rng.choice([40, 200]))])
        u.spin(name, value)
        return f"{name} {value}"
    if kind == "combo":
        name, text = rng.choice([("datasetCombo", rng.choice(["xor-easy", "circle", "gaussian"])),
                                 ("activationCombo", rng.choice(["tanh", "relu", "sigmoid"]))])
        u.combo(name, text)
        return f"{name} {text}"
    if kind == "timeline":
        bar = w.timeline_bar
        if bar.scrubbing and rng.random() < 0.5:
            click(u.qtbot, w, "liveButton")
            return "Live"
        bar.scrub_to(rng.randint(0, max(bar.epoch_on_view, 1)))
        return "scrub"
    u.save_and_open(rng.choice(["b", "c"]))
    return "save, open"


@pytest.mark.parametrize("seed", [1, 2])
def test_random_use_never_leaves_an_untrue_message(qtbot, window, tmp_path, seed):
    rng, u = random.Random(seed), User(qtbot, window, tmp_path)
    window.toolbar.speed_slider.setValue(window.toolbar.speed_slider.maximum())
    for _ in range(60):
        u.check(random_action(rng, u))


def test_a_stop_reported_after_a_reset_tells_of_the_old_run_and_is_not_shown(qtbot, window):
    """The worker may have stopped (converged at 523) just before it handled the reset:
    its answer, which carries the generation of the run it describes, then arrives after
    "Reset: epoch 0…" and must not replace it (tests/test_stale_answers.py: a real one)."""
    old_run = window.session.generation
    qtbot.keyClick(window, Qt.Key.Key_R)
    window.session.sigStopped.emit("converged: 100% training accuracy at epoch 523", old_run)
    window.session.sigError.emit("Data not used: whatever it was", old_run)
    qtbot.wait(20)
    assert status(window).startswith("Reset: epoch 0") and not window._running
    qtbot.keyClick(window, Qt.Key.Key_Right)         # a stop of the run that follows is shown
    qtbot.waitUntil(lambda: window.newest_snapshot() is not None and window.newest_snapshot().epoch == 1)
    alarm = "loss exploding at epoch 1: paused (the divergence guard)"
    window.session.sigStopped.emit(alarm, window.session.generation)
    qtbot.wait(20)
    assert status(window) == alarm


def test_status_line_keeps_reports_and_standing_messages_and_drops_stale_ones(qtbot):
    from PySide6.QtWidgets import QStatusBar
    from backprop_lab.gui.status_line import StatusLine
    bar = QStatusBar()
    qtbot.addWidget(bar)
    empty = [True]
    line = StatusLine(bar)
    line.standing("Nothing to train on.", lambda: empty[0])
    assert bar.currentMessage() == "Nothing to train on."
    empty[0] = False
    line.changed()
    assert bar.currentMessage() == ""
    bar.showMessage("Reset: epoch 0.")                # about the state: goes with the next change
    line.changed()
    assert bar.currentMessage() == ""
    line.report("Saved a.npz.", 60)                   # an event: stays until its timeout
    line.changed()
    assert bar.currentMessage() == "Saved a.npz." and not line.stale()
    empty[0] = True
    qtbot.waitUntil(lambda: bar.currentMessage() == "Nothing to train on.", timeout=2000)
    bar.showMessage("Network rebuilt.")
    line.changed()                                    # the standing one comes back, the other goes
    assert bar.currentMessage() == "Nothing to train on."
