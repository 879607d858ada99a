"""Specification of model/features.py."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from backprop_lab.model.features import FEATURE_FORMULAS, FEATURES, transform

NAMES = ["x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)"]
X = np.array([[0.0, 1.0], [0.5, -2.0], [-3.0, 0.25], [np.pi / 2, 4.0]])


def expected(name, X):
    x1, x2 = X[:, 0], X[:, 1]
    return {"x1": x1, "x2": x2, "x1^2": x1 ** 2, "x2^2": x2 ** 2,
            "x1*x2": x1 * x2, "sin(x1)": np.sin(x1), "sin(x2)": np.sin(x2)}[name]


def test_registry_holds_the_seven_features_in_order_each_with_a_formula():
    assert list(FEATURES) == NAMES
    assert set(FEATURE_FORMULAS) == set(NAMES)
    assert all(isinstance(FEATURE_FORMULAS[n], str) and FEATURE_FORMULAS[n] for n in NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_each_feature_matches_its_formula(name):
    np.testing.assert_allclose(FEATURES[name](X), expected(name, X), rtol=1e-15)
    np.testing.assert_allclose(transform(X, [name])[:, 0], expected(name, X), rtol=1e-15)


def test_features_do_not_alias_or_modify_the_input():
    X_copy = X.copy()
    F = transform(X, ["x1", "x2"])
    F[:] = 99.0
    FEATURES["x1"](X)[:] = 99.0
    np.testing.assert_array_equal(X, X_copy)


def test_transform_shape_is_n_by_number_of_names():
    assert transform(X, NAMES).shape == (4, 7)
    assert transform(X, ["x1*x2", "x1*x2"]).shape == (4, 2)
    assert transform(np.empty((0, 2)), ["x1"]).shape == (0, 1)


@settings(max_examples=50, deadline=None)
@given(names=st.lists(st.sampled_from(NAMES), min_size=1, max_size=9))
def test_columns_follow_the_order_of_names(names):
    F = transform(X, names)
    for j, name in enumerate(names):
        np.testing.assert_allclose(F[:, j], expected(name, X), rtol=1e-15)


def test_dtype_follows_X():
    assert transform(X.astype(np.float32), NAMES).dtype == np.float32
    assert transform(X, NAMES).dtype == np.float64


def test_out_is_filled_and_returned_with_its_own_dtype():
    out = np.full((4, 3), np.nan, dtype=np.float32)
    result = transform(X, ["sin(x2)", "x1", "x1^2"], out=out)
    assert result is out and out.dtype == np.float32
    np.testing.assert_allclose(out[:, 0], np.sin(X[:, 1]), rtol=1e-6)
    np.testing.assert_allclose(out[:, 2], X[:, 0] ** 2, rtol=1e-6)


def test_out_of_the_wrong_shape_is_rejected():
    with pytest.raises(ValueError):
        transform(X, ["x1", "x2"], out=np.empty((4, 3)))


@pytest.mark.parametrize("names", [["x3"], ["x1", "cos(x1)"], [], "x1"])
def test_unknown_or_missing_names_raise_listing_the_valid_names(names):
    with pytest.raises(ValueError) as err:
        transform(X, names)
    assert all(name in str(err.value) for name in NAMES)


def test_X_must_have_two_columns():
    with pytest.raises(ValueError):
        transform(np.ones((4, 3)), ["x1"])
