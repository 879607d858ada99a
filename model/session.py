"""Session files: everything that defines "where training is", in one file.

A session is an NPZ archive (a zip of ``.npy`` arrays, readable with
``np.load(path, allow_pickle=False)``) holding:

``header``            0-d unicode array: JSON with ``format`` ("backprop-lab-session"),
                      ``format_version`` (1), ``app_version``, ``config``
                      (``TrainConfig.to_dict()``), ``rng`` (the shuffle generator's
                      ``bit_generator.state``), ``optimizer`` ({"name", "t"}) and the
                      scalars ``epoch``, ``status``, ``message``, ``stop_epoch``
``theta``, ``initial_theta``, ``theta_prev``, ``grad``, ``update``   (P,) float
``X`` (n, 2), ``y`` (n, 1), ``X_test`` (k, 2), ``y_test`` (k, 1)     float64
``optimizer.<name>``  (P,) each state array of the optimizer (m, v, G, s, vmax …)
``history.<column>``  (H,) epoch (int), loss, accuracy, test_loss, test_accuracy
``history.grad_norms`` (H, L)
``history.<extra>``   (H,) lr, clipped; mae, test_mae for regression (optional: older files lack them)

Never pickle: every entry is a plain array, so a file from a stranger can
only ever be numbers and text. Loading validates everything before it builds
a new ``Trainer``; any problem is a one-line ``SessionError``.
"""
from __future__ import annotations

import json
import os
import stat
from importlib import metadata

import numpy as np

from backprop_lab.model import limits
from backprop_lab.model.atomic_file import atomic_write
from backprop_lab.model.config import TrainConfig
from backprop_lab.model import tasks
from backprop_lab.model.history import COLUMNS as HISTORY_COLUMNS
from backprop_lab.model.history import EXTRA_COLUMNS as HISTORY_EXTRA_COLUMNS
from backprop_lab.model.history import MAE_COLUMNS
from backprop_lab.model import toolbox_state
from backprop_lab.model.points import checked_points
from backprop_lab.model.history import History
from backprop_lab.model.optimizers import make as make_optimizer
from backprop_lab.model.trainer import Trainer

FORMAT_NAME = "backprop-lab-session"
FORMAT_VERSION = 1
SUFFIX = ".npz"                          # for file dialogs: "Backprop Lab session (*.npz)"
# on disk and unpacked: what the largest session the app can make takes (model/limits.py)
MAX_SESSION_BYTES = limits.MAX_SESSION_BYTES
MAX_POINTS = limits.MAX_POINTS                      # training + test, as for CSV data files
MAX_HEADER_CHARS = limits.MAX_HEADER_CHARS
STATUSES = ("ready", "training", "converged", "max_epochs", "diverged", "early_stopped")
WEIGHT_ARRAYS = ("theta", "initial_theta", "theta_prev", "grad", "update")
_ZIP_MAGIC = b"PK\x03\x04"


class SessionError(ValueError):
    """A session file that cannot be loaded; the message is one line naming the problem."""


def app_version() -> str:
    try:
        return metadata.version("backprop-lab")
    except metadata.PackageNotFoundError:   # running from a source tree that was never installed
        return "unknown"


# --- saving ------------------------------------------------------------------------
def session_arrays(trainer: Trainer) -> dict[str, np.ndarray]:
    """Every entry of the session file for ``trainer``, header included (copies)."""
    net, opt_state = trainer.network, trainer.optimizer.state_dict()
    header = {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "app_version": app_version(),
        "config": trainer.cfg.to_dict(),
        "rng": trainer.shuffle_rng.bit_generator.state,
        "optimizer": {"name": trainer.cfg.optimizer, "t": int(opt_state.pop("t"))},
        "epoch": int(trainer.epoch),
        "status": trainer.status,
        "message": trainer.message,
        "stop_epoch": None if trainer.stop_epoch is None else int(trainer.stop_epoch),
        "toolbox": toolbox_state.header(trainer.toolbox),
    }
    arrays = {"header": np.array(json.dumps(header, indent=1, allow_nan=False))}
    arrays.update(theta=net.theta, initial_theta=trainer.initial_theta,
                  theta_prev=trainer.theta_prev, grad=net.grad, update=trainer.update,
                  X=trainer.X, y=trainer.y, X_test=trainer.X_test, y_test=trainer.y_test)
    arrays.update({f"optimizer.{k}": v for k, v in opt_state.items()})
    arrays.update(toolbox_state.arrays(trainer.toolbox))
    arrays.update({f"history.{k}": v for k, v in _bounded_history(trainer.history.arrays()).items()})
    return {k: np.array(v) for k, v in arrays.items()}


def _bounded_history(columns: dict) -> dict:
    """The history with at most ``limits.MAX_HISTORY_ROWS`` rows: a longer one keeps
    every k-th epoch and the last (as the curves draw it), so the file stays loadable."""
    n = len(columns["epoch"])
    step = limits.decimation_step(n)
    if step == 1:
        return columns
    keep = np.unique(np.append(np.arange(0, n, step), n - 1))
    return {k: v[keep] for k, v in columns.items()}


def save_session(trainer: Trainer, path) -> None:
    """Write ``trainer``'s whole state to ``path`` atomically: the previous file at
    ``path`` survives any failure. Raises OSError when the file cannot be written.
    Call it only while the trainer is not stepping (the worker's thread, between epochs).
    """
    arrays = session_arrays(trainer)
    with atomic_write(path, "wb") as f:
        np.savez(f, **arrays)   # to an open file: np.savez adds no ".npz" to the name


# --- loading -------------------------------------------------------------------------
def load_session(path) -> Trainer:
    """A new Trainer exactly where the saved one was (same next epochs, bit for bit).

    Raises SessionError (a ValueError) with a one-line message for any file that
    is missing, unreadable, too large, damaged, of another format or a newer
    version, inconsistent with its config, or holding NaN/inf weights or data.
    Nothing existing is touched: the Trainer is built only once all is valid.
    """
    name = os.fspath(path)                   # the path as given: every file error names it
    try:
        return _load(path)
    except SessionError as e:
        raise SessionError(_one_line(f"{name}: {e}")) from None


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _short(value) -> str:
    """repr of a value from the file, cut short: it may be anything, of any size."""
    return _clip(repr(value), 60)


def _load(path) -> Trainer:
    try:
        # a FIFO or a device never ends (and opening a FIFO waits for a writer): look first
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise SessionError("not a regular file")
        f = open(path, "rb")
    except OSError as e:
        raise SessionError(f"cannot read the file ({e.strerror or e})") from None
    # our own handle, closed here whatever happens (np.load leaks its own if the zip is bad)
    with f:
        size = os.fstat(f.fileno()).st_size
        if size > MAX_SESSION_BYTES:
            raise SessionError(f"file is {size / 1e6:.0f} MB, larger than the "
                               f"{MAX_SESSION_BYTES / 1e6:.0f} MB limit for sessions")
        if f.read(4) != _ZIP_MAGIC:
            raise SessionError("not a Backprop Lab session (not an NPZ archive)")
        f.seek(0)
        try:
            npz = np.load(f, allow_pickle=False)
        except Exception as e:   # an untrusted zip parser may raise anything: report, never crash
            raise SessionError(f"damaged archive ({_why(e)})") from None
        with npz:
            reader = _ArchiveReader(npz)
            header = _read_header(reader)
            cfg = _read_config(header)
            state = _read_state(reader, header, cfg)
    return _build_trainer(cfg, state)


def _clip(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _why(e: Exception) -> str:
    """The exception's class and message, cut short: a parser may quote whole headers."""
    text = _clip(e, 120)
    return f"{type(e).__name__}: {text}" if text else type(e).__name__


class _ArchiveReader:
    """Reads entries of an open NpzFile, checking each one's declared shape and
    dtype *before* its data is read, so an absurd shape never allocates."""

    def __init__(self, npz):
        self.npz = npz
        try:
            infos = npz.zip.infolist()
        except Exception as e:
            raise SessionError(f"damaged archive ({_why(e)})") from None
        unpacked = sum(i.file_size for i in infos)
        if unpacked > MAX_SESSION_BYTES:
            raise SessionError(f"unpacks to {unpacked / 1e6:.0f} MB, larger than the "
                               f"{MAX_SESSION_BYTES / 1e6:.0f} MB limit for sessions")
        self.sizes = {i.filename: i.file_size for i in infos}

    def has(self, key: str) -> bool:
        return key + ".npy" in self.sizes

    def read(self, key: str, shape: tuple, kinds: str, what: str | None = None) -> np.ndarray:
        """Entry ``key``; ``shape`` may hold None for "any length" (at most MAX_POINTS
        for data, bounded by the file for the rest); dtype kind must be in ``kinds``."""
        what = what or key
        member = key + ".npy"
        if member not in self.sizes:
            raise SessionError(f"missing field {key!r}")
        try:
            with self.npz.zip.open(member) as f:
                version = np.lib.format.read_magic(f)
                if version == (1, 0):
                    got, _, dtype = np.lib.format.read_array_header_1_0(f)
                elif version == (2, 0):
                    got, _, dtype = np.lib.format.read_array_header_2_0(f)
                else:
                    raise SessionError(f"{what}: unsupported .npy version {version}")
        except SessionError:
            raise
        except Exception as e:
            raise SessionError(f"{what}: damaged entry ({_why(e)})") from None
        if dtype.kind not in kinds or dtype.hasobject:
            raise SessionError(f"{what}: has dtype {dtype}, expected {_KIND_NAMES[kinds]}")
        if len(got) != len(shape) or any(w is not None and g != w for g, w in zip(got, shape)):
            want = "(" + ", ".join("n" if w is None else str(w) for w in shape) + ")"
            raise SessionError(f"{what}: has shape {got}, expected {want}")
        nbytes = int(np.prod(got, dtype=object)) * dtype.itemsize
        if nbytes > self.sizes[member]:
            raise SessionError(f"{what}: shape {got} needs {nbytes} bytes but the entry holds "
                               f"{self.sizes[member]} (truncated or damaged)")
        try:
            return self.npz[key]
        except Exception as e:   # bad CRC, truncated data, …
            raise SessionError(f"{what}: damaged data ({_why(e)})") from None


_FLOAT, _INT, _TEXT = "f", "iu", "U"
_KIND_NAMES = {_FLOAT: "floating point", _INT: "integer", _TEXT: "text"}


def _read_header(reader: _ArchiveReader) -> dict:
    if not reader.has("header"):
        raise SessionError("not a Backprop Lab session (missing header)")
    text = reader.read("header", (), _TEXT)
    if len(str(text)) > MAX_HEADER_CHARS:
        raise SessionError("header is too long")
    try:
        header = json.loads(str(text))
    except (ValueError, RecursionError) as e:
        raise SessionError(f"header is not valid JSON ({_why(e)})") from None
    if not isinstance(header, dict):
        raise SessionError("header is not a JSON object")
    fmt = header.get("format")
    if fmt != FORMAT_NAME:
        raise SessionError(f"not a Backprop Lab session (format {_short(fmt)})")
    version = header.get("format_version")
    if type(version) is not int or version < 1:
        raise SessionError(f"invalid format version {_short(version)}")
    if version > FORMAT_VERSION:
        raise SessionError(f"format version {version} is newer than this app supports "
                           f"({FORMAT_VERSION}); saved by Backprop Lab "
                           f"{str(header.get('app_version', 'unknown'))[:40]}")
    for key in ("config", "rng", "optimizer", "epoch", "status", "message", "stop_epoch"):
        if key not in header:
            raise SessionError(f"header: missing field {key!r}")
    return header


def _read_config(header: dict) -> TrainConfig:
    d = header["config"]
    if not isinstance(d, dict):
        raise SessionError("header: config is not a JSON object")
    try:
        return TrainConfig.from_dict(d)
    except (ValueError, TypeError) as e:
        raise SessionError(f"config: {_clip(e, 200)}") from None


def _read_state(reader: _ArchiveReader, header: dict, cfg: TrainConfig) -> dict:
    """Every array and scalar, checked against the config; a dict for _build_trainer."""
    epoch, status, message, stop = (header[k] for k in ("epoch", "status", "message", "stop_epoch"))
    if type(epoch) is not int or not 0 <= epoch <= limits.MAX_EPOCH:
        raise SessionError(f"header: epoch must be a whole number from 0 to 10^12, found {_short(epoch)}")
    if status not in STATUSES:
        raise SessionError(f"header: unknown status {_short(status)}")
    if not isinstance(message, str):
        raise SessionError("header: message must be text")
    if stop is not None and (type(stop) is not int or not 1 <= stop <= epoch):
        raise SessionError("header: stop_epoch must be empty or a whole number from 1 to the "
                           f"epoch ({epoch}), found {_short(stop)}")
    opt = header["optimizer"]
    if not isinstance(opt, dict) or opt.get("name") != cfg.optimizer:
        raise SessionError(f"header: optimizer state is not for {cfg.optimizer!r}")
    if type(opt.get("t")) is not int or not 0 <= opt["t"] <= limits.MAX_STEPS:
        raise SessionError("header: optimizer step count must be a whole number from 0 to 2^53, "
                           f"found {_short(opt.get('t'))}")
    rng = _read_rng(header["rng"])

    # shapes from the config alone: nothing the size of the network exists before the
    # points are read and the memory it needs is known
    P, L = limits.n_params(cfg), len(limits.layer_widths(cfg))
    state = {"epoch": epoch, "status": status, "message": message, "stop_epoch": stop, "rng": rng}
    n_points = {}
    for xk, yk, what in (("X", "y", "training"), ("X_test", "y_test", "test")):
        X = reader.read(xk, (None, 2), _FLOAT)
        y = reader.read(yk, (len(X), 1), _FLOAT)
        if len(X) > MAX_POINTS:
            raise SessionError(f"{xk}: {len(X)} {what} points, more than {MAX_POINTS}")
        _require_finite(X, xk)
        _require_finite(y, yk)
        try:                                   # labels 0/1, 0 .. K−1, or float targets
            checked_points(X, y, what, **tasks.label_rule(cfg))
        except ValueError as e:
            raise SessionError(f"{yk}: {what} {str(e).split(': ', 1)[1]}") from None
        state[xk], state[yk] = X, y
        n_points[what] = len(X)
    try:
        limits.check_points(n_points["training"], n_points["test"])
        limits.check_memory(cfg, n_points["training"], n_points["test"], what="continuing")
    except ValueError as e:
        raise SessionError(str(e)) from None
    # a diverged run may keep inf/NaN in its gradient and optimizer state; its weights stay finite
    may_be_nonfinite = status == "diverged"
    for key in WEIGHT_ARRAYS:
        arr = reader.read(key, (P,), _FLOAT, f"{key} (network of {P} parameters)")
        if key in ("theta", "initial_theta") or not may_be_nonfinite:
            _require_finite(arr, key)
        state[key] = arr

    optimizer_state = make_optimizer(cfg, P, np.dtype(cfg.dtype), None).state_dict()
    optimizer_state["t"] = opt["t"]
    for key in optimizer_state.keys() - {"t"}:
        arr = reader.read(f"optimizer.{key}", (P,), _FLOAT)
        if not may_be_nonfinite:
            _require_finite(arr, f"optimizer.{key}")
        optimizer_state[key] = arr
    state["optimizer"] = optimizer_state

    hist = {"epoch": reader.read("history.epoch", (None,), _INT)}
    if len(hist["epoch"]) and not (1 <= hist["epoch"].min() and hist["epoch"].max() <= epoch):
        raise SessionError(f"history.epoch: epochs must be from 1 to the epoch ({epoch})")
    H = len(hist["epoch"])
    for col in HISTORY_COLUMNS[1:]:
        hist[col] = reader.read(f"history.{col}", (H,), _FLOAT)
    hist["grad_norms"] = reader.read("history.grad_norms", (H, L), _FLOAT)
    for col in HISTORY_EXTRA_COLUMNS + MAE_COLUMNS:   # lr, clipped, mae, test_mae: absent from older sessions
        if reader.has(f"history.{col}"):
            hist[col] = reader.read(f"history.{col}", (H,), _FLOAT)
    state["history"], state["n_layers"] = hist, L
    try:
        state["toolbox"] = toolbox_state.read(header.get("toolbox", {}), reader, P)
    except ValueError as e:
        raise SessionError(_clip(e, 200)) from None
    return state


def _require_finite(arr: np.ndarray, what: str):
    if not np.isfinite(arr).all():
        bad = int(np.count_nonzero(~np.isfinite(arr)))
        raise SessionError(f"{what}: contains {bad} NaN or infinite value(s)")


def _read_rng(state) -> np.random.Generator:
    """The shuffle generator, from its JSON ``bit_generator.state``."""
    if not isinstance(state, dict) or state.get("bit_generator") != "PCG64":
        raise SessionError("header: rng is not a PCG64 generator state")
    bit_generator = np.random.PCG64()
    try:
        bit_generator.state = state
    except (ValueError, TypeError, KeyError, OverflowError) as e:
        raise SessionError(f"header: invalid rng state ({_why(e)})") from None
    return np.random.Generator(bit_generator)


def _build_trainer(cfg: TrainConfig, s: dict) -> Trainer:
    """A fresh Trainer on the saved data, then every piece of saved state put back."""
    try:
        tr = Trainer(cfg, s["X"], s["y"], s["X_test"], s["y_test"])
        net = tr.network
        net.theta[...] = s["theta"]
        net.grad[...] = s["grad"]
        tr.initial_theta = s["initial_theta"].astype(net.dtype, copy=True)
        tr.theta_prev[...] = s["theta_prev"]
        tr.update[...] = s["update"]
        tr.optimizer.load_state_dict(s["optimizer"])
        tr.shuffle_rng = s["rng"]
        tr.history = History.from_arrays(s["history"], s["n_layers"])
        tr.history.set_lr(cfg.lr)
        tr.toolbox.load_state_dict(s["toolbox"])
    except (ValueError, TypeError) as e:
        raise SessionError(f"inconsistent session ({e})") from None
    tr.epoch, tr.status, tr.message, tr.stop_epoch = s["epoch"], s["status"], s["message"], s["stop_epoch"]
    return tr
