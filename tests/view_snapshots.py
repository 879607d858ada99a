"""Snapshots of small trained networks for the view tests (cached: training is the slow part)."""
from __future__ import annotations

from functools import lru_cache

import numpy as np

from backprop_lab.model import TrainConfig, Trainer, datasets, make_data

# One config per network shape the views must draw.
SHAPES = {
    "no hidden layer": dict(hidden=()),
    "one hidden layer": dict(hidden=(3,)),
    "two hidden layers": dict(hidden=(4, 4)),
    "six hidden layers": dict(hidden=(5,) * 6, activation="tanh"),
    "conv first layer": dict(conv_kernel=2, features=("x1", "x2", "x1^2")),
    "no bias": dict(bias=False),
}


@lru_cache(maxsize=None)
def _snapshot(items: tuple, epochs: int, extra_point: tuple | None):
    cfg = TrainConfig(stop_at_100=False, **dict(items))
    if cfg.dataset == "xor-easy":
        X, y = datasets.xor_easy()
        Xt = yt = None
    else:
        X, y, Xt, yt = make_data(cfg)
    if extra_point is not None:
        X = np.vstack([X, [extra_point[:2]]])
        y = np.vstack([y, [[extra_point[2]]]])
    tr = Trainer(cfg, X, y, Xt, yt)
    tr.run(epochs)
    return tr.snapshot()


def snapshot(epochs: int = 30, extra_point: tuple | None = None, **config):
    """A Snapshot after ``epochs`` epochs of TrainConfig(**config) on its data set
    (xor-easy by default); extra_point (x, y, label) adds one training point."""
    return _snapshot(tuple(sorted(config.items())), epochs, extra_point)


def with_test_set(epochs: int = 40):
    """A circle data set with 30 % held out, trained a little: some points are misclassified."""
    return snapshot(epochs, dataset="circle", n_points=120, noise=0.2, test_fraction=0.3,
                    hidden=(4,), activation="tanh", loss="bce", lr=0.1)
