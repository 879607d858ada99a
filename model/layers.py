"""Layers: dense, and a 1-D convolution over the input feature vector.

A layer owns its two halves of the chain rule. Forward, from the previous
layer's output a_prev:

    z = a_prev W + b

Backward, given δ = ∂L/∂z:

    ∂L/∂W = a_prevᵀ δ        ∂L/∂b = Σ_samples δ        ∂L/∂a_prev = δ Wᵀ

The bias trick makes the first two lines one product each. A layer's
parameters are one block θ = [W; b] (b is the last row), and its input is
kept with a column of ones beside it, ã = [a_prev 1]. Then

    ã θ = a_prev W + 1·b = z        and        ãᵀ δ = [a_prevᵀ δ ; 1ᵀ δ] = [∂L/∂W ; ∂L/∂b]

so the forward pass is one matrix product and the gradient of the whole block
another. A separate bias add and sum over samples are two more NumPy calls a
layer: an epoch of bench case A took 429 k instructions with them, 370 k
without (valgrind). Without a bias, ã = a_prev and θ = W, and the same lines hold.

Shapes: ã (..., m, rows) with rows = fan_in (+ 1 with a bias), θ (..., rows,
fan_out), z and δ (..., m, fan_out): m samples as rows, any leading axes (a
sweep's T trials), through ``np.matmul``'s broadcasting; ``x.mT`` is xᵀ over
the last two axes. The layer writes into the ``out`` buffers it is handed, so
training allocates nothing.
"""
from __future__ import annotations

import numpy as np

from backprop_lab.model import activations
from backprop_lab.model.fast_kernels import matmul      # = np.matmul(a, b, out), faster where it can be


def with_ones(a):
    """ã = [a 1]: a (..., m, k) with a column of ones appended, as a new array."""
    out = np.ones(a.shape[:-1] + (a.shape[-1] + 1,), a.dtype)
    out[..., :-1] = a
    return out


class Dense:
    """A fully connected layer of ``fan_out`` units, each seeing all ``fan_in`` inputs."""
    kind = "dense"

    def __init__(self, fan_in: int, fan_out: int, bias: bool, act: activations.Activation):
        self.fan_in, self.fan_out, self.bias, self.act = fan_in, fan_out, bias, act
        self.rows = fan_in + int(bias)          # rows of θ = [W; b]
        self.n_params = self.rows * fan_out
        self.width = fan_out                    # units this layer outputs
        self.ones_column = bias                 # its input is ã = [a_prev 1]

    def block_shape(self):
        return (self.rows, self.fan_out)

    def split(self, theta):
        """(W, b) views of a block θ (..., rows, fan_out): W (..., fan_in, fan_out),
        b (..., fan_out) or None without bias."""
        return theta[..., : self.fan_in, :], (theta[..., self.fan_in, :] if self.bias else None)

    def forward(self, a_tilde, theta, z):
        """z = a_prev W + b, as ã θ."""
        return matmul(a_tilde, theta, z)

    def backward(self, a_tilde_T, delta, W_T, dtheta, da_prev=None):
        """From δ = ∂L/∂z: [∂L/∂W ; ∂L/∂b] = ãᵀ δ into dtheta and, when ``da_prev``
        is given, ∂L/∂a_prev = δ Wᵀ into it.

        ãᵀ and Wᵀ come as they are stored (``Workspace.a_tilde_T``, ``Network.W_T``:
        views of the same memory as ã and W, made once): a view made at every call
        costs ~1 k instructions, a tenth of a small product."""
        matmul(a_tilde_T, delta, dtheta)              # ãᵀ δ = [a_prevᵀ δ ; Σ δ]
        if da_prev is not None:
            matmul(delta, W_T, da_prev)                   # δ Wᵀ

    def __repr__(self):
        return f"Dense({self.fan_in}→{self.fan_out}, {self.act.name}, bias={self.bias})"


class Conv1D:
    """Valid, stride-1 convolution of the feature vector (one input channel).

    Input (m, F), without a column of ones: the block θ = [K; b] is split here;
    kernel K (k, C), bias b (C,); output (m, C·L) with
    L = F − k + 1, ordered filter-major: unit ``c·L + j`` is filter c at
    position j, z[c·L + j] = Σ_i a_prev[j + i] K[i, c] + b[c].
    """
    kind = "conv1d"

    def __init__(self, n_in: int, kernel: int, filters: int, bias: bool, act):
        if not 1 <= kernel <= n_in:
            raise ValueError(f"conv kernel must be between 1 and the number of input features ({n_in}), got {kernel}")
        self.n_in, self.kernel, self.filters, self.bias, self.act = n_in, kernel, filters, bias, act
        self.positions = n_in - kernel + 1
        self.fan_in, self.fan_out = kernel, filters
        self.rows = kernel + int(bias)
        self.n_params = self.rows * filters
        self.width = self.positions * filters
        self.ones_column = False                # its input is a_prev itself

    def block_shape(self):
        return (self.rows, self.filters)

    def split(self, block):
        return block[..., : self.kernel, :], (block[..., self.kernel, :] if self.bias else None)

    def windows(self, a_prev):
        """The sliding windows of a_prev (m, F): (m, L, k), a view."""
        return np.lib.stride_tricks.sliding_window_view(a_prev, self.kernel, axis=-1)

    def forward(self, a_prev, theta, z):
        """z[:, c·L + j] = window_j · K[:, c] + b[c], into z (m, C·L)."""
        K, b = self.split(theta)
        zc = self.windows(a_prev) @ K                      # (m, L, C)
        if b is not None:
            zc += b
        z.reshape(len(z), self.filters, self.positions)[...] = zc.mT
        return z

    def backward(self, a_prev_T, delta, K_T, dtheta, da_prev=None):
        """∂L/∂K = Σ over samples and positions of windowᵀ δ, ∂L/∂b = Σ δ, and
        ∂L/∂a_prev: each input feeds every window that covers it. (a_prevᵀ and Kᵀ
        as every layer gets them: see Dense.backward.)"""
        a_prev, K = a_prev_T.mT, K_T.mT
        d = delta.reshape(len(delta), self.filters, self.positions).mT   # (m, L, C)
        dK, db = self.split(dtheta)
        np.einsum("mlk,mlc->kc", self.windows(a_prev), d, out=dK)
        if db is not None:
            db[...] = d.sum(axis=(0, 1))
        if da_prev is not None:
            da_prev[...] = 0.0
            for i in range(self.kernel):
                da_prev[:, i: i + self.positions] += d @ K[i]

    def __repr__(self):
        return f"Conv1D(k={self.kernel}, filters={self.filters}, {self.act.name}, bias={self.bias})"
