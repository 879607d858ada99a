"""Light and dark desktops: the plots follow the palette, and no widget hard-codes a
colour that becomes unreadable in the other."""
import ast
import re
from pathlib import Path

import pyqtgraph as pg
import pytest
from PySide6.QtGui import QColor, QPalette

from backprop_lab.gui.views import colors

GUI = Path(colors.__file__).resolve().parent.parent
HEX = re.compile(r"#[0-9a-fA-F]{3,8}\b|\b(white|black)\b")


def luminance(name: str) -> float:
    c = pg.mkColor(name)
    def channel(v):
        v /= 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(c.red()) + 0.7152 * channel(c.green()) + 0.0722 * channel(c.blue())


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_no_style_sheet_or_qcolor_in_gui_hard_codes_a_colour():
    found = []
    for path in GUI.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", None))
                    in ("setStyleSheet", "QColor", "setBackgroundBrush")):
                for arg in node.args:
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and HEX.search(arg.value):
                        found.append(f"{path.name}:{node.lineno}: {arg.value[:50]!r}")
    assert not found, "use colors.theme(...) or the palette:\n" + "\n".join(found)


@pytest.mark.parametrize("name", ["light", "dark"])
def test_every_theme_colour_is_readable_on_its_background(name):
    t = colors.THEMES[name]
    pairs = [("foreground", "background", 7), ("dim", "background", 4.5), ("ok", "background", 4.5),
             ("bad", "background", 4.5), ("error", "background", 4.5), ("foreground", "note_bg", 7),
             ("alert_text", "alert_bg", 7), ("foreground", "panel_bg", 7), ("foreground", "row_current", 7),
             ("foreground", "row_done", 7), ("foreground", "row_bad", 7)]
    for fg, bg, minimum in pairs:
        assert contrast(t[fg], t[bg]) >= minimum, (name, fg, bg, contrast(t[fg], t[bg]))


@pytest.fixture
def dark_palette(qapp):
    light = qapp.palette()
    dark = QPalette(light)
    for role, colour in ((QPalette.ColorRole.Window, "#202124"), (QPalette.ColorRole.WindowText, "#e8e8e8"),
                         (QPalette.ColorRole.Base, "#17181a"), (QPalette.ColorRole.Text, "#e8e8e8"),
                         (QPalette.ColorRole.Button, "#2b2c2f"), (QPalette.ColorRole.ButtonText, "#e8e8e8")):
        dark.setColor(role, QColor(colour))
    qapp.setPalette(dark)
    assert colors.follow_palette(qapp) == "dark"
    yield dark
    qapp.setPalette(light)
    assert colors.follow_palette(qapp) == "light"


def test_in_a_dark_palette_every_plot_and_the_diagram_are_dark(dark_palette, make_window):
    window = make_window()
    plots = window.findChildren(pg.PlotWidget)
    assert len(plots) >= 5
    for plot in plots:
        assert plot.backgroundBrush().color().lightness() < 60, plot.parent().objectName()
        axis = plot.getPlotItem().getAxis("bottom")
        assert axis.textPen().color().lightness() > 170
    diagram = window.views["networkView"]
    assert diagram.view.backgroundBrush().color().lightness() < 60


def test_in_the_default_light_palette_plots_stay_white(make_window):
    window = make_window()
    assert colors.THEME == "light"
    for plot in window.findChildren(pg.PlotWidget):
        assert plot.backgroundBrush().color().name() == "#ffffff"
