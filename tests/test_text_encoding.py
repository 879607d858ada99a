"""Points CSVs from Chinese Windows (GBK, Big5), UTF-16 and UTF-8 with a BOM are read,
the encoding used is reported, and the user can force one."""
import subprocess
import sys

import pytest

from backprop_lab.model.csv_data import DataFileError, read_points_csv
from backprop_lab.model.text_encoding import decode_text

ROWS = [("0.25", "-0.5", "1", "train", "第一個點"), ("0.1", "0.3", "0", "test", "學生的資料"),
        ("-0.4", "0.9", "1", "train", "備註：重複測量")]


def points_text(note_header="備註", simplified=False):
    rows = [",".join(r) for r in ROWS]
    text = "\r\n".join([f"x1,x2,label,split,{note_header}", *rows]) + "\r\n"
    if simplified:
        text = text.translate(str.maketrans("個點學資備註複測", "个点学资备注复测"))
    return text


@pytest.mark.parametrize("codec, simplified, expected", [
    ("utf-8", False, "UTF-8"),
    ("utf-8-sig", False, "UTF-8 with BOM"),
    ("utf-16", False, "UTF-16"),
    ("utf-16-le", True, "UTF-16"),
    ("gbk", True, "GBK"),
    ("big5", False, "Big5"),
])
def test_each_encoding_excel_writes_is_detected_and_named(tmp_path, codec, simplified, expected):
    path = tmp_path / "points.csv"
    path.write_bytes(points_text(simplified=simplified).encode(codec))

    pf = read_points_csv(path)

    assert pf.encoding == expected
    assert pf.X.tolist() == [[0.25, -0.5], [-0.4, 0.9]] and pf.y.ravel().tolist() == [1, 1]
    assert pf.X_test.tolist() == [[0.1, 0.3]]


def test_gbk_and_big5_of_the_same_words_are_told_apart():
    traditional = "名稱,說明\n資料點,學生的測試資料\n"
    simplified = "名称,说明\n资料点,学生的测试资料\n"
    assert decode_text(traditional.encode("big5")) == (traditional, "Big5")
    assert decode_text(simplified.encode("gbk")) == (simplified, "GBK")


def test_a_forced_encoding_is_used_and_a_wrong_one_is_refused_in_one_line(tmp_path):
    path = tmp_path / "points.csv"
    path.write_bytes(points_text(simplified=True).encode("gbk"))
    assert read_points_csv(path, "gbk").encoding == "GBK"
    with pytest.raises(DataFileError, match="points.csv: not a text file in the utf-8 encoding"):
        read_points_csv(path, "utf-8")
    with pytest.raises(DataFileError, match="unknown text encoding 'klingon'"):
        read_points_csv(path, "klingon")


def test_train_data_reads_big5_and_says_so(tmp_path):
    path = tmp_path / "points.csv"
    path.write_bytes(points_text().encode("big5"))
    cmd = [sys.executable, "-m", "backprop_lab.model", "train", "--data", str(path), "--epochs", "3"]

    result = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "points.csv: read as Big5 (detected; --encoding overrides)" in result.stderr

    forced = subprocess.run([*cmd, "--encoding", "utf-8"], capture_output=True, text=True, timeout=120)
    assert forced.returncode == 2
    assert "not a text file in the utf-8 encoding" in forced.stderr


def test_import_in_the_window_names_the_encoding_and_honours_the_menu(window, tmp_path):
    path = tmp_path / "points.csv"
    path.write_bytes(points_text(simplified=True).encode("gbk"))
    menu = window.file_menu

    assert menu.import_points_from(path)
    assert "(GBK)" in window.statusBar().currentMessage()
    assert window.data.n_train == 2 and window.data.n_test == 1

    menu.encoding_actions["big5"].trigger()
    assert menu.csv_encoding == "big5"
    assert menu.import_points_from(path)                # forced: read as Big5, as asked
    assert "(Big5)" in window.statusBar().currentMessage()
    menu.encoding_actions["auto"].trigger()
    assert menu.csv_encoding == "auto"
