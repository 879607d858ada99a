"""One epoch taken apart: every number of forward, loss, backward and update.

    trace = trace_epoch(trainer, sample=7)   # the trainer is not changed
    for phase in trace.phases:               # forward per layer, loss, backward per layer, update
        print(trace.describe(phase))         # "δ₃ = ∂ℓ/∂z₃ = p − y = 0.731 − 1 = −0.269" …
    trace.apply(trainer)                     # == trainer.step(), bit for bit

The trace runs the engine's own epoch on a clone of the trainer (same weights,
optimizer state and shuffle generator), so its "after" weights are exactly the
ones ``trainer.step()`` will produce; ``apply`` checks that they are.

Two views of the same numbers, labelled apart everywhere:
- batch terms: what the engine computes. The loss is the *mean* over the
  batch's n points, so each point's dL/dz carries 1/n, dW = A_prevᵀ·Δ is the
  batch sum of a_prev·δ products = the mean of the per-point gradients.
- per-sample terms: the chosen point alone, its own loss ℓ (no 1/n). Its δ is
  the engine run on a batch of one: with sigmoid + BCE, δ_out = p − y exactly.
  The batch gradient is the mean of these per-sample gradients (+ L1/L2).
Layers are numbered from 1 in text (a₀ is the input features); ``Phase.layer``
is the engine's 0-based index into ``network.layers``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np

from backprop_lab.model import dropout, features, tasks
from backprop_lab.model.history import History
from backprop_lab.model.layers import with_ones
from backprop_lab.model.network import Network, layer_outputs, split_blocks
from backprop_lab.model.trainer import Trainer
from backprop_lab.model.inspect_text import (TraceText, batch_delta_label, param_label,  # noqa: F401
                                             param_table)   # param_label, param_table: re-exported


class Phase(NamedTuple):
    kind: str                 # "forward" | "loss" | "backward" | "update"
    layer: int | None = None  # engine layer index for forward/backward, else None
    batch: int = 0            # which mini-batch of the epoch (0 for full batch)


@dataclass
class BatchTrace:
    """One forward/backward/update of the epoch. m = points in the batch, P = parameters."""
    index: int
    idx: np.ndarray            # (m,) training-point indices, in the order the engine used
    inputs: np.ndarray         # (m, F) the first layer's input a₀ (feature values)
    y: np.ndarray              # (m, 1)
    z: list                    # per layer (m, width)
    a: list                    # per layer (m, width); a[-1] is p
    loss: float                # data loss: mean over the batch
    penalty: float             # L1/L2 term added to the loss
    delta: list                # per layer (m, width): the engine's dL/dz (carries the 1/m)
    grad_data: np.ndarray      # (P,) dL/dθ of the data loss (mean over the batch)
    grad: np.ndarray           # (P,) what the optimizer got: grad_data + L1/L2
    theta_before: np.ndarray   # (P,)
    update: np.ndarray         # (P,) Δθ the optimizer took
    theta_after: np.ndarray    # (P,)
    row: int | None = None     # the chosen sample's row in this batch, if it is here
    sample_loss: float = np.nan          # ℓ of the chosen sample alone
    sample_delta: list | None = None     # per layer (width,): ∂ℓ/∂z, no 1/m
    sample_grad: np.ndarray | None = None  # (P,) ∂ℓ/∂θ = a_prev·δ of the sample alone
    keep: list | None = None   # per layer (m, width) dropout mask (0 or 1/(1 − p)), or None;
                               # with masks, z and a are those of the masked pass (a after the mask)
    masked_loss: float = np.nan          # the data loss of the masked pass the gradient comes from

    @property
    def m(self) -> int:
        return len(self.idx)


def clone_trainer(trainer: Trainer) -> Trainer:
    """An independent Trainer in exactly the same state: stepping both gives
    bit-identical weights (weights, optimizer state, shuffle generator, epoch)."""
    tr = Trainer(trainer.cfg, trainer.X, trainer.y, trainer.X_test, trainer.y_test)
    if tr.network.spec != trainer.network.spec:
        raise ValueError("the trainer's network no longer matches its config (loss changed "
                         "in place?); rebuild the trainer before inspecting it")
    net, src = tr.network, trainer.network
    net.theta[...] = src.theta
    net.grad[...] = src.grad
    tr.initial_theta = trainer.initial_theta.copy()
    tr.theta_prev[...] = trainer.theta_prev
    tr.update[...] = trainer.update
    tr.optimizer.load_state_dict(trainer.optimizer.state_dict())
    rng = np.random.PCG64()
    rng.state = trainer.shuffle_rng.bit_generator.state
    tr.shuffle_rng = np.random.Generator(rng)
    tr.toolbox.load_state_dict(trainer.toolbox.state_dict())
    tr.history = History.from_arrays(trainer.history.arrays(), len(net.layers))
    tr.history.set_lr(trainer.cfg.lr)
    tr.epoch, tr.status, tr.message = trainer.epoch, trainer.status, trainer.message
    tr.stop_epoch = trainer.stop_epoch
    return tr


def _sample_backprop(spec, theta, X1, y1, keep=None):
    """The engine on a batch of one: (ℓ, [∂ℓ/∂z (width,)] per layer, ∂ℓ/∂θ (P,));
    ``keep``: the sample's dropout masks per layer (1, width) or None."""
    net = Network(spec)
    net.theta[...] = theta
    ws = net.workspace(X1)
    if keep is not None:
        dropout.set_masks(ws, keep)
    yy = tasks.loss_targets(np.reshape(y1, (1, 1)), spec.outputs, net.dtype)   # (1, 1) or one-hot (1, K)
    with np.errstate(over="ignore", invalid="ignore"):
        net.forward(ws)
        loss = float(net.loss_value(ws, yy))
        net.backward(ws, yy)
    return loss, [d[0].copy() for d in ws.delta], net.grad.copy()


def _outputs(spec, theta, X, keep):
    """[(z, a)] per layer of the traced pass: with dropout masks ``keep`` (per layer or
    None), a is the layer's output after its mask, what the next layer received."""
    if keep is None:
        return layer_outputs(spec, theta, X)
    layers = spec.build_layers()
    a = Network(spec).prepare(X)
    out = []
    with np.errstate(over="ignore"):
        for layer, block, k in zip(layers, split_blocks(layers, theta), keep):
            z = layer.forward(with_ones(a) if layer.ones_column else a, block,
                              np.empty((len(a), layer.width), theta.dtype))
            a = layer.act.forward(z, np.empty_like(z))
            if k is not None:
                a = a * k                                   # dropout: a ⊙ mask
            out.append((z, a))
    return out


def trace_epoch(trainer: Trainer, sample: int | None = None) -> "EpochTrace":
    """Trace the trainer's next epoch on a clone; ``trainer`` itself is left untouched.

    sample: a training-point index for the per-sample view, or None for the batch."""
    n = trainer.n_points
    if n == 0:
        raise ValueError("no training points to trace")
    if sample is not None and not 0 <= sample < n:
        raise ValueError(f"sample must be in 0..{n - 1} or None, got {sample}")
    tr = clone_trainer(trainer)
    net, spec = tr.network, tr.network.spec
    B = tr._batch
    order = np.arange(n) if B == n else tr.shuffle_rng.permutation(n)   # as Trainer.step
    batches = []
    with np.errstate(over="ignore", invalid="ignore"):
        for b, start in enumerate(range(0, n, B)):
            idx = order[start: start + B]
            ws = tr._ws[len(idx)]
            if B != n:
                np.take(tr._inp, idx, axis=0, out=ws.a[0])
            y = tr._y[idx]
            theta_before = net.theta.copy()
            net.forward(ws)                       # the data gradient alone, before L1/L2
            data_loss = float(net.loss_value(ws, y))
            keep, masked_loss, drop = None, np.nan, tr.toolbox.dropout
            if drop is not None:                  # the masks _train_batch will draw: same generator state
                rng_state = drop.rng.bit_generator.state
                drop.draw(ws)
                keep = [None if k is None else k.copy() for k in ws.keep]
                net.forward(ws)
                masked_loss = float(net.loss_value(ws, y))
            net.backward(ws, y)
            grad_data = net.grad.copy()
            if drop is not None:
                drop.off(ws)
                drop.rng.bit_generator.state = rng_state
            loss, _ = tr._train_batch(ws, y, tr._yb[idx])    # the engine's own step
            X_b = tr.X[idx]
            outs = _outputs(spec, theta_before, X_b, keep)
            bt = BatchTrace(
                b, idx.copy(), features.transform(X_b, spec.features), tr.y[idx].copy(),
                [z for z, _ in outs], [a for _, a in outs], data_loss, loss - data_loss,
                [d.copy() for d in ws.delta], grad_data,
                net.grad.copy(), theta_before, tr.update.copy(), net.theta.copy(),
                keep=keep, masked_loss=masked_loss)
            if sample is not None and sample in idx:
                bt.row = r = int(np.flatnonzero(idx == sample)[0])
                rows = None if keep is None else [None if k is None else k[r: r + 1] for k in keep]
                bt.sample_loss, bt.sample_delta, bt.sample_grad = _sample_backprop(
                    spec, theta_before, tr.X[sample: sample + 1], tr.y[sample], rows)
            batches.append(bt)
    return EpochTrace(trainer.epoch + 1, sample, tr.cfg, spec, net.layers, batches)


@dataclass
class EpochTrace(TraceText):
    epoch: int                  # the epoch number this trace becomes once applied
    sample: int | None
    cfg: object
    spec: object
    layers: list
    batches: list
    phases: list = field(default_factory=list)
    applied: bool = False
    stats: object = None                 # EpochStats from apply
    matches: bool | None = None          # apply: trainer weights == traced weights, bit for bit

    def __post_init__(self):
        L = len(self.layers)
        for b in range(len(self.batches)):
            self.phases += [Phase("forward", l, b) for l in range(L)] + [Phase("loss", None, b)]
            self.phases += [Phase("backward", l, b) for l in range(L - 1, -1, -1)]
            self.phases.append(Phase("update", None, b))

    # --- results ---------------------------------------------------------------
    @property
    def theta_before(self) -> np.ndarray:
        return self.batches[0].theta_before

    @property
    def theta_after(self) -> np.ndarray:
        return self.batches[-1].theta_after

    @property
    def loss(self) -> float:
        """The epoch's training loss as Trainer.step reports it (incl. L1/L2)."""
        n = sum(b.m for b in self.batches)
        return sum((b.loss + b.penalty) * b.m for b in self.batches) / n

    def blocks(self, flat: np.ndarray) -> list:
        """Per-layer (W, b) views of a flat (P,) vector such as grad or update."""
        return [layer.split(B) for layer, B in zip(self.layers, split_blocks(self.layers, flat))]

    def apply(self, trainer: Trainer):
        """Run the traced epoch on ``trainer`` (one ``trainer.step()``); returns its EpochStats.

        Raises ValueError when the trainer is no longer in the traced state."""
        if self.applied:
            raise RuntimeError("this epoch was already applied; trace the next one")
        if trainer.epoch != self.epoch - 1 or not np.array_equal(trainer.network.theta,
                                                                 self.theta_before):
            raise ValueError("the trainer changed since this epoch was traced")
        self.stats = trainer.step()
        self.applied = True
        self.matches = bool(np.array_equal(trainer.network.theta, self.theta_after))
        return self.stats

    # --- per-node numbers for tables and the network diagram --------------------------
    def node_values(self, phase: Phase) -> tuple[str, np.ndarray | None]:
        """(what, values (width,)) for the phase's layer: the sample's own values, or over
        the batch: mean a for forward, Σ δ (= ∂L/∂b of a dense unit) for backward; loss: p."""
        bt, l = self.batches[phase.batch], phase.layer
        one = bt.row is not None
        if phase.kind in ("forward", "loss"):
            a, name = (bt.a[l], "a") if phase.kind == "forward" else (bt.a[-1], "p")
            return (name, a[bt.row]) if one else (f"mean {name} over batch", a.mean(axis=0))
        if phase.kind == "backward":
            return (("δ = ∂ℓ/∂z (sample)", bt.sample_delta[l]) if one else
                    (batch_delta_label(self.layers[l]), bt.delta[l].sum(axis=0)))
        return "", None

    def edge_values(self, phase: Phase) -> tuple[str, np.ndarray | None]:
        """(what, W (fan_in, fan_out)) for the phase's layer: the weights used (forward) or
        the gradient (backward: the sample's ∂ℓ/∂W, or the batch's ∂L/∂W); else None."""
        bt, l = self.batches[phase.batch], phase.layer
        if phase.kind == "forward":
            return "w", self.blocks(bt.theta_before)[l][0]
        if phase.kind == "backward":
            one = bt.row is not None
            return (("∂ℓ/∂w (sample)" if one else "∂L/∂w (batch mean)"),
                    self.blocks(bt.sample_grad if one else bt.grad_data)[l][0])
        return "", None

    def info(self, phase: Phase) -> dict:
        """What a network diagram needs to highlight the phase (plain Python + arrays)."""
        what, values = self.node_values(phase)
        ewhat, edges = self.edge_values(phase)
        bt = self.batches[phase.batch]
        layer = len(self.layers) - 1 if phase.kind == "loss" else phase.layer
        return {"kind": phase.kind, "layer": layer, "batch": phase.batch,
                "sample": self.sample if bt.row is not None else None,
                "values": values, "values_label": what, "edges": edges, "edges_label": ewhat,
                "update": self.blocks(bt.update) if phase.kind == "update" else None,
                "index": self.phases.index(phase), "text": self.describe(phase)}
