"""Specification of model/datasets.py."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from backprop_lab.model.datasets import (DATASETS, DEFAULT_RANGE, circle, gaussian, linear, make,
                            spiral, train_test_split, xor, xor_easy)

NAMES = ["linear", "xor-easy", "circle", "spiral", "gaussian", "xor"]
BALANCED = ["circle", "spiral", "gaussian", "xor"]


def test_registry_lists_the_cli_names_in_order():
    # the two-class sets, then K classes (blobs) and regression (tests/test_datasets_problems.py)
    assert list(DATASETS) == NAMES + ["blobs", "plane", "multi-gauss"]
    assert set(DEFAULT_RANGE) == set(DATASETS)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("noise", [0.0, 0.3])
def test_every_data_set_gives_float64_points_and_binary_column_labels(name, noise):
    X, y = make(name, n=37, noise=noise, seed=3)
    n = 21 if name == "xor-easy" else 37
    assert X.shape == (n, 2) and y.shape == (n, 1)
    assert X.dtype == np.float64 and y.dtype == np.float64
    assert set(np.unique(y)) <= {0.0, 1.0}
    assert np.isfinite(X).all()


def test_xor_easy_has_exactly_the_21_lab_points():
    diagonal = [(0.1 * i, 0.1 * i) for i in range(11)]
    anti_diagonal = [(0.1 * i, 1 - 0.1 * i) for i in range(11) if i != 5]
    X, y = xor_easy()
    assert X.shape == (21, 2)
    np.testing.assert_allclose(X, np.array(diagonal + anti_diagonal), rtol=0, atol=1e-12)
    np.testing.assert_array_equal(y[:, 0], [0.0] * 11 + [1.0] * 10)


def test_xor_easy_ignores_n_and_seed_without_noise():
    X, y = xor_easy()
    X2, y2 = xor_easy(n=500, seed=123)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(y, y2)
    assert make("xor-easy", n=5, noise=0.0, seed=9)[0].shape == (21, 2)


def test_linear_labels_are_0_where_x1_exceeds_x2_else_1():
    X, y = linear(n=500, seed=1)
    assert ((X >= 0) & (X <= 1)).all()
    np.testing.assert_array_equal(y[:, 0], np.where(X[:, 0] > X[:, 1], 0.0, 1.0))
    assert 0 < y.sum() < 500


@pytest.mark.parametrize("name", NAMES)
def test_same_seed_gives_identical_arrays(name):
    X1, y1 = make(name, n=50, noise=0.2, seed=7)
    X2, y2 = make(name, n=50, noise=0.2, seed=7)
    assert X1.tobytes() == X2.tobytes() and y1.tobytes() == y2.tobytes()


@pytest.mark.parametrize("name", NAMES)
def test_different_seed_gives_different_points(name):
    X1, _ = make(name, n=50, noise=0.2, seed=7)
    X2, _ = make(name, n=50, noise=0.2, seed=8)
    assert not np.array_equal(X1, X2)


@pytest.mark.parametrize("name", BALANCED)
@pytest.mark.parametrize("n", [1, 2, 101, 200])
def test_classes_are_balanced_with_the_odd_point_in_class_1(name, n):
    _, y = make(name, n=n, seed=0)
    assert (y == 0).sum() == n // 2
    assert (y == 1).sum() == n - n // 2


@pytest.mark.parametrize("name", BALANCED)
def test_noise_free_points_stay_in_the_unit_square(name):
    X, _ = make(name, n=300, noise=0.0, seed=2)
    if name == "gaussian":   # Gaussian tails: only "roughly"
        assert (np.abs(X) <= 1.2).mean() > 0.99
    else:
        assert (np.abs(X) <= 1.0 + 1e-12).all()


def test_circle_puts_label_0_inside_radius_half_and_label_1_in_the_outer_ring():
    X, y = circle(n=400, noise=0.0, seed=4)
    r = np.hypot(X[:, 0], X[:, 1])
    assert (r[y[:, 0] == 0] <= 0.5).all()
    assert ((r[y[:, 0] == 1] >= 0.7) & (r[y[:, 0] == 1] <= 1.0)).all()


def test_xor_label_1_is_where_x1_times_x2_is_negative_away_from_the_axes():
    X, y = xor(n=400, noise=0.0, seed=5)
    np.testing.assert_array_equal(y[:, 0], (X[:, 0] * X[:, 1] < 0).astype(float))
    assert (np.abs(X) >= 0.05).all()


def test_gaussian_blobs_are_centred_at_minus_and_plus_half():
    X, y = gaussian(n=2000, noise=0.1, seed=6)
    np.testing.assert_allclose(X[y[:, 0] == 0].mean(axis=0), [-0.5, -0.5], atol=0.03)
    np.testing.assert_allclose(X[y[:, 0] == 1].mean(axis=0), [0.5, 0.5], atol=0.03)
    assert gaussian(n=2000, noise=0.8, seed=6)[0].std() > X.std()


def test_spiral_arms_are_point_reflections_of_each_other():
    X, y = spiral(n=100, noise=0.0)
    np.testing.assert_allclose(X[y[:, 0] == 1], -X[y[:, 0] == 0], atol=1e-12)
    assert np.hypot(X[:, 0], X[:, 1]).max() <= 1.0


def test_unknown_data_set_name_raises_listing_the_valid_names():
    with pytest.raises(ValueError) as err:
        make("moons")
    assert all(name in str(err.value) for name in NAMES)


def test_make_passes_arguments_through_to_the_generator():
    np.testing.assert_array_equal(make("circle", n=30, noise=0.2, seed=1)[0],
                                  circle(n=30, noise=0.2, seed=1)[0])


def test_split_is_a_disjoint_permutation_of_the_input():
    X = np.column_stack([np.arange(20.0), -np.arange(20.0)])
    y = (np.arange(20) % 2).astype(float)[:, None]
    X_tr, y_tr, X_te, y_te = train_test_split(X, y, 0.25, seed=0)
    assert len(X_te) == 5 and len(X_tr) == 15
    ids_tr, ids_te = X_tr[:, 0].astype(int), X_te[:, 0].astype(int)
    assert set(ids_tr).isdisjoint(ids_te)
    assert sorted(np.concatenate([ids_tr, ids_te])) == list(range(20))
    np.testing.assert_array_equal(y_tr[:, 0], ids_tr % 2)   # rows stay paired
    np.testing.assert_array_equal(y_te[:, 0], ids_te % 2)


def test_split_with_fraction_0_gives_empty_test_arrays():
    X, y = xor_easy()
    X_tr, y_tr, X_te, y_te = train_test_split(X, y, 0.0, seed=0)
    assert X_te.shape == (0, 2) and y_te.shape == (0, 1)
    assert X_tr.shape == (21, 2) and y_tr.shape == (21, 1)


def test_split_is_deterministic_per_seed():
    X, y = circle(n=50)
    a = train_test_split(X, y, 0.3, seed=1)
    b = train_test_split(X, y, 0.3, seed=1)
    c = train_test_split(X, y, 0.3, seed=2)
    assert all(np.array_equal(p, q) for p, q in zip(a, b))
    assert not np.array_equal(a[2], c[2])


@pytest.mark.parametrize("fraction", [-0.1, 1.0, 1.5])
def test_split_rejects_fractions_outside_0_to_1(fraction):
    X, y = xor_easy()
    with pytest.raises(ValueError):
        train_test_split(X, y, fraction, seed=0)


@settings(max_examples=60, deadline=None)
@given(n=st.integers(1, 300), fraction=st.floats(0.0, 0.999), seed=st.integers(0, 2**32))
def test_split_sizes_are_rounded_and_keep_a_training_point(n, fraction, seed):
    X, y = linear(n=n, seed=0)
    X_tr, y_tr, X_te, y_te = train_test_split(X, y, fraction, seed)
    k = min(round(n * fraction), n - 1)
    assert X_te.shape == (k, 2) and y_te.shape == (k, 1)
    assert X_tr.shape == (n - k, 2) and y_tr.shape == (n - k, 1)
    np.testing.assert_array_equal(np.sort(np.concatenate([X_tr, X_te]), axis=0),
                                  np.sort(X, axis=0))
