"""The sweep's charts: stop epoch against each varied setting, drawn with QPainter.

    chart = SweepChart()                      # beside the Experiments dialog's table
    chart.set_rows(rows, axes)                # redrawn as rows come in
    save_chart(result, "study.png")           # `sweep --plot study.png` (or .svg), no display

One small chart per axis of the study (backprop_lab.model.sweep_series): a line
per data set through the mean stop epoch of each row's converged trials, a bar
from their min to their max, log scales where the values span more than a
factor of ten; points of a named setting (activation) are not joined. A row
with failures gets a red × and its count ("3/10": 3 of its 10 trials did not
reach 100% in the budget) above its point; a row whose trials all failed has
only its × on the top line. The same painting makes the widget, the PNG and
the SVG, so the file is the chart on screen.
"""
from __future__ import annotations

import math
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from backprop_lab.gui.views.colors import FOREGROUND, SERIES, WRONG, theme
from backprop_lab.model.sweep_series import Chart, charts

CHART_FORMATS = (".png", ".svg")
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 54, 14, 40, 40




def _log_ticks(lo: float, hi: float) -> list[float]:
    """Decades (1, 10, 100, ...) spanning [lo, hi], plus 2 and 5 steps when only a few fit."""
    first, last = math.floor(math.log10(lo)), math.ceil(math.log10(hi))
    decades = [10.0 ** k for k in range(first, last + 1)]
    if len(decades) > 3:
        return decades
    return [m * d for d in decades for m in (1, 2, 5) if lo <= m * d <= hi] or decades


def _linear_ticks(lo: float, hi: float, n: int = 5) -> list[float]:
    span = hi - lo or abs(hi) or 1.0
    step = 10 ** math.floor(math.log10(span / n))
    for m in (1, 2, 5, 10):
        if span / (m * step) <= n:
            step *= m
            break
    start = math.floor(lo / step) * step
    return [start + i * step for i in range(int((hi - start) / step) + 2) if start + i * step <= hi + 1e-9 * step]


def _number_text(v: float) -> str:
    if v >= 10_000:
        return f"{v / 1000:g}k"
    return f"{v:g}"


class _Scale:
    """Data -> pixels along one axis, linear or log10, over [lo, hi] padded by ``pad``."""

    def __init__(self, lo, hi, p0, p1, log, pad=0.06):
        f = math.log10 if log else float
        self.f, self.lo, self.hi = f, f(lo), f(hi)
        if self.hi - self.lo < 1e-12:
            self.lo, self.hi = self.lo - 0.5, self.hi + 0.5
        d = (self.hi - self.lo) * pad
        self.lo, self.hi, self.p0, self.p1 = self.lo - d, self.hi + d, p0, p1

    def __call__(self, v):
        return self.p0 + (self.f(v) - self.lo) / (self.hi - self.lo) * (self.p1 - self.p0)


def draw_chart(p: QPainter, rect: QRectF, chart: Chart, colors: dict) -> None:
    """One chart in ``rect``: title with the legend and the failures, axes, lines, bars."""
    font = QFont(p.font())
    font.setPointSizeF(8.5)
    p.setFont(font)
    fm = QFontMetricsF(font, p.device())
    plot = QRectF(rect.left() + MARGIN_LEFT, rect.top() + MARGIN_TOP,
                  rect.width() - MARGIN_LEFT - MARGIN_RIGHT, rect.height() - MARGIN_TOP - MARGIN_BOTTOM)
    if plot.width() < 20 or plot.height() < 20:
        return
    fg = QColor(FOREGROUND)
    # title line: the axis, the legend (one entry per line), the failures
    x = rect.left() + 6
    y = rect.top() + fm.ascent() + 4
    bold = QFont(font)
    bold.setBold(True)
    p.setFont(bold)
    p.setPen(fg)
    title = QCoreApplication.translate("SweepChart", "stop epoch vs {axis}").format(axis=chart.axis)
    p.drawText(QPointF(x, y), title)
    x += QFontMetricsF(bold, p.device()).horizontalAdvance(title) + 12
    p.setFont(font)
    for s in chart.series:
        p.setPen(QPen(colors[s.name], 2.5))
        p.drawLine(QPointF(x, y - fm.ascent() / 3), QPointF(x + 14, y - fm.ascent() / 3))
        p.setPen(fg)
        p.drawText(QPointF(x + 18, y), s.name)
        x += 18 + fm.horizontalAdvance(s.name) + 10
    failed = QCoreApplication.translate("SweepChart", "failures: {n} of {m} trials").format(
        n=chart.failures, m=chart.trials)
    p.setPen(QColor(WRONG) if chart.failures else fg)
    p.drawText(QPointF(rect.left() + 6, y + fm.height() + 2), failed)

    xs = [t for t, _ in chart.ticks]
    sx = _Scale(min(xs), max(xs), plot.left(), plot.right(), chart.log_x, pad=0.08)
    span = chart.y_range() or (1.0, 10.0)
    top_band = plot.top() + 4                       # where rows without a stop epoch sit
    all_failed = any(pt.stop_mean is None for s in chart.series for pt in s.points)
    band = len(chart.series) * (fm.height() + 1) if all_failed else 0
    sy = _Scale(span[0], span[1], plot.bottom(), plot.top() + 10 + band, chart.log_y, pad=0.08)

    # grid, ticks and labels
    p.setPen(QPen(QColor(theme("panel_border")), 1))
    p.drawRect(plot)
    yticks = _log_ticks(*span) if chart.log_y else _linear_ticks(*span)
    for v in yticks:
        py = sy(v)
        if plot.top() + 8 <= py <= plot.bottom():
            p.setPen(QPen(QColor(theme("panel_border")), 1))
            p.drawLine(QPointF(plot.left(), py), QPointF(plot.right(), py))
            p.setPen(fg)
            text = _number_text(v)
            p.drawText(QPointF(plot.left() - 5 - fm.horizontalAdvance(text), py + fm.ascent() / 2 - 1), text)
    right_of_last = -math.inf                          # a label that would overlap is left out
    for v, label in chart.ticks:
        px = sx(v)
        p.setPen(QPen(QColor(theme("panel_border")), 1))
        p.drawLine(QPointF(px, plot.top()), QPointF(px, plot.bottom()))
        left = px - fm.horizontalAdvance(label) / 2
        if left > right_of_last + 6:
            p.setPen(fg)
            p.drawText(QPointF(left, plot.bottom() + fm.ascent() + 3), label)
            right_of_last = left + fm.horizontalAdvance(label)
    p.setPen(fg)
    axis_title = chart.axis
    if chart.log_x:
        axis_title += QCoreApplication.translate("SweepChart", " (log)")
    p.drawText(QPointF(plot.center().x() - fm.horizontalAdvance(axis_title) / 2,
                       plot.bottom() + 2 * fm.height() + 4), axis_title)
    p.save()
    p.translate(rect.left() + fm.ascent() + 1, plot.center().y())
    p.rotate(-90)
    y_title = QCoreApplication.translate("SweepChart", "stop epoch")
    if chart.log_y:
        y_title += QCoreApplication.translate("SweepChart", " (log)")
    p.drawText(QPointF(-fm.horizontalAdvance(y_title) / 2, 0), y_title)
    p.restore()

    # the lines: mean stop epoch, min-max bars, failures
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    n = max(len(chart.series), 1)
    for k, s in enumerate(chart.series):
        color = colors[s.name]
        nudge = (k - (n - 1) / 2) * 4                # side by side where lines share an x
        drawn = [(sx(pt.x) + nudge, sy(pt.stop_mean)) for pt in s.points if pt.stop_mean is not None]
        p.setPen(QPen(color, 2))
        for a, b in zip(drawn, drawn[1:]) if chart.numeric else ():   # names have no between
            p.drawLine(QPointF(*a), QPointF(*b))
        for pt in s.points:
            px = sx(pt.x) + nudge
            if pt.stop_mean is not None:
                lo, hi = sy(pt.stop_min), sy(pt.stop_max)
                p.setPen(QPen(color, 1.3))
                p.drawLine(QPointF(px, lo), QPointF(px, hi))
                p.drawLine(QPointF(px - 3, lo), QPointF(px + 3, lo))
                p.drawLine(QPointF(px - 3, hi), QPointF(px + 3, hi))
                p.setBrush(color)
                p.drawEllipse(QPointF(px, sy(pt.stop_mean)), 3.2, 3.2)
                p.setBrush(Qt.BrushStyle.NoBrush)
            if pt.failures:
                # all failed: on the top line, one row of marks per line so they do not overlap
                cy = top_band + 4 + k * (fm.height() + 1) if pt.stop_mean is None else sy(pt.stop_mean) - 11
                _cross(p, QPointF(px, cy), 3.5)
                p.setPen(QColor(WRONG))
                p.drawText(QPointF(px + 5, cy + fm.ascent() / 2 - 1), f"{pt.failures}/{pt.trials}")
    p.setRenderHint(QPainter.RenderHint.Antialiasing, False)


def _cross(p: QPainter, c: QPointF, r: float) -> None:
    p.setPen(QPen(QColor(WRONG), 2))
    p.drawLine(QPointF(c.x() - r, c.y() - r), QPointF(c.x() + r, c.y() + r))
    p.drawLine(QPointF(c.x() - r, c.y() + r), QPointF(c.x() + r, c.y() - r))


def series_colors(all_charts) -> dict:
    """One colour per line name, the same in every chart (a data set keeps its colour)."""
    names = list(dict.fromkeys(s.name for c in all_charts for s in c.series))
    return {name: QColor(SERIES[i % len(SERIES)]) for i, name in enumerate(names)}


def draw_charts(p: QPainter, rect: QRectF, all_charts, columns: int = 1) -> None:
    """The charts in a grid of ``columns`` columns filling ``rect``; a note when there are none."""
    if not all_charts:
        p.setPen(QColor(FOREGROUND))
        p.drawText(rect, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                   QCoreApplication.translate("SweepChart", "The charts appear here as rows finish: the stop epoch "
                              "against each setting that takes two or more values."))
        return
    colors = series_colors(all_charts)
    columns = max(1, min(columns, len(all_charts)))
    rows = math.ceil(len(all_charts) / columns)
    w, h = rect.width() / columns, rect.height() / rows
    for i, chart in enumerate(all_charts):
        r, c = divmod(i, columns)
        draw_chart(p, QRectF(rect.left() + c * w, rect.top() + r * h, w, h), chart, colors)


class SweepChart(QWidget):
    """The charts of the rows shown so far, stacked one per axis."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("sweepChart")
        self.charts: list[Chart] = []
        self.setMinimumSize(300, 240)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setToolTip(self.tr("Mean stop epoch of the converged trials (dot) with their min and max "
                           "(bar); a red × counts the trials that failed"))

    def set_rows(self, rows, axes) -> None:
        self.charts = charts(rows, axes)
        self.update()

    def sizeHint(self):
        return QSize(420, 600)

    def paintEvent(self, event):
        p = QPainter(self)
        p.fillRect(self.rect(), Qt.GlobalColor.white)
        draw_charts(p, QRectF(self.rect()), self.charts, columns=1 if self.height() > self.width() else 3)
        p.end()


def chart_size(n_charts: int) -> tuple[int, int]:
    """Pixels of a saved figure: up to three charts side by side, 420 × 320 each."""
    columns = max(1, min(n_charts, 3))
    return 420 * columns, 320 * max(1, math.ceil(n_charts / columns))


def save_chart(result, path) -> str:
    """Draw ``result``'s charts (a SweepResult) to ``path`` (.png or .svg); needs a
    QGuiApplication (backprop_lab.gui.plots_offscreen.ensure_app makes one)."""
    path = str(path)
    ext = Path(path).suffix.lower()
    if ext not in CHART_FORMATS:
        raise ValueError(f"--plot: unknown extension {ext or '(none)'!r}; use .png or .svg")
    all_charts = charts(result.rows, result.axes)
    w, h = chart_size(len(all_charts))
    if ext == ".svg":
        from PySide6.QtSvg import QSvgGenerator
        gen = QSvgGenerator()
        gen.setFileName(path)
        gen.setSize(QSize(w, h))
        gen.setViewBox(QRectF(0, 0, w, h))
        gen.setResolution(96)             # the text the size it has on screen and in the PNG
        gen.setTitle(QCoreApplication.translate("SweepChart", "Backprop Lab sweep"))
        p = QPainter(gen)
        p.fillRect(QRectF(0, 0, w, h), Qt.GlobalColor.white)
        draw_charts(p, QRectF(0, 0, w, h), all_charts, columns=3)
        p.end()
        return path
    image = QImage(w * 2, h * 2, QImage.Format.Format_RGB32)   # 2× for sharp text
    image.setDevicePixelRatio(2.0)
    image.fill(Qt.GlobalColor.white)
    p = QPainter(image)
    draw_charts(p, QRectF(0, 0, w, h), all_charts, columns=3)
    p.end()
    if not image.save(path):
        raise OSError(f"could not write {path}")
    return path
