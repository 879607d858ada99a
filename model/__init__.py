"""Backprop Lab's engine: a from-scratch NumPy multilayer perceptron.

    from model import TrainConfig, Trainer, datasets
    X, y = datasets.xor_easy()
    tr = Trainer(TrainConfig(hidden=(4, 4), activation="sigmoid", loss="mse", lr=0.1), X, y)
    tr.run()
"""
from model import datasets
from model.config import TrainConfig
from model.trainer import EpochStats, Trainer, make_data
from model.snapshot import Snapshot

__all__ = ["TrainConfig", "Trainer", "EpochStats", "Snapshot", "datasets", "make_data"]
