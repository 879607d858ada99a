"""How fast is one full-batch epoch of the engine?  Run:

    .venv/bin/python bench/engine_speed.py            # ~1 minute
    .venv/bin/python bench/engine_speed.py --quick    # a few seconds, rough figures
    .venv/bin/python bench/engine_speed.py --cases A --breakdown A   # where A's time goes

Side by side, per case, in µs per epoch:

- engine:  ``Trainer.run(k)``, the engine's way to train k epochs (stop_at_100
  off, max_epochs out of reach), which also records loss, accuracy and grad
  norms every epoch;
- student: bench/student_mlp.py, an MLP written the way a lab report writes it;
- hand-fused (cases A and B): bench/fused_mlp.py, that epoch written out line
  by line for exactly that network with the same bookkeeping: the least NumPy
  the epoch can take, so a lower bound for any NumPy implementation;
- floor:   only the matrix products one epoch needs (forward z = Wb.T @ x,
  backward dWb = x @ delta.T and delta_prev = W @ delta, same shapes as the
  engine's, into preallocated out= arrays). No element-wise work, no Python
  beyond the calls, so no implementation of the same maths can beat it by much.

Timing: median over interleaved rounds; each round times one block of epochs
(about BLOCK_SECONDS long) of every implementation in turn, so a slow spell of
the machine hits all three alike. Before timing, the script checks that the
student MLP follows the engine's loss trajectory from the same initial weights.
"""
from __future__ import annotations

import argparse
import datetime
import os
import platform
import statistics
import sys
import time
import timeit
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))   # run from anywhere
sys.path.insert(0, str(Path(__file__).resolve().parent))

from backprop_lab.model import EpochStats, TrainConfig, Trainer, make_data, tasks   # noqa: E402
from fused_mlp import fused_runner                   # noqa: E402
from student_mlp import StudentMLP                  # noqa: E402

RUN_FOREVER = dict(stop_at_100=False, max_epochs=10**9)
TRAJECTORY_TOLERANCE = 1e-10     # max |loss_engine - loss_student| over the checked epochs


@dataclass(frozen=True)
class Case:
    key: str
    label: str
    cfg: TrainConfig
    max_engine_over_floor: float | None = None
    min_student_over_engine: float | None = None
    check_trajectory: bool = False   # exact match expected (smooth activations, float64)


CASES = [
    Case("A", "linear, 100 pts, 2-4-4-1 sigmoid, MSE, SGD",
         TrainConfig(dataset="linear", n_points=100, **RUN_FOREVER), 3.0, 4.0, True),
    Case("B", "xor-easy, 21 pts, 2-4-4-1 sigmoid, MSE, SGD",
         TrainConfig(dataset="xor-easy", **RUN_FOREVER), check_trajectory=True),
    Case("C", "circle, 1 000 pts, 2-16-16-1 tanh, BCE, Adam",
         TrainConfig(dataset="circle", n_points=1000, hidden=(16, 16), activation="tanh",
                     loss="bce", optimizer="adam", lr=0.01, **RUN_FOREVER)),
    Case("D", "circle, 10 000 pts, 2-64-64-1 relu, BCE, Adam, float32",
         TrainConfig(dataset="circle", n_points=10_000, hidden=(64, 64), activation="relu",
                     loss="bce", optimizer="adam", lr=0.01, dtype="float32", **RUN_FOREVER),
         max_engine_over_floor=1.3),
    # K classes and regression (model/tasks.py): C's sizes with 3 softmax outputs, or one
    # linear output; the student MLP and the hand-fused epoch do not implement them
    Case("E", "spiral, 3 classes, 1 000 pts, 2-16-16-3 tanh, softmax + CE, Adam",
         TrainConfig(dataset="spiral", classes=3, n_points=1000, hidden=(16, 16), activation="tanh",
                     output_activation="softmax", loss="ce", optimizer="adam", lr=0.01, **RUN_FOREVER)),
    Case("F", "plane, regression, 1 000 pts, 2-16-16-1 tanh, linear output, MSE, Adam",
         TrainConfig(task="regression", dataset="plane", n_points=1000, hidden=(16, 16), activation="tanh",
                     output_activation="none", loss="mse", optimizer="adam", lr=0.01, **RUN_FOREVER)),
]


# --- the three implementations: each returns run(k) that trains k epochs ------------------
def engine_runner(cfg, data):
    trainer = Trainer(cfg, *data)
    return trainer.run


def student_for(cfg, data) -> StudentMLP:
    """A StudentMLP starting from the engine's initial weights for ``cfg``."""
    trainer = Trainer(cfg, *data)
    sizes = [len(cfg.features), *cfg.hidden, 1]
    return StudentMLP(sizes, cfg.activation, cfg.loss, cfg.optimizer, cfg.lr, cfg.beta1,
                      cfg.beta2, cfg.eps, weights=trainer.network.get_params(), dtype=cfg.dtype)


def student_runner(cfg, data):
    student = student_for(cfg, data)
    X, y = data[0].astype(cfg.dtype), data[1].astype(cfg.dtype)

    def run(k):
        for _ in range(k):
            student.train_epoch(X, y)
    return run


def floor_runner(cfg, data):
    """The matrix products of one full-batch epoch, in the engine's layout (samples
    as columns, bias folded into Wb), into preallocated arrays."""
    n, dt = len(data[0]), np.dtype(cfg.dtype)
    rng = np.random.default_rng(0)
    sizes = [len(cfg.features), *cfg.hidden, tasks.output_units(cfg)]
    fwd, bwd = [], []
    xs = [rng.standard_normal((sizes[0] + 1, n)).astype(dt)]
    for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
        Wb = rng.standard_normal((fan_in + 1, fan_out)).astype(dt)
        out = rng.standard_normal((fan_out + 1, n)).astype(dt)   # next layer's [a; 1]
        fwd.append((Wb.T, xs[-1], out[:fan_out]))
        xs.append(out)
    for l in range(len(sizes) - 2, -1, -1):
        fan_in, fan_out = sizes[l], sizes[l + 1]
        delta = rng.standard_normal((fan_out, n)).astype(dt)
        dWb = np.empty((fan_in + 1, fan_out), dt)
        W = fwd[l][0].T[:fan_in]
        delta_prev = np.empty((fan_in, n), dt) if l else None
        bwd.append((xs[l], delta, dWb, W, delta_prev))
    dot = np.dot

    def run(k):
        for _ in range(k):
            for WbT, x, z in fwd:
                dot(WbT, x, out=z)
            for x, delta, dWb, W, delta_prev in bwd:
                dot(x, delta.T, out=dWb)
                if delta_prev is not None:
                    dot(W, delta, out=delta_prev)
    return run


def has_student(cfg) -> bool:
    """Whether bench/student_mlp.py implements cfg: two classes, one sigmoid output."""
    return tasks.output_units(cfg) == 1 and not tasks.is_regression(cfg) and cfg.output_activation == "sigmoid"


def has_fused(cfg) -> bool:
    """Whether bench/fused_mlp.py implements cfg (cases A and B)."""
    return (cfg.activation == cfg.output_activation == "sigmoid" and cfg.loss == "mse"
            and cfg.optimizer == "sgd" and len(cfg.hidden) == 2 and len(set(cfg.hidden)) == 1
            and cfg.dtype == "float64" and tuple(cfg.features) == ("x1", "x2") and cfg.bias
            and not (cfg.l1 or cfg.l2 or cfg.weight_decay or cfg.conv_kernel))


def fused_for(cfg, data):
    """(run, history) of the hand-fused epoch from the engine's initial weights."""
    trainer = Trainer(cfg, *data)
    return fused_runner([B.copy() for B in trainer.network.blocks], data[0], data[1], cfg.lr)


def fused_runner_for(cfg, data):
    return fused_for(cfg, data)[0]


IMPLEMENTATIONS = {"engine": engine_runner, "student": student_runner,
                   "fused": fused_runner_for, "floor": floor_runner}


# --- checks and timing ---------------------------------------------------------------------
def trajectory_difference(cfg, data, epochs: int) -> float:
    """max over ``epochs`` of |engine loss − student loss| from the same initial weights."""
    trainer = Trainer(cfg, *data)
    student = student_for(cfg, data)
    X, y = data[0].astype(cfg.dtype), data[1].astype(cfg.dtype)
    worst = 0.0
    for _ in range(epochs):
        engine_loss = trainer.step().loss
        student_loss, _ = student.train_epoch(X, y)
        worst = max(worst, abs(engine_loss - float(student_loss)))
    return worst


def calibrate(run, block_seconds: float) -> int:
    """Epochs per block so that one block takes about ``block_seconds``."""
    run(2)                                   # warm-up: caches, first-call costs
    k, spent = 1, 0.0
    while spent < block_seconds / 5:
        k *= 2
        start = time.perf_counter()
        run(k)
        spent = time.perf_counter() - start
    return max(1, int(k * block_seconds / spent))


def fused_difference(cfg, data, epochs: int) -> float:
    """max over ``epochs`` of |engine loss − hand-fused loss| from the same initial weights."""
    trainer = Trainer(cfg, *data)
    run, history = fused_for(cfg, data)
    run(epochs)
    engine = [trainer.step().loss for _ in range(epochs)]
    return max(abs(e - f[0]) for e, f in zip(engine, history))


def time_case(case: Case, rounds: int, block_seconds: float) -> dict[str, float]:
    """Median µs/epoch per implementation, from interleaved rounds."""
    data = make_data(case.cfg)
    runs = {name: make(case.cfg, data) for name, make in IMPLEMENTATIONS.items()
            if (name != "fused" or has_fused(case.cfg)) and (name != "student" or has_student(case.cfg))}
    blocks = {name: calibrate(run, block_seconds) for name, run in runs.items()}
    samples = {name: [] for name in runs}
    names = list(runs)
    for r in range(rounds):
        for name in names[r % len(names):] + names[: r % len(names)]:   # rotate who goes first
            k = blocks[name]
            start = time.perf_counter()
            runs[name](k)
            samples[name].append((time.perf_counter() - start) / k * 1e6)
    return {name: statistics.median(s) for name, s in samples.items()}


def verdict(case: Case, t: dict[str, float]) -> tuple[str, str]:
    targets, ok = [], True
    if case.max_engine_over_floor is not None:
        targets.append(f"engine ≤ {case.max_engine_over_floor:g}× floor")
        ok &= t["engine"] / t["floor"] <= case.max_engine_over_floor
    if case.min_student_over_engine is not None:
        targets.append(f"≥ {case.min_student_over_engine:g}× faster than student")
        ok &= t["student"] / t["engine"] >= case.min_student_over_engine
    if not targets:
        return "—", "—"
    return ", ".join(targets), "pass" if ok else "**FAIL**"


def markdown_table(results) -> str:
    lines = ["| case | engine µs/epoch | student µs/epoch | hand-fused µs/epoch | floor µs/epoch "
             "| engine / floor | hand-fused / floor | student / engine | target | result |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---|---|"]
    for case, t in results:
        target, result = verdict(case, t)
        fused = f"{t['fused']:,.1f}" if "fused" in t else "—"
        fused_ratio = f"{t['fused'] / t['floor']:.2f}" if "fused" in t else "—"
        student = f"{t['student']:,.1f}" if "student" in t else "—"
        student_ratio = f"{t['student'] / t['engine']:.2f}" if "student" in t else "—"
        lines.append(f"| {case.key}: {case.label} | {t['engine']:,.1f} | {student} "
                     f"| {fused} | {t['floor']:,.1f} | {t['engine'] / t['floor']:.2f} "
                     f"| {fused_ratio} | {student_ratio} | {target} | {result} |")
    return "\n".join(lines)


# --- where the engine's time goes (case A) ---------------------------------------------
def per_call(fn, number=20_000) -> float:
    """Best-of-5 µs per call of fn()."""
    return min(timeit.repeat(fn, number=number, repeat=5)) / number * 1e6


def breakdown(cfg: TrainConfig) -> list[tuple[str, float]]:
    """µs per call of the pieces of one engine epoch, each timed alone, then single
    NumPy calls of case A's sizes. Mirrors Trainer internals, so it names what it
    times; if the engine's internals change, only the per-call rows are shown."""
    data = make_data(cfg)
    tr = Trainer(cfg, *data)
    net, n = tr.network, len(data[0])
    # about a second per row whatever the case's size
    number = max(5, int(20_000 * 100 / (n * max(cfg.hidden + (1,)) ** 1.5 / 8)))
    rows = [("Trainer.run(1000) per epoch: the whole epoch",
             per_call(lambda: tr.run(1000), max(1, number // 4000)) / 1000)]
    ws, y, yb = getattr(tr, "_ws", {}).get(n), getattr(tr, "_y", None), getattr(tr, "_yb", None)
    if ws is not None and y is not None and hasattr(tr, "history"):
        theta_prev, sq = net.theta.copy(), np.empty_like(net.theta)
        scratch = np.zeros_like(net.theta)

        hits = np.empty((n, 1), bool)

        def accuracy():
            np.equal(np.greater(ws.a[-1], 0.5, out=hits), yb, out=hits)
            return int(np.count_nonzero(hits))

        def bookkeeping():
            gn = tr.history.append(1, 0.5, 0.5, np.nan, np.nan)
            np.multiply(net.grad, net.grad, out=sq)
            np.sqrt(np.add.reduceat(sq, net.offsets), out=gn)
            tr.history.n = 0           # don't let the timing loop grow the history

        with np.errstate(over="ignore", invalid="ignore"):
            rows += [
                (f"  Network.forward: 3 products, 3 activations ({cfg.activation}/sigmoid)", per_call(lambda: net.forward(ws), number)),
                ("  accuracy: greater, equal, count_nonzero", per_call(accuracy, number)),
                ("  Network.backward: loss and output delta, 5 products, 2 activation derivatives",
                 per_call(lambda: net.backward(ws, y), number)),
                ("  np.copyto(theta_prev, theta), kept for a divergence rollback",
                 per_call(lambda: np.copyto(theta_prev, net.theta), number)),
                (f"  optimizer.update ({cfg.optimizer})",
                 per_call(lambda: tr.optimizer.update(scratch, net.grad, tr.update), number)),
                ("  History.append + grad norms (multiply, reduceat, sqrt)", per_call(bookkeeping, number)),
                ("  EpochStats(...)", per_call(lambda: EpochStats(1, 0.0, 1.0, 0.0, 0.0, "x"))),
            ]
        rows.append(("  sum of the pieces above", sum(us for _, us in rows[1:])))
    h, dt = cfg.hidden[0], np.dtype(cfg.dtype)
    W, x, z, out = np.ones((3, h), dt), np.ones((3, n), dt), np.full((h, n), 0.5, dt), np.empty((h, n), dt)
    act = np.tanh if cfg.activation == "tanh" else np.exp
    rows += [
        (f"one np.dot(Wb.T, x, out=z): ({h}×3)·(3×{n})", per_call(lambda: np.dot(W.T, x, out=z), number)),
        (f"one ufunc into a buffer: np.multiply(z, z, out=out), {h}×{n}",
         per_call(lambda: np.multiply(z, z, out=out), number)),
        (f"one allocating ufunc: z * z, {h}×{n}", per_call(lambda: z * z, number)),
        (f"np.{act.__name__}(z, out=out), {h}×{n}", per_call(lambda: act(z, out=out), number)),
    ]
    return rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="3 short rounds: a smoke run")
    ap.add_argument("--breakdown", metavar="CASE", choices=[c.key for c in CASES],
                    help="also time the pieces of one engine epoch of CASE (A, B, C or D)")
    ap.add_argument("--cases", default="ABCDEF", help="which cases to run, e.g. AB (E, F: K classes, regression)")
    args = ap.parse_args(argv)
    rounds, block = (3, 0.02) if args.quick else (15, 0.08)
    check_epochs = 300 if args.quick else 3000
    np.seterr(over="ignore", invalid="ignore")   # the student's sigmoid may overflow exp(-z)
    cases = [c for c in CASES if c.key in args.cases.upper()]

    ok = True
    print(f"trajectory check: engine vs student from the same initial weights, {check_epochs} epochs")
    for case in cases:
        if not has_student(case.cfg):
            print(f"  {case.key}: no student MLP for this problem (engine vs floor only)")
            continue
        diff = trajectory_difference(case.cfg, make_data(case.cfg), check_epochs if case.check_trajectory else 50)
        if case.check_trajectory:
            good = diff <= TRAJECTORY_TOLERANCE
            ok &= good
            print(f"  {case.key}: max |Δloss| = {diff:.2e}  ({'ok' if good else 'MISMATCH'}, "
                  f"tolerance {TRAJECTORY_TOLERANCE:g})")
        else:
            print(f"  {case.key}: max |Δloss| over 50 epochs = {diff:.2e}  (informational)")
        if has_fused(case.cfg):
            diff = fused_difference(case.cfg, make_data(case.cfg), check_epochs)
            good = diff <= TRAJECTORY_TOLERANCE
            ok &= good
            print(f"  {case.key}: engine vs hand-fused, max |Δloss| = {diff:.2e}  "
                  f"({'ok' if good else 'MISMATCH'})")

    results = []
    for case in cases:
        print(f"timing {case.key}: {case.label} ...", file=sys.stderr, flush=True)
        results.append((case, time_case(case, rounds, block)))
    print()
    print(markdown_table(results))
    print()
    given = " ".join(sys.argv[1:] if argv is None else argv)
    print(f"`.venv/bin/python bench/engine_speed.py{' ' + given if given else ''}`, "
          f"{datetime.date.today().isoformat()}, {rounds} interleaved rounds, median; "
          f"Python {platform.python_version()}, NumPy {np.__version__}, "
          f"{platform.machine()}, {os.cpu_count()} CPUs, "
          f"OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS', 'unset')}")
    if args.breakdown:
        case = next(c for c in CASES if c.key == args.breakdown)
        print(f"\nwhere an epoch of case {case.key} goes (best of 5, µs per call):\n")
        print("| piece | µs |\n|---|---:|")
        for name, us in breakdown(case.cfg):
            print(f"| {name} | {us:.2f} |")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
