"""Accuracy is counted by one function, metrics.count_correct, for the Trainer and for the
sweep's BatchedTrainer; the epoch's and the test set's accuracy agree with metrics.accuracy."""
import numpy as np

from backprop_lab.model import TrainConfig, Trainer, make_data, metrics
from backprop_lab.model.batched import BatchedTrainer


def outputs_and_labels(shape, seed=0):
    rng = np.random.default_rng(seed)
    p = rng.random(shape)
    p[..., :3, :] = 0.5                          # the threshold itself: class 0
    p[..., 3, :] = np.nan                        # a diverged output: class 0, as p > 0.5 is False
    return p, rng.random(shape) > 0.5


def test_count_correct_of_one_network_is_the_accuracy_times_the_points():
    p, labels = outputs_and_labels((40, 1))
    got = metrics.count_correct(p, labels, np.empty((40, 1), bool))
    assert isinstance(got, int)
    assert got == round(metrics.accuracy(p, labels) * 40)
    assert got == sum((pi > 0.5) == li for pi, li in zip(p[:, 0], labels[:, 0]))


def test_count_correct_of_trials_counts_each_trial_as_if_alone():
    p, labels = outputs_and_labels((5, 40, 1), seed=1)
    labels = labels[0]                           # the trials share the points
    got = metrics.count_correct(p, labels, np.empty((5, 40, 1), bool))
    assert got.shape == (5,)
    alone = [metrics.count_correct(p[t], labels, np.empty((40, 1), bool)) for t in range(5)]
    assert got.tolist() == alone
    assert len(set(alone)) > 1                   # the trials differ: a mixed-up axis would show


def test_an_epochs_accuracy_is_that_of_its_forward_pass_before_the_update():
    cfg = TrainConfig(dataset="circle", n_points=60, hidden=(3,), max_epochs=50, stop_at_100=False)
    tr = Trainer(cfg, *make_data(cfg)[:2])
    seen = set()
    for _ in range(20):
        p = tr.snapshot().predict(tr.X)          # the weights the epoch starts from
        stats = tr.step()
        assert stats.accuracy == metrics.accuracy(p, tr.y)
        seen.add(stats.accuracy)
    assert len(seen) > 1


def test_the_test_accuracy_is_that_of_the_weights_after_the_epoch():
    cfg = TrainConfig(dataset="circle", n_points=80, test_fraction=0.25, hidden=(3,),
                      stop_at_100=False)
    tr = Trainer(cfg, *make_data(cfg))
    for _ in range(5):
        stats = tr.step()
        snap = tr.snapshot()
        assert stats.test_accuracy == metrics.accuracy(snap.predict(tr.X_test), tr.y_test)
        assert snap.scores_now()["test_accuracy"] == stats.test_accuracy


def test_batched_trials_count_the_accuracy_of_each_trial_run_alone():
    cfg = TrainConfig(dataset="circle", n_points=60, hidden=(3,), max_epochs=30, stop_at_100=False)
    X, y = make_data(cfg)[:2]
    seeds = [0, 1, 2]
    outcomes = BatchedTrainer(cfg, X, y, seeds).run()
    for seed, o in zip(seeds, outcomes):
        tr = Trainer(cfg.replace(seed=seed), X, y)
        tr.run()
        assert o.final_accuracy == tr.history.view().accuracy[-1]
