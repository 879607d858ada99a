"""The main window fits the screen it opens on: laptop and projector sizes included.

The offscreen platform's screen is 800×800 unless a config file names others, so
the whole-window checks run the app in a child process whose offscreen screen has
a real laptop's size (``QT_QPA_PLATFORM=offscreen:configfile=…``).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from PySide6.QtCore import QRect, QSize

from backprop_lab.gui.window_size import PREFERRED, SCREEN_SHARE, fits, fitted_size

MIN_VIEW = QSize(150, 100)      # a visible view smaller than this counts as cut off

# Opens the window as the launcher does, lets it draw the first snapshot, then
# reports the screen, the window and where each visible view lies in the window.
CHILD = r"""
import json, sys, time
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from backprop_lab.gui import settings
from backprop_lab.gui.main_window import MainWindow
if len(sys.argv) > 1:                      # a remembered layout from a bigger screen
    big = MainWindow()
    big.resize(int(sys.argv[1]), int(sys.argv[2]))
    settings.save_window(big)
    big.close()
w = MainWindow()
w.show()
deadline = time.monotonic() + 30          # generous: the machine may be busy
while w.snapshot is None and time.monotonic() < deadline:
    app.processEvents()
    time.sleep(0.01)
app.processEvents()
views = {}
for name, view in list(w.views.items()) + [("toolbar", w.toolbar), ("timeline", w.timeline_bar)]:
    if view.isVisible():
        top_left = view.mapTo(w, QPoint(0, 0))
        views[name] = [top_left.x(), top_left.y(), view.width(), view.height()]
views["readouts"] = [*[v for v in (w.toolbar.readouts.mapTo(w, QPoint(0, 0)),) for v in (v.x(), v.y())],
                     w.toolbar.readouts.width(), w.toolbar.readouts.height()]
views["bottomTabs"] = [*[v for v in (w.tabs.mapTo(w, QPoint(0, 0)),) for v in (v.x(), v.y())],
                       w.tabs.width(), w.tabs.height()]
from PySide6.QtWidgets import QToolButton
hidden = [b.text() for tb in (w.toolbar, w.toolbar.readouts) for b in tb.findChildren(QToolButton)
          if b.defaultAction() is not None and not b.isVisible()
          and b.objectName() != "qt_toolbar_ext_button"]
hidden += [l.objectName() for l in w.toolbar.readouts.children() if hasattr(l, "text")
           and l.objectName().endswith("Label") and not l.isVisible()]
avail = w.screen().availableGeometry()
print(json.dumps({"screen": [avail.x(), avail.y(), avail.width(), avail.height()],
                  "window": [w.x(), w.y(), w.width(), w.height()], "views": views, "hidden": hidden}))
w.close()
"""


def open_window(tmp_path, width: int, height: int, *remembered: int) -> dict:
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": width,
                                               "height": height, "logicalDpi": 96, "dpr": 1}]}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}",
               XDG_CONFIG_HOME=str(tmp_path / "config"))
    out = subprocess.run([sys.executable, "-c", CHILD, *map(str, remembered)], env=env,
                         cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def assert_fits(report: dict):
    sx, sy, sw, sh = report["screen"]
    x, y, w, h = report["window"]
    assert w <= sw and h <= sh, report
    assert sx <= x and sy <= y and x + w <= sx + sw and y + h <= sy + sh, report
    assert report["hidden"] == [], report["hidden"]          # nothing behind the toolbar's "»"
    for name in ("networkView", "decisionMap", "lossPlot", "accuracyPlot", "weightsView",
                 "toolbar", "readouts", "bottomTabs", "timeline"):
        vx, vy, vw, vh = report["views"][name]
        assert vx >= 0 and vy >= 0 and vx + vw <= w and vy + vh <= h, (name, report)
        if name not in ("toolbar", "readouts", "timeline"):
            assert vw >= MIN_VIEW.width() and vh >= MIN_VIEW.height(), (name, report)


@pytest.mark.parametrize("width, height", [(1024, 700), (1280, 800), (1366, 768)])
def test_window_and_every_view_fit_a_laptop_screen(tmp_path, width, height):
    assert_fits(open_window(tmp_path, width, height))


def test_big_screen_gets_the_designed_size(tmp_path):
    report = open_window(tmp_path, 1920, 1080)
    assert report["window"][2:] == [PREFERRED.width(), PREFERRED.height()]
    assert_fits(report)


def test_a_layout_remembered_on_a_bigger_screen_is_not_restored(tmp_path):
    report = open_window(tmp_path, 1280, 800, 1800, 1100)
    assert_fits(report)


def test_a_layout_that_fits_is_restored(tmp_path):
    report = open_window(tmp_path, 1920, 1080, 1400, 900)
    assert report["window"][2:] == [1400, 900]


def test_fitted_size_keeps_the_preferred_size_when_the_screen_has_room():
    assert fitted_size(QSize(1560, 960), QRect(0, 0, 2560, 1440)) == QSize(1560, 960)


def test_fitted_size_shrinks_to_a_share_of_a_small_screen_but_not_below_the_minimum():
    small = QRect(0, 0, 1366, 768)
    size = fitted_size(QSize(1560, 960), small)
    assert size == QSize(int(1366 * SCREEN_SHARE), int(768 * SCREEN_SHARE))
    assert fits(size, small)
    assert fitted_size(QSize(1560, 960), small, QSize(1300, 500)).width() == 1300
