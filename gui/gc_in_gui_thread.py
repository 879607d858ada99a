"""While a background thread runs, Python's cyclic garbage collector runs only in
the GUI thread.

Automatic collection runs in whichever thread happens to allocate when a
threshold is crossed: with a training thread, that is often the training
thread, which then destroys Qt objects the GUI dropped (a closed window's
widgets, replaced plot items). Qt objects must be destroyed in their GUI
thread, and here it deadlocked: the full test suite hung twice in about eight
runs in tests/test_inspect_mode.py, the GUI thread collecting and blocked on a
lock while holding the GIL, the training thread waiting for the GIL inside
model/timeline.py (where it allocates, so where its collection starts). As
pyqtgraph's GarbageCollector does, automatic collection is switched off while
any background thread runs, and a timer in the GUI thread collects with
Python's own thresholds instead::

    gc_in_gui_thread.hold()       # in the GUI thread, as a thread starts
    gc_in_gui_thread.release()    # as it ends; the last release turns it back on

A full (generation 2) collection walks every object of the window, about 100 000:
50–70 ms of the GUI thread at once, a stall the eye sees while training plays
(bench/gui_throughput.py). So while threads run, when Python's thresholds ask for
one, the young generations are collected and whatever has survived into the oldest
is frozen (``gc.freeze``: the window's widgets, plots and menus, which live as long
as it) instead of walked again: later collections look only at what came after.
The last release unfreezes them, and collection is automatic and complete again.
"""
from __future__ import annotations

import gc

import shiboken6
from PySide6.QtCore import QCoreApplication, QTimer

INTERVAL_MS = 500

_holders = 0
_timer: QTimer | None = None
_was_enabled = True


def hold() -> None:
    """A background thread starts: collect only from the GUI thread's timer."""
    global _holders, _timer, _was_enabled
    if _holders == 0:
        _was_enabled = gc.isenabled()
        gc.disable()
        if _timer is None or not shiboken6.isValid(_timer):   # (gone with an earlier app)
            _timer = QTimer(QCoreApplication.instance())
            _timer.setInterval(INTERVAL_MS)
            _timer.timeout.connect(collect)
        _timer.start()
    _holders += 1


def release() -> None:
    """A background thread has ended; after the last one, automatic collection again."""
    global _holders
    if _holders == 0:
        return
    _holders -= 1
    if _holders == 0:
        if _timer is not None and shiboken6.isValid(_timer):
            _timer.stop()
        gc.unfreeze()
        if _was_enabled:
            gc.enable()


def holders() -> int:
    return _holders


def collect() -> None:
    """What automatic collection would have done since the last call, in this thread."""
    threshold, count = gc.get_threshold(), gc.get_count()
    if count[0] > threshold[0]:
        generation = 0
        if count[1] > threshold[1]:
            generation = 1
            if count[2] > threshold[2]:     # a full collection is due: freeze the oldest instead
                gc.collect(1)
                gc.freeze()
                return
        gc.collect(generation)
