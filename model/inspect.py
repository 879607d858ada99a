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

from backprop_lab.model import features
from backprop_lab.model.history import History
from backprop_lab.model.optimizers import OPTIMIZERS
from backprop_lab.model.network import Network, layer_outputs, split_blocks
from backprop_lab.model.trainer import Trainer


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
    tr.history = History.from_arrays(trainer.history.arrays(), len(net.layers))
    tr.epoch, tr.status, tr.message = trainer.epoch, trainer.status, trainer.message
    tr.stop_epoch = trainer.stop_epoch
    return tr


def param_table(layers) -> list[tuple[int, str, int, int]]:
    """(layer, kind, i, j) per flat parameter: kind "w" is W[i, j] (edge i→j), "b" is b[j]."""
    out = []
    for l, layer in enumerate(layers):
        rows, cols = layer.block_shape()
        for k in range(rows * cols):
            i, j = divmod(k, cols)
            out.append((l, "b" if layer.bias and i == layer.fan_in else "w", i, j))
    return out


def param_label(kind: str, i: int, j: int, conv: bool = False) -> str:
    if kind == "b":
        return f"b[{j}]"
    return f"k[{i}, f{j}]" if conv else f"w[{i}→{j}]"


def _sample_backprop(spec, theta, X1, y1):
    """The engine on a batch of one: (ℓ, [∂ℓ/∂z (width,)] per layer, ∂ℓ/∂θ (P,))."""
    net = Network(spec)
    net.theta[...] = theta
    ws = net.workspace(X1)
    yy = np.asarray(y1, net.dtype).reshape(1, 1)
    with np.errstate(over="ignore", invalid="ignore"):
        net.forward(ws)
        loss = float(net.loss_value(ws, yy))
        net.backward(ws, yy)
    return loss, [d[0].copy() for d in ws.delta], net.grad.copy()


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
            net.backward(ws, y)
            grad_data = net.grad.copy()
            loss, _ = tr._train_batch(ws, y, y > 0.5)    # the engine's own step
            X_b = tr.X[idx]
            outs = layer_outputs(spec, theta_before, X_b)
            bt = BatchTrace(
                b, idx.copy(), features.transform(X_b, spec.features), tr.y[idx].copy(),
                [z for z, _ in outs], [a for _, a in outs], data_loss, loss - data_loss,
                [d.copy() for d in ws.delta], grad_data,
                net.grad.copy(), theta_before, tr.update.copy(), net.theta.copy())
            if sample is not None and sample in idx:
                bt.row = int(np.flatnonzero(idx == sample)[0])
                bt.sample_loss, bt.sample_delta, bt.sample_grad = _sample_backprop(
                    spec, theta_before, tr.X[sample: sample + 1], tr.y[sample])
            batches.append(bt)
    return EpochTrace(trainer.epoch + 1, sample, tr.cfg, spec, net.layers, batches)


def _n(v) -> str:
    """A number for formulas: 4 significant digits, a real minus sign."""
    return f"{float(v):.4g}".replace("-", "−")


def _p(v) -> str:
    """A factor in a product: negative numbers in parentheses."""
    return f"({_n(v)})" if v < 0 else _n(v)


def _sub(k: int) -> str:
    return str(k).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))


def _sum_terms(terms: list[str], limit: int = 4) -> str:
    return " + ".join(terms if len(terms) <= limit else terms[:limit - 1] + ["…", terms[-1]])


@dataclass
class EpochTrace:
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
        the batch: mean a for forward, Σ δ (= ∂L/∂b) for backward; loss: p."""
        bt, l = self.batches[phase.batch], phase.layer
        one = bt.row is not None
        if phase.kind in ("forward", "loss"):
            a, name = (bt.a[l], "a") if phase.kind == "forward" else (bt.a[-1], "p")
            return (name, a[bt.row]) if one else (f"mean {name} over batch", a.mean(axis=0))
        if phase.kind == "backward":
            return (("δ = ∂ℓ/∂z (sample)", bt.sample_delta[l]) if one else
                    ("Σ δ over batch = ∂L/∂b", bt.delta[l].sum(axis=0)))
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

    # --- formulas with numbers ----------------------------------------------------
    def title(self, phase: Phase) -> str:
        where = f" (batch {phase.batch + 1}/{len(self.batches)})" if len(self.batches) > 1 else ""
        if phase.kind in ("forward", "backward"):
            last = " (output)" if phase.layer == len(self.layers) - 1 else ""
            return f"{phase.kind.capitalize()}: layer {phase.layer + 1}{last}{where}"
        return f"{phase.kind.capitalize()}{where}"

    def describe(self, phase: Phase, node: int | None = None) -> str:
        """The phase's formula with this epoch's numbers. ``node``: the unit the worked
        example is for (forward/backward; default 0) or a flat parameter index (update)."""
        bt = self.batches[phase.batch]
        head = self.title(phase)
        if bt.row is not None:
            x = ", ".join(_n(v) for v in self.batches[phase.batch].inputs[bt.row])
            head += f" — sample {self.sample}: a₀ = ({x}), y = {_n(bt.y[bt.row, 0])}"
        elif self.sample is not None:
            head += f" — sample {self.sample} is in another batch; batch terms shown"
        else:
            head += f" — whole batch, n = {bt.m} points (batch terms: the loss is their mean)"
        body = getattr(self, "_" + phase.kind)(bt, phase, node)
        return head + "\n" + body

    def _forward(self, bt, phase, node):
        l, k = phase.layer, phase.layer + 1
        layer, act = self.layers[l], self.layers[l].act
        j = 0 if node is None else int(node)
        lines = [f"z{_sub(k)} = a{_sub(k - 1)}·W{_sub(k)} + b{_sub(k)},   "
                 f"a{_sub(k)} = {act.name}(z{_sub(k)}),   {act.formula}"]
        if layer.kind == "conv1d":
            lines.append("(1-D convolution: each unit is one filter over one window of the features)")
        if bt.row is None:
            z, a = bt.z[l][:, j], bt.a[l][:, j]
            lines.append(f"Over all {bt.m} points at once: Z{_sub(k)} = A{_sub(k - 1)}·W{_sub(k)} + b "
                         f"is ({bt.m}×{layer.width}); unit {j}: mean z = {_n(z.mean())}, "
                         f"mean a = {_n(a.mean())} (min {_n(a.min())}, max {_n(a.max())})")
            return "\n".join(lines)
        z, a = bt.z[l][bt.row, j], bt.a[l][bt.row, j]
        if layer.kind == "dense":
            W, b = self.blocks(bt.theta_before)[l]
            prev = bt.inputs[bt.row] if l == 0 else bt.a[l - 1][bt.row]
            terms = [f"{_p(W[i, j])}·{_p(prev[i])}" for i in range(layer.fan_in)]
            if b is not None:
                terms.append(_p(b[j]))
            lines.append(f"unit {j}: z = Σᵢ w[i→{j}]·a{_sub(k - 1)}[i] + b[{j}] = "
                         f"{_sum_terms(terms)} = {_n(z)}")
        else:
            lines.append(f"unit {j}: z = {_n(z)}")
        lines.append(f"unit {j}: a = {act.name}({_n(z)}) = {_n(a)}")
        return "\n".join(lines)

    def _loss(self, bt, phase, node):
        name = self.spec.loss
        formula = ("ℓ = (p − y)²" if name == "mse" else "ℓ = −[y·log p + (1 − y)·log(1 − p)]")
        reg = f"  (+ L1/L2 penalty {_n(bt.penalty)})" if bt.penalty else ""
        batch = (f"Batch loss L = mean of ℓ over the {bt.m} points = {_n(bt.loss)}{reg}")
        if bt.row is None:
            return f"{formula} per point;  {batch}"
        p, y = bt.a[-1][bt.row, 0], bt.y[bt.row, 0]
        if name == "mse":
            worked = f"ℓ = ({_n(p)} − {_n(y)})² = {_n(bt.sample_loss)}"
        else:
            worked = (f"ℓ = −[{_n(y)}·log {_n(p)} + {_n(1 - y)}·log {_n(1 - p)}] = "
                      f"{_n(bt.sample_loss)}")
        return f"{formula}:  {worked}   (p = {_n(p)})\n{batch}"

    def _backward(self, bt, phase, node):
        l, k = phase.layer, phase.layer + 1
        L = len(self.layers)
        layer, act = self.layers[l], self.layers[l].act
        j = 0 if node is None else int(node)
        one = bt.row is not None
        z = bt.z[l][bt.row, j] if one else None
        lines = []
        if l == L - 1:
            lines.append(self._output_delta_formula(bt, act, one))
        else:
            nxt = self.layers[l + 1]
            lines.append(f"δ{_sub(k)} = (δ{_sub(k + 1)}·W{_sub(k + 1)}ᵀ) ⊙ f'(z{_sub(k)}),   "
                         f"{act.derivative_formula}"
                         "   (chain rule: each unit collects the δ of the units it feeds)")
            if one and nxt.kind == "dense":
                W = self.blocks(bt.theta_before)[l + 1][0]
                d_next = bt.sample_delta[l + 1]
                terms = [f"{_p(W[j, q])}·{_p(d_next[q])}" for q in range(nxt.fan_out)]
                fp = act.prime(np.array([bt.a[l][bt.row, j]]))[0]
                lines.append(f"unit {j}: δ = ({_sum_terms(terms)})·{_p(fp)} = "
                             f"{_n(bt.sample_delta[l][j])}   (f'(z) = {_n(fp)} at z = {_n(z)})")
        if one:
            d = bt.sample_delta[l][j]
            lines.append(f"In the batch the engine uses δ/n for this point: {_n(d)}/{bt.m} = "
                         f"{_n(bt.delta[l][bt.row, j])}")
        else:
            lines.append(f"Δ{_sub(k)} = ∂L/∂Z{_sub(k)} is ({bt.m}×{layer.width}), one row per point, "
                         f"each carrying 1/n;  unit {j}: Σ over points = ∂L/∂b[{j}] = "
                         f"{_n(bt.delta[l][:, j].sum())}")
        lines.append(self._dW_line(bt, l, j, one))
        return "\n".join(lines)

    def _output_delta_formula(self, bt, act, one):
        k = len(self.layers)
        loss = self.spec.loss
        if loss == "bce":   # the config only allows BCE with a sigmoid output
            general = "δ = ∂ℓ/∂z = p − y   (sigmoid + cross-entropy: σ' cancels)"
        else:
            general = f"δ = ∂ℓ/∂p · f'(z) = 2(p − y)·f'(z),   {act.derivative_formula}"
        general = general.replace("δ =", f"δ{_sub(k)} =", 1)
        if not one:
            return general + "   per point; in batch terms each point's δ is divided by n"
        p, y = bt.a[-1][bt.row, 0], bt.y[bt.row, 0]
        fp = act.prime(np.array([p]))[0]
        d = bt.sample_delta[-1][0]
        if loss == "bce":
            worked = f"{_n(p)} − {_n(y)} = {_n(d)}"
        else:
            worked = f"2·({_n(p)} − {_n(y)})·{_p(fp)} = {_n(d)}"
        return f"{general}\nδ{_sub(k)} = {worked}"

    def _dW_line(self, bt, l, j, one):
        layer, k = self.layers[l], l + 1
        if layer.kind != "dense":
            g = self.blocks(bt.sample_grad if one else bt.grad_data)[l][0]
            return f"∂/∂kernel: sums a·δ over every window position; kernel[0, f{j % g.shape[1]}] grad = " \
                   f"{_n(g[0, j % g.shape[1]])}"
        if one:
            prev = bt.inputs[bt.row] if l == 0 else bt.a[l - 1][bt.row]
            d = bt.sample_delta[l][j]
            g = self.blocks(bt.sample_grad)[l][0]
            return (f"∂ℓ/∂w[i→{j}] = a{_sub(k - 1)}[i]·δ{_sub(k)}[{j}]: e.g. w[0→{j}]: "
                    f"{_p(prev[0])}·{_p(d)} = {_n(g[0, j])};   ∂ℓ/∂b[{j}] = δ = {_n(d)}")
        g = self.blocks(bt.grad_data)[l][0]
        return (f"dW{_sub(k)} = A{_sub(k - 1)}ᵀ·Δ{_sub(k)}: w[0→{j}] gets Σ over points of "
                f"a[0]·δ[{j}] = {_n(g[0, j])}  (= the mean of the per-point gradients)")

    def _update(self, bt, phase, node):
        opt = self.cfg.optimizer
        P = len(bt.theta_before)
        p = (P - self.layers[-1].n_params) if node is None else int(node)
        l, kind, i, j = param_table(self.layers)[p]
        name = f"layer {l + 1} {param_label(kind, i, j, self.layers[l].kind == 'conv1d')}"
        g, gd, dw = bt.grad[p], bt.grad_data[p], bt.update[p]
        w0, w1 = bt.theta_before[p], bt.theta_after[p]
        gtext = f"{_n(gd)} + L1/L2 {_n(g - gd)} = {_n(g)}" if g != gd else _n(g)
        lines = [f"{opt}: {OPTIMIZERS[opt].formula}",
                 f"g = ∂L/∂w is the mean over the batch's {bt.m} points"
                 + (" plus the L1/L2 term" if self.cfg.l1 or self.cfg.l2 else ""),
                 f"{name}: g = {gtext},  Δw = {_n(dw)},  w: {_n(w0)} → {_n(w1)}"]
        if opt == "sgd" and not self.cfg.weight_decay:
            lines.append(f"SGD: Δw = −η·g = −{_n(self.cfg.lr)}·{_p(g)} = {_n(-self.cfg.lr * g)}")
        if bt.row is not None:
            lines.append(f"sample {self.sample}'s share of g: (∂ℓ/∂w)/n = {_n(bt.sample_grad[p])}/{bt.m}"
                         f" = {_n(bt.sample_grad[p] / bt.m)}")
        return "\n".join(lines)
