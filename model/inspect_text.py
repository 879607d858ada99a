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
    """A number for formulas: 4 significant digits, a real minus sign (never "−0")."""
    v = float(v) + 0.0              # −0.0 + 0.0 is 0.0
    return f"{v:.4g}".replace("-", "−")


def _p(v) -> str:
    """A factor in a product: negative numbers in parentheses."""
    return f"({_n(v)})" if float(v) < 0 else _n(v)


def _pair(a: float, b: float) -> tuple[str, str]:
    """a and b (a value before and after a step) with as many digits as it takes for
    their printed difference to be b − a to ~3 digits (4 digits at least)."""
    a, b = float(a) + 0.0, float(b) + 0.0
    for d in range(4, 18):
        sa, sb = f"{a:.{d}g}", f"{b:.{d}g}"
        if abs((float(sb) - float(sa)) - (b - a)) <= 5e-4 * abs(b - a):
            break
    return sa.replace("-", "−"), sb.replace("-", "−")


def _sub(k: int) -> str:
    return str(k).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))


def _sum_terms(terms: list[str], limit: int = 4) -> str:
    return " + ".join(terms if len(terms) <= limit else terms[:limit - 1] + ["…", terms[-1]])


def batch_delta_label(layer) -> str:
    """What Σ δ over the batch is for one unit of ``layer`` (a table or diagram heading)."""
    if layer.kind == "conv1d":
        return "Σ δ over batch (a filter's ∂L/∂b sums its positions)"
    return "Σ δ over batch = ∂L/∂b" if layer.bias else "Σ δ over batch"


class TraceText:
    """Formula texts; mixed into EpochTrace, which holds layers, batches, cfg, spec, sample."""

    def title(self, phase) -> str:
        where = f" (batch {phase.batch + 1}/{len(self.batches)})" if len(self.batches) > 1 else ""
        if phase.kind in ("forward", "backward"):
            last = " (output)" if phase.layer == len(self.layers) - 1 else ""
            return f"{phase.kind.capitalize()}: layer {phase.layer + 1}{last}{where}"
        return f"{phase.kind.capitalize()}{where}"

    def describe(self, phase, node: int | None = None) -> str:
        """The phase's formula with this epoch's numbers. ``node``: the unit the worked
        example is for (forward/backward; default 0) or a flat parameter index (update)."""
        bt = self.batches[phase.batch]
        head = self.title(phase)
        if bt.row is not None:
            x = ", ".join(_n(v) for v in bt.inputs[bt.row])
            head += f" — sample {self.sample}: a₀ = ({x}), y = {_n(bt.y[bt.row, 0])}"
        elif self.sample is not None:
            head += f" — sample {self.sample} is in another batch; batch terms shown"
        elif len(self.batches) > 1:
            n = sum(b.m for b in self.batches)
            head += (f" — mini-batch {phase.batch + 1} of {len(self.batches)}: n = {bt.m} of the "
                     f"{n} points (batch terms: the loss is their mean)")
        else:
            head += f" — whole batch, n = {bt.m} points (batch terms: the loss is their mean)"
        body = getattr(self, "_" + phase.kind)(bt, phase, node)
        return head + "\n" + body

    def _prev(self, bt, l):
        """Layer l's input for the followed sample, (fan_in,) (the features for l = 0)."""
        return bt.inputs[bt.row] if l == 0 else bt.a[l - 1][bt.row]

    def _forward(self, bt, phase, node):
        l, k = phase.layer, phase.layer + 1
        layer, act = self.layers[l], self.layers[l].act
        j = 0 if node is None else int(node)
        plus_b = f" + b{_sub(k)}" if layer.bias else ""
        lines = [f"z{_sub(k)} = a{_sub(k - 1)}·W{_sub(k)}{plus_b},   "
                 f"a{_sub(k)} = {act.name}(z{_sub(k)}),   {act.formula}"]
        conv = layer.kind == "conv1d"
        if conv:
            c, pos = divmod(j, layer.positions)
            lines.append(f"(1-D convolution: unit j = filter·{layer.positions} + position; "
                         f"unit {j} is filter {c} at position {pos})")
        if bt.row is None:
            z, a = bt.z[l][:, j], bt.a[l][:, j]
            lines.append(f"Over all {bt.m} points at once: Z{_sub(k)} = A{_sub(k - 1)}·W{_sub(k)}{plus_b} "
                         f"is ({bt.m}×{layer.width}); unit {j}: mean z = {_n(z.mean())}, "
                         f"mean a = {_n(a.mean())} (min {_n(a.min())}, max {_n(a.max())})")
            if bt.keep is not None and bt.keep[l] is not None:
                kept = bt.keep[l][:, j] > 0
                lines.append(f"Dropout (training only): a ← f(z) ⊙ mask, mask = 0 or 1/(1 − p) = "
                             f"{_n(bt.keep[l].max())}; unit {j} kept for {int(kept.sum())} of {bt.m} points "
                             f"(the a above are after the mask)")
            return "\n".join(lines)
        z, a = bt.z[l][bt.row, j], bt.a[l][bt.row, j]
        W, b = self.blocks(bt.theta_before)[l]
        prev = self._prev(bt, l)
        if conv:
            terms = [f"{_p(W[i, c])}·{_p(prev[pos + i])}" for i in range(layer.kernel)]
            if b is not None:
                terms.append(_p(b[c]))
            lines.append(f"unit {j}: z = Σᵢ K[i, f{c}]·a{_sub(k - 1)}[{pos} + i]"
                         f"{f' + b[f{c}]' if b is not None else ''} = {_sum_terms(terms)} = {_n(z)}")
        else:
            terms = [f"{_p(W[i, j])}·{_p(prev[i])}" for i in range(layer.fan_in)]
            if b is not None:
                terms.append(_p(b[j]))
            lines.append(f"unit {j}: z = Σᵢ w[i→{j}]·a{_sub(k - 1)}[i]{f' + b[{j}]' if b is not None else ''} = "
                         f"{_sum_terms(terms)} = {_n(z)}")
        if bt.keep is not None and bt.keep[l] is not None:
            m = bt.keep[l][bt.row]
            mask = ", ".join(_n(v) for v in m)
            lines.append(f"unit {j}: a = {act.name}({_n(z)})·mask = {_n(float(act(np.array([z]))[0]))}·"
                         f"{_n(m[j])} = {_n(a)}   ({'kept' if m[j] else 'dropped'})")
            lines.append(f"Dropout mask of this point (training only; 0 = dropped, 1/(1 − p) = kept "
                         f"and scaled): [{mask}]")
        else:
            lines.append(f"unit {j}: a = {act.name}({_n(z)}) = {_n(a)}")
        return "\n".join(lines)

    def _loss(self, bt, phase, node):
        name = self.spec.loss
        formula = ("ℓ = (p − y)²" if name == "mse" else "ℓ = −[y·log p + (1 − y)·log(1 − p)]")
        reg = f"  (+ L1/L2 penalty {_n(bt.penalty)})" if bt.penalty else ""
        batch = (f"Batch loss L = mean of ℓ over the {bt.m} points = {_n(bt.loss)}{reg}")
        if bt.keep is not None:
            batch = (f"With the dropout masks L = {_n(bt.masked_loss)}: the gradient comes from this pass. "
                     f"Recorded (masks off, as the curves show): L = {_n(bt.loss)}{reg}")
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
            masked = bt.keep is not None and bt.keep[l] is not None
            lines.append(f"δ{_sub(k)} = (δ{_sub(k + 1)}·W{_sub(k + 1)}ᵀ){' ⊙ mask' if masked else ''} "
                         f"⊙ f'(z{_sub(k)}),   {act.derivative_formula}"
                         "   (chain rule: each unit collects the δ of the units it feeds)")
            if one and nxt.kind == "dense":
                W = self.blocks(bt.theta_before)[l + 1][0]
                d_next = bt.sample_delta[l + 1]
                terms = [f"{_p(W[j, q])}·{_p(d_next[q])}" for q in range(nxt.fan_out)]
                fp = act.slope(np.array([bt.z[l][bt.row, j]]))[0]
                if masked:
                    fp = fp * bt.keep[l][bt.row, j]
                    lines.append(f"(dropout: the mask of unit {j}, {_n(bt.keep[l][bt.row, j])}, "
                                 "is folded into the last factor)")
                lines.append(f"unit {j}: δ = ({_sum_terms(terms)})·{_p(fp)} = "
                             f"{_n(bt.sample_delta[l][j])}   (f'(z) = {_n(fp)} at z = {_n(z)})")
        if one:
            d = bt.sample_delta[l][j]
            lines.append(f"In the batch the engine uses δ/n for this point: {_n(d)}/{bt.m} = "
                         f"{_n(bt.delta[l][bt.row, j])}")
        else:
            what = "∂L/∂b[" + str(j) + "] = " if layer.kind == "dense" and layer.bias else ""
            lines.append(f"Δ{_sub(k)} = ∂L/∂Z{_sub(k)} is ({bt.m}×{layer.width}), one row per point, "
                         f"each carrying 1/n;  unit {j}: Σ over points = {what}"
                         f"{_n(bt.delta[l][:, j].sum())}")
        lines.append(self._kernel_line(bt, l, j, one) if layer.kind == "conv1d" else self._dW_line(bt, l, j, one))
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

    def _kernel_line(self, bt, l, j, one):
        """A conv layer: filter c = j // positions; its kernel and bias sum over positions."""
        layer, k = self.layers[l], l + 1
        c = j // layer.positions
        units = range(c * layer.positions, (c + 1) * layer.positions)
        g, gb = self.blocks(bt.sample_grad if one else bt.grad_data)[l]
        bias = ""
        if one:
            d, prev = bt.sample_delta[l], self._prev(bt, l)
            terms = [f"{_p(prev[q - c * layer.positions])}·{_p(d[q])}" for q in units]
            if gb is not None:
                bias = (f";   ∂ℓ/∂b[f{c}] = Σ over positions of δ = "
                        f"{_sum_terms([_p(d[q]) for q in units])} = {_n(gb[c])}")
            return (f"∂ℓ/∂K[i, f{c}] = Σ over positions t of a{_sub(k - 1)}[t + i]·δ{_sub(k)}[f{c}, t]: "
                    f"K[0, f{c}]: {_sum_terms(terms)} = {_n(g[0, c])}{bias}")
        if gb is not None:
            bias = (f";   ∂L/∂b[f{c}] = Σ over points and positions of δ = "
                    f"{_n(bt.delta[l][:, list(units)].sum())}")
        return (f"∂L/∂K[i, f{c}] = Σ over points and positions t of a{_sub(k - 1)}[t + i]·δ{_sub(k)}[f{c}, t]: "
                f"K[0, f{c}] = {_n(g[0, c])}{bias}")

    def _dW_line(self, bt, l, j, one):
        layer, k = self.layers[l], l + 1
        if one:
            prev = self._prev(bt, l)
            d = bt.sample_delta[l][j]
            g = self.blocks(bt.sample_grad)[l][0]
            bias = f";   ∂ℓ/∂b[{j}] = δ = {_n(d)}" if layer.bias else ""
            return (f"∂ℓ/∂w[i→{j}] = a{_sub(k - 1)}[i]·δ{_sub(k)}[{j}]: e.g. w[0→{j}]: "
                    f"{_p(prev[0])}·{_p(d)} = {_n(g[0, j])}{bias}")
        g = self.blocks(bt.grad_data)[l][0]
        return (f"dW{_sub(k)} = A{_sub(k - 1)}ᵀ·Δ{_sub(k)}: w[0→{j}] gets Σ over points of "
                f"a[0]·δ[{j}] = {_n(g[0, j])}  (= the mean of the per-point gradients)")

    def _update(self, bt, phase, node):
        cfg, opt = self.cfg, self.cfg.optimizer
        P = len(bt.theta_before)
        p = (P - self.layers[-1].n_params) if node is None else int(node)
        l, kind, i, j = param_table(self.layers)[p]
        name = f"layer {l + 1} {param_label(kind, i, j, self.layers[l].kind == 'conv1d')}"
        g, gd, dw = bt.grad[p], bt.grad_data[p], bt.update[p]
        w0, w1 = bt.theta_before[p], bt.theta_after[p]
        lr, wd = cfg.lr, cfg.weight_decay
        decay = lr * wd * w0 if wd and kind == "w" else 0.0     # decoupled, weights only
        gtext = f"{_n(gd)} + L1/L2 {_n(g - gd)} = {_n(g)}" if g != gd else _n(g)
        rule = f"{opt}: {OPTIMIZERS[opt].formula}"
        if wd:
            rule += ";  then weight decay: w ← w − η·λ·w  (weights only, not biases)"
        s0, s1 = _pair(w0, w1)
        lines = [rule,
                 f"g = ∂L/∂w is the mean over the batch's {bt.m} points"
                 + (" plus the L1/L2 term" if cfg.l1 or cfg.l2 else ""),
                 f"{name}: g = {gtext},  Δw = {_n(dw)},  w: {s0} → {s1}"]
        step = dw + decay                                       # the optimizer's own step
        if opt == "sgd" and decay:
            lines.append(f"SGD + decay: Δw = −η·g − η·λ·w = −{_n(lr)}·{_p(g)} − {_n(lr)}·{_n(wd)}·{_p(w0)}"
                         f" = {_n(-lr * g)} − {_p(decay)} = {_n(dw)}")
        elif opt == "sgd":
            lines.append(f"SGD: Δw = −η·g = −{_n(lr)}·{_p(g)} = {_n(-lr * g)}")
        elif decay:
            lines.append(f"Δw = the {opt} step {_n(step)} − η·λ·w = {_n(step)} − {_n(lr)}·{_n(wd)}·{_p(w0)}"
                         f" = {_n(step)} − {_p(decay)} = {_n(dw)}")
        if wd and kind == "b":
            lines.append("Biases are not decayed: Δb is the optimizer's step alone.")
        if bt.row is not None:
            lines.append(f"sample {self.sample}'s share of g: (∂ℓ/∂w)/n = {_n(bt.sample_grad[p])}/{bt.m}"
                         f" = {_n(bt.sample_grad[p] / bt.m)}")
        return "\n".join(lines)
