"""A regression run records its mean absolute error every epoch, beside R²: train (the
epoch's forward passes, like R²) and test (the weights after the epoch), thinned with
the other columns, kept by sessions (older sessions without it still open), the
training log CSV and the command line's epoch lines. Classification records none."""
import csv

import numpy as np
import pytest

from backprop_lab.model import TrainConfig, Trainer, metrics
from backprop_lab.model.csv_data import write_history_csv
from backprop_lab.model.history import MAE_COLUMNS, History
from backprop_lab.model.session import load_session, save_session
from backprop_lab.model.timeline import Timeline
from backprop_lab.model.trainer import make_data


def regression(**kw):
    cfg = TrainConfig(**{**dict(task="regression", dataset="plane", n_points=60, hidden=(4,),
                                activation="tanh", output_activation="none", loss="mse",
                                optimizer="adam", lr=0.02, max_epochs=400, test_fraction=0.25), **kw})
    return Trainer(cfg, *make_data(cfg))


def test_train_mae_is_of_the_epochs_forward_pass_and_test_mae_of_the_weights_after():
    tr = regression()
    before = tr.snapshot().predict(tr.X)
    s = tr.step()
    after = tr.snapshot().predict(tr.X_test)
    h = tr.history.view()
    assert s.mae == pytest.approx(metrics.mae(before, tr.y)) == h.mae[-1]
    assert s.test_mae == pytest.approx(metrics.mae(after, tr.y_test)) == h.test_mae[-1]
    assert tr.snapshot().last["mae"] == h.mae[-1]


def test_minibatch_mae_sums_the_batches_and_no_test_set_leaves_test_mae_nan():
    tr = regression(batch_size=7, test_fraction=0.0)
    tr.run(5)
    h = tr.history.view()
    assert len(h.mae) == 5 and np.isfinite(h.mae).all() and np.isnan(h.test_mae).all()
    # a minibatch epoch's MAE lies between the best and worst of the weights it passed through
    assert 0 < h.mae[-1] < 2 * h.mae[0]


def test_classification_history_has_no_mae_columns():
    cfg = TrainConfig(max_epochs=3)
    tr = Trainer(cfg, *make_data(cfg))
    s = tr.step()
    assert tr.history.view().mae is None and np.isnan(s.mae)
    assert not set(MAE_COLUMNS) & set(tr.history.arrays())
    assert "mae" not in tr.snapshot().last


def test_mae_thins_with_the_other_columns_and_old_views_stay():
    h = History(2, capacity=8, max_rows=64)
    h.append(1, 1.0, 0.5, np.nan, np.nan)
    before_mae = h.view()                      # no MAE yet
    for e in range(1, 5001):
        if e > 1:
            h.append(e, 1.0 / e, 0.5, np.nan, np.nan)
        h.set_mae(2.0 / e, 3.0 / e)
    v = h.view()
    assert len(v) <= 64 and v.epoch[-1] == 5000
    # every kept row's MAE belongs to the epoch it records
    assert np.allclose(v.mae, 2.0 / v.epoch) and np.allclose(v.test_mae, 3.0 / v.epoch)
    assert before_mae.mae is None and len(before_mae.epoch) == 1
    since = v.since(len(v) - 3)
    assert np.array_equal(since.mae, v.mae[-3:])


def test_session_keeps_the_mae_and_an_older_session_without_it_opens(tmp_path):
    tr = regression()
    tr.run(6)
    save_session(tr, tmp_path / "s.npz")
    back = load_session(tmp_path / "s.npz")
    assert np.array_equal(back.history.view().mae, tr.history.view().mae)
    assert np.array_equal(back.history.view().test_mae, tr.history.view().test_mae)
    assert back.step() == tr.step()
    # a session saved before the MAE columns existed: the same file without them
    with np.load(tmp_path / "s.npz", allow_pickle=False) as f:
        old = {k: f[k] for k in f.files if k not in ("history.mae", "history.test_mae")}
    np.savez(tmp_path / "old.npz", **old)
    older = load_session(tmp_path / "old.npz")
    older.run(2)
    h = older.history.view()
    assert len(h) == 8 and np.isnan(h.mae[:6]).all() and np.isfinite(h.mae[6:]).all()


def test_training_log_csv_names_r2_and_mae_columns_for_regression(tmp_path):
    tr = regression()
    tr.run(4)
    write_history_csv(tmp_path / "log.csv", tr.snapshot().history)
    rows = list(csv.reader(open(tmp_path / "log.csv", encoding="utf-8")))
    assert rows[0][:7] == ["epoch", "loss", "r2", "test_loss", "test_r2", "mae", "test_mae"]
    assert rows[0][7:] == ["grad_norm_layer1", "grad_norm_layer2"]
    h = tr.history.view()
    assert [float(r[5]) for r in rows[1:]] == pytest.approx(h.mae)
    assert [float(r[6]) for r in rows[1:]] == pytest.approx(h.test_mae)
    write_history_csv(tmp_path / "arrays.csv", tr.history.arrays())     # the dict form too
    assert open(tmp_path / "arrays.csv").read() == open(tmp_path / "log.csv").read()


def test_going_back_in_time_keeps_the_mae_up_to_the_kept_epoch():
    tr = regression()
    timeline = Timeline(max_states=64)
    for _ in range(20):
        tr.run(1)
        timeline.record(tr)
    viewed = timeline.snapshot_at(tr.snapshot(), 10)
    assert len(viewed.history.mae) == len(viewed.history.epoch) == 10
    timeline.restore(tr, 10)
    tr.run(1)
    h = tr.history.view()
    assert len(h.mae) == 11 and np.isfinite(h.mae).all()


def test_cli_epoch_lines_show_the_mae_of_a_regression(capsys):
    from backprop_lab.model.cli import main
    code = main(["train", "--task", "regression", "--dataset", "plane", "--points", "20",
                 "--test-fraction", "0.25", "--epochs", "3", "--log-every", "0"])
    out = capsys.readouterr().out
    line = next(line for line in out.splitlines() if line.startswith("epoch"))
    assert code == 0
    assert "  R² " in line and "  MAE " in line and "  test R² " in line and "  test MAE " in line
    assert line.count("MAE") == 2


def test_the_epoch_after_a_divergence_starts_its_mae_afresh():
    tr = regression(lr=1000, optimizer="sgd", test_fraction=0.0)
    tr.run(50)
    assert tr.status == "diverged"
    tr.set_config(tr.cfg.replace(lr=1e-3))
    tr.network.theta[...] = tr.initial_theta          # finite weights again
    before = tr.snapshot().predict(tr.X)
    s = tr.step()
    assert s.mae == pytest.approx(metrics.mae(before, tr.y))
