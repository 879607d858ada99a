"""Each example's lesson (model/examples.py) says what happens; here it does."""
import numpy as np
import pytest

from backprop_lab.model import Trainer, make_data
from backprop_lab.model.examples import EXAMPLES, get


def trained(name, **changes):
    cfg = EXAMPLES[name].config.replace(**changes)
    tr = Trainer(cfg, *make_data(cfg))
    tr.run()
    return tr


def test_every_example_is_a_valid_config_with_a_title_and_a_lesson():
    assert len(EXAMPLES) >= 8
    for ex in EXAMPLES.values():
        assert ex.config.validated() == ex.config
        assert ex.title and len(ex.lesson) > 80
    with pytest.raises(ValueError, match="valid: xor-no-hidden-layer"):
        get("no-such-lesson")


@pytest.mark.parametrize("name", ["xor-no-hidden-layer", "no-activation"])
def test_a_linear_network_never_gets_xor_right(name):
    tr = trained(name)
    assert tr.status == "max_epochs" and tr.stop_epoch is None
    assert tr.history.view().accuracy.max() < 1.0
    # and one hidden layer with an activation does (the lesson's "then ...")
    assert trained(name, hidden=(4,), activation="sigmoid", optimizer="adam", lr=0.05).status == "converged"


def test_adam_gets_xor_in_a_few_hundred_epochs_sgd_needs_tens_of_thousands():
    adam = trained("adam-on-xor")
    sgd = trained("adam-on-xor", optimizer="sgd", lr=0.1)
    assert adam.status == sgd.status == "converged"
    assert adam.stop_epoch < 1000 and sgd.stop_epoch > 10_000


def test_deep_sigmoid_gradients_vanish_towards_the_input_and_relu_fixes_it():
    tr = trained("vanishing-gradients")
    g = tr.history.view().grad_norms
    assert g[0, 0] < g[0, -1] / 1000                  # first layer vs output layer, epoch 1
    assert tr.history.view().accuracy[-1] < 0.7         # stalled
    relu = trained("deep-relu")
    assert relu.status == "converged" and relu.stop_epoch < 1000


def test_squared_features_let_one_unit_learn_the_circle():
    tr = trained("features-not-layers")
    assert tr.status == "converged" and len(tr.network.layers) == 1


def test_too_high_a_learning_rate_diverges_and_a_lower_one_trains():
    tr = trained("learning-rate-too-high")
    assert tr.status == "diverged" and "diverged" in tr.message
    assert np.isfinite(tr.network.theta).all()          # the last finite weights are kept
    low = trained("learning-rate-too-high", lr=0.01, max_epochs=2000)
    h = low.history.view()
    assert low.status != "diverged" and h.loss[-1] < h.loss[0] and h.accuracy[-1] > 0.8


def test_relu_units_die_and_their_gradients_stay_zero():
    tr = trained("dying-relu")
    h = tr.history.view()
    assert (h.grad_norms[-100:, :-1] == 0).all()        # every hidden layer, to the end
    majority = max(tr.y.mean(), 1 - tr.y.mean())
    assert h.accuracy[-1] == pytest.approx(majority)


def test_a_large_network_fits_the_training_noise_but_not_the_test_points():
    tr = trained("overfitting")
    h = tr.history.view()
    assert h.accuracy[-1] == 1.0 and h.test_accuracy[-1] < 0.95


# --- the K-class and regression lessons (model/tasks.py) --------------------------------------
def _final(name, **changes):
    from backprop_lab.model import Trainer, make_data
    cfg = EXAMPLES[name].config.replace(**changes)
    tr = Trainer(cfg, *make_data(cfg))
    tr.run()
    return tr


def test_three_spirals_need_more_units_than_two():
    assert _final("three-spirals").history.view().accuracy[-1] > 0.95
    assert _final("three-spirals", hidden=(4, 4)).history.view().accuracy[-1] < 0.85
    two = _final("three-spirals", classes=2, output_activation="sigmoid", loss="bce", hidden=(4, 4))
    assert two.history.view().accuracy[-1] > 0.95


def test_four_blobs_are_separated_without_a_hidden_layer():
    tr = _final("softmax-regression")
    assert tr.status == "converged" and tr.epoch < 200


def test_regression_with_a_sigmoid_output_stalls_and_a_linear_one_fits():
    stalled = _final("regression-sigmoid-output")
    assert stalled.snapshot().predict(stalled.X).max() < 1.0 < stalled.y.max()
    assert stalled.history.view().accuracy[-1] < 0.75
    assert _final("regression-sigmoid-output", output_activation="none").history.view().accuracy[-1] > 0.99


def test_six_bumps_need_hidden_units():
    assert _final("six-bumps").history.view().accuracy[-1] > 0.9
    assert _final("six-bumps", hidden=()).history.view().accuracy[-1] < 0.1
