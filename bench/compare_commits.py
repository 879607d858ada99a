"""Is the engine of one revision faster than another's? Both measured in the same run.  Run:

    .venv/bin/python bench/compare_commits.py --old 7aed30f             # ~1 minute
    .venv/bin/python bench/compare_commits.py --old 7aed30f --quick     # ~15 s, rough figures
    .venv/bin/python bench/compare_commits.py --old HEAD~3 --new HEAD --rounds 25 --json out.json

``--old`` is a git revision; ``--new`` is a revision or a checkout folder, by
default the working tree this script lives in (uncommitted changes included).
A revision is checked out into a temporary ``git worktree``, removed at exit.

Measured, per tree, with only the engine's public API (so that internals may differ):

- cases A-D of bench/engine_speed.py (taken from that file in the tree measured,
  built in below if it lacks them): µs per full-batch epoch of ``Trainer.run(k)``,
  stop_at_100 off and max_epochs out of reach, so every epoch of a block is run;
- sweep: trial-epochs per second of the sweep's ``BatchedTrainer(cfg, X, y,
  seeds).run_epochs(k)`` (model/batched.py, timed by bench/sweep_speed.py as part
  of the lab study) on the lab preset's xor-easy network: 2-50-50-1 sigmoid, MSE,
  SGD, lr 0.1, full batch, 10 seeds, stop_at_100 off so all trials keep running.

How: one child process per tree, each importing the engine of ITS tree
(bench/checkout_engine.py: ahead of an editable install, a tree of either import
name; each child prints the module's file and checks it is inside its tree). A child times one block at a time:
whole chunks of epochs (calibrated at start to ~1/20 block) for at least
BLOCK_SECONDS (0.3 s; 0.2 s with --quick). The parent asks the two in turn, so
only one runs at a time: per round and case, old then new (new then old on odd
rounds), so a slow spell of the shared machine hits both alike. Reported: the
median over rounds, and the quartiles of the per-round new/old ratios.
The children run with OPENBLAS_NUM_THREADS=1 (and OMP_NUM_THREADS=1), as the
sweep's workers do: on these small matrices threaded BLAS only adds noise.
"""
from __future__ import annotations

import argparse
import atexit
import datetime
import json
import re
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from checkout_engine import import_engine, import_root, tree_kind

SCRIPT_DIR = Path(__file__).resolve().parent
BLOCK_SECONDS = 0.3
SWEEP_SEEDS = list(range(10))


# --- child side: runs in the tree's own process ----------------------------------------------
def child_import_engine(tree: Path, kind: str, root: Path):
    """Import the tree's engine package with ``root`` first on sys.path; check where it came from.
    This script's folder leaves sys.path first: the tree's own bench files are imported later."""
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != SCRIPT_DIR]
    return import_engine(tree, kind, root)


def builtin_cases(TrainConfig):
    """bench/engine_speed.py's cases A-D, for a tree whose engine_speed.py lacks them."""
    run = dict(stop_at_100=False, max_epochs=10**9)
    return [
        ("A", "linear, 100 pts, 2-4-4-1 sigmoid, MSE, SGD",
         TrainConfig(dataset="linear", n_points=100, **run)),
        ("B", "xor-easy, 21 pts, 2-4-4-1 sigmoid, MSE, SGD", TrainConfig(dataset="xor-easy", **run)),
        ("C", "circle, 1 000 pts, 2-16-16-1 tanh, BCE, Adam",
         TrainConfig(dataset="circle", n_points=1000, hidden=(16, 16), activation="tanh",
                     loss="bce", optimizer="adam", lr=0.01, **run)),
        ("D", "circle, 10 000 pts, 2-64-64-1 relu, BCE, Adam, float32",
         TrainConfig(dataset="circle", n_points=10_000, hidden=(64, 64), activation="relu",
                     loss="bce", optimizer="adam", lr=0.01, dtype="float32", **run)),
    ]


def sweep_config(TrainConfig):
    return TrainConfig(dataset="xor-easy", hidden=(50, 50), activation="sigmoid",
                       output_activation="sigmoid", loss="mse", optimizer="sgd", lr=0.1,
                       batch_size=0, stop_at_100=False, max_epochs=10**9)


def child_cases(tree: Path, TrainConfig):
    """(cases, source): engine_speed.py's CASES from the tree if it has them, else built in."""
    bench = str(Path(tree) / "bench")
    saved = list(sys.path)
    try:
        sys.path.insert(1, bench)                # after the import root: the engine stays the tree's
        import engine_speed                      # the tree's own file (the script's folder is off sys.path)
        cases = [(c.key, c.label, c.cfg) for c in engine_speed.CASES]
        assert all(isinstance(cfg, TrainConfig) for _, _, cfg in cases), "another TrainConfig"
        return cases, "bench/engine_speed.py"
    except Exception as exc:                     # noqa: BLE001 - any failure: use the built-in copy
        print(f"[{tree}] engine_speed.CASES unavailable ({exc!r}); using the built-in cases",
              file=sys.stderr)
        return builtin_cases(TrainConfig), "built in"
    finally:
        sys.path[:] = saved


def child_main(tree: Path, kind: str, root: Path, block_seconds: float) -> int:
    """Serve timing requests (one JSON line each on stdin) for the tree's engine."""
    proto = os.fdopen(os.dup(1), "w", buffering=1)   # replies; stray prints go to stderr
    sys.stdout = sys.stderr
    pkg, model = child_import_engine(tree, kind, root)
    import importlib

    import numpy as np
    TrainConfig, Trainer, make_data = model.TrainConfig, model.Trainer, model.make_data
    BatchedTrainer = importlib.import_module(f"{pkg}.batched").BatchedTrainer
    np.seterr(over="ignore", invalid="ignore")
    cases, source = child_cases(tree, TrainConfig)

    runs = {}
    for key, label, cfg in cases:
        trainer = Trainer(cfg, *make_data(cfg))

        def run(k, trainer=trainer):
            before = getattr(trainer, "epoch", None)
            trainer.run(k)
            if before is not None:
                assert trainer.epoch - before == k, f"ran {trainer.epoch - before} of {k} epochs"
            return k                              # units: epochs
        runs[key] = (label, repr(cfg), run)
    cfg = sweep_config(TrainConfig)
    X, y = make_data(cfg)[:2]
    batched = BatchedTrainer(cfg, X, y, SWEEP_SEEDS)

    def run_sweep(k):
        finished = batched.run_epochs(k)
        assert not finished, f"{finished} trials stopped: trial-epochs would be miscounted"
        return k * len(SWEEP_SEEDS)               # units: trial-epochs
    runs["sweep"] = (f"sweep: BatchedTrainer, xor-easy 2-50-50-1 sigmoid, MSE, SGD, lr 0.1, "
                     f"{len(SWEEP_SEEDS)} seeds", repr(cfg), run_sweep)

    chunks = {}
    for key, (_, _, run) in runs.items():         # epochs per chunk of about block_seconds / 20
        run(2)                                    # warm-up: caches, first-call costs
        k, spent = 1, 0.0
        while spent < block_seconds / 20:
            k *= 2
            start = time.perf_counter()
            run(k)
            spent = time.perf_counter() - start
        chunks[key] = max(1, int(k * block_seconds / 20 / spent))
    hello = dict(engine_file=str(Path(model.__file__).resolve()), package=pkg, kind=kind,
                 cases_from=source, python=platform.python_version(), numpy=np.__version__,
                 openblas_threads=os.environ.get("OPENBLAS_NUM_THREADS"), chunks=chunks,
                 cases={key: dict(label=label, config=cfg_repr)
                        for key, (label, cfg_repr, _) in runs.items()})
    print(f"[child {os.getpid()}] {pkg} from {hello['engine_file']}", file=sys.stderr, flush=True)
    proto.write(json.dumps(hello) + "\n")
    for line in sys.stdin:
        key = json.loads(line)["case"]            # one block: whole chunks for >= block_seconds
        run, k = runs[key][2], chunks[key]        # (so a calibration under load can't shrink it)
        units, start = 0, time.perf_counter()
        while (spent := time.perf_counter() - start) < block_seconds:
            units += run(k)
        proto.write(json.dumps(dict(seconds=spent, units=units)) + "\n")
    return 0


# --- parent side ---------------------------------------------------------------------------------
def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True,
                          text=True).stdout.strip()


class Trees:
    """Checkouts of revisions in temporary worktrees; all removed by close()."""

    def __init__(self, repo: Path):
        self.repo, self.tmp = repo, Path(tempfile.mkdtemp(prefix="compare-commits-"))
        self.worktrees: list[Path] = []

    def get(self, spec: str | None, name: str) -> tuple[Path, str]:
        """(tree folder, description) of a revision, a folder, or (None) the script's tree."""
        if spec is None or Path(spec).is_dir():
            tree = Path(git(Path(spec) if spec else self.repo, "rev-parse", "--show-toplevel"))
            dirty = git(tree, "status", "--porcelain", "--untracked-files=no")
            n = len(dirty.splitlines())
            return tree, (f"{git(tree, 'rev-parse', '--short', 'HEAD')} + working tree {tree}"
                          + (f" ({n} files changed)" if n else " (clean)"))
        commit = git(self.repo, "rev-parse", "--verify", spec + "^{commit}")
        tree = self.tmp / name
        git(self.repo, "worktree", "add", "--detach", str(tree), commit)
        self.worktrees.append(tree)
        return tree, f"{git(self.repo, 'rev-parse', '--short', commit)} ({spec})"

    def close(self):
        for tree in self.worktrees:
            subprocess.run(["git", "-C", str(self.repo), "worktree", "remove", "--force", str(tree)],
                           capture_output=True)
        self.worktrees = []
        subprocess.run(["git", "-C", str(self.repo), "worktree", "prune"], capture_output=True)
        shutil.rmtree(self.tmp, ignore_errors=True)


class Child:
    def __init__(self, tree: Path, workdir: Path, block_seconds: float):
        self.tree, self.kind = tree, tree_kind(tree)
        root = import_root(tree, self.kind, workdir)
        env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1")
        self.proc = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--child", str(tree), "--kind", self.kind,
             "--import-root", str(root), "--block", str(block_seconds)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1, env=env)
        self.hello = None

    def ready(self) -> dict:
        line = self.proc.stdout.readline()
        if not line:
            raise SystemExit(f"the child for {self.tree} failed (see its error above)")
        self.hello = json.loads(line)
        assert Path(self.hello["engine_file"]).is_relative_to(self.tree.resolve() / "model")
        return self.hello

    def time(self, key: str) -> float:
        """One block of ``key``: µs per epoch for a case, trial-epochs per second for the sweep."""
        self.proc.stdin.write(json.dumps(dict(case=key)) + "\n")
        line = self.proc.stdout.readline()
        if not line:
            raise SystemExit(f"the child for {self.tree} died timing {key}")
        r = json.loads(line)
        return r["units"] / r["seconds"] if key == "sweep" else r["seconds"] / r["units"] * 1e6

    def close(self):
        if self.proc.poll() is None:
            self.proc.stdin.close()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


def config_fields(config_repr: str) -> dict[str, str]:
    """TrainConfig(a=1, b=(2, 3), c='x') -> {"a": "1", "b": "(2, 3)", "c": "'x'"}."""
    body = config_repr[config_repr.index("(") + 1: config_repr.rindex(")")]
    fields = re.findall(r"(\w+)=((?:\([^)]*\)|'[^']*'|[^,])*)", body)
    return {name: value.strip() for name, value in fields}


def same_problem(old_repr: str, new_repr: str) -> bool:
    """The two trees' configs agree on every field both have (a newer tree adds fields
    with defaults that keep the older problem: task, classes, lr_schedule, ...)."""
    old, new = config_fields(old_repr), config_fields(new_repr)
    return all(new.get(name) == value for name, value in old.items())


def markdown(results: dict, hello: dict) -> str:
    lines = ["| case | old | new | new/old | per-round new/old: quartiles |",
             "|---|---:|---:|---:|---|"]
    for key, per in results.items():
        old, new = statistics.median(per["old"]), statistics.median(per["new"])
        unit = "trial-epochs/s" if key == "sweep" else "µs/epoch"
        label = hello["new"]["cases"][key]["label"]
        if key != "sweep":
            label = f"{key}: {label}"
        if not same_problem(hello["old"]["cases"][key]["config"], hello["new"]["cases"][key]["config"]):
            label += " (**configs differ between trees**)"
        fmt = "{:,.0f}" if key == "sweep" else "{:,.1f}"
        q = statistics.quantiles([n / o for o, n in zip(per["old"], per["new"])], n=4) \
            if len(per["old"]) > 1 else [new / old] * 3
        lines.append(f"| {label}, {unit} | {fmt.format(old)} | {fmt.format(new)} | {new / old:.3f} "
                     f"| {q[0]:.2f} / {q[1]:.2f} / {q[2]:.2f} |")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--old", help="git revision to compare against")
    ap.add_argument("--new", help="revision or checkout folder (default: this script's working tree)")
    ap.add_argument("--rounds", type=int, help="interleaved rounds (default 15; 3 with --quick)")
    ap.add_argument("--quick", action="store_true", help="3 rounds of shorter blocks: a smoke run")
    ap.add_argument("--cases", default="ABCDS", help="which to run: A-D and S (sweep), e.g. AS")
    ap.add_argument("--json", metavar="FILE", help="save the per-round numbers there")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--kind", help=argparse.SUPPRESS)
    ap.add_argument("--import-root", help=argparse.SUPPRESS)
    ap.add_argument("--block", type=float, default=BLOCK_SECONDS, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        return child_main(Path(args.child), args.kind, Path(args.import_root), args.block)
    if not args.old:
        ap.error("--old is required")
    rounds = args.rounds or (3 if args.quick else 15)
    block = 0.2 if args.quick else BLOCK_SECONDS

    trees = Trees(Path(git(SCRIPT_DIR, "rev-parse", "--show-toplevel")))
    atexit.register(trees.close)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))   # run the cleanup on kill too
    children = {}
    try:
        described = {}
        for side, spec in (("old", args.old), ("new", args.new)):
            tree, described[side] = trees.get(spec, side)
            children[side] = Child(tree, trees.tmp / f"{side}-imports", block)
            children[side].ready()                # one at a time: calibration alone on the CPUs
        hello = {side: c.hello for side, c in children.items()}
        for side, h in hello.items():
            print(f"{side}: {described[side]}: {h['package']} from {h['engine_file']}, "
                  f"cases from {h['cases_from']}", file=sys.stderr)
        keys = [k for k in hello["new"]["cases"] if k in hello["old"]["cases"]
                and (k if k != "sweep" else "S") in args.cases.upper()]
        results = {k: {"old": [], "new": []} for k in keys}
        load_before = os.getloadavg()
        for r in range(rounds):
            print(f"round {r + 1}/{rounds}", file=sys.stderr, flush=True)
            for key in keys:
                for side in (("old", "new") if r % 2 == 0 else ("new", "old")):
                    results[key][side].append(children[side].time(key))
        load_after = os.getloadavg()
    finally:
        for c in children.values():
            c.close()

    given = " ".join(sys.argv[1:] if argv is None else argv)
    h = hello["new"]
    print()
    print(markdown(results, hello))
    print("\nnew/old: ratio of the medians; below 1 the new tree is faster in µs/epoch, above 1 "
          "in trial-epochs/s. Quartiles: of the ratios within each round (old and new timed "
          "back to back), a gauge of the noise.\n")
    print(f"`python bench/compare_commits.py {given}`, {datetime.datetime.now():%Y-%m-%d %H:%M}; "
          f"old: {described['old']}; new: {described['new']}; "
          f"{rounds} interleaved rounds, median; blocks of >= {block:g} s; "
          f"Python {h['python']}, NumPy {h['numpy']}, {platform.machine()}, {os.cpu_count()} CPUs, "
          f"OPENBLAS_NUM_THREADS={h['openblas_threads']} in the children; "
          f"load average (1/5/15 min) {'/'.join(f'{x:.2f}' for x in load_before)} before, "
          f"{'/'.join(f'{x:.2f}' for x in load_after)} after")
    if args.json:
        Path(args.json).write_text(json.dumps(dict(
            command=sys.argv if argv is None else ["bench/compare_commits.py", *argv],
            date=datetime.datetime.now().isoformat(timespec="seconds"), rounds=rounds,
            block_seconds=block, trees=described, children=hello,
            load_before=load_before, load_after=load_after,
            units={k: "trial-epochs/s" if k == "sweep" else "us/epoch" for k in results},
            results=results), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
