"""The network: layers over one flat parameter vector, the forward and the backward pass.

    forward   for each layer l:  z_l = a_{l-1} W_l + b_l ;  a_l = f_l(z_l)
    loss      L = loss(a_L, y) ;  δ_L = ∂L/∂z_L                 (the loss owns it)
    backward  for l = L … 1:     ∂L/∂W_l = a_{l-1}ᵀ δ_l ;  ∂L/∂b_l = Σ δ_l ;
                                 δ_{l-1} = (δ_l W_lᵀ) ⊙ f'_{l-1}(z_{l-1})

``theta`` holds every layer's parameter block θ_l = [W_l; b_l] back to back
and ``grad`` mirrors it, so an optimizer step, a snapshot or a saved session
is one array; ``blocks[l]``, ``W[l]``, ``grad_blocks[l]`` are views into them.
Each layer input is kept with a column of ones beside it (``Workspace.a_tilde``)
so that z = a W + b and [∂L/∂W; ∂L/∂b] are one product each (the bias
trick, model/layers.py).

With ``trials=T`` the same network holds T independent parameter vectors,
``theta`` (T, P), and every array gets a leading trial axis: the passes are
the same code (``np.matmul`` broadcasts over it), which is how a sweep trains
many seeds at once (``model.batched``).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from backprop_lab.model import activations, dropout, features, initializers, losses, softmax, tasks
from backprop_lab.model.layers import Conv1D, Dense, with_ones


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
    elu_alpha: float = 1.0
    outputs: int = 1                 # K output units for K ≥ 3 classes (model/tasks.py)

    @classmethod
    def from_config(cls, cfg) -> "NetworkSpec":
        return cls(tuple(cfg.features), tuple(cfg.hidden), cfg.activation, cfg.output_activation,
                   cfg.loss, cfg.bias, cfg.leaky_slope, cfg.conv_kernel, cfg.conv_filters, cfg.dtype,
                   elu_alpha=cfg.elu_alpha, outputs=tasks.output_units(cfg))

    def build_layers(self) -> list:
        hid = activations.get(self.activation, self.leaky_slope, self.elu_alpha)
        out = softmax.output_activation(self.output_activation, self.leaky_slope, self.elu_alpha)
        layers, width = [], len(self.features)
        if self.conv_kernel:
            layers.append(Conv1D(width, self.conv_kernel, self.conv_filters, self.bias, hid))
            width = layers[-1].width
        for units in self.hidden:
            layers.append(Dense(width, units, self.bias, hid))
            width = units
        layers.append(Dense(width, self.outputs, self.bias, out))
        return layers

    @property
    def sizes(self) -> tuple[int, ...]:
        """Units per layer, input first: (F, [conv width], h1, ..., 1 or K)."""
        return (len(self.features),) + tuple(l.width for l in self.build_layers())


def split_blocks(layers, theta) -> list[np.ndarray]:
    """Per-layer parameter blocks (..., rows, fan_out), views of a flat vector (..., P)."""
    blocks, off = [], 0
    for layer in layers:
        blocks.append(theta[..., off: off + layer.n_params].reshape(theta.shape[:-1] + layer.block_shape()))
        off += layer.n_params
    return blocks


def samples_as_rows(lead: tuple, m: int, width: int, dtype) -> np.ndarray:
    """An empty (*lead, m, width) array whose columns are contiguous in memory.

    The maths has samples as rows; in memory each unit's m values sit side by
    side, so a layer's output a = ã[..., :width] is one contiguous block beside
    its column of ones, and the element-wise work runs over contiguous memory.
    """
    return np.empty(lead + (width, m), dtype).swapaxes(-1, -2)


class Workspace:
    """The arrays of one forward and backward pass over ``m`` samples, by layer.

    a_tilde[l]  (..., m, rows_l) layer l's input ã = [a[l] 1] (a[l] itself for a
                layer without bias); a_tilde_T[l] is ãᵀ, a view of the same memory;
    a[l]        the input without the ones: a[0] (m, F) are the feature values,
                shared by every trial; a[l + 1] = f(z[l]) is layer l's output,
                a[-1] is p;
    z[l]        (..., m, width_l) layer l's weighted input. For a hidden layer
                it is the same memory as a[l + 1]: f is applied in place, as the
                backward pass needs only a (f' is taken from it); the output
                layer keeps its z (BCE reads the logit), and so does a hidden
                layer whose f' is taken from z (GELU, SiLU);
    delta[l]    (..., m, width_l) ∂L/∂z[l];
    fprime[l]   (..., m, width_l) scratch for f'(z[l]);
    f_arg[l]    what f'_l is computed from: z[l], or a[l + 1] as f made it
                (a copy of it when dropout then scales a[l + 1]: model/dropout.py);
    keep[l]     None, or layer l's dropout mask, 0 or 1/(1 − p) per unit (model/dropout.py).
    """

    def __init__(self, net: "Network", m: int):
        lead, dtype, layers = net.lead, net.dtype, net.layers
        self.m = m
        widths = [net.n_inputs] + [layer.width for layer in layers]
        self.a, self.a_tilde = [], []
        for l, width in enumerate(widths):
            ones = l < len(layers) and layers[l].ones_column
            buf = samples_as_rows(() if l == 0 else lead, m, width + int(ones), dtype)
            if ones:
                buf[..., width] = 1.0
            self.a_tilde.append(buf)
            self.a.append(buf[..., :width])
        self.a_tilde_T = [a_tilde.mT for a_tilde in self.a_tilde]     # ãᵀ: the same memory
        self.z = [a if layer.act.derivative_from == "a" else samples_as_rows(lead, m, layer.width, dtype)
                  for a, layer in zip(self.a[1:-1], layers)]
        self.z.append(samples_as_rows(lead, m, layers[-1].width, dtype))
        self.f_arg = [z if layer.act.derivative_from == "z" else a
                      for z, a, layer in zip(self.z, self.a[1:], layers)]
        self.keep = [None] * len(layers)
        self.delta = [samples_as_rows(lead, m, layer.width, dtype) for layer in layers]
        self.fprime = [samples_as_rows(lead, m, layer.width, dtype) for layer in layers]


class Network:
    """A stack of layers with its parameters in one flat vector.

    Attributes: ``spec`` (NetworkSpec), ``layers`` (Dense/Conv1D, input to
    output), ``loss`` (losses.Loss), ``dtype``, ``n_params`` (P), ``theta`` and
    ``grad`` ((P,) or (T, P)), per-layer views ``blocks`` (θ_l = [W_l; b_l]),
    ``W`` (its weights alone; ``W_T`` the same as Wᵀ) and ``grad_blocks`` (∂L/∂θ_l), ``offsets`` (where
    each layer's block starts in theta) and ``weight_mask`` (1 for weights, 0
    for biases: regularisation and weight decay skip biases).
    """

    def __init__(self, spec: NetworkSpec, trials: int | None = None):
        self.spec = spec
        self.dtype = np.dtype(spec.dtype)
        self.layers = spec.build_layers()
        self.loss = losses.get(spec.loss)
        self.n_inputs = len(spec.features)
        self.n_params = sum(l.n_params for l in self.layers)
        self.lead = () if trials is None else (trials,)
        self.theta = np.zeros(self.lead + (self.n_params,), self.dtype)
        self.grad = np.zeros_like(self.theta)
        self.blocks = split_blocks(self.layers, self.theta)
        self.grad_blocks = split_blocks(self.layers, self.grad)
        self.W = [layer.split(block)[0] for layer, block in zip(self.layers, self.blocks)]
        self.W_T = [W.mT for W in self.W]             # Wᵀ: the same memory
        self.offsets = np.cumsum([0] + [l.n_params for l in self.layers])[:-1]
        self.weight_mask = np.ones(self.n_params, self.dtype)
        for layer, block in zip(self.layers, split_blocks(self.layers, self.weight_mask)):
            if layer.bias:
                block[layer.fan_in] = 0.0

    def __repr__(self):
        trials = f", {self.lead[0]} trials" if self.lead else ""
        return f"Network({' → '.join(map(str, self.spec.sizes))}, {self.n_params} params{trials})"

    # --- parameters -----------------------------------------------------------
    def init_params(self, rng: np.random.Generator, init: str, scale: float):
        """Draw the weights (biases 0) of a single network from ``rng``."""
        fill = initializers.get(init)
        for layer, block in zip(self.layers, self.blocks):
            W, b = layer.split(block)
            W[...] = fill(rng, layer.fan_in, layer.fan_out, scale)
            if b is not None:
                b[...] = 0.0

    def get_params(self) -> list[tuple[np.ndarray, np.ndarray | None]]:
        """[(W (fan_in, fan_out), b (fan_out,) or None)] per layer, as copies."""
        return [tuple(None if p is None else p.copy() for p in layer.split(block))
                for layer, block in zip(self.layers, self.blocks)]

    def set_params(self, params):
        if len(params) != len(self.layers):
            raise ValueError(f"expected {len(self.layers)} (W, b) pairs, got {len(params)}")
        for layer, block, (W_new, b_new) in zip(self.layers, self.blocks, params):
            W, b = layer.split(block)
            if np.shape(W_new) != W.shape:
                raise ValueError(f"{layer}: W has shape {np.shape(W_new)}, expected {W.shape}")
            W[...] = W_new
            if b is not None:
                if b_new is None or np.shape(b_new) != b.shape:
                    raise ValueError(f"{layer}: b must have shape {b.shape}")
                b[...] = b_new

    # --- data -----------------------------------------------------------------
    def prepare(self, X) -> np.ndarray:
        """Raw points X (n, 2) -> the first layer's input a₀ (n, F): the feature values."""
        return features.transform(np.asarray(X, dtype=self.dtype), self.spec.features)

    def workspace(self, X) -> Workspace:
        """A Workspace for the points X (n, 2), its input a[0] filled in."""
        ws = Workspace(self, len(X))
        ws.a[0][...] = self.prepare(X)
        return ws

    # --- the passes -------------------------------------------------------------
    def forward(self, ws: Workspace) -> np.ndarray:
        """a_l = f_l(a_{l-1} W_l + b_l) for every layer, from ws.a[0]; returns p = ws.a[-1]."""
        keep = ws.keep
        for l, (layer, theta, a_tilde, z, a_next) in enumerate(
                zip(self.layers, self.blocks, ws.a_tilde, ws.z, ws.a[1:])):
            layer.forward(a_tilde, theta, z)        # z_l = a_{l-1} W_l + b_l = ã_{l-1} θ_l
            layer.act.forward(z, a_next)            # a_l = f_l(z_l)
            if keep[l] is not None:                 # dropout: a_l ⊙ keep_l
                dropout.drop(ws, l)
        return ws.a[-1]

    def backward(self, ws: Workspace, y) -> float:
        """Fill ``grad`` with ∂L/∂θ after ``forward`` on the same ws; y (..., m, 1).
        Returns the loss L, which the output delta computes on the way."""
        layers, a_tilde_T, delta, fprime, keep = self.layers, ws.a_tilde_T, ws.delta, ws.fprime, ws.keep
        W_T, grad_blocks = self.W_T, self.grad_blocks
        L = len(layers) - 1                                      # the output layer
        loss = self.loss.output_delta(ws.a[-1], y, ws.z[L], layers[L].act,
                                      delta[L], fprime[L])       # δ_L = ∂L/∂z_L
        for l in range(L, 0, -1):
            # ∂L/∂W_l and ∂L/∂b_l; ∂L/∂a_{l-1} = δ_l W_lᵀ, written where δ_{l-1} goes
            layers[l].backward(a_tilde_T[l], delta[l], W_T[l], grad_blocks[l], delta[l - 1])
            if keep[l - 1] is not None:                          # dropout: ∂L/∂a ⊙ keep
                np.multiply(delta[l - 1], keep[l - 1], delta[l - 1])
            # δ_{l-1} = ∂L/∂a_{l-1} ⊙ f'(z_{l-1}), with f' taken from a_{l-1} (or z_{l-1})
            f_prime = layers[l - 1].act.derivative(ws.f_arg[l - 1], fprime[l - 1])
            np.multiply(delta[l - 1], f_prime, delta[l - 1])
        layers[0].backward(a_tilde_T[0], delta[0], W_T[0], grad_blocks[0])   # (no δ for the input)
        return loss

    def add_penalty_gradient(self, l1: float, l2: float, scratch):
        """L1/L2 on the weights (not the biases): adds l2·w + l1·sign(w) to ``grad`` and
        returns the penalty l2/2·Σw² + l1·Σ|w|, one per network. ``scratch`` is shaped like theta."""
        w = np.multiply(self.theta, self.weight_mask, out=scratch)
        penalty = 0.0
        if l2:
            penalty = penalty + 0.5 * l2 * np.vecdot(w, w)
            self.grad += l2 * w                                # d/dw (l2/2 w²) = l2 w
        if l1:
            penalty = penalty + l1 * np.abs(w).sum(axis=-1)
            self.grad += l1 * np.sign(w)                       # d/dw l1|w| = l1 sign(w)
        return penalty

    def loss_value(self, ws: Workspace, y) -> float:
        """L of the last ``forward`` on ws, against y (..., m, 1)."""
        return self.loss.value(ws.a[-1], y, ws.z[-1], self.layers[-1].act)

    # --- convenience (allocating) -------------------------------------------------
    def loss_and_gradients(self, X, y):
        """Loss and gradients on (X (n, 2), y) without updating anything; y is (n, 1)
        (two classes, regression) or (n,) integer labels (K ≥ 3 classes: one-hot here).

        Returns (loss, [(dW, db or None)] shaped like ``get_params``). The loss
        is the data loss only (no regularisation terms).
        """
        y = tasks.loss_targets(y, self.spec.outputs, self.dtype)
        ws = self.workspace(X)
        saved = self.grad.copy()
        with np.errstate(over="ignore"):
            self.forward(ws)
            loss = self.backward(ws, y)
        grads = [tuple(None if g is None else g.copy() for g in layer.split(G))
                 for layer, G in zip(self.layers, self.grad_blocks)]
        self.grad[...] = saved
        return float(loss), grads

    def layer_outputs(self, X):
        return layer_outputs(self.spec, self.theta, X)

    def predict(self, X) -> np.ndarray:
        """Outputs p (n, 1), or (n, K) class probabilities, for raw points X (n, 2)."""
        return layer_outputs(self.spec, self.theta, X)[-1][1]


def layer_outputs(spec: NetworkSpec, theta, X, dtype=None) -> list[tuple[np.ndarray, np.ndarray]]:
    """Forward pass of a single network from raw points X (n, 2): [(z, a)] per layer,
    each (n, width). Allocating and stateless, so any thread may call it with a
    copied theta. ``dtype`` (default theta's): e.g. float32 for pictures, about
    twice as fast, within ~1e-7 of float64.
    """
    if dtype is not None and np.dtype(dtype) != theta.dtype:
        with np.errstate(over="ignore"):
            narrow = theta.astype(dtype)
        if np.isfinite(narrow).all() or not np.isfinite(theta).all():
            theta = narrow          # (weights beyond float32's range keep their own dtype)
    layers = spec.build_layers()
    a = features.transform(np.asarray(X, dtype=theta.dtype), spec.features)
    out = []
    with np.errstate(over="ignore"):
        for layer, block in zip(layers, split_blocks(layers, theta)):
            a_tilde = with_ones(a) if layer.ones_column else a
            z = layer.forward(a_tilde, block, np.empty((len(a), layer.width), theta.dtype))
            a = layer.act.forward(z, np.empty_like(z))
            out.append((z, a))
    return out
