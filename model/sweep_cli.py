"""``backprop-lab sweep``: the lab's hyper-parameter study from the command line.

    backprop-lab sweep --dataset linear xor-easy --lr 0.1 0.05 --hidden 10 50 \\
        --activation sigmoid none --trials 10 --epochs 100000 --out results.csv
    backprop-lab sweep --preset lab
    python -m backprop_lab.model.sweep_cli ...              (the same, without the launcher)

The grid is every combination of the values given (each ``--hidden`` value is
the units of each of ``--layers`` hidden layers) on every data set. The table
goes to stdout as Markdown, a progress bar to stderr when it is a terminal;
``--out`` writes .csv, .md or .json, ``--plot`` the charts as .png or .svg (drawn
by the app's Qt, registered by the launcher: model/ never imports gui/);
``--scheduler ADDRESS`` runs the trials on a Dask cluster (model/sweep_cluster.py).
Ctrl-C stops the sweep and prints the rows already complete. Exit codes: 0 done,
2 bad command line, 130 cancelled.
"""
from __future__ import annotations

import argparse
import csv
import dataclasses
import io
import json
import math
import os
import signal
import sys
import threading

from backprop_lab.model import (activations, cli_problems, datasets, initializers, limits, losses, optimizers,
                                sweep_cluster)
from backprop_lab.model.atomic_file import atomic_write, check_writable_option
from backprop_lab.model.config import TrainConfig
from backprop_lab.model.registry import name_the_option
from backprop_lab.model.terminal_bar import TerminalBar, is_tty
from backprop_lab.model.sweep import COLUMNS, PRESETS, SweepResult, expand_grid, run_sweep
from backprop_lab.model.conventions import describe as describe_convention

PROG = "backprop-lab"
EXIT_OK, EXIT_USAGE, EXIT_CANCELLED = 0, 2, 130
FIELD_TYPES = {f.name: type(f.default) for f in dataclasses.fields(TrainConfig)}
AXIS_OPTIONS = ("lr", "hidden", "activation", "optimizer", "loss", "init", "batch_size")
# TrainConfig field -> the option that sets it, named in a config error
SWEEP_FLAGS = {"seed": "--seed", "max_epochs": "--epochs", "n_points": "--points",
               **{name: "--" + name.replace("_", "-") for name in AXIS_OPTIONS}}


def _dataset_name(text: str) -> str:
    return text.replace("_", "-")


def add_parser(subparsers) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "sweep", help="hyper-parameter study: stop epochs, failures and accuracy over seeded trials",
        description="Train every combination of the values given, on every data set, "
                    "--trials times from seeds --seed, --seed+1, ...; print per combination "
                    "the stop epochs (first epoch at 100% training accuracy) of the trials "
                    "that converged, the failures within --epochs, and the final accuracies.")
    p.add_argument("--preset", choices=list(PRESETS),
                   help="a predefined study; 'lab': " + PRESETS["lab"].description)
    p.add_argument("--dataset", nargs="+", type=_dataset_name, choices=list(datasets.DATASETS),
                   metavar="NAME", help="data sets (default: linear xor-easy)")
    axes = p.add_argument_group("grid (each option takes one or more values)")
    axes.add_argument("--lr", nargs="+", type=float, metavar="LR", help="learning rates")
    axes.add_argument("--hidden", nargs="+", type=int, metavar="UNITS",
                      help="units per hidden layer (each value: --layers layers of that many units)")
    axes.add_argument("--layers", type=int, default=2, metavar="N",
                      help="hidden layers for each --hidden value (default: 2)")
    axes.add_argument("--activation", nargs="+", choices=list(activations.ACTIVATIONS), metavar="NAME",
                      help=f"hidden activations ({', '.join(activations.ACTIVATIONS)})")
    axes.add_argument("--optimizer", nargs="+", choices=list(optimizers.OPTIMIZERS), metavar="NAME",
                      help=f"optimizers ({', '.join(optimizers.OPTIMIZERS)})")
    axes.add_argument("--loss", nargs="+", choices=list(losses.LOSSES), metavar="NAME", help="losses")
    axes.add_argument("--init", nargs="+", choices=list(initializers.INITIALIZERS), metavar="NAME",
                      help="weight initialisers")
    axes.add_argument("--batch-size", dest="batch_size", nargs="+", type=int, metavar="N",
                      help="batch sizes, 0 = full batch (mini-batches run one trial at a time)")
    axes.add_argument("--vary", nargs="+", action="append", metavar=("FIELD", "VALUE"),
                      help="any other TrainConfig field and its values, e.g. --vary momentum 0.5 0.9")
    trials = p.add_argument_group("trials")
    trials.add_argument("--trials", type=int, metavar="N", help="seeded trials per combination (default: 10)")
    trials.add_argument("--epochs", type=int, metavar="N", help="epoch budget per trial (default: 100000)")
    trials.add_argument("--seed", type=int, metavar="S", help="seed of trial 0; trial i uses S + i (default: 42)")
    trials.add_argument("--points", type=int, metavar="N", help="number of points (xor-easy always has 21)")
    trials.add_argument("--workers", type=int, metavar="N",
                        help=f"worker processes (default: the number of CPUs, {os.cpu_count()})")
    problem = p.add_argument_group("problem (model/tasks.py)")
    cli_problems.add_options(lambda flag, field, help, **kw: problem.add_argument(
        flag, dest=field, help=help, **kw))
    trials.add_argument("--one-by-one", action="store_true",
                     help="train every trial with Trainer one at a time (same numbers, slower)")
    trials.add_argument("--scheduler", metavar="ADDRESS",
                        help="run the trials on a Dask distributed cluster, e.g. tcp://host:8786 "
                             "(pip install 'backprop-lab[cluster]'); --workers then defaults to "
                             "the cluster's threads")
    p.add_argument("--out", metavar="FILE", help="also write the table to FILE (.csv, .md or .json)")
    p.add_argument("--plot", metavar="FILE",
                   help="also draw the stop epoch against each varied setting to FILE (.png or .svg)")
    p.set_defaults(run=run)
    return p


# --- the command line -> configs ---------------------------------------------------------
def _parse_value(field: str, text: str):
    kind = FIELD_TYPES[field]
    if kind is bool:
        if text.lower() in ("1", "true", "yes", "on"):
            return True
        if text.lower() in ("0", "false", "no", "off"):
            return False
        raise ValueError(f"{field}: {text!r} is not true or false")
    if kind is tuple:
        parts = text.replace("-", ",").split(",")
        try:
            return tuple(int(u) if field == "hidden" else float(u) if field == "dropout" else u
                         for u in parts if u)
        except ValueError:
            raise ValueError(f"{field}: {text!r} is not a list of numbers") from None
    try:
        return kind(text)
    except ValueError:
        raise ValueError(f"{field}: {text!r} is not a valid {kind.__name__}") from None


def grid_from_args(args) -> tuple[list[TrainConfig], tuple[str, ...], int]:
    """(configs, axes shown per row, trials) for the parsed options; raises ValueError."""
    base_changes = {"max_epochs": args.epochs, "seed": args.seed, "n_points": args.points}
    base_changes = {k: v for k, v in base_changes.items() if v is not None}
    given = {k: getattr(args, k, None) for k in ("task", "classes", "stop_loss")}
    problem = cli_problems.with_problem_defaults({k: v for k, v in given.items() if v is not None})
    default_sets = [problem.pop("dataset")] if "dataset" in problem else ["linear", "xor-easy"]
    base_changes.update(problem)
    axes: dict[str, list] = {}
    for name in AXIS_OPTIONS:
        values = getattr(args, name)
        if values is not None:
            axes[name] = list(dict.fromkeys(values))
    if "hidden" in axes:
        if args.layers < 1:
            raise ValueError(f"--layers: must be at least 1, got {args.layers}")
        axes["hidden"] = [(u,) * args.layers for u in axes["hidden"]]
    for field, *texts in args.vary or []:
        if field not in FIELD_TYPES or field == "dataset":
            raise ValueError(f"--vary: unknown TrainConfig field {field!r}")
        if not texts:
            raise ValueError(f"--vary {field}: give at least one value")
        axes[field] = [_parse_value(field, t) for t in texts]
    if args.preset:
        if axes:
            raise ValueError(f"--preset {args.preset} fixes the grid; leave out "
                             f"--{' --'.join(k.replace('_', '-') for k in axes)}")
        preset = PRESETS[args.preset]
        if args.dataset:
            preset = dataclasses.replace(preset, datasets=tuple(args.dataset))
        trials = preset.trials if args.trials is None else args.trials
        return preset.configs(**base_changes), preset.axes, trials
    base = TrainConfig(max_epochs=100_000, stop_at_100=True).replace(**base_changes)
    configs = expand_grid(base, axes, args.dataset or default_sets)
    return configs, tuple(axes), 10 if args.trials is None else args.trials


# --- tables ---------------------------------------------------------------------------------
def _cell(key: str, value, regression: bool = False) -> str:
    """Statistics rounded for reading; anything else (data set, axis values) as given.
    In a regression sweep the accuracy columns hold R² (model/tasks.py)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    if key not in COLUMNS:
        return f"{value:g}" if isinstance(value, float) else str(value)
    if key.startswith("accuracy"):
        return f"{value:.4f}" if regression else f"{100 * value:.2f}%"
    if key == "seconds_per_trial":
        return f"{value:.3g}"
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def markdown_table(result: SweepResult) -> str:
    """The result as a Markdown table: data set, the axes, then COLUMNS."""
    keys = ["dataset", *result.axes, *COLUMNS]
    regression = any(row.config.task == "regression" for row in result.rows)
    names = [k.replace("accuracy", "r2") if regression else k for k in keys]
    lines = ["| " + " | ".join(names) + " |",
             "|" + "|".join("---" if k in ("dataset", *result.axes) else "---:" for k in keys) + "|"]
    for rec in result.records():
        lines.append("| " + " | ".join(_cell(k, rec[k], regression) for k in keys) + " |")
    return "\n".join(lines) + "\n"


def csv_text(result: SweepResult) -> str:
    """One row per config, raw numbers (accuracies as fractions, empty = none converged)."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, ["dataset", *result.axes, *COLUMNS], lineterminator="\n")
    writer.writeheader()
    for rec in result.records():
        writer.writerow({k: "" if v is None else v for k, v in rec.items()})
    return buf.getvalue()


def json_text(result: SweepResult) -> str:
    """{"axes", "trials", "seconds", "cancelled", "rows": [record, ...]} with per-trial
    outcomes (seed, status, stop_epoch, final_accuracy, epochs) in each row."""
    rows = []
    for row, rec in zip(result.rows, result.records()):
        rec = {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in rec.items()}
        rec["trial_outcomes"] = [dataclasses.asdict(o) for o in row.outcomes]
        rows.append(rec)
    return json.dumps({"axes": list(result.axes), "trials": result.trials,
                       "seconds": result.seconds, "cancelled": result.cancelled,
                       "rows": rows}, indent=1) + "\n"


WRITERS = {".csv": csv_text, ".md": markdown_table, ".json": json_text}


def _writer_for(path: str):
    ext = os.path.splitext(path)[1].lower()
    if ext not in WRITERS:
        raise ValueError(f"--out: unknown extension {ext or '(none)'!r}; use .csv, .md or .json")
    return WRITERS[ext]


def write_table(result: SweepResult, path: str) -> None:
    """Write the result to ``path`` in the format its extension names (.csv, .md, .json),
    atomically: a failed or killed write leaves the previous file as it was."""
    text = _writer_for(path)(result)
    with atomic_write(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)


def check_sweep(configs, trials: int, workers: int | None) -> None:
    """Raise ValueError (one line) for a sweep that cannot run here: a trial count
    or worker count out of range, or more memory than this computer can give."""
    if not 1 <= trials <= limits.MAX_TRIALS:
        raise ValueError(f"--trials: must be between 1 and {limits.MAX_TRIALS:,}, got {trials}")
    if workers is not None and not 1 <= workers <= 1024:
        raise ValueError(f"--workers: must be between 1 and 1024, got {workers}")
    for cfg in configs:
        if cfg.seed + trials - 1 > limits.MAX_SEED:
            raise ValueError(f"--seed: trial seeds {cfg.seed} .. {cfg.seed + trials - 1} pass 2^63 - 1")
    limits.check_sweep_memory(configs, trials)   # a row's trials run together (batched)


# --- charts (drawn by the app's Qt; the launcher registers the writer) -----------------------
@dataclasses.dataclass(frozen=True)
class ChartWriter:
    """write(result, path) draws the charts to a .png or .svg; check() raises ValueError
    (one line) when it cannot draw here."""
    write: object
    check: object
    formats: tuple = (".png", ".svg")


chart_writer: ChartWriter | None = None     # None: run without the app's launcher


def register_chart_writer(new: ChartWriter | None) -> None:
    global chart_writer
    chart_writer = new


def check_plot(path: str) -> None:
    """Raise ValueError (one line) for a --plot that cannot be drawn or written."""
    if chart_writer is None:
        raise ValueError("--plot draws with the app's Qt: run it through the app's launcher, "
                         "`backprop-lab sweep ...`")
    ext = os.path.splitext(path)[1].lower()
    if ext not in chart_writer.formats:
        raise ValueError(f"--plot: unknown extension {ext or '(none)'!r}; use .png or .svg")
    chart_writer.check()
    check_writable_option("--plot", path)


# --- running -------------------------------------------------------------------------------
class TrialsBar(TerminalBar):
    """``[#####.....]  42%  134/320 trials  1m12s`` on a terminal (model/terminal_bar.py);
    called as run_sweep's ``progress(done, total)``."""

    def __call__(self, done: int, total: int):
        self.update(done, total)

    def count(self, done: int, total: int, seconds: float) -> str:
        secs = int(seconds)
        return f"{done}/{total} trials  {secs // 60}m{secs % 60:02d}s"


def run(args) -> int:
    scheduler = None                   # a Dask client with --scheduler
    try:
        configs, axes, trials = grid_from_args(args)
        check_sweep(configs, trials, args.workers)
        if args.out:                   # a bad extension or folder fails now, not after the sweep
            _writer_for(args.out)
            check_writable_option("--out", args.out)
        if args.plot:
            check_plot(args.plot)
        if args.scheduler:
            scheduler = sweep_cluster.connect(args.scheduler)   # one-line error: no dask, no answer
    except ValueError as error:
        print(f"{PROG}: error: {name_the_option(error, SWEEP_FLAGS)}", file=sys.stderr)
        return EXIT_USAGE
    bar = TrialsBar(sys.stderr) if is_tty(sys.stderr) else None
    stop = threading.Event()
    try:   # Ctrl-C cancels the sweep (and keeps the rows already done) instead of a traceback
        previous = signal.signal(signal.SIGINT, lambda *_: stop.set())
    except ValueError:   # not the main thread: no handler
        previous = None
    try:
        result = run_sweep(configs, trials, axes=axes, workers=args.workers,
                           batched=not args.one_by_one, scheduler=scheduler, progress=bar,
                           cancel=stop)
    finally:
        if scheduler is not None:
            scheduler.close()
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
        if bar:
            bar.finish()
    print(describe_convention(configs, axes) + "\n")     # the table's header line
    sys.stdout.write(markdown_table(result))
    budget = configs[0].max_epochs if configs else 0
    rule = ("reached the loss threshold (--stop-loss); r2 columns are final training R²"
            if configs and configs[0].task == "regression" else "reached 100% training accuracy")
    print(f"\n{len(result.rows)} of {len(configs)} configs × {trials} trials in "
          f"{result.seconds:.1f} s; budget {budget} epochs; stop epochs are over the trials "
          f"that {rule}; failures are the trials that did not reach it within the budget.")
    if configs and configs[0].task == "regression" and not configs[0].stop_loss:
        print("--stop-loss is off, so no regression trial can stop early and every one counts "
              "as a failure: set it (e.g. --stop-loss 0.01) to compare how fast settings fit.")
    if args.out:
        try:
            write_table(result, args.out)
        except OSError as e:           # the folder went away during the sweep, the disk filled up
            print(f"{PROG}: error: --out {args.out}: {e.strerror or e}", file=sys.stderr)
            return EXIT_USAGE
        print(f"wrote {args.out}")
    if args.plot:
        try:
            chart_writer.write(result, args.plot)
        except (OSError, ValueError) as e:
            print(f"{PROG}: error: --plot {args.plot}: {e}", file=sys.stderr)
            return EXIT_USAGE
        print(f"wrote {args.plot}")
    if result.cancelled:
        print(f"{PROG}: sweep cancelled; the table has the configs that finished", file=sys.stderr)
        return EXIT_CANCELLED
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """``python -m backprop_lab.model.sweep_cli ARGS`` (= ``backprop-lab sweep ARGS``)."""
    try:
        from backprop_lab.model.cli import OneLineErrorParser as Parser
    except ImportError:
        Parser = argparse.ArgumentParser
    parser = Parser(prog=PROG)
    sub = parser.add_subparsers(dest="command")
    sweep_parser = add_parser(sub)
    try:
        args = sweep_parser.parse_args(argv)
        return run(args)
    except SystemExit as stop:
        code = stop.code
        return code if isinstance(code, int) else (0 if code is None else EXIT_USAGE)


if __name__ == "__main__":
    sys.exit(main())
