"""The classification map over training, as numbered PNG frames.

    writer = FrameWriter("frames/")          # frame-00000.png, frame-00001.png, …
    writer.write(trainer.snapshot())         # one frame: the map with its epoch in the title

From the window (File ▸ Export animation…): a COPY of the live trainer (taken in
the training thread with ``backprop_lab.model.inspect.clone_trainer``) trains for N epochs in
the GUI thread, a frame every k epochs, behind a progress dialog with Cancel;
the live session is not touched. From the command line:
``backprop-lab train --save-frames DIR --frame-every K``.

The dialog also offers an animated GIF or an MP4 video with a frame rate and a
size (backprop_lab.gui.movie; the optional ``movie`` extra: Pillow, imageio-ffmpeg),
written straight from the same frames; ``train --save-animation FILE.gif`` does it
from the command line.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout,
                               QProgressDialog, QSpinBox)
from PySide6.QtCore import QCoreApplication

from backprop_lab.gui import file_dialogs, settings
from backprop_lab.gui.movie import DEFAULT_FPS, DEFAULT_SIZE, MovieWriter, check as movie_check
from backprop_lab.gui.plots_offscreen import MAP_SIZE, draw, prepared, titled_map

FRAME_PATTERN = "frame-{:05d}.png"
MAX_FRAMES = 10_000


class FrameWriter:
    """Writes decision-map frames of snapshots into ``folder`` (made if missing),
    numbered from 0 in the order written."""

    def __init__(self, folder, size: tuple[int, int] = MAP_SIZE):
        from backprop_lab.gui.plots_offscreen import ensure_app
        from backprop_lab.gui.views.decision_map import DecisionMapView
        ensure_app()
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.view = prepared(DecisionMapView(), size)
        self.paths: list[Path] = []
        self.last_epoch: int | None = None

    def write(self, snap) -> Path:
        from backprop_lab.gui.export import write_figure
        draw(self.view, snap)
        titled_map(self.view, snap)
        path = write_figure(self.view, self.folder / FRAME_PATTERN.format(len(self.paths)))
        self.paths.append(path)
        self.last_epoch = snap.epoch
        return path

    def close(self):
        self.view.close()
        self.view.deleteLater()


def frame_epochs(start: int, epochs: int, every: int) -> list[int]:
    """Epochs that get a frame: start, start + every, …, and start + epochs itself."""
    marks = list(range(start, start + epochs + 1, max(every, 1)))
    if marks[-1] != start + epochs:
        marks.append(start + epochs)
    return marks


class AnimationDialog(QDialog):
    """How many epochs, a frame every how many, from epoch 0 or from now."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export animation"))
        self.epochs = QSpinBox(objectName="animationEpochs", minimum=1, maximum=10_000_000,
                               value=2000, singleStep=100)
        self.every = QSpinBox(objectName="animationEvery", minimum=1, maximum=1_000_000,
                              value=50, singleStep=10, suffix=" epochs")
        self.from_start = QCheckBox(self.tr("start from epoch 0 (same initial weights)"),
                                    objectName="animationFromStart", checked=True)
        form = QFormLayout(self)
        form.addRow(self.tr("Epochs to train"), self.epochs)
        form.addRow(self.tr("A frame every"), self.every)
        form.addRow(self.from_start)
        self.format = QComboBox(objectName="animationFormat")
        for kind, text in (("gif", self.tr("Animated GIF")), ("mp4", self.tr("MP4 video")),
                           ("frames", self.tr("PNG frames in a folder"))):
            self.format.addItem(text, kind)
            if kind != "frames":
                try:
                    movie_check(f"x.{kind}")
                except ValueError as e:              # the package is missing: say which
                    index = self.format.count() - 1
                    self.format.model().item(index).setEnabled(False)
                    self.format.setItemData(index, str(e), Qt.ItemDataRole.ToolTipRole)
        first = next(i for i in range(self.format.count()) if self.format.model().item(i).isEnabled())
        self.format.setCurrentIndex(first)
        self.fps = QDoubleSpinBox(objectName="animationFps", minimum=0.5, maximum=100, value=DEFAULT_FPS,
                                  decimals=1, suffix=self.tr(" frames/s"))
        self.size = QSpinBox(objectName="animationSize", minimum=160, maximum=2048, value=DEFAULT_SIZE,
                             singleStep=40, suffix=" px")
        form.addRow(self.tr("Format"), self.format)
        form.addRow(self.tr("Frame rate"), self.fps)
        form.addRow(self.tr("Frame size"), self.size)
        self.format.currentIndexChanged.connect(self._format_changed)
        self._format_changed()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _format_changed(self, _index=None):
        movie = self.format.currentData() != "frames"
        self.fps.setEnabled(movie)
        self.size.setEnabled(movie)


def ask_animation(parent) -> tuple | None:
    """(epochs, every, from_start, (format, fps, size)), format "gif", "mp4" or "frames";
    None when cancelled. Tests replace this (a 3-tuple means PNG frames)."""
    dialog = AnimationDialog(parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return (dialog.epochs.value(), dialog.every.value(), dialog.from_start.isChecked(),
            (dialog.format.currentData(), dialog.fps.value(), dialog.size.value()))


def start_animation_export(window, show_error) -> "AnimationExport | None":
    """Ask for the settings and the folder, copy the live trainer, then export."""
    answer = ask_animation(window)
    if answer is None:
        return None
    epochs, every, from_start, *rest = answer
    kind, fps, size = rest[0] if rest else ("frames", DEFAULT_FPS, DEFAULT_SIZE)
    if kind == "frames":
        target = file_dialogs.ask_folder(window, QCoreApplication.translate("Animation", "Export animation frames into folder"), "frames")
        movie = None
    else:
        target = file_dialogs.ask_save_path(
            window, QCoreApplication.translate("Animation", "Export animation"), "frames",
            f"{kind.upper()} (*.{kind})", f"animation.{kind}")   # i18n: a file-type filter
        if target and not target.lower().endswith("." + kind):
            target += "." + kind
        movie = (fps, size)
    if not target:
        return None
    job = AnimationExport(window, target, epochs, every, from_start, show_error, movie)
    job.start()
    return job


class AnimationExport(QObject):
    """Trains a copy of the live trainer and writes a frame every ``every`` epochs,
    one frame per timer tick so the progress dialog and Cancel stay responsive.
    ``finished`` is True once done, cancelled or failed; ``frames`` the files."""

    def __init__(self, window, folder, epochs: int, every: int, from_start: bool, show_error, movie=None):
        super().__init__(window)
        self.movie = movie                 # (fps, size): ``folder`` is then a .gif or .mp4 file
        self.window, self.folder, self.show_error = window, Path(folder), show_error
        self.epochs, self.every, self.from_start = int(epochs), max(int(every), 1), from_start
        self.trainer = self.writer = self.progress = None
        self.marks: list[int] = []
        self.frames: list[Path] = []
        self.finished = False
        self.outcome = ""
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self._next_frame)

    def start(self):
        from backprop_lab.model.inspect import clone_trainer
        self.window.session.call(lambda worker: clone_trainer(worker.trainer), self._got_copy)

    def _got_copy(self, trainer, error):
        if error:
            return self._fail(self.tr("Could not copy the trainer: {error}").format(error=error))
        if self.from_start:
            trainer.reset()
        # room for every frame asked for, whatever the session's epoch limit
        trainer.set_config(trainer.cfg.replace(
            max_epochs=max(trainer.cfg.max_epochs, trainer.epoch + self.epochs)))
        self.trainer = trainer
        self.marks = frame_epochs(trainer.epoch, self.epochs, self.every)[:MAX_FRAMES]
        try:
            self.writer = (MovieWriter(self.folder, *self.movie) if self.movie is not None
                           else FrameWriter(self.folder))
        except (OSError, ValueError) as e:
            return self._fail(f"{self.folder}: {getattr(e, 'strerror', None) or e}")
        settings.remember_folder("frames", self.folder)
        self.progress = QProgressDialog(self.tr("Exporting animation frames…"), self.tr("Cancel"), 0,
                                        len(self.marks), self.window)
        self.progress.setObjectName("animationProgress")
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        self.progress.canceled.connect(self.cancel)
        self._timer.start()

    def _next_frame(self):
        tr, i = self.trainer, len(self.frames)
        if self.progress.wasCanceled():
            return self.cancel()
        if i >= len(self.marks):
            return self._finish(self.tr("Exported {n} frames to {folder}.").format(n=i, folder=self.folder))
        tr.run(epochs=self.marks[i] - tr.epoch)
        try:
            self.frames.append(self.writer.write(tr.snapshot()))
        except Exception as e:            # ExportError, OSError: say so, stop cleanly
            return self._fail(self.tr("Frame {i} not written: {error}").format(i=i, error=e))
        self.progress.setValue(len(self.frames))
        if tr.status in ("converged", "diverged") or tr.epoch < self.marks[i]:
            return self._finish(self.tr("Exported {n} frames to {folder} (training stopped at epoch "
                                        "{epoch}: {why}).").format(n=len(self.frames), folder=self.folder,
                                                                   epoch=tr.epoch, why=tr.message))
        self._timer.start()

    def cancel(self):
        if not self.finished:
            self._finish(self.tr("Animation cancelled: {n} frames kept in {folder}.").format(
                n=len(self.frames), folder=self.folder))

    def _finish(self, message: str):
        self._timer.stop()
        self.finished, self.outcome = True, message
        if self.progress is not None:
            self.progress.canceled.disconnect(self.cancel)
            self.progress.close()
        if self.writer is not None:
            try:
                self.writer.close()           # a GIF or MP4 is written (or finished) here
            except Exception as e:
                message = self.tr("{folder} not written: {error}").format(folder=self.folder, error=e)
                self.show_error(self.tr("Could not export the animation"), message)
        self.window.statusBar().showMessage(message, 10000)

    def _fail(self, message: str):
        self._finish(message)
        self.show_error(self.tr("Could not export the animation"), message)
