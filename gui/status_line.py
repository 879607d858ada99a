"""The status bar's owner: no message outlives the state it describes.

    status = StatusLine(window.statusBar())
    status.changed()                                   # the points, the run or the view changed
    status.report("Exported the map to map.png.", 8000)   # an event, true whatever follows
    status.standing(NO_POINTS_HINT, lambda: window.data.n_train == 0)

Every part of the window shows its messages as before (``statusBar().showMessage``),
and each such message describes the state it was shown in: "Reset: epoch 0, the
same initial weights.", "Network rebuilt…", "converged: 100% training accuracy at
epoch 523", "Add points or pick a data set…". The window calls ``changed()`` on
every change of state — the points (added, deleted, a new data set, imported,
opened), the run (play, pause, step, Apply, reset, new weights, a rebuild, a
stop, a session opened, a roll-back) and the timeline's view — and the message
shown before that change goes at once; the change's own message, shown after
it, stays. So "Network rebuilt…" cannot stand beside a network 48 000 epochs
older than it, nor "Add points…" beside the points Regenerate just made.

Two kinds of message are kept apart:

- a report says what just happened (a file written, an input refused): true for
  ever, it stays for its timeout whatever changes;
- a standing message says how things are for as long as its condition holds (no
  points to train on): shown whenever it holds and no other message is.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QStatusBar


class StatusLine(QObject):
    """Clears a status-bar message when the state it describes changes (see the module)."""

    def __init__(self, bar: QStatusBar, parent=None):
        super().__init__(parent)
        self.bar = bar
        self.changes = 0                 # state changes so far
        self.shown_at = 0                # ``changes`` when the message on show was shown
        self.is_report = False           # the message on show is a report
        self._report_text = None         # the report being shown (set just before it is)
        self._standing: list[tuple[str, Callable[[], bool]]] = []
        bar.messageChanged.connect(self._on_message)

    # --- what the window says ---------------------------------------------------------
    def changed(self):
        """The points, the run or the view changed: a message about the state before goes."""
        self.changes += 1
        if self.bar.currentMessage() and not self.is_report:
            self.bar.clearMessage()      # → _on_message(""): a standing message, if it holds
        else:
            self._show_standing()

    def report(self, text: str, timeout_ms: int = 8000):
        """Show ``text``, which says what just happened: no change of state clears it."""
        if self.bar.currentMessage() == text:
            self.bar.clearMessage()      # shown anew, so it is stamped as a report
        self._report_text = text
        self.bar.showMessage(text, timeout_ms)

    def standing(self, text: str, condition: Callable[[], bool]):
        """Show ``text`` whenever ``condition()`` holds and no other message is shown."""
        self._standing.append((text, condition))
        self._show_standing()

    def stale(self) -> bool:
        """True when the message on show was shown before the last change of state and
        is not a report (``changed`` clears such a message: this stays False)."""
        return bool(self.bar.currentMessage()) and not self.is_report and self.shown_at < self.changes

    # --- the bar's own signal ------------------------------------------------------------
    def _on_message(self, text: str):
        self.shown_at = self.changes
        self.is_report = bool(text) and text == self._report_text
        self._report_text = None
        if not text:
            self._show_standing()

    def _show_standing(self):
        if self.bar.currentMessage():
            return
        for text, condition in self._standing:
            if condition():
                self.bar.showMessage(text)
                return
