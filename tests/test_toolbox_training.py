"""Learning-rate schedules, dropout, gradient clipping and early stopping in the Trainer."""
import math

import numpy as np
import pytest

from backprop_lab.model import TrainConfig, Trainer, datasets, make_data, schedules
from backprop_lab.model.clipping import clip_by_global_norm
from backprop_lab.model.dropout import Dropout, layer_rates
from backprop_lab.model.network import Network, NetworkSpec
from backprop_lab.model.session import load_session, save_session

BASE = TrainConfig(dataset="xor-easy", hidden=(4, 4), lr=0.5, max_epochs=10_000, stop_at_100=False)


def _trainer(**kw):
    cfg = BASE.replace(**kw)
    return Trainer(cfg, *make_data(cfg))


# --- schedules ------------------------------------------------------------------------
def test_schedules_follow_their_formulas():
    cfg = BASE.replace(lr=0.8, lr_period=100, lr_decay=0.5, lr_min=0.1)
    at = lambda name, e, **kw: schedules.lr_at(cfg.replace(lr_schedule=name, **kw), e)  # noqa: E731
    assert at("constant", 5000) == 0.8
    assert [at("step", e) for e in (1, 100, 101, 201)] == [0.8, 0.8, 0.4, 0.2]
    assert at("exponential", 51) == pytest.approx(0.8 * 0.5 ** 0.5)
    assert at("exponential", 101) == pytest.approx(0.4)
    assert at("cosine", 1) == 0.8 and at("cosine", 101) == pytest.approx(0.1)
    assert at("cosine", 51) == pytest.approx(0.45)                 # half way: the mean
    assert at("cosine", 500) == pytest.approx(0.1)                 # stays at η_min
    assert at("cosine", 201, lr_restarts=True) == 0.8              # restarted
    assert at("cyclic", 1) == pytest.approx(0.1) and at("cyclic", 51) == pytest.approx(0.8)
    assert at("cyclic", 101) == pytest.approx(0.1)
    assert at("one_cycle", 1) == pytest.approx(0.1) and at("one_cycle", 31) == pytest.approx(0.8)
    assert at("one_cycle", 101) == pytest.approx(0.1)
    lrs = schedules.lr_curve(cfg.replace(lr_schedule="one_cycle"), range(1, 101))
    assert np.argmax(lrs) == 30 and np.all(np.diff(lrs[30:]) <= 0)


def test_an_sgd_step_uses_the_scheduled_lr_and_the_history_records_it():
    tr = _trainer(lr_schedule="step", lr_period=3, lr_decay=0.1)
    for epoch in range(1, 8):
        before = tr.network.theta.copy()
        tr.step()
        lr = 0.5 * 0.1 ** ((epoch - 1) // 3)
        np.testing.assert_allclose(tr.network.theta - before, -lr * tr.network.grad, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(tr.history.view().lr, [0.5] * 3 + [0.05] * 3 + [0.005])


def test_constant_schedule_records_the_lr_in_force_when_it_changes():
    tr = _trainer()
    tr.run(3)
    tr.set_config(tr.cfg.replace(lr=0.25))
    tr.run(2)
    assert tr.history.view().lr.tolist() == [0.5] * 3 + [0.25] * 2
    assert np.isnan(tr.history.view().clipped).all()                   # no clipping: no figure


def test_the_defaults_train_exactly_as_before_the_toolbox():
    """Default toolbox fields change nothing: the same weights as an explicit constant lr."""
    a, b = _trainer(), _trainer(lr_schedule="cosine", lr_period=10**9, lr_min=0.5)
    a.run(200)
    b.run(200)                                   # cosine with η_min = η₀: η₀ every epoch
    np.testing.assert_array_equal(a.network.theta, b.network.theta)


# --- dropout ---------------------------------------------------------------------------
def test_dropout_rates_map_to_the_dense_hidden_layers():
    net = Network(NetworkSpec.from_config(BASE.replace(hidden=(3, 3, 3))))
    assert layer_rates(BASE.replace(hidden=(3, 3, 3), dropout=(0.2,)), net.layers) == [0.2, 0.2, 0.2, 0.0]
    assert layer_rates(BASE.replace(hidden=(3, 3, 3), dropout=(0.1, 0, 0.3)), net.layers) == [0.1, 0, 0.3, 0]
    with pytest.raises(ValueError, match="dropout"):
        BASE.replace(hidden=(3, 3, 3), dropout=(0.1, 0.2))
    with pytest.raises(ValueError, match="dropout"):
        BASE.replace(dropout=(1.0,))


def test_masks_keep_one_minus_p_of_the_units_and_scale_them():
    cfg = BASE.replace(hidden=(200,), dropout=(0.3,))
    net = Network(NetworkSpec.from_config(cfg))
    ws = net.workspace(np.zeros((500, 2)))
    d = Dropout(layer_rates(cfg, net.layers), seed=1)
    d.draw(ws)
    keep = ws.keep[0]
    assert set(np.unique(keep)) == {0.0, 1 / 0.7}
    assert np.mean(keep > 0) == pytest.approx(0.7, abs=0.01)
    assert ws.keep[1] is None                                             # never the output
    d.off(ws)
    assert ws.keep == [None, None]


@pytest.mark.parametrize("act", ["sigmoid", "relu", "gelu", "elu"])
def test_backprop_with_fixed_masks_matches_finite_differences(act):
    cfg = BASE.replace(hidden=(5, 4), activation=act, dropout=(0.4, 0.25), init="normal", init_scale=0.8)
    net = Network(NetworkSpec.from_config(cfg))
    rng = np.random.default_rng(3)
    net.init_params(rng, cfg.init, cfg.init_scale)
    net.theta += rng.normal(0, 0.3, net.theta.shape)
    X = rng.uniform(-1, 1, (9, 2))
    y = (rng.random((9, 1)) < 0.5).astype(float)
    ws = net.workspace(X)
    Dropout(layer_rates(cfg, net.layers), seed=5).draw(ws)              # the same masks throughout
    assert any(0 in k for k in ws.keep if k is not None)

    def loss():
        net.forward(ws)
        return float(net.loss_value(ws, y))
    loss()
    net.backward(ws, y)
    analytic = net.grad.copy()
    numeric = np.empty_like(analytic)
    h = 1e-6
    for i in range(net.n_params):
        old = net.theta[i]
        net.theta[i] = old + h
        up = loss()
        net.theta[i] = old - h
        down = loss()
        net.theta[i] = old
        numeric[i] = (up - down) / (2 * h)
    ok = np.abs(analytic - numeric) <= 1e-6 * np.maximum(np.abs(analytic) + np.abs(numeric), 1e-4)
    if act == "relu":
        ok |= np.abs(analytic - numeric) < 1e-3                        # kinks crossed by ±h
    assert ok.all(), np.abs(analytic - numeric).max()


def test_dropout_is_reproducible_changes_training_and_is_off_in_evaluation():
    a, b, c = (_trainer(dropout=(0.5,)) for _ in range(3))
    a.run(50)
    b.run(50)
    np.testing.assert_array_equal(a.network.theta, b.network.theta)
    plain = _trainer()
    plain.run(50)
    assert not np.array_equal(a.network.theta, plain.network.theta)
    # the recorded loss and accuracy are the clean network's (dropout off in evaluation)
    c.run(1)
    p = Network.predict(c.network, c.X)
    h = c.history.view()
    before = Network(c.network.spec)
    before.theta[...] = c.initial_theta
    p0 = before.predict(c.X)
    assert h.accuracy[0] == np.mean((p0 > 0.5) == (c.y > 0.5))
    assert h.loss[0] == pytest.approx(np.mean((p0 - c.y) ** 2))
    assert p.shape == c.y.shape


def test_dropout_survives_save_and_open_bit_for_bit(tmp_path):
    a = _trainer(dropout=(0.3, 0.2), batch_size=5)
    a.run(20)
    save_session(a, tmp_path / "s.npz")
    b = load_session(tmp_path / "s.npz")
    a.run(30)
    b.run(30)
    np.testing.assert_array_equal(a.network.theta, b.network.theta)


# --- clipping ---------------------------------------------------------------------------
def test_clipping_caps_the_norm_and_keeps_the_direction():
    g = np.array([3.0, 4.0, 0.0])
    norm, clipped = clip_by_global_norm(g, 1.0)
    assert (norm, clipped) == (5.0, True)
    np.testing.assert_allclose(g, [0.6, 0.8, 0.0])
    g2 = np.array([0.3, 0.4])
    assert clip_by_global_norm(g2, 1.0) == (pytest.approx(0.5), False)
    np.testing.assert_array_equal(g2, [0.3, 0.4])


def test_trainer_clips_every_step_and_records_the_clipped_share():
    tr = _trainer(clip_norm=1e-4, batch_size=7)                    # every step clipped
    tr.run(3)
    assert tr.history.view().clipped.tolist() == [1.0, 1.0, 1.0]
    assert np.sqrt(np.vdot(tr.network.grad, tr.network.grad)) == pytest.approx(1e-4)
    loose = _trainer(clip_norm=1e6)
    plain = _trainer()
    loose.run(20)
    plain.run(20)
    assert loose.history.view().clipped.tolist() == [0.0] * 20
    np.testing.assert_array_equal(loose.network.theta, plain.network.theta)


# --- early stopping ---------------------------------------------------------------------------
def _overfitting(**kw):
    cfg = TrainConfig(dataset="gaussian", n_points=60, noise=1.5, test_fraction=0.5, hidden=(24, 24),
                      activation="relu", optimizer="adam", lr=0.03, stop_at_100=False, max_epochs=3000, **kw)
    return Trainer(cfg, *make_data(cfg))


def test_early_stopping_stops_after_patience_and_restores_the_best_weights():
    tr = _overfitting(early_stopping=40)
    tr.run()
    h = tr.history.view()
    best = int(np.nanargmin(h.test_loss))
    assert tr.status == "early_stopped" and tr.epoch < 3000
    assert tr.epoch == h.epoch[best] + 40
    # the weights now are those after the best epoch: replay the run up to it
    ref = _overfitting()
    ref.run(int(h.epoch[best]))
    np.testing.assert_array_equal(tr.network.theta, ref.network.theta)
    assert f"epoch {h.epoch[best]}" in tr.message


def test_early_stopping_does_nothing_without_a_test_set():
    tr = _trainer(early_stopping=1, max_epochs=50)
    tr.run()
    assert tr.status == "max_epochs" and tr.epoch == 50


def test_early_stopping_state_survives_a_session(tmp_path):
    a = _overfitting(early_stopping=60)
    a.run(100)
    save_session(a, tmp_path / "e.npz")
    b = load_session(tmp_path / "e.npz")
    a.run()
    b.run()
    assert (a.epoch, a.status) == (b.epoch, b.status)
    np.testing.assert_array_equal(a.network.theta, b.network.theta)


def test_toolbox_fields_round_trip_through_the_config_dict():
    cfg = BASE.replace(lr_schedule="cosine", lr_restarts=True, dropout=(0.2, 0.1), clip_norm=2.0,
                       early_stopping=7, elu_alpha=0.5, activation="elu")
    assert TrainConfig.from_dict(cfg.to_dict()) == cfg
    with pytest.raises(ValueError, match="lr_schedule"):
        BASE.replace(lr_schedule="warmup")
    assert math.isfinite(schedules.lr_at(cfg, 10**12))


def test_cli_sets_every_toolbox_field_and_the_sweep_varies_them(capsys):
    from backprop_lab.model import cli
    from backprop_lab.model.sweep_cli import grid_from_args
    code = cli.main(["train", "--epochs", "30", "--test-fraction", "0.3", "--dataset", "circle",
                     "--activation", "elu", "--elu-alpha", "0.5", "--lr-schedule", "step",
                     "--lr-period", "10", "--lr-decay", "0.5", "--dropout", "0.1", "0.2",
                     "--clip-norm", "3", "--early-stopping", "1000", "--log-every", "0"])
    out = capsys.readouterr().out
    assert code == 0
    assert "lr schedule step, ×0.5 per 10 epochs; dropout 0.1 0.2; gradient clipped to norm 3" in out
    args = cli.build_parser().parse_args(["sweep", "--dataset", "linear", "--vary", "lr_schedule",
                                          "constant", "cosine", "--vary", "dropout", "0.1", "0.2-0.3"])
    cfgs, axes, _ = grid_from_args(args)
    assert {(c.lr_schedule, c.dropout) for c in cfgs} == {
        (s, d) for s in ("constant", "cosine") for d in ((0.1,), (0.2, 0.3))}


def test_batched_sweep_hands_toolbox_configs_to_the_trainer_and_matches_it():
    from backprop_lab.model.batched import run_trials, unsupported_reason
    cfg = BASE.replace(lr_schedule="exponential", lr_period=50, max_epochs=300)
    assert unsupported_reason(cfg, 21) == "a learning-rate schedule"
    assert unsupported_reason(BASE, 21) is None
    out = run_trials(cfg, [1, 2])
    for o, seed in zip(out, (1, 2)):
        tr = Trainer(cfg.replace(seed=seed), *make_data(cfg)[:2])
        tr.run()
        assert (o.status, o.epochs, o.stop_epoch) == (tr.status, tr.epoch, tr.stop_epoch)


def test_timeline_restore_with_dropout_and_early_stopping_repeats_the_run():
    from backprop_lab.model.timeline import Timeline
    a = _overfitting(dropout=(0.3,), early_stopping=500)
    tl = Timeline()
    for _ in range(60):
        a.step()
        tl.record(a)
    a.run(40)
    after = a.network.theta.copy()
    tl.restore(a, 60)
    a.run(40)
    np.testing.assert_array_equal(a.network.theta, after)


def test_the_lr_column_survives_growth_sessions_and_rollback(tmp_path):
    from backprop_lab.model.timeline import Timeline
    tr = _trainer()
    tr.run(1500)                                          # past the first growth (1024 rows)
    tr.set_config(tr.cfg.replace(lr=0.2))
    tl = Timeline()
    tr.run(10)
    tl.record(tr)
    tr.set_config(tr.cfg.replace(lr=0.3))
    tr.run(5)
    save_session(tr, tmp_path / "lr.npz")
    back = load_session(tmp_path / "lr.npz")
    back.run(2)
    assert back.history.view().lr.tolist() == [0.5] * 1500 + [0.2] * 10 + [0.3] * 7
    tl.restore(tr, 1510)
    tr.run(3)
    assert tr.history.view().lr.tolist() == [0.5] * 1500 + [0.2] * 13
