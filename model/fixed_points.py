"""Forward passes of one network over the same points, again and again.

The classification map asks for the network's output on the same grid at every
frame, each time with new weights. ``FixedPoints`` works out the grid's feature
values once and keeps a ``Workspace`` (backprop_lab.model.network) for it, so each
pass is the engine's own ``Network.forward`` over preallocated arrays, with the
columns of ones already in place: the same formulas as training, no allocation.

    grid = FixedPoints(spec, X, np.float32)    # X (n, 2) raw points, copied
    p = grid.outputs(theta)                     # (n, outputs); overwritten by the next call
    grid.fits(spec, X)                          # still the network shape and points?

Dropout is off (a Workspace's masks start as None), as in every picture. In a
narrower dtype than theta's (float32 for pictures: about twice as fast, within
~1e-7), weights beyond its range are computed in theta's own dtype instead, as
``network.layer_outputs`` does.
"""
from __future__ import annotations

import dataclasses

import numpy as np

from backprop_lab.model.network import Network, layer_outputs


class FixedPoints:
    def __init__(self, spec, X, dtype=None):
        self.spec = spec
        self.dtype = np.dtype(spec.dtype if dtype is None else dtype)
        self.X = np.array(X, dtype=float)
        self.network = Network(dataclasses.replace(spec, dtype=self.dtype.name))
        self.workspace = self.network.workspace(self.X)

    def fits(self, spec, X) -> bool:
        """True if these are ``spec``'s network and the points ``X``."""
        return spec == self.spec and np.shape(X) == self.X.shape and np.array_equal(X, self.X)

    def outputs(self, theta) -> np.ndarray:
        """The network's outputs (n, outputs) at the points, with weights ``theta`` (the
        flat vector of this shape, any float dtype): a view of the workspace, valid
        until the next call."""
        net = self.network
        with np.errstate(over="ignore", invalid="ignore"):
            np.copyto(net.theta, theta, casting="same_kind")
            if not np.isfinite(net.theta).all() and np.isfinite(theta).all():
                return layer_outputs(self.spec, theta, self.X)[-1][1]   # beyond this dtype
            return net.forward(self.workspace)
