"""The least NumPy one epoch of cases A and B can take: bench/engine_speed.py's
"hand-fused" column, a lower bound for any NumPy implementation of that epoch.

Cases A and B train a 2-h-h-1 sigmoid network with MSE and full-batch SGD. This
is that epoch written out line by line for exactly that network, as nothing
general can be: no loops, no function per layer, every buffer preallocated and
bound to a local name, biases folded into the matrix products, and the sigmoid
computed as a = 1 − u with u = 1/(1 + e^z), so that the backward pass gets
σ'(z) = a·u in two multiplications. It still does the bookkeeping the engine
does every epoch and the app shows (loss, accuracy, each layer's gradient norm,
the copy of the weights kept for a divergence rollback), so it times the same
work: engine_speed.py checks that it follows the engine's loss trajectory.

What is left is three np.exp, eight matrix products and about 26 other NumPy
calls, each of which costs at least half a microsecond on this machine.
"""
from __future__ import annotations

import numpy as np


def fused_runner(theta_blocks, X, y, lr: float):
    """run(k) training k epochs from the weights ``theta_blocks`` [Wb0, Wb1, Wb2]
    ((fan_in + 1, fan_out) each, bias last). Returns (run, history), history a list
    that run() extends with (loss, accuracy, gradient norms) per epoch."""
    n = len(X)
    h = theta_blocks[0].shape[1]
    sizes = [Wb.size for Wb in theta_blocks]
    theta = np.concatenate([Wb.ravel() for Wb in theta_blocks])
    grad, update, prev, sq = (np.zeros_like(theta) for _ in range(4))
    offsets = np.cumsum([0] + sizes[:-1])
    blocks, grads, off = [], [], 0
    for Wb, size in zip(theta_blocks, sizes):
        blocks.append(theta[off: off + size].reshape(Wb.shape))
        grads.append(grad[off: off + size].reshape(Wb.shape))
        off += size
    W0T, W1T, W2T = (B.T for B in blocks)
    W1, W2 = blocks[1][:h], blocks[2][:h]                  # without the bias rows
    g0, g1, g2 = grads
    x0, x1, x2 = np.ones((3, n)), np.ones((h + 1, n)), np.ones((h + 1, n))
    x0[:2] = X.T
    a1, a2 = x1[:h], x2[:h]                                # the activations, above the ones row
    u1, u2, d1, d2 = (np.empty((h, n)) for _ in range(4))
    z3, p, u3, d3 = (np.empty((1, n)) for _ in range(4))
    d3_flat = d3.ravel()
    gap, wrong = np.empty((1, n)), np.empty((1, n), bool)
    Y = np.asarray(y, float).reshape(1, n)
    scale = 2.0 / n
    dot, exp, recip, add, sub, mul = np.dot, np.exp, np.reciprocal, np.add, np.subtract, np.multiply
    vdot, absolute, ge, count, copyto = np.vdot, np.abs, np.greater_equal, np.count_nonzero, np.copyto
    reduceat = np.add.reduceat
    history = []
    record = history.append

    def epoch():
        dot(W0T, x0, a1)                   # forward: z, then u = 1/(1 + e^z), a = 1 − u
        exp(a1, u1); add(u1, 1.0, u1); recip(u1, u1); sub(1.0, u1, a1)
        dot(W1T, x1, a2)
        exp(a2, u2); add(u2, 1.0, u2); recip(u2, u2); sub(1.0, u2, a2)
        dot(W2T, x2, z3)
        exp(z3, u3); add(u3, 1.0, u3); recip(u3, u3); sub(1.0, u3, p)
        sub(p, Y, d3)                      # loss and accuracy: |p − y| < 0.5 is "correct"
        loss = vdot(d3_flat, d3_flat) / n
        absolute(d3, gap); ge(gap, 0.5, wrong)
        accuracy = (n - count(wrong)) / n
        mul(d3, scale, d3); mul(d3, p, d3); mul(d3, u3, d3)   # dL/dz3 = 2/n (p − y) a u
        dot(x2, d3.T, g2)
        dot(W2, d3, d2); mul(d2, a2, d2); mul(d2, u2, d2)
        dot(x1, d2.T, g1)
        dot(W1, d2, d1); mul(d1, a1, d1); mul(d1, u1, d1)
        dot(x0, d1.T, g0)
        copyto(prev, theta)                # what the engine keeps for a rollback
        mul(grad, -lr, update); add(theta, update, theta)
        mul(grad, grad, sq)
        record((loss, accuracy, reduceat(sq, offsets)))

    def run(k):
        for _ in range(k):
            epoch()
    return run, history
