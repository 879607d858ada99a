"""Unexpected errors: a dialog with the details instead of a dead or silent app.

PySide6 hands an exception raised in a slot (a button's handler, a timer, a
paint event) to ``sys.excepthook`` and carries on; the default hook prints a
traceback to a terminal nobody in a classroom is looking at, and the user sees
a button that "did nothing". ``install_error_handlers`` replaces the hook (and
``threading.excepthook``, for Python threads) with one that shows a
QMessageBox — a one-line summary, the traceback under "Show Details…" — and
leaves the event loop running, so whatever the user had (points, weights,
curves) is still there. It also installs a Qt message handler that keeps
Qt's own warnings (they go to stderr as before) so the dialog can show the
ones that came just before an error.

Errors a user can cause (a bad file, a value out of range, divergence) never
get here: the code that meets them says so in the status bar.
"""
from __future__ import annotations

import collections
import sys
import threading
import traceback

import shiboken6
from PySide6.QtCore import QObject, Qt, QtMsgType, Signal, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QMessageBox

MAX_DIALOGS = 3            # an error repeating 60 times a second must not bury the window
RECENT_QT_MESSAGES = 20

_MSG_NAMES = {QtMsgType.QtDebugMsg: "debug", QtMsgType.QtInfoMsg: "info",
              QtMsgType.QtWarningMsg: "warning", QtMsgType.QtCriticalMsg: "critical",
              QtMsgType.QtFatalMsg: "fatal"}


def format_qt_message(mode, context, message: str) -> str:
    category = getattr(context, "category", None)
    prefix = f"{category}: " if category and category != "default" else ""
    return f"Qt {_MSG_NAMES.get(mode, str(mode))}: {prefix}{message}"


class ErrorReporter(QObject):
    """Lives in the GUI thread; turns exceptions from any thread into a dialog.

    ``sigError(summary, details)`` is emitted for every unexpected exception
    (in the GUI thread, whichever thread raised it). ``errors`` keeps them all.
    """

    sigError = Signal(str, str)
    _sigReport = Signal(str, str)     # queued: the dialog never opens inside the failing slot

    def __init__(self, parent_widget=None):
        super().__init__(QApplication.instance())
        self.parent_widget = parent_widget
        self.errors: list[tuple[str, str]] = []
        self.qt_messages = collections.deque(maxlen=RECENT_QT_MESSAGES)
        self.dialogs_shown = 0
        self._dialog_open = False
        self._previous_hooks = None
        self._sigReport.connect(self._report, Qt.ConnectionType.QueuedConnection)

    # --- hooks --------------------------------------------------------------------
    def install(self):
        self._previous_hooks = (sys.excepthook, threading.excepthook)
        sys.excepthook = self.excepthook
        threading.excepthook = lambda args: self.excepthook(
            args.exc_type, args.exc_value, args.exc_traceback)
        qInstallMessageHandler(self.qt_message)
        return self

    def uninstall(self):
        if self._previous_hooks is not None:
            sys.excepthook, threading.excepthook = self._previous_hooks
            self._previous_hooks = None
            qInstallMessageHandler(None)

    def excepthook(self, exc_type, exc, tb):
        if issubclass(exc_type, KeyboardInterrupt):      # Ctrl+C in the terminal still quits
            QApplication.quit()
            return
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        if self.qt_messages:
            details += "\nRecent Qt messages:\n" + "\n".join(self.qt_messages)
        summary = f"{exc_type.__name__}: {exc}"
        sys.stderr.write(details)          # for a bug report; the window says it too
        self._sigReport.emit(summary, details)

    def qt_message(self, mode, context, message: str):
        line = format_qt_message(mode, context, message)
        if mode != QtMsgType.QtDebugMsg:
            self.qt_messages.append(line)
        sys.stderr.write(line + "\n")

    # --- the dialog ---------------------------------------------------------------------
    def _report(self, summary: str, details: str):
        self.errors.append((summary, details))
        self.sigError.emit(summary, details)
        parent = self.parent_widget
        if parent is not None and not shiboken6.isValid(parent):
            parent = None                  # the window is gone (an error while closing)
        if self._dialog_open or self.dialogs_shown >= MAX_DIALOGS:
            # Counted in errors; the open dialog (or the ones before) is enough.
            if parent is not None and hasattr(parent, "statusBar"):
                parent.statusBar().showMessage(self.tr("Unexpected error again: {summary}").format(summary=summary), 10000)
            return
        self.dialogs_shown += 1
        box = QMessageBox(QMessageBox.Icon.Critical, self.tr("Backprop Lab: unexpected error"),
                          self.tr("Something went wrong inside Backprop Lab, but the app is still "
                                  "running and nothing was lost.") + "\n\n" + summary,
                          QMessageBox.StandardButton.Ok, parent)
        box.setObjectName("errorDialog")
        box.setInformativeText(self.tr("You can keep working. If it happens again, the details "
                               "below help whoever looks after the app."))
        box.setDetailedText(details)
        self._dialog_open = True
        try:
            box.exec()
        finally:
            self._dialog_open = False
            box.deleteLater()


def install_error_handlers(parent_widget=None) -> ErrorReporter:
    """Route unexpected exceptions (GUI thread, worker thread, Python threads) to
    an error dialog parented to ``parent_widget``; keep Qt's messages. Returns
    the reporter (``uninstall()`` puts the previous hooks back)."""
    return ErrorReporter(parent_widget).install()
