"""The Experiments dialog's charts: beside the table, filling in as rows finish."""
from PySide6.QtCore import QPoint


def test_the_chart_beside_the_table_fills_in_as_rows_finish(qtbot, dialog):
    assert dialog.chart.isVisible() and dialog.chart.charts == []
    chart_left = dialog.chart.mapTo(dialog, QPoint(0, 0)).x()
    table_right = dialog.table.mapTo(dialog, QPoint(dialog.table.width(), 0)).x()
    assert chart_left >= table_right                                       # beside, not under
    for field, text in dict(lr="0.5, 2, 5", hidden="4", activation="sigmoid").items():
        dialog.study.fields[field].setText(text)
    for name, cb in dialog.study.dataset_checks.items():
        cb.setChecked(name in ("linear", "xor-easy"))
    dialog.study.trials.setValue(2)
    dialog.study.budget.setValue(400)
    counts = []
    dialog.runner.sigRow.connect(lambda _row: counts.append(
        sum(len(s.points) for c in dialog.chart.charts for s in c.series)))
    assert dialog.run()
    qtbot.waitUntil(lambda: not dialog.runner.running, timeout=60_000)
    (chart,) = dialog.chart.charts
    assert chart.axis == "lr" and [s.name for s in chart.series] == ["linear", "xor-easy"]
    assert [p.x for p in chart.series[0].points] == [0.5, 2.0, 5.0]
    assert sum(p.trials for s in chart.series for p in s.points) == 12
    assert counts[-1] == 6 and counts == sorted(counts)     # grew with the rows
    image = dialog.chart.grab().toImage()
    assert len({image.pixel(x, y) for x in range(0, image.width(), 7)
                for y in range(0, image.height(), 7)}) > 3   # something drawn, not a blank
