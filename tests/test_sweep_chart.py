"""Specs of the sweep's charts: what each chart holds (model/sweep_series.py), how it is
drawn (gui/sweep_chart.py), `sweep --plot FILE` and the Experiments dialog's chart."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from PySide6.QtGui import QColor, QImage

from backprop_lab.gui.cli_drawers import register_drawers
from backprop_lab.gui.sweep_chart import chart_size, save_chart
from backprop_lab.gui.views.colors import WRONG
from backprop_lab.model import sweep_cli
from backprop_lab.model.batched import TrialOutcome
from backprop_lab.model.config import TrainConfig
from backprop_lab.model.sweep import PRESETS, SweepResult, expand_grid, summarize
from backprop_lab.model.sweep_series import charts


def _row(cfg, axes, stops, failed=0):
    """A SweepRow whose trials stopped at ``stops`` and ``failed`` more that did not."""
    outs = [TrialOutcome(i, "converged", s, 1.0, s) for i, s in enumerate(stops)]
    outs += [TrialOutcome(100 + i, "max_epochs", None, 0.5, cfg.max_epochs) for i in range(failed)]
    return summarize(cfg, axes, outs, 1.0)


def _lab_result():
    """The lab preset's 30 rows with made-up stop epochs: xor-easy without activation fails."""
    preset = PRESETS["lab"]
    rows = []
    for k, cfg in enumerate(preset.configs()):
        if cfg.dataset == "xor-easy" and cfg.activation == "none":
            rows.append(_row(cfg, preset.axes, [], failed=10))
        else:
            base = round(300 / cfg.lr) + 7 * k
            rows.append(_row(cfg, preset.axes, [base, 2 * base, 3 * base], failed=int(cfg.activation == "relu")))
    return SweepResult(tuple(rows), preset.axes, 4, False, 1.0)


def test_a_one_axis_at_a_time_study_gives_one_chart_per_axis_with_a_line_per_data_set():
    result = _lab_result()
    by_axis = {c.axis: c for c in charts(result.rows, result.axes)}
    assert list(by_axis) == ["lr", "hidden", "activation"]
    lr, hidden, act = by_axis["lr"], by_axis["hidden"], by_axis["activation"]
    assert [s.name for s in lr.series] == ["linear", "xor-easy"]
    assert [p.x for p in lr.series[0].points] == [0.005, 0.01, 0.05, 0.1]      # sorted by value
    assert lr.numeric and lr.log_x and lr.log_y              # 0.005 .. 0.1 and the stop epochs span > 10×
    assert [p.label for p in hidden.series[1].points][:2] == ["10-10", "20-20"]
    assert hidden.numeric and not hidden.log_x                # 10 .. 100 units: a factor of 10 only
    assert not act.numeric and [t for _, t in act.ticks] == ["sigmoid", "none", "relu"]
    none_xor = act.series[1].points[1]
    assert (none_xor.label, none_xor.stop_mean, none_xor.failures) == ("none", None, 10)
    assert (act.failures, act.trials) == (12, 27)
    lin = lr.series[0].points[0]
    row = next(r for r in result.rows if r.dataset == "linear" and r.config.lr == 0.005)
    assert (lin.stop_mean, lin.stop_min, lin.stop_max) == (row.stop_mean, row.stop_min, row.stop_max)


def test_a_full_grid_draws_a_line_per_data_set_and_value_of_the_other_axes():
    cfgs = expand_grid(TrainConfig(max_epochs=1000), {"lr": [0.1, 0.5], "hidden": [(4, 4), (8, 8)]},
                       ["linear"])
    rows = [_row(c, ("lr", "hidden"), [100 + i]) for i, c in enumerate(cfgs)]
    lr_chart, hidden_chart = charts(rows, ("lr", "hidden"))
    assert [s.name for s in lr_chart.series] == ["linear, hidden 4-4", "linear, hidden 8-8"]
    assert [s.name for s in hidden_chart.series] == ["linear, lr 0.1", "linear, lr 0.5"]
    assert charts(rows[:1], ("lr", "hidden")) == []            # one row: nothing to draw a line through


def _red_pixels(image: QImage) -> int:
    red = QColor(WRONG)
    return sum(1 for y in range(0, image.height(), 2) for x in range(0, image.width(), 2)
               if image.pixelColor(x, y) == red)


def test_save_chart_writes_a_png_and_an_svg_of_the_same_charts(qapp, tmp_path):
    result = _lab_result()
    png = QImage(save_chart(result, tmp_path / "study.png"))
    w, h = chart_size(3)
    assert (png.width(), png.height()) == (2 * w, 2 * h)
    assert _red_pixels(png) > 0                       # the failures are marked
    svg = ET.parse(save_chart(result, tmp_path / "study.svg")).getroot()
    text = " ".join(t.text or "" for t in svg.iter() if t.tag.endswith("text"))
    for words in ("stop epoch vs lr", "stop epoch vs hidden", "stop epoch vs activation",
                  "failures: 12 of", "xor-easy"):
        assert words in text
    with pytest.raises(ValueError, match="use .png or .svg"):
        save_chart(result, tmp_path / "study.pdf")


def test_a_study_without_failures_has_no_red_marks(qapp, tmp_path):
    cfgs = expand_grid(TrainConfig(max_epochs=1000), {"lr": [0.1, 0.5, 1.0]}, ["linear", "xor-easy"])
    rows = [_row(c, ("lr",), [100 + i, 200]) for i, c in enumerate(cfgs)]
    image = QImage(save_chart(SweepResult(tuple(rows), ("lr",), 2, False, 1.0), tmp_path / "a.png"))
    assert _red_pixels(image) == 0


def test_cli_plot_draws_the_studys_charts_through_the_launcher(qapp, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(sweep_cli, "chart_writer", None)
    args = ["--dataset", "linear", "--lr", "0.5", "2", "--hidden", "4", "--trials", "2",
            "--epochs", "300", "--workers", "1", "--plot", str(tmp_path / "s.png")]
    assert sweep_cli.main(args) == 2                   # the engine alone cannot draw
    assert "launcher" in capsys.readouterr().err
    register_drawers()
    assert sweep_cli.main(args[:-1] + [str(tmp_path / "s.gif")]) == 2
    assert "use .png or .svg" in capsys.readouterr().err
    assert not (tmp_path / "s.gif").exists()
    assert sweep_cli.main(args) == 0
    assert f"wrote {tmp_path / 's.png'}" in capsys.readouterr().out
    assert not QImage(str(tmp_path / "s.png")).isNull()
