"""A long study in the Experiments dialog shows each row as soon as its trials end,
with the time elapsed, and a cancel keeps the rows already shown."""
import pytest
from PySide6.QtCore import Qt


@pytest.fixture
def dialog(window):
    d = window.experiments.open()
    d.workers.setValue(1)      # rows run in config order, in the dialog's own process
    yield d
    d.shutdown()


def fill(d, datasets, trials, budget, **texts):
    for field, text in texts.items():
        d.fields[field].setText(text)
    for name, cb in d.dataset_checks.items():
        cb.setChecked(name in datasets)
    d.trials.setValue(trials)
    d.budget.setValue(budget)


def test_rows_appear_while_the_study_runs_and_a_cancel_keeps_them(qtbot, dialog):
    # without an activation the linear set converges in ~1 400 epochs, while xor-easy
    # never does: its row would use the whole budget of 10 million epochs
    fill(dialog, ("linear", "xor-easy"), trials=2, budget=10_000_000, hidden="4",
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
    fill(dialog, ("xor-easy",), trials=1, budget=400, lr="0.5, 0.05, 5, 0.01")
    dialog.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)     # the lr column
    assert dialog.run()
    qtbot.waitUntil(lambda: not dialog.runner.running, timeout=60_000)

    lrs = [dialog.model.row_at(i).config.lr for i in range(dialog.model.rowCount())]
    assert lrs == [5.0, 0.5, 0.05, 0.01]
