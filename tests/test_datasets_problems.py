"""Data sets for K classes (blobs, K-arm spiral) and for regression (plane, multi-gauss)."""
import numpy as np
import pytest

from backprop_lab.model import TrainConfig
from backprop_lab.model.datasets import make
from backprop_lab.model.datasets_regression import BUMPS, multi_gauss_target
from backprop_lab.model.trainer import make_data


@pytest.mark.parametrize("name", ["spiral", "blobs"])
@pytest.mark.parametrize("K", [2, 3, 5, 8])
def test_multiclass_sets_label_every_class_with_n_over_k_points(name, K):
    X, y = make(name, n=101, noise=0.2, seed=1, classes=K)
    assert X.shape == (101, 2) and y.shape == (101, 1)
    counts = np.bincount(y[:, 0].astype(int))
    assert len(counts) == K
    assert list(counts[:-1]) == [101 // K] * (K - 1) and counts[-1] == 101 - (K - 1) * (101 // K)


def test_spiral_arms_are_turned_by_a_kth_of_a_circle():
    X, y = make("spiral", n=300, noise=0.0, classes=3)
    arm0, arm1 = X[y[:, 0] == 0], X[y[:, 0] == 1]
    c, s = np.cos(2 * np.pi / 3), np.sin(2 * np.pi / 3)
    # (x, y) = r (sin t, cos t): turning t by φ maps (x, y) to (x cos φ + y sin φ, y cos φ − x sin φ)
    turned = np.column_stack([arm0[:, 0] * c + arm0[:, 1] * s, arm0[:, 1] * c - arm0[:, 0] * s])
    assert np.allclose(turned, arm1)


def test_blob_points_are_nearest_their_own_centre_without_noise():
    X, y = make("blobs", n=400, noise=0.0, seed=4, classes=4)
    angle = np.pi / 2 + 2 * np.pi * np.arange(4) / 4
    centres = 0.6 * np.column_stack([np.cos(angle), np.sin(angle)])
    nearest = np.argmin(((X[:, None, :] - centres) ** 2).sum(-1), axis=1)
    assert np.mean(nearest == y[:, 0]) > 0.99


def test_plane_target_is_a_linear_function_of_the_point_without_noise():
    X, y = make("plane", n=50, noise=0.0, seed=3)
    assert np.allclose(y[:, 0], 0.6 * (X[:, 0] + X[:, 1]))
    assert np.abs(X).max() <= 1.0


def test_plane_noise_makes_the_target_disagree_with_the_point():
    X, y = make("plane", n=200, noise=0.5, seed=3)
    err = y[:, 0] - 0.6 * X.sum(1)
    assert 0.05 < np.abs(err).mean() < 0.6


def test_multi_gauss_peaks_at_the_bump_centres_with_their_sign():
    peaks = multi_gauss_target(BUMPS[:, :2])
    assert np.array_equal(peaks, BUMPS[:, 2])
    assert multi_gauss_target(np.array([[0.0, 0.0]]))[0] == 0.0      # between the bumps
    _, y = make("multi-gauss", n=300, seed=0)
    assert -1 <= y.min() < -0.5 and 0.5 < y.max() <= 1


def test_make_data_passes_the_configs_classes_to_the_data_set():
    cfg = TrainConfig(dataset="spiral", n_points=90, classes=3, output_activation="softmax", loss="ce")
    X, y, _, _ = make_data(cfg)
    assert set(np.unique(y)) == {0.0, 1.0, 2.0}
    two = make_data(TrainConfig(dataset="spiral", n_points=90))
    assert set(np.unique(two[1])) == {0.0, 1.0}


def test_classification_config_rejects_a_regression_data_set():
    with pytest.raises(ValueError, match="regression data set"):
        TrainConfig(dataset="plane").validated()
    TrainConfig(dataset="plane", task="regression", output_activation="none").validated()
