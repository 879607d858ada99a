"""`backprop-lab train` with files: --save-session/--load-session continue bit for
bit, --data trains on a CSV's points, --save-plots and --save-frames draw PNGs
offscreen; bad files and refused combinations give one line and exit code 2.

The command is run as `backprop-lab` runs it, through the app's launcher, which
hands the engine's command line the window's drawers for --save-plots and
--save-frames; without the launcher those two options refuse in one line."""
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QImage

from backprop_lab.gui import launcher
from backprop_lab.model import TrainConfig, cli, cli_files, make_data
from backprop_lab.model.csv_data import write_points_csv
from backprop_lab.model.session import load_session
from backprop_lab.model.trainer import Trainer

REPO_ROOT = Path(__file__).resolve().parent.parent
QUIET = ["--log-every", "0"]


def run(capsys, *argv):
    """`backprop-lab *argv`: exit code, stdout, stderr."""
    code = launcher.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def one_line_error(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("backprop-lab: error: "), err
    return lines[0]


def test_model_package_never_imports_qt():
    found = subprocess.run(["grep", "-rE", r"^\s*(import|from)\s+(PySide6|pyqtgraph)", "model/"],
                           cwd=REPO_ROOT, capture_output=True, text=True)
    assert found.stdout == ""


def test_save_then_load_session_continues_bit_identical(capsys, tmp_path):
    code, _, _ = run(capsys, "train", "--epochs", 60, "--optimizer", "adam", "--lr", 0.01,
                     "--batch-size", 5, *QUIET, "--save-session", tmp_path / "a.npz")
    assert code == 0
    code, out, _ = run(capsys, "train", "--load-session", tmp_path / "a.npz", "--epochs", 40,
                       *QUIET, "--save-session", tmp_path / "b.npz")
    assert code == 0
    assert "on session a.npz from epoch 60" in out
    assert "time: 40 epochs" in out
    assert re.search(r"^epoch 61 ", out, re.M) and re.search(r"^epoch 100 ", out, re.M)

    cfg = TrainConfig(max_epochs=100, optimizer="adam", lr=0.01, batch_size=5)
    straight = Trainer(cfg, *make_data(cfg))
    straight.run(epochs=100)
    continued = load_session(tmp_path / "b.npz")
    assert continued.epoch == 100
    assert np.array_equal(continued.network.theta, straight.network.theta)
    assert np.array_equal(continued.history.view().loss, straight.history.view().loss)


def test_load_session_refuses_settings_it_would_ignore(capsys, tmp_path):
    run(capsys, "train", "--epochs", 5, *QUIET, "--save-session", tmp_path / "a.npz")
    code, _, err = run(capsys, "train", "--load-session", tmp_path / "a.npz", "--lr", 0.3,
                       "--hidden", 3)
    assert code == 2
    assert "--hidden, --lr cannot be combined with --load-session" in one_line_error(err)


@pytest.mark.parametrize("content", [b"", b"PK\x03\x04 truncated zip", b"hello"])
def test_bad_session_file_is_one_line_and_exit_2(capsys, tmp_path, content):
    bad = tmp_path / "bad.npz"
    bad.write_bytes(content)
    code, out, err = run(capsys, "train", "--load-session", bad)
    assert code == 2 and out == ""
    assert "bad.npz" in one_line_error(err)


def test_missing_session_file_is_one_line_and_exit_2(capsys, tmp_path):
    code, _, err = run(capsys, "train", "--load-session", tmp_path / "nowhere.npz")
    assert code == 2 and "nowhere.npz" in one_line_error(err)


def test_data_csv_trains_on_the_files_points(capsys, tmp_path):
    X = np.array([[0.0, 0.0], [1.0, 1.0], [0.0, 1.0], [1.0, 0.0], [0.5, 0.5]])
    y = np.array([[0], [0], [1], [1], [0]], float)
    write_points_csv(tmp_path / "pts.csv", X[:4], y[:4], X[4:], y[4:])
    code, out, _ = run(capsys, "train", "--data", tmp_path / "pts.csv", "--epochs", 10, *QUIET,
                       "--save-session", tmp_path / "s.npz")
    assert code == 0
    assert "on pts.csv: 4 training points, 1 test points" in out
    trainer = load_session(tmp_path / "s.npz")
    assert np.array_equal(trainer.X, X[:4]) and np.array_equal(trainer.X_test, X[4:])


def test_data_csv_notices_go_to_stderr(capsys, tmp_path):
    (tmp_path / "p.csv").write_text("x1,x2,label,note\n0,0,0,a\n1,1,1,b\n")
    code, _, err = run(capsys, "train", "--data", tmp_path / "p.csv", "--epochs", 2, *QUIET)
    assert code == 0 and "p.csv: ignored extra columns: note" in err


@pytest.mark.parametrize("text", ["x1,x2\n0,0\n", "x1,x2,label\n0,zero,1\n", "x1,x2,label\n0,0,2\n"])
def test_bad_csv_is_one_line_and_exit_2(capsys, tmp_path, text):
    (tmp_path / "bad.csv").write_text(text)
    code, out, err = run(capsys, "train", "--data", tmp_path / "bad.csv")
    assert code == 2 and out == ""
    assert "bad.csv" in one_line_error(err)


def test_data_csv_refuses_data_set_options(capsys, tmp_path):
    (tmp_path / "p.csv").write_text("x1,x2,label\n0,0,0\n")
    code, _, err = run(capsys, "train", "--data", tmp_path / "p.csv", "--dataset", "circle")
    assert code == 2 and "--dataset cannot be combined with --data" in one_line_error(err)


def test_unwritable_outputs_fail_before_training(capsys, tmp_path):
    (tmp_path / "file").write_text("")
    code, out, err = run(capsys, "train", "--save-plots", tmp_path / "file" / "plots")
    assert code == 2 and out == "" and "--save-plots" in one_line_error(err)
    code, out, err = run(capsys, "train", "--save-session", tmp_path / "no" / "such" / "x.npz")
    assert code == 2 and out == "" and "--save-session" in one_line_error(err)
    code, _, err = run(capsys, "train", "--frame-every", 5)
    assert code == 2 and "--frame-every needs --save-frames or --save-animation" in one_line_error(err)


def test_save_plots_writes_four_pngs(capsys, tmp_path):
    code, _, _ = run(capsys, "train", "--epochs", 30, *QUIET, "--save-plots", tmp_path / "plots")
    assert code == 0
    for name in ("loss", "accuracy", "truth-vs-prediction", "decision-map"):
        image = QImage(str(tmp_path / "plots" / f"{name}.png"))
        assert image.width() > 300 and image.height() > 300, name


def test_save_frames_writes_one_frame_every_k_epochs_and_the_last(capsys, tmp_path):
    code, out, _ = run(capsys, "train", "--epochs", 25, *QUIET, "--save-frames", tmp_path / "fr",
                       "--frame-every", 10)
    assert code == 0
    names = sorted(p.name for p in (tmp_path / "fr").iterdir())
    assert names == [f"frame-{i:05d}.png" for i in range(4)]          # epochs 0, 10, 20, 25
    assert "frames: 4 in" in out
    assert not QImage(str(tmp_path / "fr" / names[-1])).isNull()


def test_plots_work_in_a_fresh_process_without_a_display(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}      # no DISPLAY, no QT_QPA_PLATFORM
    done = subprocess.run([sys.executable, "-m", "backprop_lab.gui", "train", "--epochs", "5",
                           "--log-every", "0", "--save-plots", str(tmp_path / "p")],
                          cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert len(list((tmp_path / "p").glob("*.png"))) == 4
    assert done.stderr == ""


@pytest.mark.parametrize("option", ["--save-plots", "--save-frames"])
def test_without_the_launcher_plots_and_frames_say_to_use_it(tmp_path, option):
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "backprop_lab.model", "train", "--epochs", "5",
                           option, str(tmp_path / "out")], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and done.stdout == ""
    assert one_line_error(done.stderr).endswith("run them through the app's launcher, "
                                                "`backprop-lab train ...`")
    assert not (tmp_path / "out").exists()          # refused before anything was made


def test_the_engine_cli_alone_has_no_drawers(capsys, monkeypatch, tmp_path):
    monkeypatch.setattr(cli_files, "drawers", None)      # as in a process the launcher never ran
    code = cli.main(["train", "--save-plots", str(tmp_path / "p")])
    assert code == 2 and cli_files.NEEDS_LAUNCHER in one_line_error(capsys.readouterr().err)
