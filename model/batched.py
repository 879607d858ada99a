"""BatchedTrainer: many seeded trials of one full-batch dense network, trained together.

A hyper-parameter sweep trains the same network from T different initial
weights. This module only arranges the trials: their T parameter vectors are
one ``Network(spec, trials=T)`` (theta (T, P)), so every epoch is the engine's
own forward, backward and optimizer step, run once for all trials over the
leading trial axis. Trials that finish (100% training accuracy, divergence)
are dropped between chunks of epochs, so the rest run on smaller arrays.

Exactness: for the same config and seed a trial here gives the same stop
epoch, status and accuracy as ``Trainer`` on that trial alone: the initial
weights come from ``Network.init_params`` with the same generator, each
matmul over the trial axis is one BLAS call per trial with the operands and
layout of the single network's, and element-wise work gives the same result
for an element wherever it sits (tests/test_sweep.py checks stop epochs and
accuracies trial by trial against ``Trainer``).

Supported: dense layers, full batch (``batch_size`` 0 or >= the number of
points), any loss, activation, optimizer, init, L1/L2, weight decay, dtype.
``unsupported_reason`` says why a config is not (conv layers, mini-batches);
run those with ``Trainer`` one by one.

Per-trial learning rates: ``lrs`` gives each trial its own lr, so the rows of a
sweep that differ only in lr are one stack. The optimizer then holds lr as a
(T, 1) column where it held a number; each trial's step is still the product
of the same two values (``lr_stackable`` says for which configs that holds
bit for bit: float64, or SGD / momentum without weight decay in float32).
"""
from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from backprop_lab.model import metrics
from backprop_lab.model.config import TrainConfig
from backprop_lab.model.network import Network, NetworkSpec, Workspace
from backprop_lab.model.optimizers import make as make_optimizer
from backprop_lab.model.toolbox import batched_unsupported
from backprop_lab.model.trainer import Trainer, make_data


def lr_stackable(cfg: TrainConfig) -> bool:
    """True when trials of ``cfg`` with different learning rates may share a stack
    exactly: in float64 a (T, 1) column of lr gives every optimizer the products it
    gives a Python float; in float32 only where lr enters as one factor (SGD and
    momentum, no weight decay), since Adam's ``-lr / c1`` is rounded differently."""
    return cfg.dtype == "float64" or (cfg.optimizer in ("sgd", "momentum") and not cfg.weight_decay)


def unsupported_reason(cfg: TrainConfig, n_points: int) -> str | None:
    """None when ``BatchedTrainer`` can run ``cfg`` on ``n_points`` points, else why not."""
    if cfg.conv_kernel:
        return "a 1-D convolution layer"
    if 0 < cfg.batch_size < n_points:
        return "mini-batches (batch_size < number of points)"
    if cfg.task != "classification" or cfg.classes != 2 or cfg.stop_loss:
        return "more than two classes, regression or a loss stop rule (Trainer scores them)"
    return batched_unsupported(cfg)


@dataclass(frozen=True)
class TrialOutcome:
    """How one trial ended.

    status: "converged" (100% training accuracy with stop_at_100), "max_epochs"
    (budget used up) or "diverged" (non-finite loss); stop_epoch: first epoch
    with 100% training accuracy, or None; final_accuracy: training accuracy of
    the last finite epoch run (as Trainer's history records it; 0 when the
    very first epoch diverged); epochs: the epochs completed (Trainer.epoch:
    a diverging epoch does not count).
    """
    seed: int
    status: str
    stop_epoch: int | None
    final_accuracy: float
    epochs: int


class BatchedTrainer:
    """T trials of ``cfg`` (seeds ``seeds``) on X (n, 2), y (n, 1), run up to cfg.max_epochs;
    ``lrs`` (T,), if given, is each trial's learning rate instead of cfg.lr.

    Attributes: ``net`` (the T-trial Network of the trials still running),
    ``active`` (their indices into ``seeds``), ``epoch``, ``outcomes`` (one
    TrialOutcome per seed, None until it ends).
    """

    def __init__(self, cfg: TrainConfig, X, y, seeds, lrs=None):
        self.cfg = cfg = cfg.validated()
        X = np.asarray(X, dtype=np.float64).reshape(-1, 2)
        y = np.asarray(y, dtype=np.float64).reshape(-1, 1)
        reason = unsupported_reason(cfg, len(X))
        if reason:
            raise ValueError(f"BatchedTrainer does not support {reason}; use Trainer")
        if len(X) == 0 or len(X) != len(y):
            raise ValueError(f"need matching, non-empty X and y; got {len(X)} and {len(y)}")
        self.spec = NetworkSpec.from_config(cfg)
        one = Network(self.spec)
        self.seeds = [int(s) for s in seeds]
        T = len(self.seeds)
        theta = np.empty((T, one.n_params), one.dtype)
        for i, seed in enumerate(self.seeds):      # the Trainer's initial weights, seed by seed
            one.init_params(np.random.default_rng(seed), cfg.init, cfg.init_scale)
            theta[i] = one.theta
        self.n = len(X)
        self._x0 = one.prepare(X)                   # a₀ (n, F), shared by every trial
        self._y = y.astype(one.dtype)
        self._yb = self._y > 0.5
        self.epoch = 0
        self.active = np.arange(T)                  # trial indices still training
        self._last_correct = np.zeros(T, np.int64)  # correct count of each trial's last finite epoch
        self.outcomes: list[TrialOutcome | None] = [None] * T
        self._stop_epoch = [None] * T
        self._lrs = None                            # None: every trial uses cfg.lr
        if lrs is not None:
            if len(lrs) != T:
                raise ValueError(f"need one learning rate per seed; got {len(lrs)} for {T} seeds")
            if len(set(lrs)) > 1:
                if not lr_stackable(cfg):
                    raise ValueError("per-trial learning rates need float64, or sgd/momentum "
                                     "without weight decay")
                for lr in set(lrs):
                    cfg.replace(lr=float(lr))       # each one valid
                self._lrs = np.asarray(lrs, one.dtype).reshape(T, 1)
            else:
                self.cfg = cfg = cfg.replace(lr=float(lrs[0]))
        self.optimizer = self._make_optimizer(theta.shape, one.dtype, one.weight_mask)
        self._allocate(theta)

    def __repr__(self):
        return (f"BatchedTrainer({self.net!r}, trials={len(self.seeds)}, "
                f"active={len(self.active)}, epoch={self.epoch})")

    @property
    def theta(self) -> np.ndarray:
        """(T, P) the parameters of the trials still running."""
        return self.net.theta

    @property
    def done(self) -> bool:
        return len(self.active) == 0

    # --- the trials' arrays --------------------------------------------------------------
    def _make_optimizer(self, shape, dtype, mask):
        opt = make_optimizer(self.cfg, shape, dtype, mask)
        if self._lrs is not None:
            opt.lr = self._lrs[self.active]         # (T_active, 1): one lr per trial's row of theta
        return opt

    def _allocate(self, theta):
        """A T-trial network holding ``theta`` (T, P), and its buffers."""
        self.net = net = Network(self.spec, trials=len(theta))
        net.theta[...] = theta
        self.update = np.zeros_like(theta)
        self._reg_tmp = np.empty_like(theta)
        self.ws = Workspace(net, self.n)
        self.ws.a[0][...] = self._x0
        self._hits = np.empty((len(theta), self.n, 1), bool)

    def _compact(self):
        """Drop finished trials from the arrays (and the optimizer state)."""
        keep = np.array([self.outcomes[i] is None for i in self.active])
        if keep.all():
            return
        state = self.optimizer.state_dict()
        self.active = self.active[keep]
        if not len(self.active):
            return
        theta = self.net.theta[keep].copy()
        self.optimizer = self._make_optimizer(theta.shape, self.net.dtype, self.net.weight_mask)
        self.optimizer.load_state_dict({k: (v if k == "t" else v[keep]) for k, v in state.items()})
        self._allocate(theta)

    # --- one epoch, all active trials ---------------------------------------------------
    def _epoch(self, correct_row, loss_row):
        """Trainer._train_batch for every active trial; per-trial correct counts
        and losses go into correct_row, loss_row (T,)."""
        net, ws, hits = self.net, self.ws, self._hits
        p = net.forward(ws)
        correct_row[...] = metrics.count_correct(p, self._yb, hits)
        loss_row[...] = net.backward(ws, self._y)
        loss_row += self._regularise()
        self.optimizer.update(net.theta, net.grad, self.update)

    def _regularise(self):
        """Trainer._regularise per trial: L1/L2 gradient into grad; returns the penalties (T,) or 0."""
        cfg = self.cfg
        if not (cfg.l1 or cfg.l2):
            return 0.0
        return self.net.add_penalty_gradient(cfg.l1, cfg.l2, self._reg_tmp)

    # --- many epochs ------------------------------------------------------------------------
    def run_epochs(self, k: int) -> int:
        """Run up to ``k`` epochs (never past cfg.max_epochs) for the active trials,
        then settle the ones that finished. Returns the number of trials that finished."""
        k = min(k, self.cfg.max_epochs - self.epoch)
        if k <= 0 or self.done:
            return 0
        T = len(self.active)
        correct = np.empty((k, T), np.int64)
        losses = np.empty((k, T), np.float64)
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            for i in range(k):
                self._epoch(correct[i], losses[i])
        finished = self._settle(correct, losses)
        self.epoch += k
        if self.epoch >= self.cfg.max_epochs:
            for j, i in enumerate(self.active):
                if self.outcomes[i] is None:
                    self._finish(i, "max_epochs", self.epoch, self._last_correct[i])
                    finished += 1
        self._compact()
        return finished

    def _settle(self, correct, losses) -> int:
        """Find, per active trial, the epochs of this chunk where it reached 100%
        or diverged, exactly as Trainer.step decides them epoch by epoch."""
        k = len(correct)
        bad = ~np.isfinite(losses)                     # Trainer: a non-finite loss ends the run
        full = (correct == self.n) & ~bad
        first_bad = np.where(bad.any(0), bad.argmax(0), k)
        full &= np.arange(k)[:, None] < first_bad      # nothing counts after a divergence
        first_full = np.where(full.any(0), full.argmax(0), k)
        finished = 0
        for j, i in enumerate(self.active):
            if self._stop_epoch[i] is None and first_full[j] < k:
                self._stop_epoch[i] = self.epoch + first_full[j] + 1
            if self.cfg.stop_at_100 and first_full[j] < k:
                self._finish(i, "converged", self.epoch + first_full[j] + 1, self.n)
            elif first_bad[j] < k:
                e = first_bad[j]
                last = correct[e - 1, j] if e > 0 else self._last_correct[i]
                self._finish(i, "diverged", self.epoch + e, last)
            else:
                self._last_correct[i] = correct[-1, j]
                continue
            finished += 1
        return finished

    def _finish(self, i, status, epochs, n_correct):
        stop = self._stop_epoch[i]
        self.outcomes[i] = TrialOutcome(self.seeds[i], status, None if stop is None else int(stop),
                                        int(n_correct) / self.n, int(epochs))

    def run(self, chunk: int = 1000) -> list[TrialOutcome]:
        """Run every trial to its end; returns one outcome per seed, in seed order."""
        while not self.done and self.epoch < self.cfg.max_epochs:
            self.run_epochs(chunk)
        return list(self.outcomes)


# --- trials of one config, batched when supported -----------------------------------------
def trainer_outcome(trainer, seed: int) -> TrialOutcome:
    """The TrialOutcome of a Trainer run that has ended."""
    h = trainer.history.view()
    final = float(h.accuracy[-1]) if len(h) else 0.0
    return TrialOutcome(seed, trainer.status, trainer.stop_epoch, final, trainer.epoch)


def run_trials(cfg: TrainConfig, seeds, *, lrs=None, batched: bool = True, cancelled=lambda: False,
               on_done=None, chunk_seconds: float = 0.1) -> list[TrialOutcome] | None:
    """Train cfg's data set once per seed (budget cfg.max_epochs); outcomes in seed order.
    ``lrs``: each seed's learning rate (default cfg.lr for all).

    Batched when ``batched`` and supported, else Trainer one by one.
    ``cancelled()`` is checked about every ``chunk_seconds``: True returns None.
    ``on_done(k)`` is told each time k more trials have ended.
    """
    X, y, _, _ = make_data(cfg)        # the test split, if any, plays no part in a sweep
    notify = on_done or (lambda k: None)
    if batched and unsupported_reason(cfg, len(X)) is None:
        bt = BatchedTrainer(cfg, X, y, seeds, lrs)
        chunk = 8
        while not bt.done:
            if cancelled():
                return None
            start = time.perf_counter()
            finished = bt.run_epochs(chunk)
            if finished:
                notify(finished)
            elapsed = time.perf_counter() - start
            # aim each chunk at chunk_seconds: cancel checks stay frequent, overhead small
            chunk = int(min(max(chunk * chunk_seconds / max(elapsed, 1e-6), 1), 4 * chunk, 100_000))
        return list(bt.outcomes)
    out = []
    for i, seed in enumerate(seeds):
        lr = cfg.lr if lrs is None else float(lrs[i])
        tr = Trainer(cfg.replace(seed=int(seed), lr=lr), X, y)
        clock = [time.perf_counter()]

        def check(stats):
            if stats.epoch % 64 or time.perf_counter() - clock[0] < chunk_seconds:
                return False
            clock[0] = time.perf_counter()
            return cancelled()

        tr.run(callback=check)
        if tr.status not in ("converged", "max_epochs", "diverged"):
            return None                # stopped by cancel
        out.append(trainer_outcome(tr, int(seed)))
        notify(1)
    return out
