"""How big the main window opens: as designed on a big screen, smaller on a laptop or projector.

The window was laid out for 1560×960; a 1366×768 laptop or a 1280×800 projector
has less, and a window larger than its screen has its right-hand panes (the
decision map) cut off. So the first size is the designed one, shrunk to a share
of the screen's available area, and a remembered size is used only while it
still fits the screen it opens on.
"""
from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

PREFERRED = QSize(1560, 960)
SCREEN_SHARE = 0.92       # room left for a task bar or dock the screen does not report


def fitted_size(preferred: QSize, available: QRect, minimum: QSize = QSize(0, 0)) -> QSize:
    """``preferred``, shrunk to SCREEN_SHARE of ``available`` where it is larger,
    never below ``minimum`` (the layout's own limit: Qt would not go lower anyway)."""
    width = min(preferred.width(), int(available.width() * SCREEN_SHARE))
    height = min(preferred.height(), int(available.height() * SCREEN_SHARE))
    return QSize(max(width, minimum.width()), max(height, minimum.height()))


def available_geometry(window: QWidget) -> QRect:
    """The available area (less task bars) of the screen the window is, or will be, on."""
    screen = QGuiApplication.screenAt(window.geometry().center()) or window.screen()
    return screen.availableGeometry()


def fits(size: QSize, available: QRect, minimum: QSize = QSize(0, 0)) -> bool:
    """True when a window of ``size`` fits inside ``available``, or is no larger
    than ``minimum`` (the window's own limit) where the screen is smaller still."""
    return (size.width() <= max(available.width(), minimum.width())
            and size.height() <= max(available.height(), minimum.height()))


def fit_to_screen(window: QWidget, preferred: QSize = PREFERRED) -> None:
    """Resize ``window`` to its fitted size and centre it on its screen."""
    available = available_geometry(window)
    size = fitted_size(preferred, available, window.minimumSizeHint())
    window.resize(size)
    corner = available.center() - QPoint(size.width() // 2, size.height() // 2)
    window.move(max(corner.x(), available.left()), max(corner.y(), available.top()))


# The smallest each view can be and still be read (px); with the control panel
# they add up to a window that fits a 1280×800 screen. The weights view sets its
# own: it grows with the number of layers.
VIEW_MINIMUM = {
    "networkView": QSize(300, 120),
    "decisionMap": QSize(240, 160),
    "lossPlot": QSize(150, 120),
    "accuracyPlot": QSize(150, 120),
    "gradNormPlot": QSize(200, 120),
    "groundTruthView": QSize(200, 120),
    "activationView": QSize(200, 120),
}


def set_view_minimums(views: dict) -> None:
    """Give each view (objectName → widget) its VIEW_MINIMUM, so no pane shrinks to a sliver."""
    for name, view in views.items():
        if name in VIEW_MINIMUM:
            view.setMinimumSize(VIEW_MINIMUM[name])


def shrinkable(splitter, *stretch: int) -> None:
    """Panes keep their minimum size (a dragged handle never hides one) and share
    a growing or shrinking window in the ratio ``stretch``."""
    splitter.setChildrenCollapsible(False)
    for index, factor in enumerate(stretch):
        splitter.setStretchFactor(index, factor)
