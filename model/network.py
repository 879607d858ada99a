"""The network: layers over one flat parameter vector, forward and backward.

``theta`` holds every layer's ``Wb`` block back to back and ``grad`` mirrors
it, so an optimizer step, a snapshot or a saved session is one array. The
training path works in preallocated buffers (``Workspace``); the allocating
``layer_outputs``/``predict`` serve plots, checks and other threads.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from backprop_lab.model import activations, features, initializers, losses
from backprop_lab.model.layers import Conv1D, Dense


@dataclass(frozen=True)
class NetworkSpec:
    """Everything that fixes the network's shape and maths (hashable, immutable)."""
    features: tuple[str, ...]
    hidden: tuple[int, ...]
    activation: str
    output_activation: str
    loss: str
    bias: bool = True
    leaky_slope: float = 0.01
    conv_kernel: int = 0
    conv_filters: int = 2
    dtype: str = "float64"

    @classmethod
    def from_config(cls, cfg) -> "NetworkSpec":
        return cls(tuple(cfg.features), tuple(cfg.hidden), cfg.activation, cfg.output_activation,
                   cfg.loss, cfg.bias, cfg.leaky_slope, cfg.conv_kernel, cfg.conv_filters, cfg.dtype)

    def build_layers(self) -> list:
        hid = activations.get(self.activation, self.leaky_slope)
        out = activations.get(self.output_activation, self.leaky_slope)
        layers, width = [], len(self.features)
        if self.conv_kernel:
            layers.append(Conv1D(width, self.conv_kernel, self.conv_filters, self.bias, hid))
            width = layers[-1].width
        for units in self.hidden:
            layers.append(Dense(width, units, self.bias, hid))
            width = units
        layers.append(Dense(width, 1, self.bias, out))
        return layers

    @property
    def sizes(self) -> tuple[int, ...]:
        """Units per layer, input first: (F, [conv width], h1, ..., 1)."""
        return (len(self.features),) + tuple(l.width for l in self.build_layers())


def split_blocks(layers, theta) -> list[np.ndarray]:
    """Per-layer Wb views of a flat vector (works for theta, grad or a copy)."""
    blocks, off = [], 0
    for layer in layers:
        blocks.append(theta[off: off + layer.n_params].reshape(layer.block_shape()))
        off += layer.n_params
    return blocks


def layer_outputs(spec_or_layers, theta, X, dtype=None) -> list[tuple[np.ndarray, np.ndarray]]:
    """Forward pass from raw input X (n, 2): [(z, a)] per layer, each (n, width).

    Allocating and stateless, so any thread may call it with a copied theta.
    ``dtype`` (default theta's): e.g. float32 for pictures, where it is about
    twice as fast and the outputs differ from float64 by ~1e-7.
    """
    layers = spec_or_layers.build_layers() if isinstance(spec_or_layers, NetworkSpec) else spec_or_layers
    names = spec_or_layers.features if isinstance(spec_or_layers, NetworkSpec) else None
    if dtype is not None and np.dtype(dtype) != theta.dtype:
        with np.errstate(over="ignore"):
            narrow = theta.astype(dtype)
        if np.isfinite(narrow).all() or not np.isfinite(theta).all():
            theta = narrow          # (weights beyond float32's range keep their own dtype)
    x = features.transform(np.asarray(X, dtype=theta.dtype), names) if names else X
    out = []
    with np.errstate(over="ignore"):
        for layer, Wb in zip(layers, split_blocks(layers, theta)):
            z = layer.forward(x, Wb)
            a = layer.act.forward(z, np.empty_like(z))
            out.append((z, a))
            x = a
    return out


class Workspace:
    """Preallocated buffers for a forward + backward pass of ``net`` over ``m`` samples.

    Samples are *columns* (feature-major), so each unit's values over the
    batch are one contiguous row and the element-wise activation maths runs
    on contiguous memory. ``xs[l]`` is layer l's input with a last row of ones
    for the bias ((rows, m); for a conv layer the window tensor (rows, L, m)),
    ``z_out``/``a_out`` the output layer's z and a (1, m), ``deltas[l]`` dL/dz
    (width, m) and ``tmps[l]`` scratch of the same shape.

    ``fwd`` and ``bwd`` list, per layer, the views each pass works on, made
    once here so the passes themselves are a few NumPy calls and no lookups.
    """

    def __init__(self, net: "Network", m: int):
        layers, dtype = net.layers, net.dtype
        self.m = m
        first = layers[0]
        shape0 = (first.rows, first.positions, m) if first.kind == "conv1d" else (first.rows, m)
        self.xs = [np.empty(shape0, dtype)]
        for i, layer in enumerate(layers[:-1]):
            nxt = layers[i + 1]
            buf = np.empty((layer.width + int(nxt.bias), m), dtype)
            if nxt.bias:
                buf[-1] = 1.0
            self.xs.append(buf)
        self.z_out = np.empty((1, m), dtype)
        self.a_out = np.empty((1, m), dtype)
        self.deltas = [np.empty((layer.width, m), dtype) for layer in layers]
        self.tmps = [np.empty((layer.width, m), dtype) for layer in layers]
        self.correct = np.empty((1, m), bool)
        self.out_act = layers[-1].act

        # a conv layer's columns are (position, sample) pairs: 2-D views of its tensors
        x2d = [x.reshape(x.shape[0], -1) for x in self.xs]
        d2d = [d.reshape(l.filters, -1) if l.kind == "conv1d" else d for l, d in zip(layers, self.deltas)]
        self.fwd, self.bwd = [], []
        for l, (layer, Wb) in enumerate(zip(layers, net.blocks)):
            if l == len(layers) - 1:
                z, a = self.z_out, self.a_out
            else:
                z = a = x2d[l + 1][: layer.width].reshape(d2d[l].shape)   # f(z) in place
            self.fwd.append((Wb.T, x2d[l], z, a, layer.act.forward))
        for l in range(len(layers) - 1, -1, -1):
            prev = (net.blocks[l][: layers[l].fan_in], self.deltas[l - 1],
                    self.xs[l][: layers[l - 1].width], layers[l - 1].act.backprop,
                    self.tmps[l - 1]) if l else (None,) * 5
            self.bwd.append((x2d[l], d2d[l], net.grad_blocks[l]) + prev)


class Network:
    def __init__(self, spec: NetworkSpec):
        self.spec = spec
        self.dtype = np.dtype(spec.dtype)
        self.layers = spec.build_layers()
        self.loss = losses.get(spec.loss)
        self.n_params = sum(l.n_params for l in self.layers)
        self.theta = np.zeros(self.n_params, self.dtype)
        self.grad = np.zeros(self.n_params, self.dtype)
        self.blocks = split_blocks(self.layers, self.theta)
        self.grad_blocks = split_blocks(self.layers, self.grad)
        self.offsets = np.cumsum([0] + [l.n_params for l in self.layers])[:-1]
        # 1 for weights, 0 for bias rows: regularisation and weight decay skip biases
        self.weight_mask = np.ones(self.n_params, self.dtype)
        for layer, mb in zip(self.layers, split_blocks(self.layers, self.weight_mask)):
            if layer.bias:
                mb[layer.fan_in] = 0.0

    def __repr__(self):
        return f"Network({' → '.join(map(str, self.spec.sizes))}, {self.n_params} params)"

    # --- parameters -----------------------------------------------------------
    def init_params(self, rng: np.random.Generator, init: str, scale: float):
        fill = initializers.get(init)
        for layer, Wb in zip(self.layers, self.blocks):
            W, b = layer.split(Wb)
            W[...] = fill(rng, layer.fan_in, layer.fan_out, scale)
            if b is not None:
                b[...] = 0.0

    def get_params(self) -> list[tuple[np.ndarray, np.ndarray | None]]:
        """[(W (fan_in, fan_out), b (fan_out,) or None)] per layer, as copies."""
        return [tuple(None if p is None else p.copy() for p in layer.split(Wb))
                for layer, Wb in zip(self.layers, self.blocks)]

    def set_params(self, params):
        if len(params) != len(self.layers):
            raise ValueError(f"expected {len(self.layers)} (W, b) pairs, got {len(params)}")
        for layer, Wb, (W_new, b_new) in zip(self.layers, self.blocks, params):
            W, b = layer.split(Wb)
            if np.shape(W_new) != W.shape:
                raise ValueError(f"{layer}: W has shape {np.shape(W_new)}, expected {W.shape}")
            W[...] = W_new
            if b is not None:
                if b_new is None or np.shape(b_new) != b.shape:
                    raise ValueError(f"{layer}: b must have shape {b.shape}")
                b[...] = b_new

    # --- data -----------------------------------------------------------------
    def prepare(self, X) -> np.ndarray:
        """Raw points X (n, 2) -> the first layer's input, samples as columns:
        (features [+ a row of ones], n), or the conv windows (rows, L, n)."""
        XfT = features.transform(np.asarray(X, dtype=self.dtype), self.spec.features).T
        first = self.layers[0]
        if first.kind == "conv1d":
            return first.patches_t(XfT)
        out = np.ones((first.rows, XfT.shape[1]), self.dtype)
        out[: first.fan_in] = XfT
        return out

    # --- the passes -------------------------------------------------------------
    def forward(self, ws: Workspace) -> np.ndarray:
        """Forward over ``ws.xs[0]``; returns p (1, m), a view into ws."""
        for WbT, x, z, a, f in ws.fwd:
            np.dot(WbT, x, out=z)          # z = Wb.T @ [a_prev; 1]
            f(z, a)                        # a = f(z)
        return ws.a_out

    def backward(self, ws: Workspace, y: np.ndarray) -> float:
        """Fill self.grad with dL/dtheta after ``forward`` on the same ws; y (1, m).
        Returns the loss L, which the output layer's dL/dz computes on the way."""
        delta = ws.deltas[-1]
        loss = self.loss.output_delta(ws.a_out, y, ws.z_out, ws.out_act, delta, ws.tmps[-1])  # dL/dz
        for x, delta, dWb, W, delta_prev, a_prev, f_prime, tmp in ws.bwd:
            np.dot(x, delta.T, out=dWb)            # dW = [a_prev; 1] @ delta.T
            if W is not None:
                np.dot(W, delta, out=delta_prev)   # dL/da_prev = W @ delta
                f_prime(delta_prev, a_prev, tmp)   # delta_prev = dL/da_prev * f'(z_prev)
        return loss

    def loss_value(self, ws: Workspace, y) -> float:
        return self.loss.value(ws.a_out, y, ws.z_out)

    # --- convenience (allocating) -------------------------------------------------
    def loss_and_gradients(self, X, y):
        """Loss and gradients on (X (n, 2), y (n, 1)) without updating anything.

        Returns (loss, [(dW, db or None)] shaped like ``get_params``). The loss
        is the data loss only (no regularisation terms).
        """
        y = np.asarray(y, dtype=self.dtype).reshape(1, -1)
        inp = self.prepare(X)
        ws = Workspace(self, y.shape[1])
        ws.xs[0][...] = inp
        saved = self.grad.copy()
        with np.errstate(over="ignore"):
            self.forward(ws)
            loss = self.loss_value(ws, y)
            self.backward(ws, y)
        grads = [tuple(None if g is None else g.copy() for g in layer.split(G))
                 for layer, G in zip(self.layers, self.grad_blocks)]
        self.grad[...] = saved
        return loss, grads

    def layer_outputs(self, X):
        return layer_outputs(self.spec, self.theta, X)

    def predict(self, X) -> np.ndarray:
        """Output probabilities p (n, 1) for raw points X (n, 2)."""
        return layer_outputs(self.spec, self.theta, X)[-1][1]
