"""Bounds and doors (issue 12): whatever the app saves it opens again; nothing that
would not fit in memory is attempted; every bad number, file or output path is
refused in one line before any work starts; FIFOs and devices are not files; a
killed save leaves nothing behind for ever; training noise stays off stderr.
"""
import json
import os
import threading
import time

import numpy as np
import pytest

from backprop_lab.gui import launcher
from backprop_lab.model import TrainConfig, Trainer, limits, make_data
from backprop_lab.model.atomic_file import STALE_SECONDS, atomic_write, remove_stale_temp_files
from backprop_lab.model.csv_data import DataFileError, read_points_csv, write_points_csv
from backprop_lab.model.history import History
from backprop_lab.model.session import MAX_SESSION_BYTES, SessionError, load_session, save_session
from test_session import rewrite

QUIET = ["--log-every", "0"]


def run(capsys, *argv):
    code = launcher.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def refused(capsys, *argv) -> str:
    """The command exits 2 with one line on stderr, before any training; the line."""
    start = time.perf_counter()
    code, out, err = run(capsys, *argv)
    lines = err.strip().splitlines()
    assert code == 2 and len(lines) == 1 and lines[0].startswith("backprop-lab: error: "), (code, err)
    assert "time:" not in out and time.perf_counter() - start < 5
    return lines[0]


# --- 1. what the app saves, it opens ---------------------------------------------------------
def _with_history(tr: Trainer, rows: int) -> Trainer:
    L = len(tr.network.layers)
    epochs = np.arange(1, rows + 1)
    cols = {"epoch": epochs, "loss": 1.0 / epochs, "accuracy": np.full(rows, 0.5),
            "test_loss": np.full(rows, np.nan), "test_accuracy": np.full(rows, np.nan),
            "grad_norms": np.ones((rows, L))}
    tr.history = History.from_arrays(cols, L)
    tr.epoch = rows
    return tr


def test_the_largest_network_with_the_most_state_and_a_long_history_saves_and_opens(tmp_path):
    units = int((-4 + (16 + 4 * (limits.MAX_PARAMS - 2)) ** 0.5) / 2)   # P(u) = u² + 5u + 1
    cfg = TrainConfig(hidden=(units, units - 1), optimizer="adam", amsgrad=True)
    assert limits.MAX_PARAMS * 0.99 < limits.n_params(cfg) <= limits.MAX_PARAMS
    tr = _with_history(Trainer(cfg, *make_data(cfg)), 3 * limits.MAX_HISTORY_ROWS + 7)
    save_session(tr, tmp_path / "big.npz")

    assert os.path.getsize(tmp_path / "big.npz") <= MAX_SESSION_BYTES
    back = load_session(tmp_path / "big.npz")
    h = back.history.view()
    assert len(h) <= limits.MAX_HISTORY_ROWS
    assert h.epoch[0] == 1 and h.epoch[-1] == tr.epoch      # first and last epochs kept
    assert np.array_equal(back.network.theta, tr.network.theta)


def test_a_network_over_the_parameter_bound_is_refused_by_the_config_itself():
    with pytest.raises(ValueError, match="parameters, more than the 2,500,000 a session can hold"):
        TrainConfig().replace(hidden=(2048, 2048))


def test_a_short_history_is_saved_whole(tmp_path):
    tr = _with_history(Trainer(TrainConfig(), *make_data(TrainConfig())), 5000)
    save_session(tr, tmp_path / "a.npz")
    assert np.array_equal(load_session(tmp_path / "a.npz").history.view().epoch, np.arange(1, 5001))


# --- 2. nothing is allocated that would not fit ---------------------------------------------
def test_a_run_that_would_not_fit_in_memory_is_refused_saying_how_much(capsys):
    line = refused(capsys, "train", "--dataset", "circle", "--points", 1_000_000, "--hidden", 4096)
    assert "would need about 131 GB of memory" in line and "half of this computer's memory" in line


def test_sixteen_layers_of_4096_are_refused_before_any_allocation(capsys):
    assert "parameters" in refused(capsys, "train", "--hidden", *[4096] * 16)


def test_a_sweep_that_would_not_fit_is_refused(capsys):
    line = refused(capsys, "sweep", "--hidden", 64, "--points", 1_000_000, "--dataset", "circle",
                   "--trials", 100_000)
    assert "a sweep row of network 2-64×2-1" in line and "100,000 trials" in line
    assert "--trials" in refused(capsys, "sweep", "--trials", 1_000_000)


def test_a_small_session_asking_for_a_huge_network_is_refused_without_building_it(tmp_path):
    tr = Trainer(TrainConfig(), *make_data(TrainConfig()))
    save_session(tr, tmp_path / "a.npz")
    start = time.perf_counter()
    with pytest.raises(SessionError, match="parameters, more than"):
        load_session(rewrite(tmp_path / "a.npz", tmp_path / "b.npz",
                             header=lambda h: h["config"].update(hidden=[4096] * 16)))
    assert time.perf_counter() - start < 1


def test_a_session_whose_points_would_not_fit_this_computer_is_refused(tmp_path, monkeypatch):
    tr = Trainer(TrainConfig(), *make_data(TrainConfig()))
    save_session(tr, tmp_path / "a.npz")
    monkeypatch.setenv("BACKPROP_LAB_MEMORY_BUDGET", "1000")
    with pytest.raises(SessionError, match="would need about .* of memory"):
        load_session(tmp_path / "a.npz")


# --- 3. every number is range-checked where it enters ---------------------------------------
@pytest.mark.parametrize("argv", [
    ["--init-scale", "inf"], ["--init", "uniform", "--init-scale", "1e308"], ["--weight-decay", "inf"],
    ["--l2", "inf"], ["--l1", "1e308"], ["--seed", "-1"], ["--data-seed", "-1"], ["--epochs", "10000000000000"],
])
def test_absurd_numbers_are_refused_naming_the_option(capsys, argv):
    # the option as the user typed it (--epochs, not the config's max_epochs)
    assert refused(capsys, "train", *argv).startswith(f"backprop-lab: error: {argv[-2]}: ")


@pytest.mark.parametrize("argv, words", [
    (["--seed", "-1", "--trials", "1"], "error: --seed: -1 is out of range"),
    (["--epochs", "0", "--trials", "1"], "error: --epochs: 0 is out of range"),
    (["--workers", "0"], "--workers: must be between 1"),
    (["--trials", "0"], "--trials: must be between 1"),
])
def test_absurd_sweep_options_are_refused(capsys, argv, words):
    assert words in refused(capsys, "sweep", *argv)


@pytest.mark.parametrize("rows", [[], [(0.1, 0.2)]])
def test_a_csv_without_training_rows_is_one_line(capsys, tmp_path, rows):
    path = tmp_path / "p.csv"
    path.write_text("x1,x2,label,split\n" + "".join(f"{a},{b},1,test\n" for a, b in rows))
    assert f"--data {path}: no training points ({len(rows)} test points" in refused(
        capsys, "train", "--data", path)


@pytest.mark.parametrize("edit, words", [
    (lambda h: h.update(epoch=10**30), r"epoch must be a whole number from 0 to 10\^12"),
    (lambda h: h["optimizer"].update(t=10**400), "optimizer step count"),
    (lambda h: h.update(stop_epoch=h["epoch"] + 1), "stop_epoch"),
])
def test_session_headers_with_absurd_numbers_are_refused(tmp_path, edit, words):
    tr = Trainer(TrainConfig(optimizer="adam"), *make_data(TrainConfig()))
    tr.run(3)
    save_session(tr, tmp_path / "a.npz")
    with pytest.raises(SessionError, match=words):
        load_session(rewrite(tmp_path / "a.npz", tmp_path / "b.npz", header=edit))


# --- 4. outputs are checked before the work, and named ----------------------------------------
@pytest.mark.parametrize("target", ["missing/a.npz", "."])
def test_save_session_where_it_cannot_be_written_fails_before_training(capsys, tmp_path, target):
    path = tmp_path / target
    assert f"--save-session {path}: " in refused(capsys, "train", "--save-session", path, *QUIET)


def test_sweep_out_where_it_cannot_be_written_fails_before_the_sweep(capsys, tmp_path):
    path = tmp_path / "missing" / "t.csv"
    assert f"--out {path}: no folder" in refused(capsys, "sweep", "--trials", 1, "--out", path)


@pytest.mark.parametrize("flag, name", [("--out", "t.csv"), ("--plot", "t.png")])
def test_sweep_outputs_that_are_folders_fail_before_the_sweep_naming_option_and_path(
        capsys, tmp_path, flag, name):
    path = tmp_path / name
    path.mkdir()
    assert f"{flag} {path}: is a folder" in refused(capsys, "sweep", "--trials", 1, flag, path)


def test_a_save_that_fails_after_training_names_the_path(capsys, tmp_path, monkeypatch):
    from backprop_lab.model import session
    monkeypatch.setattr(session, "atomic_write", lambda *a, **k: open(tmp_path, "wb"))
    code, out, err = run(capsys, "train", "--epochs", 2, *QUIET, "--save-session", tmp_path / "s.npz")
    assert code == 2 and f"--save-session {tmp_path / 's.npz'}: Is a directory" in err


# --- 5. FIFOs and devices are not files ---------------------------------------------------------
def _returns_within(seconds, job):
    result = {}

    def target():
        try:
            result["value"] = job()
        except Exception as e:
            result["error"] = e
    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "hangs"
    if "error" in result:
        raise result["error"]
    return result.get("value")


@pytest.mark.parametrize("option", ["--data", "--load-session"])
def test_a_fifo_or_a_device_is_refused_at_once(capsys, tmp_path, option):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for path in (fifo, "/dev/zero"):
        assert _returns_within(5, lambda: launcher.main(["train", option, str(path)])) == 2
        assert "not a regular file" in capsys.readouterr().err
    with pytest.raises(DataFileError, match="pipe: not a regular file"):
        _returns_within(5, lambda: read_points_csv(fifo))


# --- 6. no leftovers ------------------------------------------------------------------------------
def test_the_next_save_removes_stale_temp_files_of_ours_and_only_those(tmp_path):
    old = time.time() - STALE_SECONDS - 10
    stale = [tmp_path / ".a.npz.bpl-abcd1234.tmp", tmp_path / ".run.npz.x_y7zq01.tmp"]
    kept = [tmp_path / ".b.npz.bpl-fresh123.tmp", tmp_path / ".notes.txt.swp", tmp_path / "c.tmp"]
    for p in stale + kept:
        p.write_bytes(b"x")
        os.utime(p, (old, old) if p != kept[0] else None)
    write_points_csv(tmp_path / "points.csv", np.zeros((1, 2)), np.zeros((1, 1)))

    assert all(not p.exists() for p in stale) and all(p.exists() for p in kept)
    assert remove_stale_temp_files(str(tmp_path)) == []


def test_sweep_out_is_written_atomically(tmp_path, monkeypatch):
    from backprop_lab.model import sweep_cli
    path = tmp_path / "t.csv"
    path.write_text("previous\n")
    monkeypatch.setitem(sweep_cli.WRITERS, ".csv", lambda result: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        sweep_cli.write_table(None, str(path))
    assert path.read_text() == "previous\n" and os.listdir(tmp_path) == ["t.csv"]
    with atomic_write(path, "w") as f:
        f.write("new\n")
    assert path.read_text() == "new\n"


# --- 8. quiet stderr --------------------------------------------------------------------------------
def test_divergence_prints_one_line_and_no_numpy_warning(capsys):
    code, _, err = run(capsys, "train", "--dataset", "linear", "--points", 20, "--activation", "relu",
                       "--output-activation", "none", "--lr", 1000, "--epochs", 1000, *QUIET)
    assert code == 3 and len(err.strip().splitlines()) == 1 and "RuntimeWarning" not in err


def test_limits_describe_sizes_for_people():
    assert [limits.size_text(n) for n in (512, 3.2e6, 2.62e11)] == ["512 B", "3.2 MB", "262 GB"]
    json.dumps(limits.MAX_SESSION_BYTES)


def test_colour_scaling_of_non_finite_outputs_is_silent_and_sensible():
    import warnings
    from backprop_lab.gui.views.colors import to_rgba_u8, to_unit
    a = np.array([[np.nan, 1.0, np.inf], [np.nan, -2.0, np.inf], [np.nan, 0.0, np.inf]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")          # any RuntimeWarning fails the test
        u = to_unit(a, "relu", axis=0)
        to_rgba_u8(u)
    assert np.array_equal(u[:, 1], [0.75, 0.0, 0.5])   # scaled by the largest finite |a|
    assert np.isnan(u[:, 0]).all() and np.isnan(u[:, 2]).all()   # drawn as the middle


def test_the_training_log_of_a_run_not_yet_started_exports_as_a_header(tmp_path):
    from backprop_lab.model.csv_data import write_history_csv
    tr = Trainer(TrainConfig(), *make_data(TrainConfig()))
    write_history_csv(tmp_path / "log.csv", tr.snapshot().history)
    assert (tmp_path / "log.csv").read_text().splitlines() == [
        "epoch,loss,accuracy,test_loss,test_accuracy,grad_norm_layer1,grad_norm_layer2,grad_norm_layer3"]


def test_every_bad_input_of_the_probe_is_refused_cleanly(capsys):
    import probe_bad_inputs
    assert probe_bad_inputs.main() == 0, capsys.readouterr().out
