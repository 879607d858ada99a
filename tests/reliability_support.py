"""What the reliability tests watch: exceptions, Qt's messages, event-loop latency,
and a barrier that waits until the training thread has handled every command.

Shared by tests/test_reliability_stateful.py and tests/test_reliability_edges.py.
"""
from __future__ import annotations

import re
import sys
import threading
import time
import traceback

from PySide6.QtCore import QEventLoop, QTimer, QtMsgType, qInstallMessageHandler

from backprop_lab.gui.errors import format_qt_message

# Qt messages that say nothing about our code: the offscreen platform plugin
# cannot do what a window manager would.
EXPECTED_QT_MESSAGES = (
    re.compile(r"This plugin does not support"),
)
LATENCY_LIMIT_S = 0.2


class ProblemLog:
    """Records uncaught exceptions (GUI thread, training thread, Python threads)
    and Qt warnings/criticals while installed; ``check()`` raises on any of them.

    Raising from ``check()`` (not from the hook) lets the test fail in the step
    that caused the problem, so Hypothesis can shrink to it."""

    def __init__(self, allowed=EXPECTED_QT_MESSAGES):
        self.allowed = tuple(allowed)
        self.problems: list[str] = []
        self._lock = threading.Lock()
        self._saved = None

    def __enter__(self):
        self._saved = (sys.excepthook, threading.excepthook)
        sys.excepthook = self._excepthook
        threading.excepthook = lambda a: self._excepthook(a.exc_type, a.exc_value, a.exc_traceback)
        qInstallMessageHandler(self._qt_message)
        return self

    def __exit__(self, *exc):
        qInstallMessageHandler(None)
        sys.excepthook, threading.excepthook = self._saved

    def _excepthook(self, exc_type, exc, tb):
        with self._lock:
            self.problems.append("".join(traceback.format_exception(exc_type, exc, tb)))

    def _qt_message(self, mode, context, message):
        if mode in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg):
            return
        if any(p.search(message) for p in self.allowed):
            return
        with self._lock:
            self.problems.append(format_qt_message(mode, context, message))

    def take(self) -> list[str]:
        with self._lock:
            problems, self.problems = self.problems, []
        return problems

    def check(self, where: str = ""):
        problems = self.take()
        assert not problems, f"{where}: " + "\n".join(problems)


def _run(loop: QEventLoop, timeout_ms: int):
    """Run ``loop`` until something quits it, or for at most ``timeout_ms``."""
    guard = QTimer(singleShot=True)
    guard.timeout.connect(loop.quit)
    guard.start(timeout_ms)
    loop.exec()
    guard.stop()


def event_loop_latency(qtbot, timeout_ms: int = 5000) -> float:
    """Seconds from posting a zero-timer to the event loop running it."""
    fired = []
    loop = QEventLoop()

    def fire():
        fired.append(time.perf_counter())
        loop.quit()

    start = time.perf_counter()
    QTimer.singleShot(0, fire)
    _run(loop, timeout_ms)
    assert fired, f"the event loop did not run a zero-timer within {timeout_ms} ms"
    return fired[0] - start


def worst_latency(qtbot, samples: int = 3, gap_ms: int = 10) -> float:
    worst = 0.0
    for _ in range(samples):
        worst = max(worst, event_loop_latency(qtbot))
        qtbot.wait(gap_ms)
    return worst


def worker_barrier(qtbot, window, timeout_ms: int = 20000) -> dict:
    """Wait until the training thread has handled every command sent so far.

    ``session.call`` is queued behind them and its answer behind their
    snapshots, so when it returns the window has received all of those.
    Returns what the live trainer holds at that moment."""
    answer = {}

    def read(worker):
        tr = worker.trainer
        return {"epoch": tr.epoch, "n_train": len(tr.X), "n_test": len(tr.X_test),
                "status": tr.status, "running": worker.running, "config": tr.cfg,
                "stepping": worker._steps_left > 0}

    loop = QEventLoop()

    def done(result, error):
        answer.update(result=result, error=error)
        loop.quit()

    window.session.call(read, done)
    if "result" not in answer:
        # An event loop that ends the moment the answer comes (qtbot.waitUntil
        # polls every 10 ms, which adds up over thousands of steps).
        _run(loop, timeout_ms)
    assert "result" in answer, f"the training thread did not answer within {timeout_ms} ms"
    assert answer["error"] is None, answer["error"]
    return answer["result"]


def wait_drawn(qtbot, window, timeout_ms: int = 5000):
    """Wait until the newest snapshot the window received has been drawn."""
    qtbot.waitUntil(lambda: window.pacer.pending is None, timeout=timeout_ms)


def shown_points(window) -> tuple[int, int]:
    """(training, test) points drawn on the decision map."""
    dm = window.views["decisionMap"]
    return len(dm.train_item.data), len(dm.test_item.data)
