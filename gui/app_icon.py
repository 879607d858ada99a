"""The app's icon: an SVG source and PNGs rendered from it at the usual sizes.

In the repository they live in ``assets/icons``; an installed wheel carries the
same files as ``backprop_lab/gui/icons`` (pyproject.toml maps the folder).
After editing the SVG, render the PNGs again with::

    python -m backprop_lab.gui.app_icon
"""
from __future__ import annotations

import sys
from pathlib import Path

NAME = "backprop-lab"                      # the freedesktop icon name too
SIZES = (16, 24, 32, 48, 64, 128, 256)


def icon_dir() -> Path:
    """The folder holding backprop-lab.svg and backprop-lab-<size>.png."""
    here = Path(__file__).resolve().parent
    installed = here / "icons"
    if (installed / f"{NAME}.svg").is_file():
        return installed
    return here.parent / "assets" / "icons"      # the repository (editable install)


def svg_path() -> Path:
    return icon_dir() / f"{NAME}.svg"


def png_path(size: int) -> Path:
    return icon_dir() / f"{NAME}-{size}.png"


def app_icon():
    """A QIcon with every rendered size (and the SVG for other sizes); empty if the files are missing."""
    from PySide6.QtGui import QIcon

    icon = QIcon()
    for size in SIZES:
        if png_path(size).is_file():
            icon.addFile(str(png_path(size)))
    if svg_path().is_file():
        icon.addFile(str(svg_path()))
    return icon


def render(size: int):
    """The SVG drawn into a transparent size × size QImage."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(svg_path())).render(painter)
    painter.end()
    return image


def render_all(folder: Path | None = None) -> list[Path]:
    """Write backprop-lab-<size>.png for every size in SIZES; return the paths."""
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(["render"])   # noqa: F841 (QPainter needs one)
    folder = Path(folder or icon_dir())
    written = []
    for size in SIZES:
        path = folder / f"{NAME}-{size}.png"
        if not render(size).save(str(path)):
            raise OSError(f"could not write {path}")
        written.append(path)
    return written


if __name__ == "__main__":
    for written_path in render_all(Path(sys.argv[1]) if len(sys.argv) > 1 else None):
        print(written_path)
