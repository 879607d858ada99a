"""The Experiments dialog driven as a user would: typed values, Run, Cancel, sort, load."""
import time

import numpy as np
import pytest
from PySide6.QtCore import Qt

from backprop_lab.gui.sweep_grid import GridError, parse_grid
from backprop_lab.model.batched import TrialOutcome
from backprop_lab.model.config import TrainConfig
from backprop_lab.model.sweep import PRESETS, SweepResult, run_sweep, summarize
from backprop_lab.model.sweep_cli import csv_text
from backprop_lab.model.trainer import make_data


def fill(d, datasets=("xor-easy",), trials=2, budget=300, **texts):
    for field, text in texts.items():
        d.study.fields[field].setText(text)
    for name, cb in d.study.dataset_checks.items():
        cb.setChecked(name in datasets)
    d.study.trials.setValue(trials)
    d.study.budget.setValue(budget)


def run_to_end(qtbot, d, timeout=60_000):
    assert d.run()
    qtbot.waitUntil(lambda: not d.runner.running, timeout=timeout)
    return d.result


def column(d, key):
    return d.model.keys.index(key)


def test_ctrl_e_opens_the_dialog_with_the_windows_config_as_base(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    d = window.experiments.dialog
    assert d is not None and d.isVisible()
    assert d.study.base == window.cfg
    assert d.study.fields["lr"].text() == "0.1" and d.study.fields["hidden"].text() == "4"
    assert d.study.layers.value() == 2
    checked = [n for n, cb in d.study.dataset_checks.items() if cb.isChecked()]
    assert checked == ["linear", "xor-easy"]
    d.shutdown()


def test_typed_values_build_every_combination_on_every_data_set(dialog):
    fill(dialog, datasets=("linear", "xor-easy"), lr="0.1, 0.05", hidden="4, 8",
         activation="sigmoid, tanh")
    grid = dialog.study.grid()
    assert len(grid.configs) == 2 * 2 * 2 * 2
    assert grid.axes == ("lr", "hidden", "activation")
    assert {c.hidden for c in grid.configs} == {(4, 4), (8, 8)}
    assert {c.max_epochs for c in grid.configs} == {300}
    assert "16 configs × 2 trials = 32 trials" in dialog.study.summary.text()


def test_layers_spin_sets_the_depth_and_dashed_values_give_exact_layers(dialog):
    fill(dialog, hidden="5, 8-3")
    dialog.study.layers.setValue(3)
    assert {c.hidden for c in dialog.study.grid().configs} == {(5, 5, 5), (8, 3)}


def test_lab_preset_fills_the_classic_study_of_the_sweep_module(qtbot, dialog):
    qtbot.mouseClick(dialog.study.preset_button, Qt.MouseButton.LeftButton)
    assert list(dialog.study.grid().configs) == PRESETS["lab"].configs()
    assert dialog.study.one_at_a_time.isChecked()
    assert dialog.study.trials.value() == 10 and dialog.study.budget.value() == 100_000
    assert "30 configs" in dialog.study.summary.text()
    assert all(c.init == "standard_normal" for c in dialog.study.grid().configs)
    assert "lab convention" in dialog.study.base_label.text()
    assert "N(0, 1)" in dialog.study.base_label.text()


@pytest.mark.parametrize("field, text, words", [
    ("lr", "0.1, abc", ["Learning rates", "'abc'", "not a number"]),
    ("lr", "0.1, -2", ["Learning rates", "out of range"]),
    ("activation", "sigmoid, sigmiod", ["Activations", "sigmiod", "tanh"]),
    ("hidden", "4, many", ["Hidden units", "'many'"]),
    ("batch_size", "", ["Batch sizes", "at least one value"]),
])
def test_invalid_values_give_a_message_and_no_run(qtbot, dialog, field, text, words):
    fill(dialog, **{field: text})
    qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
    message = dialog.study.summary.text()
    assert all(w in message for w in words), message
    assert not dialog.runner.running and dialog.result is None
    assert dialog.model.rowCount() == 0


def test_no_data_set_ticked_is_refused_with_a_message(dialog):
    fill(dialog, datasets=())
    assert not dialog.run()
    assert "Data sets" in dialog.study.summary.text()


def test_tiny_sweep_fills_the_table_with_run_sweeps_own_numbers(qtbot, dialog):
    fill(dialog, datasets=("linear",), lr="0.5, 2", loss="bce", trials=2, budget=300)
    result = run_to_end(qtbot, dialog)
    assert not result.cancelled
    assert dialog.model.rowCount() == 2
    assert dialog.progress.value() == dialog.progress.maximum() == 4
    assert dialog.status.text().startswith("Done: 2 configs")
    expected = run_sweep(list(dialog.study.grid().configs), 2, axes=("lr",), workers=1)
    assert [r.statistics() for r in result.rows] == [r.statistics() for r in expected.rows]
    assert any(r.converged for r in expected.rows)        # the stop columns are not all empty
    for i, row in enumerate(expected.rows):
        for key in ("converged", "stop_mean", "failures", "accuracy_mean"):
            shown = dialog.model.index(i, column(dialog, key)).data(Qt.ItemDataRole.UserRole)
            assert shown == row.record()[key]


def test_cancel_stops_a_long_sweep_promptly_and_the_dialog_stays_usable(qtbot, dialog):
    dialog.study.workers.setValue(2)      # the default: worker processes, as a user's study runs
    fill(dialog, lr="0.0001, 0.0002", hidden="20", trials=4, budget=5_000_000)
    assert dialog.run()
    qtbot.wait(300)
    assert dialog.runner.running and dialog.cancel_button.isEnabled()
    start = time.perf_counter()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.runner.running, timeout=5000)
    assert time.perf_counter() - start < 1.0
    assert dialog.result.cancelled and dialog.status.text().startswith("Cancelled")
    assert dialog.run_button.isEnabled() and not dialog.cancel_button.isEnabled()
    dialog.study.workers.setValue(1)
    fill(dialog, datasets=("linear",), lr="0.5", hidden="4", trials=1, budget=100)
    result = run_to_end(qtbot, dialog)
    assert not result.cancelled and len(result.rows) == 1


def test_rows_appear_while_the_study_runs_and_a_cancel_keeps_them(qtbot, dialog):
    # without an activation the linear set converges in ~1 400 epochs, while xor-easy
    # never does: its row would use the whole budget of 10 million epochs
    fill(dialog, datasets=("linear", "xor-easy"), trials=2, budget=10_000_000, hidden="4",
         activation="none", lr="0.1")
    assert dialog.run()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=30_000)

    assert dialog.runner.running
    row = dialog.model.row_at(0)
    assert (row.dataset, row.converged) == ("linear", 2)
    assert "1 of 2 configs done" in dialog.status.text() and "elapsed" in dialog.status.text()
    assert not dialog.export_button.isEnabled()      # no result to export until it ends

    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.runner.running, timeout=5000)
    assert dialog.result.cancelled and dialog.model.rowCount() == 1
    assert dialog.model.row_at(0).statistics() == row.statistics()


def test_a_column_the_user_sorted_by_stays_sorted_as_rows_come_in(qtbot, dialog):
    fill(dialog, trials=1, budget=400, lr="0.5, 0.05, 5, 0.01")
    dialog.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)     # the lr column
    assert dialog.run()
    qtbot.waitUntil(lambda: not dialog.runner.running, timeout=60_000)

    lrs = [dialog.model.row_at(i).config.lr for i in range(dialog.model.rowCount())]
    assert lrs == [5.0, 0.5, 0.05, 0.01]


def test_the_window_keeps_training_while_a_study_runs(qtbot, window, dialog):
    fill(dialog, lr="0.0001", hidden="20", trials=2, budget=5_000_000)
    assert dialog.run()
    window.session.step(30)
    qtbot.waitUntil(lambda: window.snapshot.epoch == 30, timeout=5000)
    assert dialog.runner.running
    dialog.cancel()
    qtbot.waitUntil(lambda: not dialog.runner.running, timeout=5000)


def _row(lr, hidden, stops, accuracy=1.0):
    """A summarised row whose trials stopped at ``stops`` (None = failed)."""
    cfg = TrainConfig(lr=lr, hidden=hidden)
    outcomes = [TrialOutcome(cfg.seed + i, "converged" if s else "max_epochs", s,
                             accuracy if s else 0.5, s or 1000) for i, s in enumerate(stops)]
    return summarize(cfg, ("lr", "hidden"), outcomes, 1.0)


def test_sorting_by_a_numeric_column_orders_by_number_not_text(dialog):
    rows = (_row(0.1, (20, 20), [900]), _row(0.05, (100, 100), [10_000]),
            _row(0.01, (5, 5), [None]), _row(0.5, (9, 9), [50]))
    dialog.show_result(SweepResult(rows, ("lr", "hidden"), 1, False, 1.0))
    dialog.table.sortByColumn(column(dialog, "stop_mean"), Qt.SortOrder.AscendingOrder)
    shown = [dialog.model.index(i, column(dialog, "stop_mean")).data() for i in range(4)]
    assert shown == ["50.0", "900.0", "10,000.0", "–"]          # no stop epoch: last
    dialog.table.sortByColumn(column(dialog, "stop_mean"), Qt.SortOrder.DescendingOrder)
    shown = [dialog.model.index(i, column(dialog, "stop_mean")).data() for i in range(4)]
    assert shown == ["10,000.0", "900.0", "50.0", "–"]
    dialog.table.sortByColumn(column(dialog, "hidden"), Qt.SortOrder.AscendingOrder)
    assert [dialog.model.index(i, column(dialog, "hidden")).data() for i in range(4)] == \
        ["5-5", "9-9", "20-20", "100-100"]


def test_double_click_loads_the_rows_config_trial_seed_and_data_into_the_window(qtbot, window, dialog):
    fill(dialog, datasets=("linear",), lr="0.5, 2", hidden="3", loss="bce", trials=2, budget=300)
    result = run_to_end(qtbot, dialog)
    dialog.table.sortByColumn(column(dialog, "lr"), Qt.SortOrder.DescendingOrder)   # lr 2 first
    dialog.trial_spin.setValue(1)
    index = dialog.model.index(0, column(dialog, "lr"))
    rect = dialog.table.visualRect(index)
    qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    row = next(r for r in result.rows if r.config.lr == 2)
    want = row.config.replace(seed=row.config.seed + 1)
    qtbot.waitUntil(lambda: window.snapshot.config == want, timeout=5000)
    snap = window.snapshot
    assert snap.epoch == 0 and snap.spec.sizes == (2, 3, 3, 1)
    assert window.cfg == want and window.controls.cfg == want
    X, y, _, _ = make_data(want)
    assert np.array_equal(snap.X, X) and np.array_equal(snap.y, y)
    assert "trial 1 (seed 43)" in window.statusBar().currentMessage()


def test_loaded_trial_reproduces_its_stop_epoch_in_the_window(qtbot, window, dialog):
    fill(dialog, datasets=("linear",), lr="2", hidden="3", loss="bce", trials=2, budget=300)
    result = run_to_end(qtbot, dialog)
    outcome = result.rows[0].outcomes[1]
    assert outcome.stop_epoch is not None
    cfg = dialog.load_row(0, trial=1)
    qtbot.waitUntil(lambda: window.snapshot.config == cfg, timeout=5000)
    window.session.step(300)
    qtbot.waitUntil(lambda: window.snapshot.status == "converged", timeout=10_000)
    assert window.snapshot.stop_epoch == outcome.stop_epoch


def test_export_writes_the_sweep_modules_csv(qtbot, dialog, tmp_path, monkeypatch):
    fill(dialog, datasets=("linear",), lr="0.5, 2", trials=1, budget=50)
    result = run_to_end(qtbot, dialog)
    monkeypatch.setattr("backprop_lab.gui.experiments.ask_export_path", lambda parent, name: str(tmp_path / "s.csv"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert (tmp_path / "s.csv").read_text() == csv_text(result)
    assert dialog.export(str(tmp_path / "s.md")) and (tmp_path / "s.md").read_text().startswith("| dataset")
    assert dialog.export(str(tmp_path / "s.txt")) is None
    assert "use .csv, .md or .json" in dialog.status.text()


def test_parse_grid_one_axis_at_a_time_keeps_the_others_at_the_base():
    base = TrainConfig(lr=0.1, hidden=(4, 4))
    grid = parse_grid(base, {"lr": "0.1, 0.3", "hidden": "4, 6"}, layers=2, datasets=["linear"],
                      one_at_a_time=True, budget=100)
    assert [(c.lr, c.hidden) for c in grid.configs] == [(0.1, (4, 4)), (0.3, (4, 4)), (0.1, (6, 6))]
    with pytest.raises(GridError, match="Layers"):
        parse_grid(base, {"lr": "0.1"}, layers=0, datasets=["linear"], one_at_a_time=False, budget=1)


def test_progress_bar_counts_the_studys_trials_before_it_runs(dialog):
    """It read "0 / 1 trials" while the summary said 20."""
    fill(dialog, datasets=("xor-easy", "linear"), trials=5, lr="0.1, 0.5", hidden="4", activation="sigmoid",
         optimizer="sgd", loss="mse", batch_size="0")
    study = dialog.study
    planned = len(study.grid().configs) * study.trials.value()
    assert planned == 20 and f"= {planned} trials" in study.summary.text()
    assert dialog.progress.text() == f"0 / {planned} trials"
    study.trials.setValue(3)
    assert dialog.progress.text() == f"0 / {len(study.grid().configs) * 3} trials"
