"""The GUI's handle on the training thread.

    session = TrainingSession(cfg, X, y)        # GUI thread
    session.sigSnapshot.connect(draw)            # newest Snapshot, ≤ ~60 per second
    session.snapshot_drawn()                     # after drawing one (at max speed the next
                                                 # waits for it, or 0.25 s)
    session.play(); session.set_config(cfg.replace(lr=0.5)); session.pause()
    session.shutdown()                           # when the window closes

The session starts a QThread with a ``TrainingWorker`` (backprop_lab.gui.worker) in
it and talks to it only through queued signals. Its signals and command methods
are made from the worker's tables, ``ANSWERS`` and ``COMMANDS``
(backprop_lab.gui.worker_protocol): a new answer or command is declared there once.

It counts the commands it sends that change the run, as the worker counts them
when it handles them, so that the window can tell an answer about the present
from one about a run already changed again (``is_current``, ``played_since``):

    session.sigStopped.connect(lambda message, generation:
        session.is_current(generation) and show(message))
"""
from __future__ import annotations

import atexit
import inspect
import math
import weakref

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Slot

from backprop_lab.gui import gc_in_gui_thread
from backprop_lab.gui.worker import TrainingWorker
from backprop_lab.gui.worker_process import one_blas_thread
from backprop_lab.gui.worker_protocol import ANSWERS, COMMANDS, NEW_STATE, signals

CMD = "_cmd_"       # the queued signal that sends command ``name`` is CMD + name

# The session's signals: the worker's answers, re-emitted here in the GUI thread,
# and one queued signal per command.
SessionSignals = type("SessionSignals", (QObject,), {**signals(ANSWERS), **signals(COMMANDS, CMD)})

_live_sessions: "weakref.WeakSet[TrainingSession]" = weakref.WeakSet()


@atexit.register
def _shut_down_live_sessions():
    for session in list(_live_sessions):
        session.shutdown()


def _sender(name: str):
    """The session's method ``name``: the worker's command of that name, sent through
    its queued signal. It takes the arguments the worker's slot takes (defaults
    included) and converts them to the command's types (int, bool, float)."""
    slot = getattr(TrainingWorker, name)
    signature = inspect.signature(slot)
    types = COMMANDS[name]

    def send(self, *args, **kwargs):
        bound = signature.bind(self, *args, **kwargs)
        bound.apply_defaults()
        values = list(bound.arguments.values())[1:]          # less self
        if name in NEW_STATE:
            self.generation += 1                             # the worker counts it too
            if name == "play":
                self._played_at = self.generation
        self._send(getattr(self, CMD + name), *(value if kind is object else kind(value)
                                                for kind, value in zip(types, values)))

    send.__name__ = send.__qualname__ = name
    send.__doc__ = slot.__doc__
    send.__signature__ = signature
    return send


class TrainingSession(SessionSignals):
    """The GUI thread's handle: starts the worker's thread and sends it commands.

    Every method only emits a queued signal; nothing here touches the Trainer.
    The worker's signals (ANSWERS) are re-emitted from this object (GUI thread).
    play(), pause(), step(n), reset(keep_seed), set_data(X, y, X_test, y_test),
    set_config(cfg) and set_speed(epochs_per_second) send the worker's command of
    the same name (made from COMMANDS below the class).
    """

    def __init__(self, cfg, X, y, X_test=None, y_test=None, parent=None):
        super().__init__(parent)
        one_blas_thread()
        self.thread = QThread()
        self.thread.setObjectName("training")
        self.worker = TrainingWorker(cfg, X, y, X_test, y_test)
        self.worker.moveToThread(self.thread)
        w = self.worker
        queued = Qt.ConnectionType.QueuedConnection
        for name in COMMANDS:
            getattr(self, CMD + name).connect(getattr(w, name), queued)
        self._calls: dict[int, object] = {}
        self._next_ticket = 0
        self.generation = 0            # commands sent that change the run (worker_protocol)
        self._played_at = -1           # the generation the last play started
        w.sigCallDone.connect(self._call_done, queued)
        # However the program ends (the app quits with the window still open, or a
        # script simply exits), the thread must stop before Python tears Qt
        # down: a QThread destroyed while running takes the process with it.
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        _live_sessions.add(self)
        for name in ANSWERS:
            getattr(w, name).connect(getattr(self, name), queued)
        w.sigSnapshot.connect(self._snapshot_taken, queued)     # after the window's own slots
        gc_in_gui_thread.hold()            # cyclic GC only in this thread while ours runs
        self._holds_gc = True
        self.thread.start()

    def call(self, fn, on_done=None, changes_run: bool = False):
        """Run ``fn(worker)`` in the training thread between epochs; later, in the
        GUI thread, ``on_done(result, error)`` (error is None or one line of text).
        ``changes_run``: ``fn`` replaces or rewinds the run (load, scrub, resume, roll
        back), so what the worker said of the run before is out of date."""
        self._next_ticket += 1
        self._calls[self._next_ticket] = on_done
        self.generation += bool(changes_run)
        self._send(self._cmd_call, self._next_ticket, fn, bool(changes_run))

    def _send(self, signal, *args):
        """Emit a command's queued signal, counted first: a tick in progress ends for it
        (TrainingWorker.commands_sent)."""
        self.worker.commands_sent += 1
        signal.emit(*args)

    def is_current(self, generation: int) -> bool:
        """An answer that carries ``generation`` describes the run as it is: no command
        that changes the run was sent after the worker sent the answer."""
        return generation == self.generation

    def played_since(self, generation: int) -> bool:
        """A play was sent after the answer that carries ``generation``: the worker,
        stopped when it sent it, is about to train again (or to say why not)."""
        return self._played_at > generation

    @Slot(int, object, object)
    def _call_done(self, ticket: int, result, error):
        on_done = self._calls.pop(ticket, None)
        if on_done is not None:
            on_done(result, error)

    def frame_due(self, at: float):
        """The GUI will begin a frame at ``at`` (time.perf_counter()): training stands
        aside from then until ``frame_finished`` (at most FRAME_WAIT_MAX_S), so the
        frame's timer finds the interpreter lock free."""
        self.worker.gui_idle.clear()
        self.worker.frame_due_at = at

    def frame_started(self):
        """The GUI begins drawing: training stands aside (at most FRAME_WAIT_MAX_S)."""
        self.frame_due(-math.inf)

    def frame_finished(self):
        """Drawn (or no longer due): training goes on."""
        self.worker.frame_due_at = math.inf
        self.worker.gui_idle.set()

    def trains_elsewhere(self) -> bool:
        """Is the run training in a process of its own (backprop_lab.gui.worker_process)?
        Drawing then takes no time from it."""
        return self.worker.trains_elsewhere()

    @Slot(object)
    def _snapshot_taken(self, _snap):
        """The window has taken the snapshot the worker sent last: it trains on."""
        self.worker.snapshot_taken.set()

    def snapshot_drawn(self):
        """The GUI has drawn the newest snapshot it received: the worker may send another."""
        self.worker.gui_drew.set()

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        """Stop the timer, quit the thread and wait for it. True when it finished."""
        self.frame_finished()
        finished = self._end_thread(timeout_ms)
        if finished and self._holds_gc:
            self._holds_gc = False
            gc_in_gui_thread.release()
        return finished

    def _end_thread(self, timeout_ms: int) -> bool:
        if not self.thread.isRunning():
            return True
        # Queued behind any chunk in progress, so the timer stops in its own thread;
        # quit() from here could end the loop before that command is handled.
        self._send(self._cmd_finish)
        if self.thread.wait(timeout_ms):
            return True
        self.thread.quit()
        return self.thread.wait(1000)


# play, pause, step, … : one method per command, but call and finish, which the
# methods above send with more to do around them.
for _name in [name for name in COMMANDS if name not in ("call", "finish")]:
    setattr(TrainingSession, _name, _sender(_name))
