"""The formulas of an inspected epoch, written out with its numbers.

``TraceText`` is the half of ``model.inspect.EpochTrace`` that writes text: for
each phase, the formula and a worked example whose every number can be
recomputed by hand from the numbers printed beside it (4 significant digits;
more where two values would otherwise print the same).
"""
from __future__ import annotations

import numpy as np

from backprop_lab.model.optimizers import OPTIMIZERS


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


class TraceText:
    """Formula texts; mixed into EpochTrace, which holds layers, batches, cfg, spec, sample."""

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
