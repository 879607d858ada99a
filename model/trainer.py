"""Trainer: runs epochs of a Network on a data set and records what happened.

A plain API that knows nothing of threads or Qt::

    tr = Trainer(cfg, X, y)
    s = tr.step()          # one epoch -> EpochStats
    snap = tr.snapshot()   # immutable copy for views

Each epoch: shuffle (mini-batches only), then per batch forward → loss →
backward → regularisation → optimizer step. Train loss and accuracy are
those of the epoch's forward passes (as in the lab: measured before each
update); test loss and accuracy are measured with the weights after the epoch.
"""
from __future__ import annotations

import dataclasses
import math
from typing import NamedTuple

import numpy as np

from backprop_lab.model import datasets, losses, metrics, tasks
from backprop_lab.model.config import DATA_FIELDS, SHAPE_FIELDS, TrainConfig
from backprop_lab.model.history import History
from backprop_lab.model.network import Network, NetworkSpec, Workspace
from backprop_lab.model.optimizers import make as make_optimizer
from backprop_lab.model.points import checked_points
from backprop_lab.model.snapshot import Snapshot, frozen
from backprop_lab.model.toolbox import Toolbox


class EpochStats(NamedTuple):
    """What one epoch did (a named tuple: made every epoch, ~5× cheaper than a frozen dataclass)."""
    epoch: int
    loss: float
    accuracy: float
    test_loss: float
    test_accuracy: float
    status: str
    mae: float = math.nan          # regression: the epoch's mean absolute error (train, test)
    test_mae: float = math.nan


def make_data(cfg: TrainConfig):
    """(X, y, X_test, y_test) for the config's data set, noise, size, split and seed."""
    X, y = datasets.make(cfg.dataset, n=cfg.n_points, noise=cfg.noise, seed=cfg.data_seed,
                         classes=tasks.n_classes(cfg))
    if cfg.test_fraction == 0:        # keep the data set's own order (the lab's tables follow it)
        return X, y, np.zeros((0, 2)), np.zeros((0, 1))
    return datasets.train_test_split(X, y, cfg.test_fraction, cfg.data_seed)


class Trainer:
    """Trains one Network on a data set, epoch by epoch, and records what happened.

    Attributes (P: the number of parameters):

    - ``cfg``: the TrainConfig in force; ``network``: the Network (``network.theta``,
      ``network.grad``); ``optimizer``; ``toolbox``: lr schedule, dropout, gradient
      clipping and early stopping (model/toolbox.py).
    - ``history``: History, the loss, accuracy, test loss/accuracy and gradient norms of
      every epoch; ``epoch``: epochs done.
    - ``status``: "ready", "training", "converged", "max_epochs", "early_stopped" or
      "diverged"; ``message``: a sentence for a status bar; ``stop_epoch``: the first epoch
      at 100 % training accuracy (for regression: at the ``stop_loss``), or None;
      ``first_bad_layer``: after a divergence, the first layer with non-finite weights.
    - ``X``, ``y``, ``X_test``, ``y_test``: read-only (n, 2) points and (n, 1) labels or
      targets; ``n_points``: len(X).
    - ``update``: (P,) the last step Δθ; ``theta_prev``: (P,) the weights before it (a
      divergence goes back to them); ``initial_theta``: (P,) the weights at epoch 0;
      ``shuffle_rng``: the Generator that orders the mini-batches (its own stream, so a
      reset repeats the run).

    Methods: ``step()`` one epoch → EpochStats; ``run(epochs)`` many;
    ``snapshot()`` an immutable copy for views; ``reset(seed)``;
    ``set_config(cfg)``; ``set_data(X, y, X_test, y_test)``.
    """

    def __init__(self, cfg: TrainConfig, X, y, X_test=None, y_test=None):
        self.cfg = cfg.validated()
        self.X = self.y = None
        self._build()
        self.set_data(X, y, X_test, y_test)

    def __repr__(self):
        return f"Trainer({self.network!r}, epoch={self.epoch}, status={self.status})"

    def _repr_html_(self) -> str:
        """Jupyter shows the newest state: the map, the curves, the numbers (no Qt)."""
        return self.snapshot()._repr_html_()

    def _repr_png_(self) -> bytes:
        return self.snapshot()._repr_png_()

    # --- building ---------------------------------------------------------------
    def _build(self, seed: int | None = None):
        """New network with initial weights from the seed, fresh optimizer and history."""
        cfg = self.cfg
        self.network = net = Network(NetworkSpec.from_config(cfg))
        seed = cfg.seed if seed is None else seed
        net.init_params(np.random.default_rng(seed), cfg.init, cfg.init_scale)
        self.initial_theta = net.theta.copy()
        self._restart(seed)

    def _restart(self, seed: int):
        net = self.network
        net.theta[...] = self.initial_theta
        net.grad[...] = 0.0
        self.shuffle_rng = np.random.default_rng([seed, 1])   # its own stream: resets repeat
        self.optimizer = make_optimizer(self.cfg, net.n_params, net.dtype, net.weight_mask)
        self.history = History(len(net.layers))
        self.history.set_lr(self.cfg.lr)
        self.epoch = 0
        self.status, self.message, self.stop_epoch = "ready", "ready", None
        self.first_bad_layer = None
        self.update = np.zeros(net.n_params, net.dtype)
        self.toolbox = Toolbox(self.cfg, net)          # schedule, dropout, clipping, early stopping
        self.theta_prev = net.theta.copy()
        self._sq = np.empty(net.n_params, net.dtype)
        self._reg_tmp = np.empty(net.n_params, net.dtype)
        if self.X is not None:
            self._prepare_data()

    def reset(self, seed: int | None = None):
        """Back to epoch 0. Same seed → the same initial weights; a new seed → new ones."""
        if seed is None or seed == self.cfg.seed:
            self._restart(self.cfg.seed)
        else:
            self.cfg = self.cfg.replace(seed=int(seed))
            self._build()

    def set_config(self, cfg: TrainConfig) -> str:
        """Apply a new config. Returns "rebuilt" when the network had to be rebuilt
        (shape, activation, init or seed changed: epoch 0 with new weights),
        "updated" when only training settings changed (weights and epoch kept).
        Data settings are the caller's: use ``make_data`` and ``set_data``."""
        cfg = cfg.validated()
        old, self.cfg = self.cfg, cfg
        if any(getattr(old, f) != getattr(cfg, f) for f in SHAPE_FIELDS):
            self._build()
            return "rebuilt"
        if old.loss != cfg.loss:          # same weights, new objective
            net = self.network
            net.spec = dataclasses.replace(net.spec, loss=cfg.loss)
            net.loss = losses.get(cfg.loss)
        if old.optimizer != cfg.optimizer or old.amsgrad != cfg.amsgrad:
            state_t = self.optimizer.t
            self.optimizer = make_optimizer(cfg, self.network.n_params, self.network.dtype,
                                            self.network.weight_mask)
            self.optimizer.t = state_t if old.optimizer == cfg.optimizer else 0
        else:
            self.optimizer.set_hparams(cfg)
        if cfg.batch_size != old.batch_size:
            self._prepare_data()
        self.toolbox.set_config(cfg, self.network)
        self.history.set_lr(cfg.lr)
        if self.status in ("converged", "max_epochs", "early_stopped") and not self._should_stop():
            self.status = "training"
        return "updated"

    # --- data ---------------------------------------------------------------------
    def set_data(self, X, y, X_test=None, y_test=None):
        """Replace the data (weights and epoch are kept). X (n, 2), y (n, 1): labels 0 or 1
        (0 .. K − 1 for K classes) or float targets (regression), as ``cfg`` says."""
        rule = tasks.label_rule(self.cfg)
        X, y = map(frozen, checked_points(X, y, "training data", **rule))
        if X_test is None:
            X_test, y_test = np.zeros((0, 2)), np.zeros((0, 1))
        X_test, y_test = map(frozen, checked_points(X_test, y_test, "test data", **rule))
        self.X, self.y, self.X_test, self.y_test = X, y, X_test, y_test
        self._prepare_data()

    def _prepare_data(self):
        net, n = self.network, len(self.X)
        self._inp = net.prepare(self.X)                 # a₀: the feature values (n, F)
        self._y = self.y.astype(net.dtype)              # (n, 1)
        self._yb = self._y > 0.5
        self._scoring = tasks.scoring(self.cfg, self.y)   # None: two classes, the lines above
        if self._scoring is not None:                     # K classes: one-hot targets, integer labels
            self._y = tasks.loss_targets(self.y, net.spec.outputs, net.dtype)
            self._yb = self._scoring.truth
        B = self.cfg.batch_size
        self._batch = n if B == 0 or B >= n else B
        # one workspace per batch size that occurs: full batches and the remainder
        sizes = {self._batch, n % self._batch or self._batch} if n else set()
        self._ws = {m: Workspace(net, m) for m in sizes}
        self._hits = {m: np.empty((m, 1), bool) for m in sizes}
        if self._batch == n and n:
            self._ws[n].a[0][...] = self._inp           # full batch: copied in once, not per epoch
        self._test_ws = None
        if len(self.X_test):
            self._test_ws = net.workspace(self.X_test)
            self._test_y = tasks.loss_targets(self.y_test, net.spec.outputs, net.dtype)

    @property
    def n_points(self) -> int:
        """Training points: len(X)."""
        return len(self.X)

    # --- one epoch -------------------------------------------------------------------
    def _regularise(self) -> float:
        """Add the L1/L2 gradient to net.grad; return the penalty added to the loss."""
        cfg = self.cfg
        if not (cfg.l1 or cfg.l2):
            return 0.0
        return float(self.network.add_penalty_gradient(cfg.l1, cfg.l2, self._reg_tmp))

    def _train_batch(self, ws: Workspace, y, yb) -> tuple[float, int]:
        """One forward/backward/update on the batch already in ``ws``; y, yb (m, 1)."""
        net = self.network
        p = net.forward(ws)
        if self._scoring is None:                # predicted class == label, counted
            correct = metrics.count_correct(p, yb, self._hits[ws.m])
        else:                                  # argmax == label, or Σ(p − y)² (regression)
            correct = self._scoring.batch(p, yb)
        if self.toolbox.plain:
            loss = float(net.backward(ws, y)) + self._regularise()
        else:                                   # dropout, gradient clipping (model/toolbox.py)
            loss = self._backward_with_toolbox(ws, y)
        np.copyto(self.theta_prev, net.theta)
        self.optimizer.update(net.theta, net.grad, self.update)
        return loss, correct

    def _backward_with_toolbox(self, ws: Workspace, y) -> float:
        """backward + regularisation with dropout and clipping. With dropout: the loss of
        the clean pass just made (dropout is off in evaluation), the gradient of a pass
        with fresh masks (model/dropout.py). Then the gradient clipped (model/clipping.py)."""
        net, drop = self.network, self.toolbox.dropout
        if drop is None:
            loss = float(net.backward(ws, y))
        else:
            loss = float(net.loss_value(ws, y))
            drop.draw(ws)
            net.forward(ws)
            net.backward(ws, y)
            drop.off(ws)
        loss += self._regularise()
        self.toolbox.clip(net.grad)
        return loss

    def step(self) -> EpochStats:
        """Run one epoch and record it. Raises ValueError when there is no training data."""
        with np.errstate(over="ignore", invalid="ignore"):
            return self._step()

    def _step(self) -> EpochStats:
        n = len(self.X)
        if n == 0:
            raise ValueError("no training points: add points or choose a data set")
        if self.cfg.lr_schedule != "constant":
            self.optimizer.lr = self.toolbox.lr(self.epoch + 1)
        if self._batch == n:
            loss, correct = self._train_batch(self._ws[n], self._y, self._yb)
        else:
            loss, correct = self._epoch_minibatches(n)
        epoch = self.epoch + 1
        if not math.isfinite(loss):
            return self._diverged(epoch, loss)
        test_loss = test_acc = np.nan
        if self._test_ws is not None:
            test_loss, test_acc = self._evaluate_test()
        acc = correct / n if self._scoring is None else self._scoring.epoch(correct, n)
        net = self.network
        gn = self.history.append(epoch, loss, acc, test_loss, test_acc)
        np.multiply(net.grad, net.grad, self._sq)
        np.sqrt(np.add.reduceat(self._sq, net.offsets), gn)
        if self.toolbox.records:                  # a schedule's lr, the share of steps clipped
            self.history.set_extras(self.optimizer.lr, self.toolbox.clipped_fraction())
        self.epoch = epoch
        self.status = "training"
        regression = self._scoring is not None and self._scoring.regression
        if regression:                            # MAE beside R², as the accuracy beside the loss
            test_mae = self._test_mae if self._test_ws is not None else math.nan
            self.history.set_mae(self._scoring.mae, test_mae)
        stop_loss = self.cfg.stop_loss                 # 0: off
        below = self._below_stop_loss(loss)
        if self.stop_epoch is None and (below if regression else acc == 1.0):
            self.stop_epoch = epoch
        if self.cfg.stop_at_100 and acc == 1.0 and not regression and self._weights_score_100():
            self.status, self.message = "converged", f"converged: 100% training accuracy at epoch {epoch}"
        elif below:
            self.status, self.message = "converged", (f"converged: training loss {loss:.4g} <= "
                                                      f"{stop_loss:g} at epoch {epoch}")
        elif self.toolbox.early is not None and self.toolbox.should_stop_early(epoch, test_loss, net.theta):
            self._stop_early(epoch)
        elif epoch >= self.cfg.max_epochs:
            self.status, self.message = "max_epochs", f"stopped at max epochs ({self.cfg.max_epochs})"
        if regression:
            return EpochStats(epoch, loss, acc, test_loss, test_acc, self.status, self._scoring.mae, test_mae)
        return EpochStats(epoch, loss, acc, test_loss, test_acc, self.status)

    def _weights_score_100(self) -> bool:
        """At an epoch counted 100 %: may training stop with weights that classify every
        point, as "converged: 100 %" will say? The count is made in the forward pass,
        before the update. With the whole batch in one step the weights that scored it
        are those before the update, so the update is taken back (True). With
        mini-batches the count spans several weights: True only if the trained ones
        also classify every point (else training goes on)."""
        if self._batch == len(self.X):
            self.network.theta[...] = self.theta_prev
            self.update[...] = 0.0
            return True
        return tasks.score(self.cfg, self.network.predict(self.X), self.y) == 1.0

    def _stop_early(self, epoch: int):
        """Early stopping (model/early_stopping.py): back to the best epoch's weights."""
        early = self.toolbox.early
        self.network.theta[...] = early.best_theta
        self.status = "early_stopped"
        self.message = (f"early stop at epoch {epoch}: the test loss has not improved for "
                        f"{early.patience} epochs; restored the weights of epoch {early.best_epoch} "
                        f"(test loss {early.best_loss:.6g})")

    def _below_stop_loss(self, loss: float) -> bool:
        return 0 < self.cfg.stop_loss and loss <= self.cfg.stop_loss

    def _epoch_minibatches(self, n: int) -> tuple[float, int]:
        order = self.shuffle_rng.permutation(n)
        total, correct = 0.0, 0
        for start in range(0, n, self._batch):
            idx = order[start: start + self._batch]
            ws = self._ws[len(idx)]
            np.take(self._inp, idx, axis=0, out=ws.a[0])
            y = self._y[idx]
            loss, c = self._train_batch(ws, y, self._yb[idx])
            total += loss * len(idx)
            correct += c
        return total / n, correct

    def _evaluate_test(self) -> tuple[float, float]:
        net, ws = self.network, self._test_ws
        p = net.forward(ws)
        loss = float(net.loss_value(ws, self._test_y))
        if self._scoring is not None and self._scoring.regression:
            self._test_mae = metrics.mae(p, self.y_test)
        return loss, tasks.score(self.cfg, p, self.y_test)     # accuracy (or R²)

    def _diverged(self, epoch: int, loss: float) -> EpochStats:
        net = self.network
        bad = [i for i, B in enumerate(net.blocks) if not np.isfinite(B).all()]
        if bad:   # the last step broke the weights: take it back
            net.theta[...] = self.theta_prev
        self.status = "diverged"
        where = f"; first non-finite weights in layer {bad[0] + 1}" if bad else ""
        self.message = (f"diverged at epoch {epoch}: loss is {loss}{where}. "
                        f"Kept the last finite weights (epoch {self.epoch}); try a smaller learning rate.")
        self.first_bad_layer = bad[0] if bad else None
        if self._scoring is not None:
            self._scoring.abs_error = 0.0         # the broken epoch's sum: not the next one's
        return EpochStats(epoch, loss, np.nan, np.nan, np.nan, "diverged")

    # --- many epochs -------------------------------------------------------------------
    def _should_stop(self) -> bool:
        h = self.history.view()
        last_acc = h.accuracy[-1] if self.history.n else 0.0
        last_loss = h.loss[-1] if self.history.n else np.inf
        return ((self.cfg.stop_at_100 and last_acc == 1.0 and not tasks.is_regression(self.cfg))
                or self._below_stop_loss(last_loss) or self.epoch >= self.cfg.max_epochs
                or self.toolbox.stopped_early)

    def run(self, epochs: int | None = None, callback=None) -> EpochStats | None:
        """Step until converged, diverged, max_epochs, or ``epochs`` more epochs.

        ``callback(stats)`` is called after each epoch; returning True stops early.
        """
        budget = self.cfg.max_epochs - self.epoch if epochs is None else epochs
        s = None
        # overflow on the way to a divergence is reported by status, not by warnings
        with np.errstate(over="ignore", invalid="ignore"):
            for _ in range(max(budget, 0)):
                s = self._step()
                if s.status != "training" or (callback is not None and callback(s)):
                    break
        return s

    # --- views ---------------------------------------------------------------------------
    def snapshot(self) -> Snapshot:
        net = self.network
        return Snapshot(
            epoch=self.epoch, config=self.cfg, spec=net.spec,
            theta=frozen(net.theta.copy()), grad=frozen(net.grad.copy()),
            update=frozen(self.update.copy()), history=self.history.view(),
            X=self.X, y=self.y, X_test=self.X_test, y_test=self.y_test,
            status=self.status, message=self.message, stop_epoch=self.stop_epoch)
