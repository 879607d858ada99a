"""The classification map over training as an animated GIF (Pillow) or an MP4 video
(imageio-ffmpeg), drawn with the same view as the PNG frames (backprop_lab.gui.animation).

    writer = MovieWriter("map.gif", fps=10, size=480)
    writer.write(snap)          # one frame per call: the map with its epoch in the title
    writer.close()              # writes the file (GIF) or finishes it (MP4)

Both are optional extras (``pip install backprop-lab[movie]``); without them the
writer says in one line what to install. Frames are held as small RGB arrays for
a GIF (written at close, atomically) and streamed to ffmpeg for an MP4.
"""
from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import numpy as np
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from backprop_lab.gui.plots_offscreen import draw, ensure_app, prepared, titled_map

FORMATS = {".gif": "PIL", ".mp4": "imageio_ffmpeg"}    # suffix → the module it needs
PACKAGES = {"PIL": "Pillow", "imageio_ffmpeg": "imageio-ffmpeg"}
DEFAULT_FPS, DEFAULT_SIZE = 10, 480


class MovieError(ValueError):
    """A movie that cannot be made (format, missing package, unwritable file): one line."""



def check(path, fps: float = DEFAULT_FPS, size: int = DEFAULT_SIZE) -> None:
    """Raise MovieError when ``path`` cannot become a movie here (before any training)."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise MovieError(QCoreApplication.translate("Movie", "{name}: use .gif or .mp4").format(name=Path(path).name))
    module = FORMATS[suffix]
    if importlib.util.find_spec(module) is None:
        raise MovieError(QCoreApplication.translate("Movie", "{kind} export needs {package}: pip install 'backprop-lab[movie]'").format(
            kind=suffix[1:].upper(), package=PACKAGES[module]))
    if not 0 < fps <= 100:
        raise MovieError(QCoreApplication.translate("Movie", "frame rate must be in (0, 100] frames per second, got {fps:g}").format(fps=fps))
    if not 160 <= size <= 2048:
        raise MovieError(QCoreApplication.translate("Movie", "frame size must be 160 to 2048 pixels, got {size}").format(size=size))


def image_rgb(image: QImage) -> np.ndarray:
    """(h, w, 3) uint8 copy of a QImage."""
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    h, w, stride = image.height(), image.width(), image.bytesPerLine()
    return np.frombuffer(bytes(image.constBits()), np.uint8).reshape(h, stride)[:, :3 * w].reshape(h, w, 3).copy()


def fit(rgb: np.ndarray, shape) -> np.ndarray:
    """``rgb`` cropped or padded with white to ``shape`` (the exporter's height can differ by
    a pixel from frame to frame with the title's text)."""
    if rgb.shape == shape:
        return rgb
    out = np.full(shape, 255, np.uint8)
    h, w = min(shape[0], rgb.shape[0]), min(shape[1], rgb.shape[1])
    out[:h, :w] = rgb[:h, :w]
    return out


class MovieWriter:
    """Frames of snapshots into one .gif or .mp4 file; ``last_epoch`` and ``count``
    as FrameWriter's, so the command line and the window use either alike."""

    def __init__(self, path, fps: float = DEFAULT_FPS, size: int = DEFAULT_SIZE):
        check(path, fps, size)
        from backprop_lab.gui.views.decision_map import DecisionMapView
        ensure_app()
        self.path, self.fps, self.size = Path(path), float(fps), int(size) // 2 * 2   # even: H.264
        self.kind = self.path.suffix.lower()
        self.view = prepared(DecisionMapView(), (self.size, self.size))
        self.frames: list[np.ndarray] = []
        self.count = 0
        self.last_epoch: int | None = None
        self._ffmpeg = None
        self.path.parent.mkdir(parents=True, exist_ok=True)

    @property
    def paths(self) -> list[Path]:
        return [self.path]

    def render(self, snap) -> np.ndarray:
        draw(self.view, snap)
        titled_map(self.view, snap)
        QApplication.processEvents()
        rgb = image_rgb(self.view.grab().toImage())        # the widget's own size, every frame
        return rgb[: rgb.shape[0] // 2 * 2, : rgb.shape[1] // 2 * 2]     # even sides for yuv420p

    def write(self, snap) -> Path:
        rgb = self.render(snap)
        if self.kind == ".mp4":
            self._mp4_frame(rgb)
        else:
            self.frames.append(rgb)
        self.count += 1
        self.last_epoch = snap.epoch
        return self.path

    def _mp4_frame(self, rgb: np.ndarray):
        if self._ffmpeg is None:
            import imageio_ffmpeg
            self._shape = rgb.shape
            self._ffmpeg = imageio_ffmpeg.write_frames(
                str(self.path), (rgb.shape[1], rgb.shape[0]), fps=self.fps, codec="libx264",
                pix_fmt_out="yuv420p", macro_block_size=2, ffmpeg_log_level="error")
            self._ffmpeg.send(None)
        self._ffmpeg.send(np.ascontiguousarray(fit(rgb, self._shape)))

    def close(self) -> Path | None:
        """Write (GIF) or finish (MP4) the file; the path, or None when no frame was written."""
        try:
            if self.kind == ".mp4":
                if self._ffmpeg is not None:
                    self._ffmpeg.close()
                    self._ffmpeg = None
            elif self.frames:
                self._write_gif()
        finally:
            self.view.close()
            self.view.deleteLater()
        return self.path if self.count else None

    def _write_gif(self):
        from PIL import Image
        shape = self.frames[0].shape
        images = [Image.fromarray(fit(f, shape)).quantize(
            colors=128, method=Image.Quantize.MEDIANCUT) for f in self.frames]
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        try:
            images[0].save(tmp, format="GIF", save_all=True, append_images=images[1:],
                           duration=round(1000 / self.fps), loop=0, optimize=False)
            os.replace(tmp, self.path)
        finally:
            tmp.unlink(missing_ok=True)
