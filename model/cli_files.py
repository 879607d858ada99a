"""``backprop-lab train``'s file options: sessions, CSV points, plots and frames.

    --load-session FILE   continue a saved session (its settings, weights, points)
    --save-session FILE   save the session after training
    --data FILE.csv       train on a CSV file's points
    --save-plots DIR      loss, accuracy, truth-vs-prediction and decision-map PNGs
    --save-frames DIR     the decision map every --frame-every K epochs, numbered PNGs
    --save-animation FILE the same frames as an animated GIF (.gif) or an MP4 video (.mp4)

``backprop_lab.model.cli`` calls these hooks at fixed points of ``run_train``. The plots and
frames are drawn by the window's own views, with Qt, and model/ never imports the
window's package: the app's launcher (the ``backprop-lab`` command) hands its drawers
in with ``register_drawers`` before it runs the command line. Without them
(``python -m backprop_lab.model train --save-plots DIR``) those two options stop with one
line saying to run them through ``backprop-lab train``.
"""
from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass

from backprop_lab.model import limits
from backprop_lab.model.atomic_file import check_writable_option
from backprop_lab.model.config import DATA_FIELDS, TrainConfig
from backprop_lab.model.trainer import Trainer, make_data

PROG = "backprop-lab"
EXIT_USAGE = 2
CONFIG_FIELDS = frozenset(f.name for f in dataclasses.fields(TrainConfig))

# With --load-session the session's own settings and points are used: config options
# other than --epochs (which then means "this many more epochs") are refused, as are
# the data-set options with --data (the points come from the file). An option that
# would silently be ignored is an error instead.
SESSION_KEEPS = CONFIG_FIELDS - {"max_epochs"}
CSV_REPLACES = DATA_FIELDS - {"task", "classes"}      # the problem is the person's to name

NEEDS_LAUNCHER = ("--save-plots and --save-frames draw with the app's views: run them through "
                  "the app's launcher, `backprop-lab train ...`")


@dataclass(frozen=True)
class Drawers:
    """What --save-plots and --save-frames draw with, registered by the app's launcher.

    save_plots(snapshot, folder)  writes the PNGs of --save-plots; raises on failure
    frame_writer(folder)          for --save-frames: an object with write(snapshot),
                                  paths (the files written) and last_epoch
    check()                       raises ValueError (one line) when drawing cannot work
                                  here, before any training starts
    movie_writer(path, fps, size) for --save-animation: like frame_writer's, plus close()
                                  which writes the file
    check_movie(path, fps, size)  raises ValueError (one line) when that movie cannot be
                                  made here (format, a missing optional package)
    """
    save_plots: Callable
    frame_writer: Callable
    check: Callable[[], None]
    movie_writer: Callable | None = None
    check_movie: Callable | None = None


drawers: Drawers | None = None      # None: the command line runs without the app's launcher


def register_drawers(new: Drawers | None) -> None:
    """Let --save-plots and --save-frames draw with ``new`` (None: they refuse again)."""
    global drawers
    drawers = new


def add_session_options(group) -> None:
    group.add_argument("--load-session", metavar="FILE",
                       help="continue a saved session (.npz, as saved by the app or --save-session): "
                            "its settings, weights, optimizer state and points; with it only --epochs "
                            "(= this many more epochs), --data and output options may be given")
    group.add_argument("--save-session", metavar="FILE",
                       help="save the session after training (.npz; opens in the app's File > Open)")
    group.add_argument("--data", metavar="FILE.csv",
                       help="train on the points of a CSV file (header x1,x2,label[,split]) "
                            "instead of a generated data set")
    group.add_argument("--encoding", metavar="NAME", default=None,
                       help="text encoding of the --data file: auto (default: UTF-8 with or without "
                            "BOM, UTF-16, GBK or Big5, as Excel saves on Chinese Windows), utf-8, "
                            "utf-16, gbk, big5 or any Python codec name")
    group.add_argument("--save-plots", metavar="DIR",
                       help="after training, write loss.png, accuracy.png, truth-vs-prediction.png "
                            "and decision-map.png into DIR (drawn offscreen with the app's views)")
    group.add_argument("--save-frames", metavar="DIR",
                       help="write the decision map as numbered frames DIR/frame-00000.png, … "
                            "while training (epoch 0, every --frame-every epochs, the last)")
    group.add_argument("--save-animation", metavar="FILE",
                       help="write the decision map over training as an animated GIF (FILE.gif, "
                            "needs Pillow) or an MP4 video (FILE.mp4, needs imageio-ffmpeg): "
                            "pip install 'backprop-lab[movie]'")
    group.add_argument("--frame-every", type=_positive_int, metavar="K",
                       help="epochs between two frames of --save-frames and --save-animation "
                            "(default: 100)")
    group.add_argument("--fps", type=float, metavar="N", default=None,
                       help="frames per second of --save-animation (default: 10)")
    group.add_argument("--frame-size", type=_positive_int, metavar="PIXELS", default=None,
                       help="width and height of --save-animation's frames (default: 480)")


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be >= 1, got {value}")
    return value


def _flags(fields) -> str:
    """The options that set ``fields``, as the user typed them."""
    names = {"n_points": "--points", "max_epochs": "--epochs", "test_fraction": "--test-fraction",
             "data_seed": "--data-seed", "output_activation": "--output-activation"}
    return ", ".join(names.get(f, "--" + f.replace("_", "-")) for f in sorted(fields))


def load_inputs(args, cfg: TrainConfig):
    """The config and data to train on, checked before any training starts.

    Returns (cfg, data): data is (X, y, X_test, y_test), or with --load-session the
    loaded Trainer itself. Raises ValueError (one line) for refused combinations and
    for files that cannot be read; output folders are made here, so that a bad
    output path fails before a long run rather than after it."""
    given = {k for k in vars(args) if k in CONFIG_FIELDS}
    if args.frame_every is not None and not (args.save_frames or args.save_animation):
        raise ValueError("--frame-every needs --save-frames or --save-animation")
    if (args.fps is not None or args.frame_size is not None) and not args.save_animation:
        raise ValueError("--fps and --frame-size need --save-animation")
    if args.encoding is not None and not args.data:
        raise ValueError("--encoding needs --data (it is the encoding of that CSV file)")
    if args.load_session and given & SESSION_KEEPS:
        raise ValueError(f"{_flags(given & SESSION_KEEPS)} cannot be combined with --load-session "
                         "(the session keeps its own settings; only --epochs, --data and the "
                         "output options can be given)")
    if args.data and given & CSV_REPLACES:
        raise ValueError(f"{_flags(given & CSV_REPLACES)} cannot be combined with --data "
                         "(the points come from the file)")
    _check_outputs(args)
    points = _read_points(args.data, cfg, args.encoding) if args.data else None
    if args.load_session:
        from backprop_lab.model.session import load_session
        trainer = load_session(args.load_session)   # SessionError is a ValueError naming the file
        if points is not None:
            _check_points(args.data, trainer.cfg, points)
        elif not len(trainer.X):
            raise ValueError(f"--load-session {args.load_session}: the session has no training "
                             "points; give some with --data FILE.csv")
        return trainer.cfg, _LoadedSession(trainer, points)
    return cfg, points if points is not None else make_data(cfg)


class _LoadedSession:
    """What make_trainer needs to continue a session: its Trainer and the points of --data."""

    def __init__(self, trainer: Trainer, points):
        self.trainer, self.points = trainer, points


def _read_points(path, cfg: TrainConfig, encoding: str | None = None):
    from backprop_lab.model.csv_data import read_points_csv
    pf = read_points_csv(path, encoding)     # DataFileError is a ValueError naming the file
    points = pf.X, pf.y, pf.X_test, pf.y_test
    _check_points(path, cfg, points)        # a refusal is the one line, without the notices
    _check_problem(path, cfg, pf)
    notices = list(pf.notices)
    if pf.encoding not in ("UTF-8", "UTF-8 with BOM"):      # say so: a wrong guess shows in the data
        how = "as asked" if encoding and encoding.lower() != "auto" else "detected; --encoding overrides"
        notices.insert(0, f"read as {pf.encoding} ({how})")
    for notice in notices:
        print(f"{PROG}: {os.path.basename(path)}: {notice}", file=sys.stderr)
    return points


def _check_points(path, cfg: TrainConfig, points) -> None:
    """Refuse a file with nothing to train on, or too many points for the network."""
    X, _, X_test, _ = points
    if not len(X):
        raise ValueError(f"--data {path}: no training points ({len(X_test)} test points; "
                         "rows with split=test are not trained on)")
    limits.check_memory(cfg, len(X), len(X_test))


def _check_problem(path, cfg: TrainConfig, pf) -> None:
    """Refuse labels the problem cannot take, saying which option fits the file."""
    from backprop_lab.model import tasks
    if pf.regression and not tasks.is_regression(cfg):
        raise ValueError(f"--data {path}: the file has a target column (regression); "
                         "give --task regression, or a label column for classes")
    if not pf.regression and tasks.is_regression(cfg):
        raise ValueError(f"--data {path}: --task regression needs a target column, the file has labels")
    if not pf.regression and pf.classes > tasks.n_classes(cfg):
        raise ValueError(f"--data {path}: labels go up to {pf.classes - 1}; "
                         f"give --classes {pf.classes} to train {pf.classes} classes")


def _check_outputs(args) -> None:
    if (args.save_plots or args.save_frames or args.save_animation) and drawers is None:
        raise ValueError(NEEDS_LAUNCHER)
    for folder, flag in ((args.save_plots, "--save-plots"), (args.save_frames, "--save-frames")):
        if folder:
            try:
                os.makedirs(folder, exist_ok=True)
            except OSError as e:
                raise ValueError(f"{flag} {folder}: cannot make the folder ({e.strerror or e})") from None
    if args.save_session:
        check_writable_option("--save-session", args.save_session)
    if args.save_animation:
        check_writable_option("--save-animation", args.save_animation)
    if args.save_plots or args.save_frames or args.save_animation:
        drawers.check()
    if args.save_animation:
        if drawers.check_movie is None:
            raise ValueError("--save-animation: this build cannot write animations")
        try:
            drawers.check_movie(args.save_animation, *_movie_options(args))
        except ValueError as e:
            raise ValueError(f"--save-animation {args.save_animation}: {e}") from None


def _movie_options(args) -> tuple[float, int]:
    return (10.0 if args.fps is None else args.fps), (480 if args.frame_size is None else args.frame_size)


def make_trainer(args, cfg: TrainConfig, data) -> Trainer:
    """A new Trainer, or the loaded session's (with --epochs = N more epochs and the
    points of --data, weights kept)."""
    if not isinstance(data, _LoadedSession):
        return Trainer(cfg, *data)
    trainer = data.trainer
    if "max_epochs" in vars(args):
        trainer.set_config(trainer.cfg.replace(max_epochs=trainer.epoch + args.max_epochs))
    if data.points is not None:
        trainer.set_data(*data.points)
    return trainer


def data_source(args, trainer: Trainer) -> str:
    """What the run trains on, for the first line of the output."""
    if args.load_session:
        where = f"session {os.path.basename(args.load_session)} from epoch {trainer.epoch}"
        return where + (f", points of {os.path.basename(args.data)}" if args.data else "")
    return os.path.basename(args.data) if args.data else trainer.cfg.dataset


def epoch_hooks(args, trainer: Trainer) -> list:
    """Per-epoch callbacks ``f(stats)``: with --save-frames and --save-animation, a frame
    every K epochs (and one of the state before training, written here)."""
    writers = []
    if args.save_frames:
        writers.append(drawers.frame_writer(args.save_frames))
        args.frame_writer = writers[-1]
    if args.save_animation:
        writers.append(drawers.movie_writer(args.save_animation, *_movie_options(args)))
        args.movie_writer = writers[-1]
    if not writers:
        return []
    every = args.frame_every or 100
    snap = trainer.snapshot()
    for writer in writers:
        writer.write(snap)

    def frame(stats):
        if stats.epoch % every == 0 and writers[0].last_epoch != stats.epoch:
            snap = trainer.snapshot()
            for writer in writers:
                writer.write(snap)
    return [frame]


def save_outputs(args, trainer: Trainer) -> int | None:
    """Write --save-frames' last frame, --save-session and --save-plots. Returns
    EXIT_USAGE after printing one line per file that could not be written."""
    failed = False
    snap = trainer.snapshot()
    jobs = []
    writer = getattr(args, "frame_writer", None)
    if writer is not None and writer.last_epoch != trainer.epoch:
        jobs.append((f"--save-frames {args.save_frames}", lambda: writer.write(snap)))
    movie = getattr(args, "movie_writer", None)
    if movie is not None:
        def finish_movie():
            if movie.last_epoch != trainer.epoch:
                movie.write(snap)
            movie.close()
        jobs.append((f"--save-animation {args.save_animation}", finish_movie))
    if args.save_session:
        from backprop_lab.model.session import save_session
        jobs.append((f"--save-session {args.save_session}", lambda: save_session(trainer, args.save_session)))
    if args.save_plots:
        jobs.append((f"--save-plots {args.save_plots}", lambda: drawers.save_plots(snap, args.save_plots)))
    for flag, job in jobs:
        try:
            job()
        except Exception as e:          # OSError, the exporters' errors: one line each
            why = getattr(e, "strerror", None) or e
            path = getattr(e, "filename", None)
            where = f" ({path})" if path and not str(flag).endswith(str(path)) else ""
            print(f"{PROG}: error: {flag}: {why}{where}", file=sys.stderr)
            failed = True
    if writer is not None:
        print(f"frames: {len(writer.paths)} in {args.save_frames}", file=sys.stdout)
    if movie is not None and not failed:
        print(f"animation: {movie.count} frames in {args.save_animation}", file=sys.stdout)
    return EXIT_USAGE if failed else None
