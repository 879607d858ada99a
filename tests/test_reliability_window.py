"""Issue 12's doors in the window: File > Open and Import refuse FIFOs and oversized
sessions at once, and the Experiments dialog refuses a study that would not fit
in memory, each with a one-line message and nothing changed."""
from __future__ import annotations

import os
import time

import numpy as np
import pytest
from PySide6.QtCore import Qt

from backprop_lab.model import TrainConfig, Trainer, make_data
from backprop_lab.model.session import save_session
from test_session import rewrite


def refused_within(window, open_file, path, *words, seconds=5.0):
    """``open_file(path)`` returns False within ``seconds`` and the error box says
    ``words`` in one line; the window keeps its points."""
    points = window.data.X.copy()
    start = time.perf_counter()
    assert not open_file(path)
    assert time.perf_counter() - start < seconds
    text = window.file_menu.error_box.text()
    assert "\n" not in text and all(w in text for w in words), text
    assert np.array_equal(window.data.X, points)
    window.file_menu.error_box.close()


def test_open_and_import_refuse_a_fifo_at_once(qtbot, window, tmp_path):
    fifo = tmp_path / "pipe.npz"
    os.mkfifo(fifo)
    refused_within(window, window.file_menu.open_path, fifo, "pipe.npz", "not a regular file")
    refused_within(window, window.file_menu.import_points_from, fifo, "pipe.npz", "not a regular file")


def test_open_refuses_a_small_session_asking_for_a_huge_network(qtbot, window, tmp_path):
    save_session(Trainer(TrainConfig(), *make_data(TrainConfig())), tmp_path / "a.npz")
    huge = rewrite(tmp_path / "a.npz", tmp_path / "huge.npz",
                   header=lambda h: h["config"].update(hidden=[4096] * 16))
    refused_within(window, window.file_menu.open_path, huge, "huge.npz", "parameters, more than", seconds=1)


@pytest.mark.parametrize("hidden, trials, words", [
    ("4096", 2, "parameters, more than"),
    ("10", 1000, "A sweep row of network 2-10×2-1 on 21 points would need about"),
])
def test_a_study_that_would_not_fit_is_refused_before_it_runs(qtbot, dialog, monkeypatch,
                                                              hidden, trials, words):
    monkeypatch.setenv("BACKPROP_LAB_MEMORY_BUDGET", "1000000")
    dialog.study.fields["hidden"].setText(hidden)
    for name, cb in dialog.study.dataset_checks.items():
        cb.setChecked(name == "xor-easy")
    dialog.study.trials.setValue(trials)
    qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
    assert words in dialog.study.summary.text(), dialog.study.summary.text()
    assert not dialog.runner.running and dialog.result is None


def test_import_refuses_more_points_than_the_network_can_train_on_here(qtbot, window, tmp_path,
                                                                         monkeypatch):
    path = tmp_path / "many.csv"
    path.write_text("x1,x2,label\n" + "0.1,0.2,1\n" * 2000)
    monkeypatch.setenv("BACKPROP_LAB_MEMORY_BUDGET", "100000")
    refused_within(window, window.file_menu.import_points_from, path,
                   "many.csv: training network 2-4×2-1 on 2,000 points would need about")
