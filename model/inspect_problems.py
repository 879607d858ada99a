"""The inspect step-through's text for K outputs: softmax, its Jacobian, and δ = p − onehot.

Called by ``model.inspect_text.TraceText`` where the output layer has K ≥ 3
units; every number printed can be recomputed from the ones beside it.
"""
from __future__ import annotations

import numpy as np

from backprop_lab.model.softmax import jacobian


def _n(v) -> str:
    v = float(v) + 0.0
    return f"{v:.4g}".replace("-", "−")


def _vec(v) -> str:
    return "(" + ", ".join(_n(x) for x in v) + ")"


def _sample(trace, bt):
    """(z, p, label, onehot) of the followed sample at the output layer."""
    z, p = bt.z[-1][bt.row], bt.a[-1][bt.row]
    label = int(round(float(bt.y[bt.row, 0])))
    onehot = np.zeros(len(p))
    onehot[min(max(label, 0), len(p) - 1)] = 1.0
    return z, p, label, onehot


def loss_text(trace, bt) -> str:
    """The loss phase: the formula per point, the followed sample worked out, the batch mean."""
    ce = trace.spec.loss == "ce"
    formula = ("ℓ = −log p_label = log Σ_j e^(z_j) − z_label   (cross-entropy of softmax)" if ce else
               "ℓ = Σ_k (p_k − y_k)²   (MSE on one-hot y)")
    reg = f"  (+ L1/L2 penalty {_n(bt.penalty)})" if bt.penalty else ""
    batch = f"Batch loss L = mean of ℓ over the {bt.m} points = {_n(bt.loss)}{reg}"
    if bt.row is None:
        return f"{formula} per point;  {batch}"
    z, p, label, onehot = _sample(trace, bt)
    lines = [formula, f"z = {_vec(z)}  →  p = softmax(z) = {_vec(p)}   (Σ p = {_n(p.sum())})"
             if trace.spec.output_activation == "softmax" else f"p = {_vec(p)}"]
    if ce:
        lines.append(f"label {label}:  ℓ = −log p_{label} = −log {_n(p[label])} = {_n(bt.sample_loss)}")
    else:
        terms = " + ".join(f"({_n(pk)} − {_n(yk)})²" for pk, yk in zip(p, onehot))
        lines.append(f"y = onehot({label}) = {_vec(onehot)}:  ℓ = {terms} = {_n(bt.sample_loss)}")
    lines.append(batch)
    return "\n".join(lines)


def output_delta_text(trace, bt, one: bool) -> str:
    """The output layer's δ: p − onehot with cross-entropy, Jᵀ·∂ℓ/∂p with MSE."""
    k = len(trace.layers)
    ce = trace.spec.loss == "ce"
    softmax = trace.spec.output_activation == "softmax"
    if ce:
        general = (f"δ{_sub(k)} = ∂ℓ/∂z = Jᵀ·∂ℓ/∂p = p − onehot(label)   "
                   "(softmax Jacobian J = diag(p) − p·pᵀ times ∂ℓ/∂p_k = −y_k/p_k)")
    elif softmax:
        general = f"δ{_sub(k)} = ∂ℓ/∂z = Jᵀ·∂ℓ/∂p = p ⊙ (g − Σ_j g_j p_j),  g = ∂ℓ/∂p = 2(p − y),  J = diag(p) − p·pᵀ"
    else:
        general = f"δ{_sub(k)} = 2(p − y) ⊙ f'(z)   (an element-wise output: one unit at a time)"
    if not one:
        return general + "   per point; in batch terms each point's δ is divided by n"
    z, p, label, onehot = _sample(trace, bt)
    d = bt.sample_delta[-1]
    lines = [general]
    if softmax:
        J = jacobian(p)
        rows = "; ".join(_vec(r) for r in J)
        lines.append(f"J = diag(p) − p·pᵀ = [{rows}]   (∂p_k/∂z_j = p_k(δ_kj − p_j); each row sums to 0)")
    if ce:
        lines.append(f"δ = {_vec(p)} − {_vec(onehot)} = {_vec(d)}")
    else:
        lines.append(f"g = 2·({_vec(p)} − {_vec(onehot)}) = {_vec(2 * (p - onehot))};  δ = {_vec(d)}")
    return "\n".join(lines)


def _sub(k: int) -> str:
    return str(k).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))
