"""The File menu driven through the real window: sessions (save, open, new, the
unsaved mark and prompt), point and log CSV files, remembered settings, and bad
files that must leave the current session exactly as it was."""
import errno
import json

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QComboBox, QSpinBox, QSplitter

import backprop_lab.gui.file_dialogs as file_dialogs
import backprop_lab.gui.file_menu as file_menu
from backprop_lab.gui import settings
from backprop_lab.gui.main_window import MainWindow
from backprop_lab.model import TrainConfig, make_data
from backprop_lab.model.atomic_file import atomic_write
from backprop_lab.model.csv_data import read_points_csv
from backprop_lab.model.session import save_session
from backprop_lab.model.trainer import Trainer


def settle(qtbot, w, epoch=None, ms=4000):
    """Wait until the worker has answered everything sent so far (and drawn ``epoch``)."""
    done = []
    w.session.call(lambda worker: worker.trainer.epoch, lambda r, e: done.append(r))
    qtbot.waitUntil(lambda: bool(done), timeout=ms)
    if epoch is not None:
        qtbot.waitUntil(lambda: w.snapshot is not None and w.snapshot.epoch == epoch, timeout=ms)
    qtbot.wait(30)          # the snapshot after the call is drawn too
    return done[0]


def step(qtbot, w, n):
    start = settle(qtbot, w)
    w.session.step(n)
    settle(qtbot, w, start + n)


def live_state(qtbot, w):
    """(epoch, weights, points, config) of the live trainer, read in its thread."""
    got = []
    w.session.call(lambda worker: (worker.trainer.epoch, worker.trainer.network.theta.copy(),
                                   worker.trainer.X.copy(), worker.trainer.cfg), lambda r, e: got.append(r))
    qtbot.waitUntil(lambda: bool(got), timeout=4000)
    return got[0]


def assert_same_state(a, b):
    assert a[0] == b[0]
    assert np.array_equal(a[1], b[1])
    assert np.array_equal(a[2], b[2])
    assert a[3] == b[3]


def saved(qtbot, w, path):
    w.file_menu.save_to(path)
    qtbot.waitUntil(lambda: not w.isWindowModified() and w.file_menu.path == path, timeout=4000)


# --- title, actions -------------------------------------------------------------------------
def test_file_menu_has_the_standard_shortcuts(window):
    actions = window.file_menu.actions
    assert actions["new"].shortcut() == QKeySequence(QKeySequence.StandardKey.New)
    assert actions["open"].shortcut().toString() == "Ctrl+O"
    assert actions["save"].shortcut().toString() == "Ctrl+S"
    assert actions["saveAs"].shortcut().toString() == "Ctrl+Shift+S"
    assert actions["quit"].shortcut().toString() == "Ctrl+Q"
    texts = [a.text() for a in window.file_menu.menu.actions()]
    for wanted in ("Import points CSV", "Export points CSV", "Export training log",
                   "Export figure", "Export all panels", "Export animation"):
        assert any(wanted.lower() in t.replace("&", "").lower() for t in texts), wanted


def test_title_names_the_file_and_marks_training_as_unsaved(qtbot, window, tmp_path):
    assert window.windowTitle().startswith("Untitled[*]")
    assert not window.isWindowModified()
    step(qtbot, window, 5)
    assert window.isWindowModified()
    saved(qtbot, window, tmp_path / "xor.npz")
    assert window.windowTitle().startswith("xor.npz[*]")
    assert "Saved xor.npz at epoch 5" in window.statusBar().currentMessage()


def test_config_edits_and_point_edits_count_as_unsaved(qtbot, window, tmp_path):
    saved(qtbot, window, tmp_path / "a.npz")
    window.findChild(QComboBox, "activationCombo").setCurrentText("tanh")
    assert window.isWindowModified()
    saved(qtbot, window, tmp_path / "a.npz")
    window.data.add(0.3, 0.3, 1)
    assert window.isWindowModified()


# --- save and open -----------------------------------------------------------------------------
def test_open_then_play_continues_bit_identical_to_uninterrupted_training(qtbot, window, tmp_path):
    step(qtbot, window, 40)
    saved(qtbot, window, tmp_path / "run.npz")
    step(qtbot, window, 25)                  # move on, so opening has something to undo
    window.file_menu.open_path(tmp_path / "run.npz")
    settle(qtbot, window, 40)
    assert not window.isWindowModified()
    window.toolbar.sigPlay.emit()
    qtbot.waitUntil(lambda: window.snapshot.epoch > 300, timeout=8000)
    window.toolbar.sigPause.emit()
    epoch, theta, _, _ = live_state(qtbot, window)

    cfg = TrainConfig()
    uninterrupted = Trainer(cfg, *make_data(cfg))
    uninterrupted.run(epochs=epoch)
    assert uninterrupted.epoch == epoch
    assert np.array_equal(theta, uninterrupted.network.theta)


def test_open_shows_the_sessions_settings_and_points(qtbot, window, tmp_path):
    cfg = TrainConfig(dataset="circle", n_points=60, hidden=(3,), activation="tanh", lr=0.5,
                      test_fraction=0.25)
    other = Trainer(cfg, *make_data(cfg))
    other.run(epochs=12)
    save_session(other, tmp_path / "circle.npz")
    assert window.file_menu.open_path(tmp_path / "circle.npz")
    settle(qtbot, window, 12)
    assert window.cfg == cfg and window.controls.cfg == cfg
    assert window.findChild(QSpinBox, "layersSpin").value() == 1
    assert window.findChild(QComboBox, "activationCombo").currentText() == "tanh"
    assert np.array_equal(window.data.X, other.X) and np.array_equal(window.data.X_test, other.X_test)
    assert window.snapshot.spec.sizes == (2, 3, 1)
    assert np.array_equal(window.snapshot.theta, other.network.theta)
    assert window.windowTitle().startswith("circle.npz[*]") and not window.isWindowModified()
    assert "Opened circle.npz at epoch 12" in window.statusBar().currentMessage()


def _valid_session(tmp_path) -> "Path":
    cfg = TrainConfig()
    tr = Trainer(cfg, *make_data(cfg))
    tr.run(epochs=3)
    path = tmp_path / "good.npz"
    save_session(tr, path)
    return path


def _rewritten(path, out, change):
    with np.load(path, allow_pickle=False) as npz:
        arrays = {k: npz[k] for k in npz.files}
    change(arrays)
    np.savez(out, **arrays)
    return out


def _newer_version(arrays):
    header = json.loads(str(arrays["header"]))
    header["format_version"] = 99
    arrays["header"] = np.array(json.dumps(header))


def _nan_weights(arrays):
    arrays["theta"] = arrays["theta"].copy()
    arrays["theta"][0] = np.nan


def _written(out, data: bytes):
    out.write_bytes(data)
    return out


BAD_SESSIONS = {
    "truncated": lambda good, out: _written(out, good.read_bytes()[: good.stat().st_size // 2]),
    "garbage": lambda good, out: _written(out, b"not a session at all\n" * 20),
    "newer version": lambda good, out: _rewritten(good, out, _newer_version),
    "nan weights": lambda good, out: _rewritten(good, out, _nan_weights),
    "missing": lambda good, out: out,
}


@pytest.mark.parametrize("kind", BAD_SESSIONS)
def test_bad_session_file_is_refused_in_one_line_and_changes_nothing(qtbot, window, tmp_path, kind):
    bad = BAD_SESSIONS[kind](_valid_session(tmp_path), tmp_path / "bad.npz")
    step(qtbot, window, 7)
    before, title, modified = live_state(qtbot, window), window.windowTitle(), window.isWindowModified()
    assert not window.file_menu.open_path(bad)
    box = window.file_menu.error_box
    assert box is not None and box.isVisible()
    assert "bad.npz" in box.text() and "\n" not in box.text()
    settle(qtbot, window)
    assert_same_state(live_state(qtbot, window), before)
    assert window.cfg == before[3] and np.array_equal(window.data.X, before[2])
    assert window.windowTitle() == title and window.isWindowModified() == modified
    assert window.snapshot.epoch == 7
    box.close()


def test_failed_save_keeps_the_old_file_and_says_why(qtbot, window, tmp_path, monkeypatch):
    target = tmp_path / "kept.npz"
    saved(qtbot, window, target)
    old = target.read_bytes()

    def disk_full(trainer, path):            # the real atomic writer, failing half-way
        with atomic_write(path) as f:
            f.write(b"half a session")
            raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(file_menu, "save_session", disk_full)
    step(qtbot, window, 3)
    window.file_menu.save_to(target)
    qtbot.waitUntil(lambda: window.file_menu.error_box is not None, timeout=4000)
    assert window.file_menu.error_box.text() == "kept.npz: cannot write (No space left on device)"
    assert target.read_bytes() == old
    assert window.isWindowModified()
    assert [p.name for p in tmp_path.iterdir()] == ["kept.npz"]


# --- new, and the unsaved-work prompt ---------------------------------------------------------
def test_new_goes_back_to_defaults_after_asking(qtbot, window, monkeypatch):
    window.findChild(QComboBox, "datasetCombo").setCurrentText("circle")
    step(qtbot, window, 5)
    asked = []
    monkeypatch.setattr(file_dialogs, "ask_save_changes", lambda p, n: asked.append(n) or "cancel")
    window.file_menu.actions["new"].trigger()
    assert asked == ["Untitled"]
    settle(qtbot, window)
    assert window.snapshot.epoch == 5 and window.cfg.dataset == "circle"

    monkeypatch.setattr(file_dialogs, "ask_save_changes", lambda p, n: "discard")
    window.file_menu.actions["new"].trigger()
    settle(qtbot, window, 0)
    assert window.cfg == TrainConfig()
    assert np.array_equal(window.data.X, make_data(TrainConfig())[0])
    assert window.snapshot.epoch == 0 and not window.isWindowModified()


def test_an_example_loads_its_config_and_data_at_epoch_0_with_its_lesson_beside(qtbot, window,
                                                                                monkeypatch):
    from backprop_lab.model.examples import EXAMPLES
    ex = EXAMPLES["vanishing-gradients"]
    action = window.file_menu.actions["example:vanishing-gradients"]
    assert action.text() == ex.title and action.toolTip() == ex.lesson
    step(qtbot, window, 3)
    asked = []
    monkeypatch.setattr(file_dialogs, "ask_save_changes", lambda p, n: asked.append(n) or "discard")

    action.trigger()

    assert asked == ["Untitled"]                       # unsaved epochs: asked first
    settle(qtbot, window, 0)
    assert window.cfg == ex.config and live_state(qtbot, window)[3] == ex.config
    assert np.array_equal(window.data.X, make_data(ex.config)[0])
    box = window.file_menu.lesson_box
    assert box.isVisible() and box.text() == ex.lesson and box.window() is window
    assert not window.isWindowModified()
    # a strip above the views: it covers no control and no view
    strip = box.geometry().translated(box.parentWidget().mapTo(window, box.pos()) - box.pos())
    for view in (window.controls, *window.views.values()):
        if view.isVisible():
            assert not strip.intersects(view.geometry().translated(
                view.parentWidget().mapTo(window, view.pos()) - view.pos())), view.objectName()
    step(qtbot, window, 2)                             # the window stays usable beside it
    window.file_menu.actions["example:deep-relu"].trigger()
    settle(qtbot, window, 0)
    assert box.isVisible() and window.file_menu.lesson_box.text() == EXAMPLES["deep-relu"].lesson
    qtbot.mouseClick(box.close_button, Qt.MouseButton.LeftButton)
    assert not box.isVisible()


def test_closing_with_unsaved_work_can_be_cancelled_or_saved_first(qtbot, window, tmp_path, monkeypatch):
    step(qtbot, window, 4)
    monkeypatch.setattr(file_dialogs, "ask_save_changes", lambda p, n: "cancel")
    window.close()
    assert window.isVisible()

    monkeypatch.setattr(file_dialogs, "ask_save_changes", lambda p, n: "save")
    monkeypatch.setattr(file_dialogs, "ask_save_path", lambda *a: str(tmp_path / "last"))
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=4000)
    assert (tmp_path / "last.npz").exists()


def test_open_asks_before_discarding_and_cancel_keeps_everything(qtbot, window, tmp_path, monkeypatch):
    path = _valid_session(tmp_path)
    step(qtbot, window, 6)
    monkeypatch.setattr(file_dialogs, "ask_save_changes", lambda p, n: "cancel")
    monkeypatch.setattr(file_dialogs, "ask_open_path", lambda *a: pytest.fail("no dialog after Cancel"))
    window.file_menu.actions["open"].trigger()
    settle(qtbot, window)
    assert window.snapshot.epoch == 6

    monkeypatch.setattr(file_dialogs, "ask_save_changes", lambda p, n: "discard")
    monkeypatch.setattr(file_dialogs, "ask_open_path", lambda *a: str(path))
    window.file_menu.actions["open"].trigger()
    settle(qtbot, window, 3)


# --- CSV files ---------------------------------------------------------------------------------
def test_import_csv_replaces_the_points_and_keeps_the_weights(qtbot, window, tmp_path):
    csv = tmp_path / "mine.csv"
    csv.write_text("x1,x2,label,split,comment\n0.1,0.2,0,train,a\n0.8,0.9,1,train,b\n"
                   "0.5,0.5,1,test,c\n")
    step(qtbot, window, 10)
    epoch, theta, _, _ = live_state(qtbot, window)
    assert window.file_menu.import_points_from(csv)
    settle(qtbot, window)
    new_epoch, new_theta, X, _ = live_state(qtbot, window)
    assert new_epoch == epoch and np.array_equal(new_theta, theta)
    assert np.array_equal(X, [[0.1, 0.2], [0.8, 0.9]])
    assert window.data.n_test == 1
    message = window.statusBar().currentMessage()
    assert "mine.csv" in message and "comment" in message      # the ignored column is named


@pytest.mark.parametrize("text", ["x1,x2\n1,2\n", "x1,x2,label\n0.1,nan,1\n",
                                  "x1,x2,label\n0.1,0.2,9\n", "\x00\x01binary"])   # 2 .. 7: K classes
def test_bad_csv_is_refused_in_one_line_and_changes_nothing(qtbot, window, tmp_path, text):
    csv = tmp_path / "bad.csv"
    csv.write_text(text)
    step(qtbot, window, 3)
    before = live_state(qtbot, window)
    assert not window.file_menu.import_points_from(csv)
    assert "bad.csv" in window.file_menu.error_box.text()
    assert "\n" not in window.file_menu.error_box.text()
    settle(qtbot, window)
    assert_same_state(live_state(qtbot, window), before)
    assert np.array_equal(window.data.X, before[2])


def test_export_points_csv_round_trips(qtbot, window, tmp_path):
    window.findChild(QSpinBox, "testSplitSpin").setValue(30)
    settle(qtbot, window)
    path = tmp_path / "points.csv"
    assert window.file_menu.export_points_to(path)
    back = read_points_csv(path)
    assert np.array_equal(back.X, window.data.X) and np.array_equal(back.y, window.data.y)
    assert np.array_equal(back.X_test, window.data.X_test) and len(back.X_test) > 0


def test_export_training_log_has_one_row_per_epoch(qtbot, window, tmp_path):
    step(qtbot, window, 12)
    path = tmp_path / "log.csv"
    assert window.file_menu.export_log_to(path)
    lines = path.read_text().splitlines()
    assert lines[0].startswith("epoch,loss,accuracy")
    assert [int(l.split(",")[0]) for l in lines[1:]] == list(range(1, 13))


def test_dialogs_get_the_chosen_path_with_its_suffix(qtbot, window, tmp_path, monkeypatch):
    monkeypatch.setattr(file_dialogs, "ask_save_path", lambda *a: str(tmp_path / "pts"))
    window.file_menu.actions["exportCsv"].trigger()
    assert (tmp_path / "pts.csv").exists()
    assert settings.last_folder("csv") == str(tmp_path)


# --- remembered across launches ------------------------------------------------------------------
def second_default_size():
    from PySide6.QtCore import QSize
    return QSize(1560, 960)         # what MainWindow picks without settings


def test_window_size_splitters_and_config_are_remembered(qtbot, make_window):
    first = make_window()
    first.resize(760, 560)      # inside the offscreen screen (800 × 600): restoring clamps to it
    first.findChild(QSplitter, "mainSplitter").setSizes([420, 680])
    first.findChild(QComboBox, "activationCombo").setCurrentText("relu")
    qtbot.wait(50)
    sizes = first.findChild(QSplitter, "mainSplitter").sizes()
    size = first.size()
    assert size != second_default_size()
    first.close()

    cfg = settings.last_config()
    assert cfg is not None and cfg.activation == "relu"
    second = make_window(cfg)
    assert second.size() == size
    assert second.findChild(QSplitter, "mainSplitter").sizes() == sizes
    assert second.findChild(QComboBox, "activationCombo").currentText() == "relu"
    second.close()


def test_a_damaged_settings_file_is_ignored(qtbot):
    settings.store().setValue("config/last", "{not json")
    settings.store().setValue("window/geometry", b"rubbish")
    assert settings.last_config() is None
    w = MainWindow(settings.last_config())
    qtbot.addWidget(w)
    qtbot.waitUntil(lambda: w.snapshot is not None, timeout=5000)
    assert w.cfg == TrainConfig()
    w.close()

