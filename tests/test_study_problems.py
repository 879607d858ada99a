"""The hyper-parameter study follows the window's problem: a regression or K-class window
checks data sets that serve it (its own), names its K outputs, and says how a
regression's trials stop; a study of it runs and reports R²."""
import pytest

from backprop_lab.gui.study_problem import datasets_for, fits, stop_rule_note
from backprop_lab.model import TrainConfig, tasks

REGRESSION = TrainConfig(dataset="multi-gauss", **tasks.defaults_for("regression", 2))
THREE = TrainConfig(dataset="blobs", **tasks.defaults_for("classification", 3))


def test_data_sets_fit_their_problem():
    assert [fits(n, REGRESSION) for n in ("plane", "multi-gauss", "linear")] == [True, True, False]
    assert [fits(n, THREE) for n in ("spiral", "blobs", "xor")] == [True, True, False]
    assert [fits(n, TrainConfig()) for n in ("xor", "spiral", "plane")] == [True, True, False]
    assert datasets_for(REGRESSION, ["linear", "xor-easy"]) == ["multi-gauss"]
    assert datasets_for(REGRESSION, ["plane", "multi-gauss"]) == ["plane", "multi-gauss"]
    assert datasets_for(TrainConfig(), ["linear", "xor-easy"]) == ["linear", "xor-easy"]


def test_the_stop_rule_note_names_the_threshold_or_says_there_is_none():
    assert stop_rule_note(TrainConfig()) == ""
    assert "no trial converges" in stop_rule_note(REGRESSION)
    assert "≤ 0.01" in stop_rule_note(REGRESSION.replace(stop_loss=0.01))


@pytest.fixture
def dialog_of(make_window):
    opened = []

    def make(cfg):
        d = make_window(cfg).experiments.open()
        d.study.workers.setValue(1)
        opened.append(d)
        return d
    yield make
    for d in opened:
        d.shutdown()


def test_a_regression_window_studies_its_own_data_set_and_reports_r2(qtbot, dialog_of):
    d = dialog_of(REGRESSION.replace(n_points=40, hidden=(4,), stop_loss=0.05, optimizer="adam", lr=0.05))
    checked = [n for n, cb in d.study.dataset_checks.items() if cb.isChecked()]
    assert checked == ["multi-gauss"]
    base = d.study.base_label.text()
    assert "2-4-1 " in base and "training loss ≤ 0.05" in base
    d.study.trials.setValue(2)
    d.study.budget.setValue(300)
    assert d.run()
    qtbot.waitUntil(lambda: not d.runner.running, timeout=60_000)
    (row,) = d.result.rows
    assert row.config.task == "regression" and row.config.dataset == "multi-gauss"
    shown = d.model.data(d.model.index(0, d.model.keys.index("accuracy_mean")))
    assert shown.startswith("R² ")


def test_a_k_class_window_names_its_k_outputs_and_checks_a_k_class_set(dialog_of):
    d = dialog_of(THREE)
    assert [n for n, cb in d.study.dataset_checks.items() if cb.isChecked()] == ["blobs"]
    assert "2-4-4-3 " in d.study.base_label.text()
