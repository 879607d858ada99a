"""Figures: any of the window's panels written as a PNG or an SVG file.

    write_figure(view, "loss.png")        # raster, PNG_SCALE × the panel's pixels
    write_figure(view, "loss.svg")        # vector

pyqtgraph panels (their plot area is ``view.widget``, a PlotWidget or a
GraphicsLayoutWidget) go through pyqtgraph's own exporters, which know how to
draw their items; the network diagram is a plain QGraphicsScene (``view.scene``)
and is rendered directly (QImage for PNG, QSvgGenerator for SVG). Files are
written atomically: a failed export leaves an older file of the same name as it was.

A panel is exported at the size it has on screen, so a caller exporting a
hidden tab shows it first (see ``backprop_lab.gui.file_menu``).
"""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import pyqtgraph as pg
import pyqtgraph.exporters  # noqa: F401  (pg.exporters is not imported by pyqtgraph itself)
from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QRectF, QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QGraphicsScene, QWidget

from backprop_lab.gui.views import colors
from backprop_lab.model.atomic_file import atomic_write

FORMATS = ("png", "svg")
PNG_SCALE = 2            # report figures: twice the screen's pixels, so they stay sharp in print
SCENE_MARGIN = 12.0      # scene units around the diagram's items

# objectName of each panel (MainWindow.VIEWS) → what menus call it, and its file name.
PANEL_TITLES = {
    "decisionMap": QT_TRANSLATE_NOOP("Export", "Decision map"),
    "networkView": QT_TRANSLATE_NOOP("Export", "Network diagram"),
    "lossPlot": QT_TRANSLATE_NOOP("Export", "Loss curves"),
    "accuracyPlot": QT_TRANSLATE_NOOP("Export", "Accuracy curves"),
    "weightsView": QT_TRANSLATE_NOOP("Export", "Weights"),
    "gradNormPlot": QT_TRANSLATE_NOOP("Export", "Gradient norms"),
    "groundTruthView": QT_TRANSLATE_NOOP("Export", "Truth vs prediction"),
    "activationView": QT_TRANSLATE_NOOP("Export", "Activation"),
    "hiddenSpaceView": QT_TRANSLATE_NOOP("Export", "Hidden space"),
}


def panel_title(name: str) -> str:
    """What menus call panel ``name``, in the user's language."""
    return QCoreApplication.translate("Export", PANEL_TITLES[name]) if name in PANEL_TITLES else name


FILE_STEMS = {
    "decisionMap": "decision-map",
    "networkView": "network-diagram",
    "lossPlot": "loss",
    "accuracyPlot": "accuracy",
    "weightsView": "weights",
    "gradNormPlot": "gradient-norms",
    "groundTruthView": "truth-vs-prediction",
    "activationView": "activation",
    "hiddenSpaceView": "hidden-space",
}


class ExportError(Exception):
    """A figure could not be written; the message is one line."""


def write_figure(view: QWidget, path) -> Path:
    """Write panel ``view`` to ``path``; the suffix (.png or .svg) picks the format.
    Raises ExportError (unknown suffix, empty panel, unwritable file)."""
    path = Path(path)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise ExportError(QCoreApplication.translate("Export", "{name}: unknown figure format (use .png or .svg)").format(name=path.name))
    try:
        with figure_title(view):
            data = png_bytes(view) if fmt == "png" else svg_bytes(view)
        with atomic_write(path) as f:
            f.write(data)
    except OSError as e:
        raise ExportError(QCoreApplication.translate("Export", "{name}: cannot write ({value})").format(name=path.name, value=e.strerror or e)) from None
    return path


@contextmanager
def figure_title(view: QWidget):
    """While exporting: the title the view gives its figure (``view.figure_title()``, which
    says what the figure shows) in place of its on-screen title (which may be a hint on
    what a click does there); the screen's title comes back afterwards."""
    make = getattr(view, "figure_title", None)
    plot = getattr(view, "plot", None)
    if make is None or plot is None:
        yield
        return
    label = plot.titleLabel
    shown, opts = label.text, dict(label.opts)
    plot.setTitle(make(), **{k: v for k, v in opts.items() if k in ("color", "size")})
    try:
        yield
    finally:
        plot.setTitle(shown, **{k: v for k, v in opts.items() if k in ("color", "size")})


def png_bytes(view: QWidget, scale: float = PNG_SCALE) -> bytes:
    image = render_image(view, scale)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise ExportError(QCoreApplication.translate("Export", "PNG encoding failed"))
    return bytes(buffer.data())


@contextmanager
def uncached(scene: QGraphicsScene):
    """While exporting: every item of ``scene`` painted straight onto the export's painter.
    Items cached for the screen (the diagram's, the plots' axes and titles) would reach
    an SVG as pixmaps, and a PNG through pixmaps too (tests/test_item_caches.py)."""
    cached = [(item, item.cacheMode()) for item in scene.items()
              if item.cacheMode() != item.CacheMode.NoCache]
    for item, _ in cached:
        item.setCacheMode(item.CacheMode.NoCache)
    try:
        yield
    finally:
        for item, mode in cached:
            item.setCacheMode(mode)


def render_image(view: QWidget, scale: float = PNG_SCALE) -> QImage:
    """The panel drawn into a QImage, ``scale`` × its size on screen."""
    scene = _plain_scene(view)
    if scene is None:
        item = _plot_item(view)
        with uncached(item.scene()):
            return _render_plot(item, scale)
    with uncached(scene):
        source = _scene_rect(scene)
        image = QImage(int(source.width() * scale), int(source.height() * scale),
                       QImage.Format.Format_ARGB32)
        image.fill(QColor(colors.BACKGROUND))          # the diagram's own background, light or dark
        painter = QPainter(image)
        painter.setRenderHints(QPainter.RenderHint.Antialiasing
                               | QPainter.RenderHint.SmoothPixmapTransform)
        scene.render(painter, QRectF(image.rect()), source)
        painter.end()
        return image


def _render_plot(item, scale: float) -> QImage:
    exporter = pg.exporters.ImageExporter(item)
    width = int(exporter.parameters()["width"] * scale)
    if width <= 0:
        raise ExportError(QCoreApplication.translate("Export", "the panel has no size yet (show it first)"))
    exporter.parameters()["width"] = width      # the height follows the aspect ratio
    return exporter.export(toBytes=True)


def svg_bytes(view: QWidget) -> bytes:
    """The panel as an SVG document (UTF-8)."""
    scene = _plain_scene(view)
    if scene is None:
        item = _plot_item(view)
        with uncached(item.scene()):
            return pg.exporters.SVGExporter(item).export(toBytes=True)
    with uncached(scene):
        return _scene_svg(view, scene)


def _scene_svg(view: QWidget, scene: QGraphicsScene) -> bytes:
    source = _scene_rect(scene)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(source.size().toSize())
    generator.setViewBox(QRectF(0, 0, source.width(), source.height()))
    generator.setTitle(view.objectName())
    painter = QPainter(generator)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.fillRect(QRectF(0, 0, source.width(), source.height()), Qt.GlobalColor.white)
    scene.render(painter, QRectF(0, 0, source.width(), source.height()), source)
    painter.end()
    buffer.close()
    return bytes(data)


def _plain_scene(view: QWidget) -> QGraphicsScene | None:
    """The view's own QGraphicsScene when it is not a pyqtgraph one (the diagram)."""
    scene = getattr(view, "scene", None)
    return scene if isinstance(scene, QGraphicsScene) else None


def _scene_rect(scene: QGraphicsScene) -> QRectF:
    rect = scene.itemsBoundingRect()
    if rect.isEmpty():
        raise ExportError(QCoreApplication.translate("Export", "the panel is empty (nothing drawn yet)"))
    return rect.adjusted(-SCENE_MARGIN, -SCENE_MARGIN, SCENE_MARGIN, SCENE_MARGIN)


def exportable(view: QWidget) -> bool:
    """True for a panel this module can draw: the diagram's scene or a pyqtgraph plot."""
    return _plain_scene(view) is not None or _pyqtgraph_item(view) is not None


def _pyqtgraph_item(view: QWidget):
    """The item that holds all of a pyqtgraph panel (PlotItem or GraphicsLayout), or None."""
    for attr in ("widget", "plot_widget"):
        widget = getattr(view, attr, None)
        if isinstance(widget, pg.GraphicsView) and widget.centralWidget is not None:
            return widget.centralWidget
    return None


def _plot_item(view: QWidget):
    item = _pyqtgraph_item(view)
    if item is None:
        raise ExportError(QCoreApplication.translate("Export", "{value} cannot be exported").format(value=view.objectName() or type(view).__name__))
    return item
