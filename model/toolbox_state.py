"""The training toolbox's state in a session file (model/session.py): the dropout
generator and early stopping's best epoch in the JSON header (``"toolbox"``),
its best weights as the array ``toolbox.early_best_theta``. A session saved
before the toolbox existed has neither, and opens as a run without them.
"""
from __future__ import annotations

import math

import numpy as np

ARRAY = "toolbox.early_best_theta"


def header(toolbox) -> dict:
    """The JSON-able part of ``toolbox.state_dict()`` (an infinite best loss is null)."""
    d = {k: v for k, v in toolbox.state_dict().items() if k != "early_best_theta"}
    if "early_best_loss" in d and not math.isfinite(d["early_best_loss"]):
        d["early_best_loss"] = None
    return d


def arrays(toolbox) -> dict:
    theta = toolbox.state_dict().get("early_best_theta")
    return {} if theta is None else {ARRAY: theta}


def read(head, reader, n_params: int) -> dict:
    """A state dict for ``Toolbox.load_state_dict`` from a file's header part and
    arrays; ValueError for anything out of place."""
    if not isinstance(head, dict):
        raise ValueError("toolbox: not a JSON object")
    d = {}
    if "dropout_rng" in head:
        state = head["dropout_rng"]
        bits = np.random.PCG64()
        try:
            bits.state = state
        except (ValueError, TypeError, KeyError, OverflowError, AttributeError) as e:
            raise ValueError(f"toolbox: invalid dropout generator state ({type(e).__name__})") from None
        d["dropout_rng"] = bits.state
    if "early_best_epoch" in head:
        epoch, loss = head["early_best_epoch"], head.get("early_best_loss")
        if type(epoch) is not int or epoch < 0:
            raise ValueError(f"toolbox: early_best_epoch must be a whole number ≥ 0, found {epoch!r}"[:120])
        if loss is not None and (type(loss) not in (int, float) or not math.isfinite(loss)):
            raise ValueError("toolbox: early_best_loss must be a number or null")
        d["early_best_epoch"] = epoch
        d["early_best_loss"] = math.inf if loss is None else float(loss)
        d["early_stopped"] = head.get("early_stopped") is True
        if reader.has(ARRAY):
            theta = reader.read(ARRAY, (n_params,), "f")
            if not np.isfinite(theta).all():
                raise ValueError(f"{ARRAY}: contains NaN or infinite values")
            d["early_best_theta"] = theta
    return d
