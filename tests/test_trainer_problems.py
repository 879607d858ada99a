"""The Trainer on K classes and on regression: scores, stop rules, test sets, snapshots."""
import numpy as np
import pytest

from backprop_lab.model import TrainConfig, Trainer, metrics, tasks
from backprop_lab.model.trainer import make_data


def _trainer(**kw):
    cfg = TrainConfig(**kw)
    X, y, Xt, yt = make_data(cfg)
    return Trainer(cfg, X, y, Xt, yt)


def three_spirals(**kw):
    base = dict(dataset="spiral", classes=3, n_points=150, noise=0.0, hidden=(16, 16), activation="tanh",
                output_activation="softmax", loss="ce", optimizer="adam", lr=0.02, max_epochs=1500)
    return _trainer(**{**base, **kw})


def test_three_class_spiral_is_learned_by_softmax_cross_entropy():
    tr = three_spirals()
    first = tr.step()
    assert first.accuracy < 0.6 and np.isclose(first.loss, np.log(3), atol=0.3)   # ~chance at start
    tr.run()
    assert tr.history.view().accuracy[-1] > 0.9
    assert tr.snapshot().predict(tr.X).shape == (150, 3)


def test_k_class_accuracy_is_the_share_of_argmax_equal_to_label():
    tr = three_spirals(max_epochs=5)
    p = tr.snapshot().predict(tr.X)                     # the weights before the next epoch
    s = tr.step()
    assert s.accuracy == metrics.accuracy(p, tr.y)


def test_minibatches_and_test_split_score_k_classes():
    tr = three_spirals(batch_size=16, test_fraction=0.3, max_epochs=40)
    tr.run()
    s = tr.history.view()
    assert len(s) == 40 and np.isfinite(s.test_accuracy).all()
    snap = tr.snapshot()
    assert np.isclose(snap.scores_now()["test_accuracy"], metrics.accuracy(snap.predict(tr.X_test), tr.y_test))


def test_k_class_mse_on_one_hot_trains_too():
    tr = _trainer(dataset="blobs", classes=4, n_points=120, noise=0.1, hidden=(8,), activation="tanh",
                  output_activation="softmax", loss="mse", lr=0.5, max_epochs=600)
    tr.run()
    assert tr.status == "converged" and tr.history.view().accuracy[-1] == 1.0


def regression(**kw):
    base = dict(task="regression", dataset="plane", n_points=100, hidden=(4,), activation="tanh",
                output_activation="none", loss="mse", optimizer="adam", lr=0.02, max_epochs=400)
    return _trainer(**{**base, **kw})


def test_regression_accuracy_column_holds_r2_and_the_fit_gets_close():
    tr = regression()
    tr.run()
    h = tr.history.view()
    assert tr.status == "max_epochs"                     # no 100 % rule for regression
    assert h.accuracy[-1] > 0.99
    snap = tr.snapshot()
    now = snap.scores_now()
    p = snap.predict(tr.X)
    assert np.isclose(now["accuracy"], 1 - np.sum((p - tr.y) ** 2) / np.sum((tr.y - tr.y.mean()) ** 2))
    assert np.isclose(now["mae"], np.mean(np.abs(p - tr.y)))


def test_regression_epoch_r2_is_measured_before_the_update():
    tr = regression(max_epochs=3)
    p = tr.snapshot().predict(tr.X)
    s = tr.step()
    assert np.isclose(s.accuracy, metrics.r2(p, tr.y))
    assert np.isclose(s.loss, np.mean((p - tr.y) ** 2))


def test_stop_loss_ends_training_at_the_first_epoch_below_it():
    tr = regression(stop_loss=0.01)
    tr.run()
    h = tr.history.view()
    assert tr.status == "converged" and "loss" in tr.message
    assert h.loss[-1] <= 0.01 < h.loss[-2]
    assert tr.stop_epoch == tr.epoch


def test_sigmoid_output_cannot_fit_regression_targets_above_one():
    tr = regression(output_activation="sigmoid", dataset="plane", max_epochs=300)
    tr.run()
    p = tr.snapshot().predict(tr.X)
    assert p.max() < 1.0 and tr.y.max() > 1.0          # the targets reach 1.2, the output never 1
    linear = regression()
    linear.run()
    assert tr.history.view().accuracy[-1] < linear.history.view().accuracy[-1] - 0.1


def test_set_data_checks_labels_against_the_problem():
    tr = three_spirals(max_epochs=2)
    with pytest.raises(ValueError, match="0 to 2"):
        tr.set_data(np.zeros((2, 2)), [0, 3])
    tr.set_data(np.zeros((3, 2)), [0, 1, 2])
    rg = regression()
    rg.set_data(np.zeros((2, 2)), [0.25, -3.5])
    with pytest.raises(ValueError, match="0 or 1"):
        _trainer().set_data(np.zeros((1, 2)), [0.5])


def test_changing_the_problem_rebuilds_the_output_layer():
    tr = _trainer(dataset="spiral", n_points=60)
    assert tr.network.layers[-1].fan_out == 1
    cfg = tr.cfg.replace(**tasks.defaults_for("classification", 5))
    assert tr.set_config(cfg) == "rebuilt"
    assert tr.network.layers[-1].fan_out == 5 and tr.network.layers[-1].act.name == "softmax"
    tr.step()                                          # old 0/1 labels are valid 5-class labels


def test_confusion_matrix_counts_true_rows_and_predicted_columns():
    p = np.array([[0.7, 0.2, 0.1], [0.1, 0.8, 0.1], [0.1, 0.2, 0.7], [0.6, 0.3, 0.1]])
    y = np.array([[0], [1], [1], [2]])
    assert metrics.confusion_matrix(p, y, 3).tolist() == [[1, 0, 0], [0, 1, 1], [1, 0, 0]]

