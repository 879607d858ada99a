"""The lab's baseline: a 2-4-4-1 sigmoid network, MSE loss, plain SGD with
learning rate 0.1 (TrainConfig's defaults) learns both lab data sets to 100%
training accuracy within 100 000 epochs.

Not every weight seed gets there: on xor-easy an unlucky start can sit on a
plateau past 100 000 epochs. That is real behaviour of the lab's setup, so the
test names seeds that converge and also asserts that most seeds 0..9 do.
"""
import functools

import pytest

from backprop_lab.model import TrainConfig, Trainer, make_data

LAB = TrainConfig(n_points=100, data_seed=0)        # everything else: the defaults
CONVERGING_SEEDS = (0, 1, 2)
SEEDS = range(10)


def test_the_defaults_are_the_lab_setup():
    assert (LAB.hidden, LAB.activation, LAB.output_activation) == ((4, 4), "sigmoid", "sigmoid")
    assert (LAB.loss, LAB.optimizer, LAB.lr, LAB.batch_size) == ("mse", "sgd", 0.1, 0)
    assert LAB.features == ("x1", "x2") and LAB.max_epochs == 100_000 and LAB.stop_at_100


@functools.lru_cache(maxsize=None)
def train(dataset: str, seed: int) -> Trainer:
    """The lab network trained until 100% or 100 000 epochs (cached: tests share runs)."""
    cfg = LAB.replace(dataset=dataset, seed=seed)
    X, y, _, _ = make_data(cfg)
    trainer = Trainer(cfg, X, y)
    trainer.run()
    return trainer


@pytest.mark.parametrize("dataset", ["linear", "xor-easy"])
def test_most_weight_seeds_reach_100_percent(dataset):
    # stop as soon as the majority is decided, to keep the run short
    converged = failed = 0
    for seed in SEEDS:
        if train(dataset, seed).status == "converged":
            converged += 1
        else:
            failed += 1
        if converged > len(SEEDS) // 2 or failed >= len(SEEDS) - len(SEEDS) // 2:
            break
    assert converged > len(SEEDS) // 2, f"only {converged} of the first {converged + failed} seeds"


@pytest.mark.parametrize("dataset", ["linear", "xor-easy"])
@pytest.mark.parametrize("seed", CONVERGING_SEEDS)
def test_the_lab_network_reaches_100_percent_within_100000_epochs(dataset, seed):
    trainer = train(dataset, seed)

    history = trainer.history.view()
    assert trainer.status == "converged", trainer.message
    assert trainer.stop_epoch == trainer.epoch <= 100_000
    assert history.accuracy[-1] == 1.0
    assert (history.accuracy[:-1] < 1.0).all()      # it stopped at the first 100% epoch
    assert history.loss[-1] < history.loss[0]
