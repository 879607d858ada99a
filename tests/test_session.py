"""Session files: exact resumption, atomic saving, and refusal of bad files."""
import functools
import io
import json
import os
import zipfile

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backprop_lab.model import TrainConfig, Trainer, make_data
from backprop_lab.model import session
from backprop_lab.model.session import SessionError, load_session, save_session
from bad_files import assert_refused, read_or_refused, sparse_file

SMALL = dict(n_points=40, hidden=(3,), stop_at_100=False, max_epochs=10_000)
CASES = {
    "sgd-full-batch": TrainConfig(dataset="gaussian", optimizer="sgd", lr=0.5, **SMALL),
    "momentum-minibatch-shuffled": TrainConfig(dataset="spiral", optimizer="momentum", nesterov=True,
                                               lr=0.05, batch_size=7, test_fraction=0.25, **SMALL),
    "adam-amsgrad-minibatch": TrainConfig(dataset="xor", optimizer="adam", amsgrad=True, lr=0.02,
                                          batch_size=8, weight_decay=0.01, l2=0.001, **SMALL),
    "rmsprop-float32": TrainConfig(dataset="circle", optimizer="rmsprop", lr=0.01, batch_size=16,
                                   dtype="float32", **SMALL),
}


def trained(cfg, epochs):
    tr = Trainer(cfg, *make_data(cfg))
    tr.run(epochs)
    return tr


@pytest.fixture
def saved(tmp_path):
    """A mid-training mini-batch adam session on disk, and its trainer."""
    tr = trained(CASES["adam-amsgrad-minibatch"], 12)
    path = tmp_path / "run.npz"
    save_session(tr, path)
    return path, tr


def rewrite(src, dst, drop=(), header=None, **arrays):
    """Copy session ``src`` to ``dst`` with entries dropped, the header edited
    (``header(dict)`` changes it in place) or arrays replaced."""
    with np.load(src, allow_pickle=False) as z:
        d = {k: z[k] for k in z.files if k not in drop}
    if header is not None:
        h = json.loads(str(d["header"]))
        header(h)
        d["header"] = np.array(json.dumps(h))
    d.update(arrays)
    np.savez(dst, **d)
    return dst


def assert_same_state(a: Trainer, b: Trainer):
    assert np.array_equal(a.network.theta, b.network.theta)
    assert a.network.theta.dtype == b.network.theta.dtype
    assert a.epoch == b.epoch and a.status == b.status and a.stop_epoch == b.stop_epoch
    ha, hb = a.history.arrays(), b.history.arrays()
    for k in ha:
        assert np.array_equal(ha[k], hb[k], equal_nan=True), k
    sa, sb = a.optimizer.state_dict(), b.optimizer.state_dict()
    assert sa.keys() == sb.keys() and all(np.array_equal(sa[k], sb[k]) for k in sa)
    assert a.shuffle_rng.bit_generator.state == b.shuffle_rng.bit_generator.state


# --- resuming ------------------------------------------------------------------------
@pytest.mark.parametrize("case", CASES)
def test_loaded_session_continues_bit_identically_to_an_uninterrupted_run(case, tmp_path):
    cfg = CASES[case]
    uninterrupted = trained(cfg, 25)
    interrupted = trained(cfg, 10)
    save_session(interrupted, tmp_path / "s.npz")
    resumed = load_session(tmp_path / "s.npz")
    assert_same_state(resumed, interrupted)
    resumed.run(15)
    assert_same_state(resumed, uninterrupted)


def test_session_restores_data_initial_weights_gradient_and_last_update(saved):
    path, tr = saved
    back = load_session(path)
    assert back.cfg == tr.cfg
    for name in ("X", "y", "X_test", "y_test", "initial_theta", "theta_prev", "update"):
        assert np.array_equal(getattr(back, name), getattr(tr, name)), name
    assert np.array_equal(back.network.grad, tr.network.grad)
    assert back.message == tr.message


def test_clicked_points_and_their_split_survive_a_round_trip(tmp_path):
    X = np.array([[0.1, 0.2], [0.3, -0.4], [0.5, 0.5]])
    y = np.array([[0.0], [1.0], [1.0]])
    tr = Trainer(TrainConfig(**SMALL), X, y, X_test=[[0.7, 0.7]], y_test=[[0.0]])
    save_session(tr, tmp_path / "clicked.npz")
    back = load_session(tmp_path / "clicked.npz")
    assert np.array_equal(back.X, X) and np.array_equal(back.y, y)
    assert np.array_equal(back.X_test, [[0.7, 0.7]]) and np.array_equal(back.y_test, [[0.0]])


def test_reset_after_loading_returns_to_the_saved_initial_weights(saved):
    path, tr = saved
    back = load_session(path)
    back.reset()
    assert back.epoch == 0 and np.array_equal(back.network.theta, tr.initial_theta)


def test_diverged_session_with_nonfinite_gradient_saves_and_loads(tmp_path):
    cfg = TrainConfig(dataset="gaussian", activation="none", output_activation="none",
                      optimizer="momentum", lr=50, **{**SMALL, "hidden": (4, 4)})
    tr = trained(cfg, 50)
    assert tr.status == "diverged" and not np.isfinite(tr.network.grad).all()
    assert not np.isfinite(tr.optimizer.v).all()
    save_session(tr, tmp_path / "d.npz")
    back = load_session(tmp_path / "d.npz")
    assert back.status == "diverged" and np.array_equal(back.network.theta, tr.network.theta)


def test_session_file_is_a_plain_npz_with_a_json_header(saved):
    path, tr = saved
    with np.load(path, allow_pickle=False) as z:
        header = json.loads(str(z["header"]))
        assert np.array_equal(z["theta"], tr.network.theta)
        assert z["history.grad_norms"].shape == (12, 2)
    assert header["format"] == "backprop-lab-session" and header["format_version"] == 1
    assert header["config"] == tr.cfg.to_dict()
    assert header["epoch"] == 12 and header["optimizer"] == {"name": "adam", "t": tr.optimizer.t}
    assert header["rng"] == tr.shuffle_rng.bit_generator.state


# --- atomic saving ---------------------------------------------------------------------
def test_saving_over_an_existing_session_replaces_it_and_leaves_no_temp_file(saved):
    path, tr = saved
    tr.run(3)
    save_session(tr, path)
    assert load_session(path).epoch == 15
    assert os.listdir(path.parent) == ["run.npz"]


def _savez_that_dies_halfway(f, **arrays):
    f.write(b"PK\x03\x04 half a session")
    raise OSError(28, "No space left on device")


@pytest.mark.parametrize("failure", ["writer", "fsync", "replace"])
def test_a_crash_mid_save_keeps_the_previous_file_and_leaves_no_temp_file(saved, monkeypatch, failure):
    path, tr = saved
    before = path.read_bytes()
    tr.run(3)
    if failure == "writer":
        monkeypatch.setattr(np, "savez", _savez_that_dies_halfway)
    else:
        def boom(*a):
            raise OSError(5, f"{failure} failed")
        monkeypatch.setattr(os, failure, boom)
    with pytest.raises(OSError):
        save_session(tr, path)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert os.listdir(path.parent) == ["run.npz"]
    assert load_session(path).epoch == 12


# --- refusing bad files ----------------------------------------------------------------
refused = functools.partial(assert_refused, load_session, SessionError)


def test_missing_file_is_a_session_error(tmp_path):
    refused(tmp_path / "nope.npz", "cannot read")


def test_truncated_file_is_refused(saved, tmp_path):
    path, _ = saved
    cut = tmp_path / "cut.npz"
    cut.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    refused(cut, "damaged")


def test_random_bytes_and_other_file_types_are_not_sessions(tmp_path):
    junk = tmp_path / "junk.npz"
    junk.write_bytes(np.random.default_rng(0).bytes(5000))
    refused(junk, "not a Backprop Lab session", "not an NPZ archive")
    data = tmp_path / "points.csv"
    data.write_text("x1,x2,label\n0,0,1\n")
    refused(data, "not an NPZ archive")


def test_npz_without_header_is_not_a_session(tmp_path):
    np.savez(tmp_path / "other.npz", a=np.zeros(3))
    refused(tmp_path / "other.npz", "not a Backprop Lab session (missing header)")


def test_npz_of_another_format_is_not_a_session(saved, tmp_path):
    path, _ = saved
    rewrite(path, tmp_path / "f.npz", header=lambda h: h.update(format="someone-else"))
    refused(tmp_path / "f.npz", "not a Backprop Lab session (format 'someone-else')")


def test_future_format_version_is_refused_by_number(saved, tmp_path):
    path, _ = saved
    rewrite(path, tmp_path / "v7.npz", header=lambda h: h.update(format_version=7))
    refused(tmp_path / "v7.npz", "format version 7 is newer than this app supports (1)")


@pytest.mark.parametrize("drop, header_key, words", [
    (("optimizer.m",), None, "missing field 'optimizer.m'"),
    (("history.grad_norms",), None, "missing field 'history.grad_norms'"),
    ((), "epoch", "header: missing field 'epoch'"),
    ((), "rng", "header: missing field 'rng'"),
])
def test_missing_fields_are_named(saved, tmp_path, drop, header_key, words):
    path, _ = saved
    edit = (lambda h: h.pop(header_key)) if header_key else None
    refused(rewrite(path, tmp_path / "m.npz", drop=drop, header=edit), words)


def test_weights_that_do_not_fit_the_configured_network_are_refused(saved, tmp_path):
    path, tr = saved
    n = tr.network.n_params
    rewrite(path, tmp_path / "w.npz", theta=np.zeros(n - 1))
    refused(tmp_path / "w.npz", "theta", f"network of {n} parameters", f"has shape ({n - 1},)")


def test_labels_out_of_step_with_points_are_refused(saved, tmp_path):
    path, tr = saved
    rewrite(path, tmp_path / "y.npz", y=np.zeros((len(tr.X) + 1, 1)))
    refused(tmp_path / "y.npz", "y: has shape")


@pytest.mark.parametrize("entry", ["X", "theta", "initial_theta", "optimizer.v"])
def test_nan_in_data_or_weights_is_refused(saved, tmp_path, entry):
    path, _ = saved
    with np.load(path, allow_pickle=False) as z:
        bad = z[entry].copy()
    bad.flat[0] = np.nan
    rewrite(path, tmp_path / "nan.npz", **{entry: bad})
    refused(tmp_path / "nan.npz", entry, "NaN")


def test_labels_other_than_0_or_1_are_refused(saved, tmp_path):
    path, tr = saved
    rewrite(path, tmp_path / "l.npz", y=np.full_like(tr.y, 2.0))
    refused(tmp_path / "l.npz", "labels must be 0 or 1")


def test_bad_config_in_header_is_refused(saved, tmp_path):
    path, _ = saved
    rewrite(path, tmp_path / "c1.npz", header=lambda h: h["config"].update(colour="red"))
    refused(tmp_path / "c1.npz", "config", "colour")
    rewrite(path, tmp_path / "c2.npz", header=lambda h: h["config"].update(hidden=[2.5]))
    refused(tmp_path / "c2.npz", "config: hidden must be a list of int")
    rewrite(path, tmp_path / "c3.npz", header=lambda h: h["config"].update(lr=-1.0))
    refused(tmp_path / "c3.npz", "config: lr")


def test_file_over_the_size_limit_is_refused_before_reading(tmp_path):
    refused(sparse_file(tmp_path / "huge.npz", session.MAX_SESSION_BYTES + 1), "larger than the", "MB limit for sessions")


def test_array_with_an_absurd_shape_is_refused_without_allocating(saved, tmp_path):
    path, _ = saved
    liar = io.BytesIO()
    np.lib.format.write_array_header_1_0(liar, {"descr": "<f8", "fortran_order": False,
                                               "shape": (10**12, 2)})
    liar.write(b"\0" * 64)
    with np.load(path, allow_pickle=False) as z:
        entries = {k: z[k] for k in z.files if k != "X"}
    absurd = tmp_path / "absurd.npz"
    np.savez(absurd, **entries)
    with zipfile.ZipFile(absurd, "a") as zf:
        zf.writestr("X.npy", liar.getvalue())
    refused(absurd, "X", "(1000000000000, 2)")


def test_a_failed_load_leaves_the_callers_trainer_untouched(saved, tmp_path):
    path, tr = saved
    theta, epoch, history = tr.network.theta.copy(), tr.epoch, tr.history.arrays()
    rewrite(path, tmp_path / "bad.npz", drop=("history.loss",))
    with pytest.raises(SessionError):
        tr = load_session(tmp_path / "bad.npz")
    assert np.array_equal(tr.network.theta, theta) and tr.epoch == epoch
    assert np.array_equal(tr.history.arrays()["loss"], history["loss"])
    tr.step()
    assert tr.epoch == epoch + 1


# --- fuzzing ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def valid_bytes(tmp_path_factory):
    tr = trained(CASES["momentum-minibatch-shuffled"], 5)
    path = tmp_path_factory.mktemp("fuzz") / "valid.npz"
    save_session(tr, path)
    return path.read_bytes(), path.parent


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_corrupted_session_bytes_never_raise_anything_but_session_error(valid_bytes, data):
    good, folder = valid_bytes
    raw = bytearray(good)
    for _ in range(data.draw(st.integers(1, 8), label="hits")):
        pos = data.draw(st.integers(0, len(raw) - 1), label="position")
        raw[pos] = data.draw(st.integers(0, 255), label="byte")
    if data.draw(st.booleans(), label="truncate"):
        raw = raw[: data.draw(st.integers(0, len(raw)), label="length")]
    tr = read_or_refused(load_session, SessionError, folder / "corrupt.npz", bytes(raw))
    if tr is not None:   # the damage missed everything checked (e.g. zip comment bytes): still a sane trainer
        assert np.isfinite(tr.network.theta).all()
