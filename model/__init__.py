"""Backprop Lab's engine: a from-scratch NumPy multilayer perceptron.

    from backprop_lab.model import TrainConfig, Trainer, datasets
    X, y = datasets.xor_easy()
    tr = Trainer(TrainConfig(hidden=(4, 4), activation="sigmoid", loss="mse", lr=0.1), X, y)
    tr.run()
"""
from backprop_lab.model import datasets
from backprop_lab.model.config import TrainConfig
from backprop_lab.model.trainer import EpochStats, Trainer, make_data
from backprop_lab.model.snapshot import Snapshot
from backprop_lab.model.version import __version__

__all__ = ["TrainConfig", "Trainer", "EpochStats", "Snapshot", "datasets", "make_data", "__version__"]
