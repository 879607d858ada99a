"""The classification map over training, as numbered PNG frames.

    writer = FrameWriter("frames/")          # frame-00000.png, frame-00001.png, …
    writer.write(trainer.snapshot())         # one frame: the map with its epoch in the title

From the window (File ▸ Export animation…): a COPY of the live trainer (taken in
the training thread with ``backprop_lab.model.inspect.clone_trainer``) trains for N epochs in
the GUI thread, a frame every k epochs, behind a progress dialog with Cancel;
the live session is not touched. From the command line:
``backprop-lab train --save-frames DIR --frame-every K``.

Frames are PNG only (no GIF: that would need Pillow, which the app does not
depend on); ``ffmpeg -i frame-%05d.png map.gif`` or any GIF tool joins them.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QProgressDialog,
                               QSpinBox)
from PySide6.QtCore import QCoreApplication

from backprop_lab.gui import file_dialogs, settings
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
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


def ask_animation(parent) -> tuple[int, int, bool] | None:
    """(epochs, every, from_start), or None when cancelled. Tests replace this."""
    dialog = AnimationDialog(parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.epochs.value(), dialog.every.value(), dialog.from_start.isChecked()


def start_animation_export(window, show_error) -> "AnimationExport | None":
    """Ask for the settings and the folder, copy the live trainer, then export."""
    answer = ask_animation(window)
    if answer is None:
        return None
    folder = file_dialogs.ask_folder(window, QCoreApplication.translate("Animation", "Export animation frames into folder"), "frames")
    if not folder:
        return None
    epochs, every, from_start = answer
    job = AnimationExport(window, folder, epochs, every, from_start, show_error)
    job.start()
    return job


class AnimationExport(QObject):
    """Trains a copy of the live trainer and writes a frame every ``every`` epochs,
    one frame per timer tick so the progress dialog and Cancel stay responsive.
    ``finished`` is True once done, cancelled or failed; ``frames`` the files."""

    def __init__(self, window, folder, epochs: int, every: int, from_start: bool, show_error):
        super().__init__(window)
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
            return self._fail(f"Could not copy the trainer: {error}")
        if self.from_start:
            trainer.reset()
        # room for every frame asked for, whatever the session's epoch limit
        trainer.set_config(trainer.cfg.replace(
            max_epochs=max(trainer.cfg.max_epochs, trainer.epoch + self.epochs)))
        self.trainer = trainer
        self.marks = frame_epochs(trainer.epoch, self.epochs, self.every)[:MAX_FRAMES]
        try:
            self.writer = FrameWriter(self.folder)
        except OSError as e:
            return self._fail(f"{self.folder}: cannot write ({e.strerror or e})")
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
            return self._finish(f"Exported {i} frames to {self.folder}.")
        tr.run(epochs=self.marks[i] - tr.epoch)
        try:
            self.frames.append(self.writer.write(tr.snapshot()))
        except Exception as e:            # ExportError, OSError: say so, stop cleanly
            return self._fail(f"Frame {i} not written: {e}")
        self.progress.setValue(len(self.frames))
        if tr.status in ("converged", "diverged") or tr.epoch < self.marks[i]:
            return self._finish(f"Exported {len(self.frames)} frames to {self.folder} "
                                f"(training stopped at epoch {tr.epoch}: {tr.message}).")
        self._timer.start()

    def cancel(self):
        if not self.finished:
            self._finish(f"Animation cancelled: {len(self.frames)} frames kept in {self.folder}.")

    def _finish(self, message: str):
        self._timer.stop()
        self.finished, self.outcome = True, message
        if self.progress is not None:
            self.progress.canceled.disconnect(self.cancel)
            self.progress.close()
        if self.writer is not None:
            self.writer.close()
        self.window.statusBar().showMessage(message, 10000)

    def _fail(self, message: str):
        self._finish(message)
        self.show_error(self.tr("Could not export the animation"), message)
