"""The animation as an animated GIF or an MP4 video, from `train --save-animation` and
from the window's Export animation…, with its frame rate and size."""
import importlib.util
import subprocess
import sys

import pytest

from backprop_lab.gui import animation, file_dialogs, movie

PIL = pytest.importorskip("PIL.Image")


def run_train(*args):
    cmd = [sys.executable, "-m", "backprop_lab.gui", "train", "--dataset", "xor-easy", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=300)


def test_train_writes_a_gif_with_a_frame_every_k_epochs_at_the_frame_rate(tmp_path):
    path = tmp_path / "xor.gif"
    result = run_train("--epochs", "100", "--save-animation", str(path), "--frame-every", "25",
                       "--fps", "5", "--frame-size", "320")
    assert result.returncode == 0, result.stderr
    assert f"animation: 5 frames in {path}" in result.stdout          # epochs 0, 25, 50, 75, 100
    with PIL.open(path) as gif:
        assert gif.n_frames == 5 and gif.size == (320, 320)
        assert gif.info["duration"] == 200 and gif.info["loop"] == 0
        first = gif.convert("RGB").tobytes()
        gif.seek(4)
        assert gif.convert("RGB").tobytes() != first                  # the map changed


@pytest.mark.skipif(importlib.util.find_spec("imageio_ffmpeg") is None, reason="imageio-ffmpeg is not installed")
def test_train_writes_an_mp4_video(tmp_path):
    import imageio_ffmpeg
    path = tmp_path / "xor.mp4"
    result = run_train("--epochs", "60", "--save-animation", str(path), "--frame-every", "10", "--fps", "12")
    assert result.returncode == 0, result.stderr
    reader = imageio_ffmpeg.read_frames(str(path))
    meta = next(reader)
    frames = sum(1 for _ in reader)
    assert meta["fps"] == 12 and tuple(meta["size"]) == (480, 480)
    assert frames == 7                                                 # epochs 0, 10, …, 60


def test_bad_animation_options_are_refused_before_training(tmp_path):
    for args, words in ((["--save-animation", str(tmp_path / "a.avi")], "use a .gif or .mp4"),
                        (["--save-animation", str(tmp_path / "a.gif"), "--fps", "0"], "frame rate"),
                        (["--save-animation", str(tmp_path / "a.gif"), "--frame-size", "20"], "frame size"),
                        (["--fps", "5"], "--fps and --frame-size need --save-animation")):
        result = run_train("--epochs", "5", *args)
        assert result.returncode == 2 and words in result.stderr, result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


def test_a_missing_package_is_named_with_the_extra_to_install(monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "PIL" else real(name, *a))
    with pytest.raises(movie.MovieError, match=r"GIF export needs Pillow: pip install 'backprop-lab\[movie\]'"):
        movie.check("map.gif")


def test_the_window_exports_a_gif_from_a_copy_of_the_trainer(qtbot, window, tmp_path, monkeypatch):
    path = tmp_path / "run.gif"
    monkeypatch.setattr(animation, "ask_animation", lambda parent: (120, 40, True, ("gif", 10.0, 240)))
    monkeypatch.setattr(file_dialogs, "ask_save_path", lambda *a: str(tmp_path / "run"))
    window.file_menu.figures.animation_action.trigger()
    job = window.file_menu.figures.animation
    qtbot.waitUntil(lambda: job.finished, timeout=30000)
    with PIL.open(path) as gif:
        assert gif.n_frames == 4 and gif.size == (240, 240) and gif.info["duration"] == 100
    assert "Exported 4 frames" in window.statusBar().currentMessage()


def test_the_dialog_offers_gif_mp4_and_frames(qtbot):
    dialog = animation.AnimationDialog()
    qtbot.addWidget(dialog)
    kinds = [dialog.format.itemData(i) for i in range(dialog.format.count())]
    assert kinds == ["gif", "mp4", "frames"] and dialog.format.currentData() == "gif"
    dialog.format.setCurrentIndex(2)
    assert not dialog.fps.isEnabled() and not dialog.size.isEnabled()
