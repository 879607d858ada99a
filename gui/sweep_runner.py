"""SweepRunner: ``backprop_lab.model.sweep.run_sweep`` off the GUI thread, with progress and cancel.

    runner = SweepRunner()
    runner.sigProgress.connect(bar.update)        # (trials done, trials in all)
    runner.sigRow.connect(table.add_row)          # each SweepRow as soon as its trials end
    runner.sigFinished.connect(show)              # a SweepResult (cancelled or not)
    runner.start(configs, trials=10, axes=("lr",))
    runner.cancel()                               # the sweep returns within ~0.1 s

The sweep runs in its own QThread (the worker pattern: a QObject moved there,
commanded by a queued signal, answering with signals), so the window keeps
drawing and training while it runs; run_sweep itself spreads the trials over
worker processes. One sweep at a time: ``start`` while running is refused.
"""
from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from backprop_lab.gui import gc_in_gui_thread
from backprop_lab.model.sweep import run_sweep


class _SweepWorker(QObject):
    """Lives in the runner's thread; runs one sweep per ``run`` command."""

    sigProgress = Signal(int, int)
    sigRow = Signal(object)
    sigFinished = Signal(object)
    sigFailed = Signal(str)

    def __init__(self, stop: threading.Event):
        super().__init__()
        self.stop = stop

    @Slot(object)
    def run(self, job: dict):
        try:
            result = run_sweep(job["configs"], job["trials"], axes=job["axes"],
                               workers=job["workers"], progress=self.sigProgress.emit,
                               cancel=self.stop, on_row=self.sigRow.emit)
        except Exception as e:          # reported in the dialog; the thread lives on
            self.sigFailed.emit(f"{type(e).__name__}: {e}")
            return
        self.sigFinished.emit(result)


class SweepRunner(QObject):
    """Runs sweeps in a background thread; signals arrive in the GUI thread."""

    sigProgress = Signal(int, int)     # trials done, trials in all
    sigRow = Signal(object)            # a backprop_lab.model.sweep.SweepRow whose trials have all ended
    sigFinished = Signal(object)       # backprop_lab.model.sweep.SweepResult; .cancelled after cancel()
    sigFailed = Signal(str)            # the sweep raised: one line

    _cmdRun = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._stop = threading.Event()
        self.running = False
        self._holds_gc = False
        # Not parented: the thread is quit and waited for by shutdown(), never
        # destroyed with a parent while the sweep still runs in it.
        self.thread = QThread()
        self.thread.setObjectName("sweep")
        self.worker = _SweepWorker(self._stop)
        self.worker.moveToThread(self.thread)
        queued = Qt.ConnectionType.QueuedConnection
        self._cmdRun.connect(self.worker.run, queued)
        self.worker.sigProgress.connect(self._progress, queued)
        self.worker.sigRow.connect(self._row, queued)
        self.worker.sigFinished.connect(self._finished, queued)
        self.worker.sigFailed.connect(self._failed, queued)

    def start(self, configs, trials: int, axes=None, workers: int | None = None) -> bool:
        """Begin a sweep; False (and nothing started) while one is running."""
        if self.running:
            return False
        self._stop.clear()
        self.running = True
        gc_in_gui_thread.hold()         # cyclic GC only in the GUI thread while ours runs
        self._holds_gc = True
        self.thread.start()             # only while a sweep runs: no idle thread to forget
        self._cmdRun.emit({"configs": list(configs), "trials": int(trials),
                           "axes": None if axes is None else tuple(axes), "workers": workers})
        return True

    def cancel(self):
        """Ask the sweep to stop; sigFinished follows with the rows already complete."""
        self._stop.set()

    @Slot(int, int)
    def _progress(self, done: int, total: int):
        if self.running:                # a late message after the end is dropped
            self.sigProgress.emit(done, total)

    @Slot(object)
    def _row(self, row):
        if self.running:
            self.sigRow.emit(row)

    def _ended(self):
        self.running = False
        self.thread.quit()
        self.thread.wait()              # quick: run() has returned, its last act was the signal
        self._release_gc()

    def _release_gc(self):
        if self._holds_gc:
            self._holds_gc = False
            gc_in_gui_thread.release()

    @Slot(object)
    def _finished(self, result):
        self._ended()
        self.sigFinished.emit(result)

    @Slot(str)
    def _failed(self, message: str):
        self._ended()
        self.sigFailed.emit(message)

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        """Cancel any sweep, end the thread and wait for it. True when it ended."""
        self._stop.set()
        if self.thread.isRunning():
            self.thread.quit()          # handled once run() returns (≤ ~0.1 s after cancel)
            if not self.thread.wait(timeout_ms):
                return False
        self._release_gc()
        return True
