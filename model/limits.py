"""What bounds a run, a sweep and a session file, checked before anything is allocated.

One set of numbers serves every door (the config's validation, the command
line, the session loader and saver, the window's controls), so whatever the app
accepts it can save, and whatever it saves it can open again:

* a network has at most ``MAX_PARAMS`` parameters;
* a run or sweep may need at most ``memory_budget()`` bytes (half this
  computer's memory), estimated from the shapes before the first array exists;
* a session keeps at most ``MAX_HISTORY_ROWS`` rows of per-epoch history
  (a longer history is saved decimated, as the curves draw it), so a session
  file never exceeds ``MAX_SESSION_BYTES``;
* counters read from files stay below ``MAX_EPOCH`` and ``MAX_STEPS``.
"""
from __future__ import annotations

import math
import os

from backprop_lab.model import tasks

MAX_PARAMS = 2_500_000            # a 1500-1500 network; 16 × 4096 would be 268 M
MAX_POINTS = 1_000_000            # training + test points of one run (as for CSV files)
MAX_HISTORY_ROWS = 100_000        # rows of per-epoch history a session keeps
MAX_LAYERS = 18                   # convolution + 16 hidden + output
MAX_HEADER_CHARS = 1_000_000
MAX_EPOCH = 10**12                # far beyond any run (a million epochs a second for 30 years)
MAX_STEPS = 2**53                 # optimizer steps: exact as a float
MAX_SEED = 2**63 - 1
MAX_TRIALS = 100_000              # trials per sweep row

_ARRAYS_PER_PARAM = 8             # theta, initial, previous, grad, update + up to 3 optimizer states
MAX_SESSION_BYTES = (_ARRAYS_PER_PARAM * 8 * MAX_PARAMS     # float64 parameter arrays
                     + 3 * 8 * MAX_POINTS                   # X (n, 2) and y (n, 1)
                     + (5 + MAX_LAYERS) * 8 * MAX_HISTORY_ROWS
                     + 4 * MAX_HEADER_CHARS                 # the header is UTF-32 text
                     + 1_000_000)                           # .npy headers, zip directory

_BUDGET_ENV = "BACKPROP_LAB_MEMORY_BUDGET"     # bytes; for tests and small machines


def size_text(n: float) -> str:
    """``n`` bytes as a person reads them: 512 B, 3.2 MB, 262 GB."""
    for unit, scale in (("TB", 1e12), ("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if n >= scale:
            return f"{n / scale:.3g} {unit}"
    return f"{int(n)} B"


def memory_budget() -> int:
    """Bytes a run or a sweep may take: half the physical memory (or $BACKPROP_LAB_MEMORY_BUDGET)."""
    if os.environ.get(_BUDGET_ENV, "").isdigit():
        return int(os.environ[_BUDGET_ENV])
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // 2
    except (ValueError, OSError, AttributeError):   # not POSIX: assume a small laptop
        return 4_000_000_000


def _budget_source() -> str:
    return f"${_BUDGET_ENV}" if os.environ.get(_BUDGET_ENV, "").isdigit() else "half of this computer's memory"


def layer_widths(cfg) -> list[tuple[int, int]]:
    """(parameters, output width) of each layer of ``cfg``'s network, from the
    shapes alone (nothing allocated)."""
    widths, width = [], len(cfg.features)
    bias = int(bool(cfg.bias))
    if cfg.conv_kernel:
        positions = max(width - cfg.conv_kernel + 1, 1)
        widths.append(((cfg.conv_kernel + bias) * cfg.conv_filters, positions * cfg.conv_filters))
        width = positions * cfg.conv_filters
    for units in (*cfg.hidden, tasks.output_units(cfg)):
        widths.append(((width + bias) * units, units))
        width = units
    return widths


def n_params(cfg) -> int:
    return sum(p for p, _ in layer_widths(cfg))


def trainer_bytes(cfg, n_train: int, n_test: int = 0) -> int:
    """Estimated peak bytes of one Trainer of ``cfg`` on ``n_train`` + ``n_test`` points:
    about a dozen parameter-sized vectors (weights, gradient, optimizer state,
    scratch) and, per layer, four (batch, width) arrays (z, a, delta and a
    product) for the largest batch the trainer evaluates at once."""
    itemsize = 4 if cfg.dtype == "float32" else 8
    batch = max(n_train, n_test, 1)          # the loss and accuracy run over every point
    units = len(cfg.features) + sum(w for _, w in layer_widths(cfg))
    return (12 * n_params(cfg) * itemsize + 4 * batch * units * itemsize
            + 3 * 8 * (n_train + n_test))


def check_network_size(cfg) -> None:
    """ValueError when ``cfg``'s network has more than MAX_PARAMS parameters."""
    p = n_params(cfg)
    if p > MAX_PARAMS:
        raise ValueError(f"hidden: {_layers_text(cfg)} has {p:,} parameters, more than the "
                         f"{MAX_PARAMS:,} a session can hold")


def check_memory(cfg, n_train: int, n_test: int = 0, copies: int = 1, what: str = "training") -> None:
    """ValueError (one line: how much and why) when ``copies`` trainers of ``cfg``
    on these points would need more than ``memory_budget()``."""
    need = copies * trainer_bytes(cfg, n_train, n_test)
    budget = memory_budget()
    if need > budget:
        times = f"{copies:,} trials × " if copies > 1 else ""
        raise ValueError(f"{what} {_layers_text(cfg)} on {n_train + n_test:,} points would need about "
                         f"{size_text(need)} of memory ({times}weights and per-point activations); "
                         f"the limit is {size_text(budget)}, {_budget_source()}")


def generated_points(cfg) -> int:
    """Points of ``cfg``'s generated data set (xor-easy always has 21)."""
    return 21 if cfg.dataset == "xor-easy" else cfg.n_points


def check_sweep_memory(configs, trials: int) -> None:
    """ValueError when a sweep row (its ``trials`` train together) would not fit."""
    if configs:
        worst = max(configs, key=lambda c: trainer_bytes(c, generated_points(c)))
        check_memory(worst, generated_points(worst), copies=trials, what="a sweep row of")


def check_points(n_train: int, n_test: int) -> None:
    if n_train + n_test > MAX_POINTS:
        raise ValueError(f"{n_train + n_test:,} points, more than the {MAX_POINTS:,} a run can hold")


def _layers_text(cfg) -> str:
    """``network 2-4096×16-1``: inputs, hidden layers (runs of equal ones counted), output."""
    import itertools
    runs = [f"{u}×{n}" if n > 1 else str(u)
            for u, n in ((u, len(list(g))) for u, g in itertools.groupby(cfg.hidden))]
    return "network " + "-".join([str(len(cfg.features)), *runs, "1"])


def decimation_step(rows: int) -> int:
    """Keep every k-th history row so that at most MAX_HISTORY_ROWS remain (the last kept too)."""
    return max(1, math.ceil((rows - 1) / (MAX_HISTORY_ROWS - 1))) if rows > MAX_HISTORY_ROWS else 1
