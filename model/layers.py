"""Layers: dense and a 1-D convolution over the input feature vector.

A layer's weights and bias are one block ``Wb`` of the network's flat
parameter vector: W is ``Wb[:fan_in]`` (fan_in, fan_out) and, when the layer
has a bias, b is the last row ``Wb[fan_in]`` (fan_out,). The input carries a
column of ones for the bias, so ``z = [a_prev, 1] @ Wb`` is one matrix product
and so is ``dWb = [a_prev, 1].T @ delta``.
"""
from __future__ import annotations

import numpy as np

from backprop_lab.model import activations


class Dense:
    kind = "dense"

    def __init__(self, fan_in: int, fan_out: int, bias: bool, act: activations.Activation):
        self.fan_in, self.fan_out, self.bias, self.act = fan_in, fan_out, bias, act
        self.rows = fan_in + int(bias)          # rows of Wb
        self.n_params = self.rows * fan_out
        self.width = fan_out                    # columns this layer outputs

    def block_shape(self):
        return (self.rows, self.fan_out)

    def split(self, Wb):
        """(W, b) views of a Wb block; b is None without bias."""
        return Wb[: self.fan_in], (Wb[self.fan_in] if self.bias else None)

    def forward(self, x, Wb):
        """x (m, fan_in) -> z (m, fan_out); allocating, for views and checks."""
        W, b = self.split(Wb)
        z = x @ W
        if b is not None:
            z += b
        return z

    def __repr__(self):
        return f"Dense({self.fan_in}→{self.fan_out}, {self.act.name}, bias={self.bias})"


class Conv1D:
    """Valid, stride-1 convolution of the feature vector (one input channel).

    Input (m, F); kernel (k, C); output (m, C·L) with L = F − k + 1, ordered
    filter-major: unit ``c·L + j`` is filter c at position j.
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

    def block_shape(self):
        return (self.rows, self.filters)

    def split(self, Wb):
        return Wb[: self.kernel], (Wb[self.kernel] if self.bias else None)

    def patches(self, x, with_ones: bool | None = None):
        """x (m, F) -> sliding windows (m, L, k [+1 column of ones for the bias])."""
        ones = self.bias if with_ones is None else with_ones
        m = x.shape[0]
        P = np.empty((m, self.positions, self.kernel + int(ones)), dtype=x.dtype)
        P[:, :, : self.kernel] = np.lib.stride_tricks.sliding_window_view(x, self.kernel, axis=1)
        if ones:
            P[:, :, self.kernel] = 1.0
        return P

    def patches_t(self, xT):
        """Samples-as-columns windows: xT (F, m) -> (k [+1 row of ones], L, m)."""
        P = np.ones((self.rows, self.positions, xT.shape[1]), dtype=xT.dtype)
        for i in range(self.kernel):
            P[i] = xT[i: i + self.positions]
        return P

    def forward(self, x, Wb):
        K, b = self.split(Wb)
        z = self.patches(x, with_ones=False) @ K       # (m, L, C)
        if b is not None:
            z += b
        return z.transpose(0, 2, 1).reshape(x.shape[0], self.width)

    def __repr__(self):
        return f"Conv1D(k={self.kernel}, filters={self.filters}, {self.act.name}, bias={self.bias})"
