"""What a sweep's charts show: the stop epoch against each varied setting.

    for chart in charts(result.rows, result.axes):
        chart.axis, chart.log_x, chart.log_y, chart.ticks
        for s in chart.series: s.name, [(p.x, p.stop_mean, p.stop_min, p.stop_max, p.failures) for p in s.points]

One chart per axis of the study. A line joins rows that differ only in that
axis (the same data set and the same values of the other axes), so a
one-axis-at-a-time study (the lab's: learning rates at 50 units, units at lr
0.1, activations at lr 0.1 and 50 units) gives one small chart per axis with
one line per data set, and a full grid gives one line per data set and per
combination of the other axes. A point is a row: the mean stop epoch of its
converged trials with their min and max, and its failures (trials without
100% in the budget; a row whose trials all failed has no stop epoch to draw,
only its failures). Pure Python: the GUI and ``sweep --plot`` draw these.
"""
from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Point:
    """One row on a chart. x: the setting's value (numeric axes) or its index (others)."""
    x: float
    label: str
    trials: int
    converged: int
    failures: int
    stop_mean: float | None
    stop_min: float | None
    stop_max: float | None


@dataclass(frozen=True)
class Series:
    """A line: the rows of one data set (and one combination of the other axes)."""
    name: str
    dataset: str
    points: tuple[Point, ...]


@dataclass(frozen=True)
class Chart:
    """The stop epoch against ``axis``. ticks: (x, label) of every value on the chart."""
    axis: str
    numeric: bool
    log_x: bool
    log_y: bool
    ticks: tuple[tuple[float, str], ...]
    series: tuple[Series, ...]

    @property
    def trials(self) -> int:
        return sum(p.trials for s in self.series for p in s.points)

    @property
    def failures(self) -> int:
        return sum(p.failures for s in self.series for p in s.points)

    def y_range(self) -> tuple[float, float] | None:
        """(lowest min, highest max) of the stop epochs drawn, None when no trial converged."""
        ys = [v for s in self.series for p in s.points for v in (p.stop_min, p.stop_max)
              if v is not None]
        return (min(ys), max(ys)) if ys else None


def value_text(value) -> str:
    """An axis value as the table writes it: hidden (50, 50) -> "50-50", 0.1 -> "0.1"."""
    if isinstance(value, tuple):
        return "-".join(map(str, value)) or "none"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _number(value) -> float | None:
    """The value as a position on a numeric axis: numbers as they are, hidden (u, u, ...)
    as its units per layer; None for anything else (names, unequal layers)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, tuple) and value and len(set(value)) == 1:
        return float(value[0])
    return None


def _wide(lo: float, hi: float) -> bool:
    """A log scale is apt: positive values spanning more than a factor of 10."""
    return lo > 0 and hi / lo > 10


def charts(rows, axes) -> list:
    """One Chart per axis with at least one line of two or more rows; rows are SweepRows
    (``values`` ((axis, value), ...), ``dataset`` and the stop statistics)."""
    out = []
    for axis in axes:
        groups: dict = {}
        for row in rows:
            values = dict(row.values)
            if axis not in values:
                continue
            others = tuple((k, v) for k, v in row.values if k != axis)
            groups.setdefault((row.dataset, others), {}).setdefault(values[axis], row)
        groups = {k: g for k, g in groups.items() if len(g) >= 2}
        if not groups:
            continue
        all_values = list(dict.fromkeys(v for g in groups.values() for v in g))
        numbers = [_number(v) for v in all_values]
        numeric = all(n is not None for n in numbers)
        if numeric:
            order = sorted(range(len(all_values)), key=lambda i: numbers[i])
            position = {all_values[i]: numbers[i] for i in order}
        else:
            order = range(len(all_values))
            position = {v: float(i) for i, v in enumerate(all_values)}
        ticks = tuple((position[all_values[i]], value_text(all_values[i])) for i in order)
        log_x = numeric and _wide(min(numbers), max(numbers))
        others_vary = len({others for _, others in groups}) > len({ds for ds, _ in groups})
        series = []
        for (dataset, others), by_value in groups.items():
            name = dataset
            if others_vary and others:
                name += ", " + ", ".join(f"{k} {value_text(v)}" for k, v in others)
            points = sorted((_point(position[v], value_text(v), row) for v, row in by_value.items()),
                            key=lambda p: p.x)
            series.append(Series(name, dataset, tuple(points)))
        chart = Chart(axis, numeric, log_x, False, ticks, tuple(series))
        span = chart.y_range()
        out.append(Chart(axis, numeric, log_x, span is not None and _wide(*span), ticks,
                         tuple(series)))
    return out


def _point(x: float, label: str, row) -> Point:
    def num(v):
        return None if v is None or (isinstance(v, float) and math.isnan(v)) else float(v)
    return Point(x, label, row.trials, row.converged, row.failures,
                 num(row.stop_mean), num(row.stop_min), num(row.stop_max))
