"""The headless command line: ``backprop-lab train ...`` and ``python -m backprop_lab.model train ...``.

Every training option parses straight into a field of ``TrainConfig`` (the
option's ``dest`` is the field name and options left out are absent from the
namespace), so the config's own defaults and validation are the only ones.
Other subcommands register themselves with ``add_parser(subparsers)`` and
``run(args) -> int`` (see ``SUBCOMMAND_MODULES``).

Exit codes: 0 trained (converged or ran out of epochs), 2 bad command line or
invalid config or a file that cannot be read or written, 3 training diverged.
"""
from __future__ import annotations

import argparse
import dataclasses
import importlib
import os
import sys
import time

import numpy as np

from backprop_lab.model import activations, datasets, examples, features, initializers, losses, optimizers
from backprop_lab.model import cli_problems, metrics, softmax
from backprop_lab.model.config import TrainConfig
from backprop_lab.model.registry import name_the_option
from backprop_lab.model.terminal_bar import TerminalBar, is_tty
from backprop_lab.model.examples_cli import lesson_text
from backprop_lab.model import toolbox_cli
from backprop_lab.model.toolbox_cli import toolbox_summary
from backprop_lab.model.trainer import Trainer
# run_train's hooks for --load-session, --save-session, --data, --save-plots, --save-frames
from backprop_lab.model.cli_files import (add_session_options, data_source, epoch_hooks, load_inputs,
                             make_trainer, save_outputs)

PROG = "backprop-lab"
EXIT_OK, EXIT_USAGE, EXIT_DIVERGED = 0, 2, 3

# Modules that add a subcommand; one that is not there yet is skipped.
SUBCOMMAND_MODULES = ("backprop_lab.model.sweep_cli", "backprop_lab.model.examples_cli")

CONFIG_FIELDS = frozenset(f.name for f in dataclasses.fields(TrainConfig))
DEFAULTS = TrainConfig()


class OneLineErrorParser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line on stderr, without the usage dump:
    ``backprop-lab: error: <msg>``, exit code 2 (choice errors list the valid values)."""

    def error(self, message):
        self.exit(EXIT_USAGE, f"{PROG}: error: {message}\n")


def _dataset_name(text: str) -> str:
    """Accept the function spelling too: ``xor_easy`` means ``xor-easy``."""
    return text.replace("_", "-")


def _nonnegative_int(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be >= 0, got {value}")
    return value


# TrainConfig field -> the `train` option that sets it (filled by add_train_parser)
TRAIN_FLAGS: dict[str, str] = {}


def _default(field: str) -> str:
    value = getattr(DEFAULTS, field)
    if isinstance(value, tuple):
        return " ".join(map(str, value)) or "none"
    return str(value)


def add_train_parser(subparsers) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "train", help="train a network and print the lab's per-sample table",
        description="Train one network headless. Options not given keep TrainConfig's defaults.")
    # dest = the TrainConfig field; SUPPRESS keeps options not given out of the namespace
    S = argparse.SUPPRESS

    def opt(flag, field, help, **kw):
        TRAIN_FLAGS[field] = flag
        p.add_argument(flag, dest=field, default=S, help=f"{help} (default: {_default(field)})", **kw)

    cli_problems.add_options(opt)
    data = p.add_argument_group("data")
    opt("--dataset", "dataset", "data set", choices=list(datasets.DATASETS), type=_dataset_name)
    opt("--points", "n_points", "number of points (xor-easy always has 21)", type=int, metavar="N")
    opt("--noise", "noise", "noise, 0 .. 1", type=float)
    opt("--test-fraction", "test_fraction", "share of points held out for testing", type=float)
    opt("--data-seed", "data_seed", "seed of the data set and the train/test split", type=int)

    net = p.add_argument_group("network")
    opt("--features", "features", "input features", nargs="+", choices=list(features.FEATURES),
        metavar="NAME")
    opt("--hidden", "hidden", "units per hidden layer; `--hidden` alone = no hidden layer",
        nargs="*", type=int, metavar="UNITS")
    opt("--activation", "activation", "hidden activation", choices=list(activations.ACTIVATIONS))
    opt("--leaky-slope", "leaky_slope", "slope of leaky_relu for z < 0", type=float)
    opt("--output-activation", "output_activation", "output activation",
        choices=list(softmax.OUTPUT_ACTIVATIONS))
    opt("--loss", "loss", "loss", choices=list(losses.LOSSES))
    opt("--init", "init", "weight initialiser", choices=list(initializers.INITIALIZERS))
    opt("--init-scale", "init_scale", "a of uniform(-a, a) / sigma of normal", type=float)
    opt("--bias", "bias", "biases in every layer", action=argparse.BooleanOptionalAction)
    opt("--conv-kernel", "conv_kernel", "1-D convolution kernel over the features, 0 = off", type=int)
    opt("--conv-filters", "conv_filters", "convolution filters", type=int)
    opt("--dtype", "dtype", "float type", choices=["float64", "float32"])

    train = p.add_argument_group("training")
    opt("--optimizer", "optimizer", "optimizer", choices=list(optimizers.OPTIMIZERS))
    opt("--lr", "lr", "learning rate", type=float)
    opt("--momentum", "momentum", "momentum (momentum optimizer)", type=float)
    opt("--nesterov", "nesterov", "Nesterov momentum", action=argparse.BooleanOptionalAction)
    opt("--beta1", "beta1", "Adam beta1", type=float)
    opt("--beta2", "beta2", "Adam beta2", type=float)
    opt("--rho", "rho", "RMSprop decay", type=float)
    opt("--eps", "eps", "epsilon of Adam/RMSprop/AdaGrad", type=float)
    opt("--amsgrad", "amsgrad", "AMSGrad variant of Adam", action=argparse.BooleanOptionalAction)
    opt("--weight-decay", "weight_decay", "decoupled weight decay", type=float)
    opt("--batch-size", "batch_size", "mini-batch size, 0 = full batch", type=int, metavar="N")
    opt("--l1", "l1", "L1 penalty on the weights", type=float)
    opt("--l2", "l2", "L2 penalty on the weights", type=float)
    opt("--epochs", "max_epochs", "maximum number of epochs", type=int, metavar="N")
    opt("--stop-at-100", "stop_at_100", "stop at 100%% training accuracy",
        action=argparse.BooleanOptionalAction)
    opt("--seed", "seed", "seed of the initial weights and mini-batch shuffling", type=int)
    toolbox_cli.add_options(opt)
    train.add_argument("--example", choices=list(examples.EXAMPLES), metavar="NAME",
                       help="start from a ready-made lesson's config, which the other options "
                            "change (`backprop-lab examples` lists them: "
                            + ", ".join(examples.EXAMPLES) + ")")

    out = p.add_argument_group("output")
    out.add_argument("--log-every", type=_nonnegative_int, default=1000, metavar="N",
                     help="print an epoch line every N epochs, besides the first and the last; "
                          "0 = only those two (default: 1000)")
    add_session_options(out)
    p.set_defaults(run=run_train)
    return p


# --- the parser ----------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    parser = OneLineErrorParser(
        prog=PROG, description="Backprop Lab's command line (run `backprop-lab` alone for the app).")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    add_train_parser(sub)
    for name in SUBCOMMAND_MODULES:
        module = _optional_module(name)
        if module is not None:
            sub_parser = module.add_parser(sub)
            if sub_parser is not None and sub_parser.get_default("run") is None:
                sub_parser.set_defaults(run=module.run)
    return parser


def _optional_module(name: str):
    """The module, or None when it does not exist (yet); errors inside it still raise."""
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as error:
        if error.name == name:
            return None
        raise


def config_from_args(args) -> TrainConfig:
    """TrainConfig with the options given on the command line; raises ValueError."""
    given = {k: v for k, v in vars(args).items() if k in CONFIG_FIELDS}
    for k in ("hidden", "features"):
        if k in given:
            given[k] = tuple(given[k])
    given = cli_problems.with_problem_defaults(given)
    name = getattr(args, "example", None)
    return (examples.get(name).config if name else DEFAULTS).replace(**given)


def main(argv: list[str] | None = None) -> int:
    """Run the command line with ``argv`` (default sys.argv[1:]); return the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        code = args.run(args)
        sys.stdout.flush()            # here, where a closed pipe is caught, not at exit
        return code
    except SystemExit as stop:        # --help, and argparse errors: return, don't exit
        code = stop.code
        return code if isinstance(code, int) else (0 if code is None else EXIT_USAGE)
    except BrokenPipeError:           # `backprop-lab examples | head`: the reader left
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())   # no error at exit
        return 1


# --- train ------------------------------------------------------------------------------
def run_train(args) -> int:
    try:
        cfg = config_from_args(args)
        cfg, data = load_inputs(args, cfg)
        trainer = make_trainer(args, cfg, data)
        hooks = epoch_hooks(args, trainer)
    except ValueError as error:
        print(f"{PROG}: error: {name_the_option(error, TRAIN_FLAGS)}", file=sys.stderr)
        return EXIT_USAGE
    out = sys.stdout
    if getattr(args, "example", None):
        print(lesson_text(args.example) + "\n", file=out)
    X, X_test = trainer.X, trainer.X_test
    print(f"training {trainer.network!r} on {data_source(args, trainer)}: {len(X)} training points, "
          f"{len(X_test)} test points; {cfg.activation}/{cfg.output_activation}, {cfg.loss}, "
          f"{cfg.optimizer} lr {cfg.lr:g}, init {cfg.init}, seed {cfg.seed}"
          + toolbox_summary(cfg), file=out)

    bar = ProgressBar(sys.stderr, max(cfg.max_epochs, 1)) if is_tty(sys.stderr) else None
    every, width = args.log_every, len(str(cfg.max_epochs))
    printed = set()
    first = trainer.epoch + 1          # a loaded session goes on from its own epoch

    def log(stats):
        if bar:
            bar.clear()
        print(epoch_line(stats, width, cfg), file=out, flush=bar is not None)
        printed.add(stats.epoch)

    def on_epoch(stats):
        if stats.epoch == first or (every and stats.epoch % every == 0):
            log(stats)
        if bar:
            bar.update(stats.epoch)
        for hook in hooks:
            hook(stats)
        return False

    start = time.perf_counter()
    # overflow on the way to a non-finite loss is what "diverged" reports, in one line
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        last = trainer.run(callback=on_epoch)
    seconds = time.perf_counter() - start
    # run() does not call back for the epoch that ends training: log it here
    if last is not None and last.epoch not in printed:
        log(last)
    if bar:
        bar.update(trainer.epoch, force=True)
        bar.finish()

    print(file=out)
    print_results(trainer, out)
    trained = trainer.epoch - first + 1
    print(f"time: {trained} epochs in {seconds:.2f} s "
          f"({trained / max(seconds, 1e-9):,.0f} epochs/s)", file=out)
    problem = save_outputs(args, trainer)
    if trainer.status == "diverged":
        print(f"{PROG}: {trainer.message}", file=sys.stderr)
        return EXIT_DIVERGED
    print(trainer.message, file=out)
    return problem or EXIT_OK


def epoch_line(stats, width: int = 6, cfg=None) -> str:
    """``epoch E  loss L  accuracy A`` for one EpochStats (``R² r  MAE m`` for a regression ``cfg``)."""
    if cfg is not None and cli_problems.handles(cfg):
        line = (f"epoch {stats.epoch:>{width}}  loss {_number(stats.loss)}  "
                f"{cli_problems.metric_text(cfg, stats.accuracy, stats.mae)}")
        if not np.isnan(stats.test_loss):
            line += (f"  test loss {_number(stats.test_loss)}  "
                     f"{cli_problems.metric_text(cfg, stats.test_accuracy, stats.test_mae, 'test ')}")
        return line
    line = (f"epoch {stats.epoch:>{width}}  loss {_number(stats.loss)}  "
            f"accuracy {_percent(stats.accuracy)}")
    if not np.isnan(stats.test_loss):
        line += f"  test loss {_number(stats.test_loss)}  test accuracy {_percent(stats.test_accuracy)}"
    return line


def _number(x: float) -> str:
    """Six decimals for the usual sizes; exponent form once a run blows up."""
    return f"{x:.6f}" if abs(x) < 1e5 else f"{x:.4g}"


def _percent(fraction: float) -> str:
    return "n/a" if np.isnan(fraction) else f"{100 * fraction:.2f}%"


def print_results(trainer: Trainer, out) -> None:
    """The lab report's table (with the weights after the last epoch), then the
    final accuracy and the epoch at which 100% was first reached."""
    mark = _marks(out)
    if cli_problems.handles(trainer.cfg):
        return cli_problems.print_results(trainer, out, mark)
    # the output is a probability only behind a sigmoid
    header = "p(class 1)" if trainer.cfg.output_activation == "sigmoid" else "output"
    correct, n = print_sample_table(trainer.network.predict(trainer.X), trainer.X, trainer.y,
                                    mark, header, out)
    print(f"final accuracy {_percent(correct / n)} ({correct}/{n} correct, weights after epoch "
          f"{trainer.toolbox.weights_epoch(trainer.epoch)})", file=out)
    if len(trainer.X_test):
        print("\ntest points (not trained on):", file=out)
        tc, tn = print_sample_table(trainer.network.predict(trainer.X_test), trainer.X_test,
                                    trainer.y_test, mark, header, out)
        print(f"test accuracy {_percent(tc / tn)} ({tc}/{tn} correct)", file=out)
    if trainer.stop_epoch is not None:
        print(f"100% training accuracy first reached at epoch {trainer.stop_epoch}", file=out)
    else:
        print(f"did not reach 100% within {trainer.epoch} epochs", file=out)


def print_sample_table(p, X, y, mark, header, out) -> tuple[int, int]:
    """One row per sample: index, x1, x2, target, p(class 1), predicted class, ✓/✗.
    p (n, 1), X (n, 2), y (n, 1). Returns (number correct, n)."""
    predicted = metrics.predicted_class(p)    # the trainer's threshold: class 1 where p > 0.5
    p = p.ravel()
    target = y.ravel().astype(int)
    w = len(str(len(p) - 1))
    print(f"{'#':>{w}}  {'x1':>8}  {'x2':>8}  target  {header:>10}  predicted", file=out)
    for i in range(len(p)):
        ok = predicted[i] == target[i]
        print(f"{i:>{w}}  {X[i, 0]:8.4f}  {X[i, 1]:8.4f}  {target[i]:>6}  {_number(p[i]):>10}  "
              f"{predicted[i]:>9}  {mark[ok]}", file=out)
    return int(np.count_nonzero(predicted == target)), len(p)


def _marks(out) -> dict:
    """✓/✗ where the stream can encode them, else ok/X."""
    try:
        "✓✗".encode(getattr(out, "encoding", None) or "utf-8")
        return {True: "✓", False: "✗"}
    except (UnicodeEncodeError, LookupError):
        return {True: "ok", False: "X"}


class ProgressBar(TerminalBar):
    """``[#####.....]  42%  4200/10000 epochs  21,000 epochs/s`` on a terminal (model/terminal_bar.py)."""

    def count(self, done: int, total: int, seconds: float) -> str:
        return f"{done}/{total} epochs  {done / max(seconds, 1e-9):,.0f} epochs/s"
