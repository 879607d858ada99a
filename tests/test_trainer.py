"""Trainer behaviour: epochs, determinism, resets, divergence, history, snapshots."""
import numpy as np
import pytest

from backprop_lab.model import TrainConfig, Trainer, datasets, make_data


def _xor_trainer(**kw):
    X, y = datasets.xor_easy()
    return Trainer(TrainConfig(**kw), X, y)


def test_step_advances_exactly_one_epoch_and_records_it():
    tr = _xor_trainer()
    for k in range(1, 4):
        s = tr.step()
        assert s.epoch == k == tr.epoch
    h = tr.snapshot().history
    assert list(h.epoch) == [1, 2, 3] and len(h.grad_norms) == 3


def test_epoch_loss_is_measured_before_the_update():
    tr = _xor_trainer()
    loss0, _ = tr.network.loss_and_gradients(tr.X, tr.y)
    assert tr.step().loss == pytest.approx(loss0, rel=1e-14)


def test_full_batch_step_equals_a_hand_written_sgd_step():
    tr = _xor_trainer(lr=0.3)
    params = tr.network.get_params()
    _, grads = tr.network.loss_and_gradients(tr.X, tr.y)
    tr.step()
    for (W, b), (dW, db), (W1, b1) in zip(params, grads, tr.network.get_params()):
        assert np.allclose(W1, W - 0.3 * dW, rtol=1e-14, atol=1e-16)
        assert np.allclose(b1, b - 0.3 * db, rtol=1e-14, atol=1e-16)


@pytest.mark.parametrize("batch", [0, 5])
def test_same_config_and_seed_give_bit_identical_weights(batch):
    a = _xor_trainer(batch_size=batch, optimizer="adam", lr=0.01, seed=3)
    b = _xor_trainer(batch_size=batch, optimizer="adam", lr=0.01, seed=3)
    a.run(300)
    b.run(300)
    assert np.array_equal(a.network.theta, b.network.theta)
    c = _xor_trainer(batch_size=batch, optimizer="adam", lr=0.01, seed=4)
    assert not np.array_equal(a.initial_theta, c.initial_theta)


def test_reset_keeps_the_initial_weights_and_replays_identically():
    tr = _xor_trainer(batch_size=4)
    w0 = tr.network.theta.copy()
    tr.run(50)
    first = tr.network.theta.copy()
    tr.reset()
    assert tr.epoch == 0 and np.array_equal(tr.network.theta, w0) and len(tr.snapshot().history) == 0
    tr.run(50)
    assert np.array_equal(tr.network.theta, first)
    tr.reset(seed=99)
    assert tr.cfg.seed == 99 and not np.array_equal(tr.network.theta, w0)


def test_minibatch_epoch_visits_every_point_once():
    X, y = datasets.make("circle", n=23, seed=1)
    tr = Trainer(TrainConfig(dataset="circle", batch_size=5, optimizer="sgd", lr=1e-12), X, y)
    # with a negligible lr the weights hardly move, so the mean batch loss is the full-data loss
    full, _ = tr.network.loss_and_gradients(X, y)
    s = tr.step()
    assert s.loss == pytest.approx(full, rel=1e-9)
    assert s.accuracy == pytest.approx(np.mean((tr.network.predict(X) > 0.5) == (y > 0.5)))


def test_stops_at_100_percent_and_records_the_stop_epoch():
    X, y = datasets.linear(40, seed=2)
    tr = Trainer(TrainConfig(dataset="linear", optimizer="adam", lr=0.05, max_epochs=20000), X, y)
    s = tr.run()
    assert s.status == "converged" and s.accuracy == 1.0 and tr.stop_epoch == s.epoch
    h = tr.snapshot().history
    assert h.accuracy[-1] == 1.0 and np.all(h.accuracy[:-1] < 1.0)


def test_max_epochs_stops_the_run():
    tr = _xor_trainer(max_epochs=25, lr=1e-4)
    s = tr.run()
    assert s.status == "max_epochs" and tr.epoch == 25 and "max epochs" in tr.message


def test_divergence_stops_with_a_message_and_keeps_finite_weights():
    X, y = datasets.make("circle", n=50, seed=0)
    tr = Trainer(TrainConfig(dataset="circle", activation="relu", output_activation="none",
                             hidden=(16, 16), lr=50.0, max_epochs=1000), X, y)
    s = tr.run()
    assert s.status == "diverged" == tr.status
    assert "diverged at epoch" in tr.message and "learning rate" in tr.message
    assert np.isfinite(tr.network.theta).all()
    assert tr.epoch == s.epoch - 1 == len(tr.snapshot().history)


def test_test_set_metrics_are_recorded_and_absent_without_test_points():
    cfg = TrainConfig(dataset="circle", n_points=60, test_fraction=0.25)
    X, y, Xt, yt = make_data(cfg)
    tr = Trainer(cfg, X, y, Xt, yt)
    s = tr.step()
    assert len(Xt) == 15 and 0 <= s.test_accuracy <= 1 and np.isfinite(s.test_loss)
    p = tr.network.predict(Xt)
    assert s.test_accuracy == pytest.approx(np.mean((p > 0.5) == (yt > 0.5)))
    assert np.isnan(_xor_trainer().step().test_loss)


def test_set_config_updates_lr_in_place_but_rebuilds_on_shape_change():
    tr = _xor_trainer()
    tr.run(10)
    theta = tr.network.theta.copy()
    assert tr.set_config(tr.cfg.replace(lr=0.5)) == "updated"
    assert tr.epoch == 10 and np.array_equal(tr.network.theta, theta) and tr.optimizer.lr == 0.5
    assert tr.set_config(tr.cfg.replace(hidden=(3,))) == "rebuilt"
    assert tr.epoch == 0 and tr.snapshot().spec.sizes == (2, 3, 1)


def test_set_data_keeps_weights_and_uses_the_new_points():
    tr = _xor_trainer()
    tr.run(5)
    theta = tr.network.theta.copy()
    X = np.vstack([tr.X, [[0.5, 0.9]]])
    y = np.vstack([tr.y, [[1.0]]])
    tr.set_data(X, y)
    assert np.array_equal(tr.network.theta, theta) and tr.n_points == 22
    full, _ = tr.network.loss_and_gradients(X, y)
    assert tr.step().loss == pytest.approx(full)


@pytest.mark.parametrize("X,y,msg", [
    (np.zeros((3, 2)), np.zeros((2, 1)), "3 points but 2 labels"),
    (np.array([[np.nan, 0.0]]), np.zeros((1, 1)), "NaN"),
    (np.zeros((1, 2)), np.array([[2.0]]), "0 or 1"),
])
def test_bad_data_is_rejected_with_a_clear_message(X, y, msg):
    tr = _xor_trainer()
    with pytest.raises(ValueError, match=msg):
        tr.set_data(X, y)
    assert tr.n_points == 21


def test_no_points_raises_on_step_but_not_on_construction():
    tr = Trainer(TrainConfig(), np.zeros((0, 2)), np.zeros((0, 1)))
    with pytest.raises(ValueError, match="no training points"):
        tr.step()


def test_snapshot_is_an_immutable_copy():
    tr = _xor_trainer()
    tr.run(3)
    snap = tr.snapshot()
    theta = snap.theta.copy()
    tr.run(3)
    assert np.array_equal(snap.theta, theta) and snap.epoch == 3 and len(snap.history) == 3
    with pytest.raises(ValueError):
        snap.theta[0] = 1.0
    with pytest.raises(ValueError):
        snap.history.loss[0] = 1.0


def test_snapshot_predicts_in_float32_for_pictures_close_to_float64():
    cfg = TrainConfig(dataset="circle", hidden=(8, 8), activation="tanh")
    tr = Trainer(cfg, *make_data(cfg)[:2])
    tr.run(200)
    snap = tr.snapshot()
    grid = np.random.default_rng(0).uniform(-1.5, 1.5, (500, 2))
    p64, p32 = snap.predict(grid), snap.predict(grid, np.float32)
    assert p64.dtype == np.float64 and p32.dtype == np.float32
    np.testing.assert_allclose(p32, p64, rtol=0, atol=1e-5)
    assert snap.theta.dtype == np.float64                # the snapshot itself is untouched
    from backprop_lab.model.network import layer_outputs
    huge = snap.theta * 1e300                            # beyond float32: stays float64
    assert layer_outputs(snap.spec, huge, grid, np.float32)[-1][1].dtype == np.float64


def test_history_views_survive_growth_and_reset():
    tr = _xor_trainer(stop_at_100=False)
    tr.run(10)
    old = tr.snapshot().history
    first = old.loss.copy()
    tr.run(3000)                       # grows past the initial capacity
    tr.reset()
    tr.run(5)
    assert np.array_equal(old.loss, first)


def test_grad_norms_are_the_per_layer_gradient_norms():
    tr = _xor_trainer()
    _, grads = tr.network.loss_and_gradients(tr.X, tr.y)
    tr.step()
    expect = [np.sqrt((dW ** 2).sum() + (db ** 2).sum()) for dW, db in grads]
    assert np.allclose(tr.snapshot().history.grad_norms[0], expect, rtol=1e-12)


def test_float32_trains_in_float32():
    tr = _xor_trainer(dtype="float32", optimizer="adam", lr=0.05)
    tr.run(200)
    assert tr.network.theta.dtype == np.float32 and tr.snapshot().history.loss[-1] < tr.snapshot().history.loss[0]


def test_invalid_config_names_the_field():
    with pytest.raises(ValueError, match="activation"):
        TrainConfig().replace(activation="swish")
    with pytest.raises(ValueError, match="lr"):
        TrainConfig().replace(lr=-1.0)
    with pytest.raises(ValueError, match="sigmoid output"):
        TrainConfig().replace(loss="bce", output_activation="none")


def test_config_round_trips_through_a_dict():
    cfg = TrainConfig(hidden=(3, 5), features=("x1", "x1*x2"), optimizer="adam")
    assert TrainConfig.from_dict(cfg.to_dict()) == cfg
    with pytest.raises(ValueError, match="unknown config field"):
        TrainConfig.from_dict({**cfg.to_dict(), "colour": 1})


def test_changing_the_loss_keeps_the_weights_and_trains_on_the_new_loss():
    tr = _xor_trainer()
    tr.run(10)
    theta = tr.network.theta.copy()
    assert tr.set_config(tr.cfg.replace(loss="bce")) == "updated"
    assert np.array_equal(tr.network.theta, theta) and tr.snapshot().spec.loss == "bce"
    p = tr.network.predict(tr.X)
    bce = -np.mean(tr.y * np.log(p) + (1 - tr.y) * np.log(1 - p))
    assert tr.step().loss == pytest.approx(bce, rel=1e-12)
