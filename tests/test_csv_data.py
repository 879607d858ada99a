"""CSV data files: points in and out, the training log out, bad files refused by line."""
import functools
import os

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backprop_lab.model import TrainConfig, Trainer, make_data
from backprop_lab.model import csv_data
from backprop_lab.model.csv_data import DataFileError, read_points_csv, write_history_csv, write_points_csv
from bad_files import assert_refused, read_or_refused, sparse_file

fuzz = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def csv_file(tmp_path, text, name="points.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


refused = functools.partial(assert_refused, read_points_csv, DataFileError)


# --- reading ----------------------------------------------------------------------
def test_reads_points_and_labels_as_float_columns(tmp_path):
    pf = read_points_csv(csv_file(tmp_path, "x1,x2,label\n0.5,-1,1\n2e-3,3,0.0\n"))
    assert np.array_equal(pf.X, [[0.5, -1.0], [0.002, 3.0]]) and pf.X.shape == (2, 2)
    assert np.array_equal(pf.y, [[1.0], [0.0]]) and pf.y.shape == (2, 1)
    assert pf.X_test.shape == (0, 2) and pf.y_test.shape == (0, 1)
    assert pf.notices == []


def test_header_names_match_in_any_case_and_order_with_extra_columns_noted(tmp_path):
    text = "\ufeffLabel, Foo ,X2,x1,bar\n1,a,0.2,0.1,b\n"   # with a spreadsheet's byte-order mark
    pf = read_points_csv(csv_file(tmp_path, text))
    assert np.array_equal(pf.X, [[0.1, 0.2]]) and np.array_equal(pf.y, [[1.0]])
    assert pf.notices == ["ignored extra columns: Foo, bar"]


def test_split_column_separates_test_points_and_blank_lines_are_skipped(tmp_path):
    text = "x1,x2,label,split\n0,0,0,train\n\n1,1,1,TEST\n2,2,1,\n"
    pf = read_points_csv(csv_file(tmp_path, text))
    assert np.array_equal(pf.X, [[0, 0], [2, 2]]) and np.array_equal(pf.y, [[0], [1]])
    assert np.array_equal(pf.X_test, [[1, 1]]) and np.array_equal(pf.y_test, [[1]])
    assert pf.notices == ["1 row(s) with an empty split were taken as training points"]


def test_header_without_rows_gives_no_points_and_a_notice(tmp_path):
    pf = read_points_csv(csv_file(tmp_path, "x1,x2,label\n"))
    assert pf.X.shape == (0, 2) and pf.notices == ["no data points after the header"]


@pytest.mark.parametrize("text, words", [
    ("", ["empty file"]),
    ("\n \n", ["empty file"]),
    ("x1,x2\n0,0\n", ["line 1", "missing column(s) label"]),
    ("0.1,0.2,1\n", ["line 1", "missing column(s) x1, x2, label", "header"]),
    ("x1,x2,label\n0,0,1\n0,abc,1\n", ["line 3", "non-numeric value 'abc' in column x2"]),
    ("x1,x2,label\n\n0,nan,1\n", ["line 3", "x2 is nan"]),
    ("x1,x2,label\n-inf,0,1\n", ["line 2", "x1 is -inf"]),
    ("x1,x2,label\n0,0,8\n", ["line 2", "label must be 0 or 1", "found '8'"]),   # 2 .. 7 are classes (K ≥ 3)
    ("x1,x2,label\n0,0,0.5\n", ["line 2", "label must be 0 or 1", "found '0.5'"]),
    ("x1,x2,label\n0,0,yes\n", ["line 2", "label must be 0 or 1"]),
    ("x1,x2,label\n0,0,1\n0,0,inf\n", ["line 3", "label must be 0 or 1", "found 'inf'"]),   # not a crash
    ("x1,x2,label\n0,0,nan\n", ["line 2", "label must be 0 or 1", "found 'nan'"]),
    ("x1,x2,label\n0,0\n", ["line 2", "2 values, expected 3"]),
    ("x1,x2,label,split\n0,0,1,val\n", ["line 2", "split must be train or test, found 'val'"]),
    ("x1,x1,x2,label\n0,0,0,1\n", ["line 1", "x1 appear more than once"]),
])
def test_bad_files_are_refused_naming_the_problem_and_line(tmp_path, text, words):
    refused(csv_file(tmp_path, text), *words)


def test_binary_and_missing_files_are_data_file_errors(tmp_path):
    junk = tmp_path / "junk.csv"
    junk.write_bytes(b"x1,x2,label\n\xff\xfe\x00\x01")
    refused(junk, "not UTF-8")
    refused(tmp_path / "missing.csv", "cannot read")


def test_file_over_50_mb_is_refused_before_reading(tmp_path):
    refused(sparse_file(tmp_path / "big.csv", csv_data.MAX_CSV_BYTES + 1), "larger than the 50 MB limit")


def test_more_rows_than_the_limit_are_refused_at_the_first_row_too_many(tmp_path, monkeypatch):
    monkeypatch.setattr(csv_data, "MAX_ROWS", 3)   # the real limit is 1 000 000 rows
    assert len(read_points_csv(csv_file(tmp_path, "x1,x2,label\n" + "0,0,1\n" * 3)).X) == 3
    refused(csv_file(tmp_path, "x1,x2,label\n" + "0,0,1\n" * 4), "line 5", "more than 3 data rows")


@fuzz
@given(text=st.text(alphabet="x12label,split\n\r\"0.5e-naif ", max_size=200))
def test_any_text_is_read_or_refused_with_a_data_file_error(tmp_path, text):
    pf = read_or_refused(read_points_csv, DataFileError, tmp_path / "fuzz.csv", text.encode())
    if pf is not None:
        assert np.isfinite(pf.X).all() and np.isin(pf.y, (0.0, 1.0)).all()


# --- writing points ------------------------------------------------------------------
finite = st.floats(allow_nan=False, allow_infinity=False)
points = st.integers(0, 20).flatmap(lambda n: st.tuples(
    st.lists(st.tuples(finite, finite), min_size=n, max_size=n),
    st.lists(st.sampled_from([0.0, 1.0]), min_size=n, max_size=n)))


@fuzz
@given(train=points, test=points)
def test_written_points_read_back_exactly(tmp_path, train, test):
    X, y = np.array(train[0]).reshape(-1, 2), np.array(train[1]).reshape(-1, 1)
    Xt, yt = np.array(test[0]).reshape(-1, 2), np.array(test[1]).reshape(-1, 1)
    path = tmp_path / "round.csv"
    write_points_csv(path, X, y, Xt, yt)
    pf = read_points_csv(path)
    assert np.array_equal(pf.X, X) and np.array_equal(pf.y, y)
    assert np.array_equal(pf.X_test, Xt) and np.array_equal(pf.y_test, yt)


def test_points_file_has_a_split_column_only_when_there_are_test_points(tmp_path):
    write_points_csv(tmp_path / "a.csv", [[0.5, 1.0]], [[1]])
    assert (tmp_path / "a.csv").read_text() == "x1,x2,label\n0.5,1.0,1\n"
    write_points_csv(tmp_path / "b.csv", [[0.5, 1.0]], [[1]], [[0.0, 0.25]], [[0]])
    assert (tmp_path / "b.csv").read_text() == "x1,x2,label,split\n0.5,1.0,1,train\n0.0,0.25,0,test\n"


def test_writing_inconsistent_points_is_a_value_error_and_writes_nothing(tmp_path):
    with pytest.raises(ValueError, match="labels must be whole numbers 0 to 7"):
        write_points_csv(tmp_path / "p.csv", [[0, 0]], [[0.5]])      # (3 is a class of K ≥ 4)
    with pytest.raises(ValueError, match="2 points but 1 labels"):
        write_points_csv(tmp_path / "p.csv", [[0, 0], [1, 1]], [[1]])
    assert os.listdir(tmp_path) == []


def test_a_crash_mid_write_keeps_the_previous_file_and_leaves_no_temp_file(tmp_path, monkeypatch):
    path = tmp_path / "p.csv"
    write_points_csv(path, [[0.0, 0.0]], [[1]])
    before = path.read_bytes()
    calls = []

    def dies_on_third_value(v):
        calls.append(v)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        return repr(float(v))
    monkeypatch.setattr(csv_data, "_fmt", dies_on_third_value)
    with pytest.raises(OSError):
        write_points_csv(path, np.ones((5, 2)), np.ones((5, 1)))
    assert path.read_bytes() == before and os.listdir(tmp_path) == ["p.csv"]


# --- the training log ------------------------------------------------------------------
@pytest.fixture(scope="module")
def trainer():
    cfg = TrainConfig(dataset="gaussian", n_points=30, hidden=(3, 2), test_fraction=0.2,
                      stop_at_100=False)
    tr = Trainer(cfg, *make_data(cfg))
    tr.run(6)
    return tr


def test_history_csv_has_one_row_per_epoch_and_a_grad_norm_column_per_layer(tmp_path, trainer):
    path = tmp_path / "log.csv"
    write_history_csv(path, trainer.history.arrays())
    lines = path.read_text().splitlines()
    assert lines[0] == ("epoch,loss,accuracy,test_loss,test_accuracy,"
                        "grad_norm_layer1,grad_norm_layer2,grad_norm_layer3")
    table = np.array([[float(v) for v in line.split(",")] for line in lines[1:]])
    h = trainer.history.arrays()
    assert np.array_equal(table[:, 0], np.arange(1, 7))
    assert np.array_equal(table[:, 1], h["loss"]) and np.array_equal(table[:, 4], h["test_accuracy"])
    assert np.array_equal(table[:, 5:], h["grad_norms"])


def test_history_csv_accepts_a_snapshot_view_and_leaves_missing_test_values_empty(tmp_path):
    cfg = TrainConfig(stop_at_100=False)
    tr = Trainer(cfg, *make_data(cfg))
    tr.run(2)
    write_history_csv(tmp_path / "log.csv", tr.snapshot().history)
    rows = (tmp_path / "log.csv").read_text().splitlines()[1:]
    assert len(rows) == 2 and all(r.split(",")[3:5] == ["", ""] for r in rows)


def test_k_class_labels_and_regression_targets_round_trip(tmp_path):
    X = np.array([[0.5, 1.0], [0.0, -0.25], [1.5, 2.0]])
    write_points_csv(tmp_path / "k.csv", X, [[0], [4], [2]])
    pf = read_points_csv(tmp_path / "k.csv")
    assert pf.y[:, 0].tolist() == [0, 4, 2] and pf.classes == 5 and not pf.regression
    write_points_csv(tmp_path / "r.csv", X, [[0.125], [-3.5], [1e-3]], regression=True)
    assert (tmp_path / "r.csv").read_text().splitlines()[:2] == ["x1,x2,target", "0.5,1.0,0.125"]
    pf = read_points_csv(tmp_path / "r.csv")
    assert pf.regression and pf.y[:, 0].tolist() == [0.125, -3.5, 1e-3]


def test_a_target_that_is_not_a_number_names_the_line(tmp_path):
    (tmp_path / "r.csv").write_text("x1,x2,target\n0,0,0.5\n1,1,high\n")
    with pytest.raises(ValueError, match="line 3: non-numeric value 'high' in column target"):
        read_points_csv(tmp_path / "r.csv")


@pytest.mark.parametrize("classes", [2, 3, 8])
def test_a_label_read_alone_follows_the_rule_for_a_whole_set(classes):
    """points.is_label (a CSV line, a click) and points.checked_points (arrays) agree."""
    from backprop_lab.model.points import checked_points, is_label
    for v in [0, 1, -0.0, 2, 2.5, classes - 1, classes, 7, 8, -1, np.inf, -np.inf, np.nan, 1e300]:
        try:
            checked_points([[0.0, 0.0]], [v], "data", classes=classes)
            whole_set = True
        except ValueError:
            whole_set = False
        assert is_label(v, classes) == whole_set, v
