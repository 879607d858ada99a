"""bench/fused_mlp.py, the hand-fused lower bound in bench/engine_speed.py, does the
engine's work: from the same initial weights it records the same loss, accuracy
and gradient norms every epoch and ends with the same weights."""
import sys
from pathlib import Path

import numpy as np
import pytest

from backprop_lab.model import TrainConfig, Trainer, make_data

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from fused_mlp import fused_runner  # noqa: E402


@pytest.mark.parametrize("cfg", [
    TrainConfig(dataset="linear", n_points=100, stop_at_100=False),
    TrainConfig(dataset="xor-easy", hidden=(6, 6), lr=0.5, stop_at_100=False),
], ids=["linear-4-4", "xor-easy-6-6"])
def test_hand_fused_epoch_follows_the_engine(cfg):
    X, y, _, _ = make_data(cfg)
    trainer = Trainer(cfg, X, y)
    run, history = fused_runner([B.copy() for B in trainer.network.blocks], X, y, cfg.lr)

    run(400)
    trainer.run(400)

    h = trainer.history.view()
    loss, accuracy, sq_norms = (np.array(col) for col in zip(*history))
    np.testing.assert_allclose(loss, h.loss, rtol=0, atol=1e-12)
    np.testing.assert_array_equal(accuracy, h.accuracy)
    np.testing.assert_allclose(np.sqrt(sq_norms), h.grad_norms, rtol=1e-9)
    assert h.loss[-1] < h.loss[0]                     # it trained
