"""CSV files a person can open in a spreadsheet: data points and the training log.

Points file (read and written)::

    x1,x2,label,split          ← header; names matched case-insensitively
    0.25,-0.5,1,train          ← label 0 or 1 ("0", "1", "0.0", "1.0"); 0 .. 7 for K classes
    0.1,0.3,0,test             ← split is optional: train (default) or test

or, for regression, a ``target`` column of any finite numbers instead of ``label``.

Extra columns are ignored (with a notice). Training log (written only)::

    epoch,loss,accuracy,test_loss,test_accuracy,grad_norm_layer1,...,grad_norm_layerL

and for a regression run (its history has the MAE columns)::

    epoch,loss,r2,test_loss,test_r2,mae,test_mae,grad_norm_layer1,...,grad_norm_layerL

with an empty cell where there is no value (no test set). Every write is
atomic: the previous file survives a failed write.
"""
from __future__ import annotations

import csv
import dataclasses
import io
import math
import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from backprop_lab.model.atomic_file import atomic_write
from backprop_lab.model.history import COLUMNS as HISTORY_COLUMNS
from backprop_lab.model.history import MAE_COLUMNS
from backprop_lab.model.points import checked_points, is_label
from backprop_lab.model.tasks import MAX_CLASSES
from backprop_lab.model.text_encoding import decode_text

MAX_CSV_BYTES = 50_000_000
MAX_ROWS = 1_000_000
REQUIRED = ("x1", "x2", "label")
MAX_LABEL = MAX_CLASSES - 1    # the largest class a file may hold
SPLITS = ("train", "test")


class DataFileError(ValueError):
    """A data file that cannot be read; the message is one line naming the problem
    and, where there is one, the line number."""


@dataclass(frozen=True)
class PointsFile:
    """Points read from a CSV file: X (n, 2), y (n, 1), X_test (k, 2), y_test (k, 1),
    all float64 (labels 0.0/1.0; k = 0 without a split column), and notices:
    one-line remarks for the person (ignored columns and the like); ``encoding``
    the file's text encoding as read ("UTF-8", "GBK", ... see model/text_encoding.py)."""
    X: np.ndarray
    y: np.ndarray
    X_test: np.ndarray
    y_test: np.ndarray
    notices: list[str] = field(default_factory=list)
    encoding: str = "UTF-8"
    regression: bool = False      # a target column (floats) instead of a label column

    @property
    def classes(self) -> int:
        """The number of classes the labels need: the largest label + 1, at least 2."""
        labels = np.concatenate([self.y[:, 0], self.y_test[:, 0]])
        return 2 if self.regression or not len(labels) else max(2, int(labels.max()) + 1)


# --- reading ----------------------------------------------------------------------
def read_points_csv(path, encoding: str | None = None) -> PointsFile:
    """Read a points file. ``encoding`` None or "auto" detects UTF-8 (with or without
    a byte-order mark), UTF-16, GBK and Big5 (a CSV saved by Excel on Chinese
    Windows); a codec name ("gbk", "big5", "utf-16", ...) overrides it. Raises
    DataFileError (a ValueError) for a missing or unreadable file, one over 50 MB or
    1 000 000 rows, a missing column, a non-numeric, NaN or infinite value, a label
    other than 0/1 or a split other than train/test; the message names the file
    and the line."""
    name = os.fspath(path)                   # the path as given: every file error names it
    try:
        return _read_points(path, encoding)
    except DataFileError as e:
        raise DataFileError(" ".join(f"{name}: {e}".split())) from None


def _read_points(path, encoding: str | None) -> PointsFile:
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):   # a FIFO or a device never ends: st_size is 0
            raise DataFileError("not a regular file")
        size = info.st_size
        if size > MAX_CSV_BYTES:
            raise DataFileError(f"file is {size / 1e6:.0f} MB, larger than the "
                                f"{MAX_CSV_BYTES / 1e6:.0f} MB limit for data files")
        with open(path, "rb") as f:
            data = f.read(MAX_CSV_BYTES + 1)
        text, used = decode_text(data, encoding)
        points = _parse(csv.reader(io.StringIO(text, newline="")))
        return dataclasses.replace(points, encoding=used)
    except OSError as e:
        raise DataFileError(f"cannot read the file ({e.strerror or e})") from None
    except LookupError:
        raise DataFileError(f"unknown text encoding {encoding!r} (try utf-8, utf-16, gbk or big5)") from None
    except UnicodeDecodeError:
        if encoding and encoding.lower() != "auto":
            raise DataFileError(f"not a text file in the {encoding} encoding") from None
        raise DataFileError("not a text file (not UTF-8, UTF-16, GBK or Big5 encoded)") from None
    except csv.Error as e:
        raise DataFileError(f"not a valid CSV file ({e})") from None


def _parse(reader) -> PointsFile:
    header = next((row for row in reader if _has_content(row)), None)
    if header is None:
        raise DataFileError("empty file")
    header_line = reader.line_num
    names = [h.strip().lower() for h in header]
    regression = "target" in names and "label" not in names
    if regression:                       # the target column plays the label's part
        names = ["label" if n == "target" else n for n in names]
    missing = [c for c in REQUIRED if c not in names]
    if missing:
        raise DataFileError(f"line {header_line}: missing column(s) {', '.join(missing)}; "
                            f"expected a header such as x1,x2,label (found: {_clip(','.join(header))})")
    dupes = sorted({n for n in names if names.count(n) > 1 and n in REQUIRED + ("split",)})
    if dupes:
        raise DataFileError(f"line {header_line}: column(s) {', '.join(dupes)} appear more than once")
    cols = {c: names.index(c) for c in REQUIRED}
    split_col = names.index("split") if "split" in names else None
    notices = []
    extra = [h.strip() for h, n in zip(header, names) if n not in REQUIRED + ("split",)]
    if extra:
        notices.append(f"ignored extra columns: {', '.join(extra)}")

    points, labels, is_test = [], [], []
    blank_splits = 0
    for row in reader:
        if not _has_content(row):
            continue
        line = reader.line_num
        if len(points) == MAX_ROWS:
            raise DataFileError(f"line {line}: more than {MAX_ROWS} data rows")
        if len(row) < len(names):
            raise DataFileError(f"line {line}: {len(row)} values, expected {len(names)} "
                                f"({','.join(names)})")
        x1, x2 = (_number(row[cols[c]], c, line) for c in ("x1", "x2"))
        points.append((x1, x2))
        labels.append(_number(row[cols["label"]], "target", line) if regression
                      else _label(row[cols["label"]], line))
        if split_col is not None:
            split = row[split_col].strip().lower()
            if split == "":
                blank_splits += 1
            elif split not in SPLITS:
                raise DataFileError(f"line {line}: split must be train or test, found "
                                    f"{_clip(row[split_col])!r}")
            is_test.append(split == "test")
        else:
            is_test.append(False)
    if not points:
        notices.append("no data points after the header")
    if blank_splits:
        notices.append(f"{blank_splits} row(s) with an empty split were taken as training points")

    X = np.array(points, dtype=np.float64).reshape(-1, 2)
    y = np.array(labels, dtype=np.float64).reshape(-1, 1)
    test = np.array(is_test, dtype=bool)
    return PointsFile(X[~test], y[~test], X[test], y[test], notices, regression=regression)


def _has_content(row) -> bool:
    return any(cell.strip() for cell in row)


def _clip(text: str, n: int = 40) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _number(text: str, column: str, line: int) -> float:
    try:
        v = float(text)
    except ValueError:
        raise DataFileError(f"line {line}: non-numeric value {_clip(text)!r} in column {column}") from None
    if not math.isfinite(v):
        raise DataFileError(f"line {line}: {column} is {text.strip()}; values must be finite numbers")
    return v


def _label(text: str, line: int) -> float:
    try:
        v = float(text)
    except ValueError:
        v = None
    if v is None or not is_label(v, MAX_LABEL + 1):      # NaN and inf too: one line, not a crash
        raise DataFileError(f"line {line}: label must be 0 or 1 (or a class 0 to {MAX_LABEL}), "
                            f"found {_clip(text)!r}")
    return v


# --- writing ----------------------------------------------------------------------
def _fmt(v: float) -> str:
    """Shortest text that reads back as exactly the same float; empty for NaN."""
    return "" if math.isnan(v) else repr(float(v))


def write_points_csv(path, X, y, X_test=None, y_test=None, regression: bool = False) -> None:
    """Write X (n, 2), y (n, 1) and optionally X_test (k, 2), y_test (k, 1) as
    ``x1,x2,label[,split]`` (split only when there are test points), atomically;
    ``regression``: y are float targets, written as a ``target`` column.
    Raises ValueError for inconsistent arrays, OSError when the file cannot be written."""
    rule = {"task": "regression"} if regression else {"classes": MAX_LABEL + 1}
    X, y = checked_points(X, y, "training data", **rule)
    sets = [(X, y, "train")]
    if X_test is not None and np.size(X_test):
        sets.append((*checked_points(X_test, y_test, "test data", **rule), "test"))
    with_split = len(sets) == 2
    with atomic_write(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["x1", "x2", "target" if regression else "label"] + (["split"] if with_split else []))
        label = _fmt if regression else (lambda c: str(int(c)))
        for Xs, ys, split in sets:
            tail = [split] if with_split else []
            w.writerows([_fmt(a), _fmt(b), label(c)] + tail for (a, b), c in zip(Xs, ys[:, 0]))


def write_history_csv(path, history) -> None:
    """Write the per-epoch training log atomically.

    ``history``: ``History.arrays()`` (a dict of columns) or a ``HistoryView``
    (``snapshot.history``): epoch (H,), loss, accuracy, test_loss, test_accuracy
    (H,), grad_norms (H, L), for regression mae and test_mae (H,). Columns: those five
    (accuracy named r2 for regression), the two MAE, then grad_norm_layer1..L."""
    get = history.get if isinstance(history, Mapping) else lambda c: getattr(history, c, None)
    names = list(HISTORY_COLUMNS)
    if all(get(c) is not None for c in MAE_COLUMNS):       # regression: R² in the accuracy columns
        names = [{"accuracy": "r2", "test_accuracy": "test_r2"}.get(c, c) for c in names] + list(MAE_COLUMNS)
    cols = [np.asarray(get(c)) for c in HISTORY_COLUMNS]
    cols += [np.asarray(get(c)) for c in names[len(HISTORY_COLUMNS):]]
    H = len(cols[0])
    gn = np.asarray(get("grad_norms"), dtype=np.float64)
    gn = gn.reshape(H, gn.shape[-1] if gn.ndim == 2 else -1)   # (0, L) before the first epoch
    if any(len(c) != H for c in cols):
        raise ValueError("history columns have different lengths")
    with atomic_write(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(names + [f"grad_norm_layer{i + 1}" for i in range(gn.shape[1])])
        epochs = cols[0].astype(np.int64).tolist()
        stats = np.column_stack([c.astype(np.float64) for c in cols[1:]] + [gn]).tolist()
        w.writerows([str(e)] + [_fmt(v) for v in row] for e, row in zip(epochs, stats))
