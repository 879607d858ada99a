"""The command line's drawers: ``backprop-lab train --save-plots DIR`` and
``--save-frames DIR`` draw with the window's own views, ``sweep --plot FILE`` with the
Experiments dialog's charts (backprop_lab.gui.plots_offscreen,
backprop_lab.gui.animation), so a figure from the command line looks like the panel on
screen.

    register_drawers()       # the launcher, before it runs backprop_lab.model.cli.main

The engine's command line (model/) never imports this package; it calls what is
registered here. Nothing here imports Qt until one of those options is given: the
command line must start fast and work on a machine without Qt.
"""
from __future__ import annotations

import importlib.util


def check() -> None:
    """Raise ValueError (one line) when the views cannot draw here: Qt is missing."""
    missing = [m for m in ("PySide6", "pyqtgraph") if importlib.util.find_spec(m) is None]
    if missing:
        raise ValueError(f"--save-plots and --save-frames draw with the app's views, "
                         f"which need {' and '.join(missing)}")


def save_plots(snap, folder):
    """--save-plots: loss, accuracy, truth-vs-prediction and decision-map PNGs."""
    from backprop_lab.gui.plots_offscreen import save_plots as write
    return write(snap, folder)


def frame_writer(folder):
    """--save-frames: a FrameWriter into ``folder`` (offscreen when no app runs yet)."""
    from backprop_lab.gui.animation import FrameWriter
    from backprop_lab.gui.plots_offscreen import ensure_app
    ensure_app()
    return FrameWriter(folder)


def movie_writer(path, fps, size):
    """--save-animation: a MovieWriter (GIF with Pillow, MP4 with imageio-ffmpeg)."""
    from backprop_lab.gui.movie import MovieWriter
    from backprop_lab.gui.plots_offscreen import ensure_app
    ensure_app()
    return MovieWriter(path, fps, size)


def check_movie(path, fps, size) -> None:
    """Raise ValueError (one line) when that movie cannot be made here; imports no Qt
    when it cannot (the format, a missing package)."""
    suffix = path.rsplit(".", 1)[-1].lower() if "." in str(path) else ""
    if suffix not in ("gif", "mp4"):
        raise ValueError("use a .gif or .mp4 file name")
    from backprop_lab.gui.movie import check
    check(path, fps, size)


def save_sweep_chart(result, path):
    """sweep --plot: the Experiments dialog's charts as a .png or .svg."""
    from backprop_lab.gui.plots_offscreen import ensure_app
    from backprop_lab.gui.sweep_chart import save_chart
    ensure_app()
    return save_chart(result, path)


def check_sweep_chart() -> None:
    if importlib.util.find_spec("PySide6") is None:
        raise ValueError("--plot draws with the app's Qt, which needs PySide6")


def register_drawers() -> None:
    """Hand the drawers above to the engine's command line."""
    from backprop_lab.model import cli_files, sweep_cli
    cli_files.register_drawers(cli_files.Drawers(save_plots=save_plots, frame_writer=frame_writer,
                                                 check=check, movie_writer=movie_writer,
                                                 check_movie=check_movie))
    sweep_cli.register_chart_writer(sweep_cli.ChartWriter(save_sweep_chart, check_sweep_chart))
