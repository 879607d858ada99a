"""Training in a process of its own: drawing and training stop sharing one lock.

Python's threads take turns at one interpreter lock, and Qt holds it for the whole
of a paint (bench/gil_paint.py): while the window draws, a training thread in the
same process waits, however many CPUs are idle. A child process has a lock of its
own. The app's worker sends a run there at max speed (gui/worker.py) and keeps its
own Trainer as a mirror that the child's news brings up to date::

    proc = TrainerProcess.acquire()          # an idle child, or a new one (starting)
    if proc.ready():                          # its interpreter has started
        proc.begin(trainer, timeline.spacing) # it trains a copy, from this exact state
        for news in proc.receive(0.002):      # about every SEND_S while it trains
            news.apply(trainer, timeline)     # the trainer is now the child's, bit for bit
        for news in proc.stop():              # it stops after its chunk: the last news
            news.apply(trainer, timeline)
    proc.release()                            # idle again, for the next run

A run starts from the config, the points and the trainer's state
(``Timeline.capture``); the child builds a Trainer from them and trains on as the
trainer itself would have (``Timeline.restore`` resumes a kept state the same way).
Its news holds the history rows recorded since the last news, the states the
timeline keeps (each ``spacing``-th epoch) and the state after the last epoch. The
run ends when the trainer stops (converged, diverged, max epochs, early stop) or
when asked to. The child imports backprop_lab.model only, and it ends when the
parent's end of the pipe closes.
"""
from __future__ import annotations

import atexit
import dataclasses
import fcntl
import os
import subprocess
import sys
import threading
import time
from multiprocessing.connection import Connection

import numpy as np

from backprop_lab.model.history import History
from backprop_lab.model.timeline import KeptState, Timeline, load_state
from backprop_lab.model.trainer import Trainer

SEND_S = 0.01           # news at least this often while training
CHUNK_S = 0.002         # Trainer.run chunks of about this long, then a look at the inbox
FREE_RUN_SPACING = 8    # short epochs run in chunks without a call after each one once the
                        # timeline keeps every 8th epoch or fewer (before, chunks would be tiny);
                        # here and in the worker's thread (gui/worker.py)
STOP_WAIT_S = 10.0      # a child that has not answered a stop by then is ended
PIPE_BYTES = 1 << 20    # the news pipe's buffer, where the system allows
BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def _one_thread_env() -> dict:
    """The child's environment: NumPy's BLAS on one thread. The child is to use one CPU;
    BLAS threads that spin-wait between small products took the CPU the window needs."""
    return {**os.environ, **{name: "1" for name in BLAS_THREADS}}


@dataclasses.dataclass(frozen=True)
class News:
    """What a run did since its last news; ``final``: the run has ended."""
    run: int
    rows: dict              # History.arrays() of the epochs since the last news
    lr_now: float
    kept: list              # KeptStates on the timeline's spacing, in epoch order
    state: KeptState        # after the last epoch
    theta_prev: np.ndarray
    first_bad_layer: int | None
    final: bool

    def apply(self, trainer: Trainer, timeline: Timeline | None = None) -> int:
        """Bring ``trainer`` (the one the run started from) to this news: its history,
        state and status; ``timeline`` keeps the states on its spacing. Returns the
        epochs it added."""
        before = trainer.epoch
        history = trainer.history
        history.extend(self.rows, self.lr_now)
        if timeline is not None:
            for s in self.kept:
                if timeline.keeps(s.epoch):
                    s.arrays.flags.writeable = False
                    timeline.record_state(dataclasses.replace(
                        s, history_len=history.rows_upto(s.epoch)))
        load_state(trainer, self.state)
        trainer.theta_prev[...] = self.theta_prev
        trainer.first_bad_layer = self.first_bad_layer
        return trainer.epoch - before


class TrainerProcess:
    """One child process that trains, and the pipe to it. Not thread-safe: one thread
    uses it at a time (``acquire`` and ``release`` are)."""

    _idle: list["TrainerProcess"] = []
    _lock = threading.Lock()

    def __init__(self):
        self._child = subprocess.Popen(
            [sys.executable, "-m", "backprop_lab.model.trainer_process"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=_one_thread_env())
        self._to = Connection(os.dup(self._child.stdin.fileno()), readable=False)
        self._from = Connection(os.dup(self._child.stdout.fileno()), writable=False)
        self._child.stdin.close()
        self._child.stdout.close()
        try:       # room for a frame's news (Linux: 64 KB by default), so the child trains on
            fcntl.fcntl(self._from.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)
        except (AttributeError, OSError):
            pass
        self._ready = False
        self.broken = False          # the child died or stopped answering: do not use it
        self.running = False         # a run is going on (begun, final news not taken)
        self.spacing = 1
        self._run = 0

    @classmethod
    def acquire(cls) -> "TrainerProcess":
        """An idle child, or a new one (it takes ~0.3 s to start: see ``ready``)."""
        with cls._lock:
            while cls._idle:
                proc = cls._idle.pop()
                if proc._child.poll() is None:
                    return proc
        return cls()

    def release(self):
        """Stop any run and keep the child for the next ``acquire``."""
        if self.running:
            self.stop()
        if self.broken:
            self.close()
            return
        with self._lock:
            self._idle.append(self)

    def ready(self) -> bool:
        """Has the child started (it says so once)? Never waits."""
        if not self._ready and not self.broken:
            try:
                if self._from.poll():
                    self._ready = self._from.recv() == "ready"
            except (EOFError, OSError):
                self.broken = True
        return self._ready and not self.broken

    def begin(self, trainer: Trainer, spacing: int):
        """Train a copy of ``trainer`` from its state now, keeping every ``spacing``-th state."""
        self._run += 1
        self.spacing = spacing
        data = (trainer.X, trainer.y, trainer.X_test, trainer.y_test)
        self._send(("begin", self._run, trainer.cfg, data, Timeline.capture(trainer),
                    trainer.theta_prev, trainer.first_bad_layer, trainer.history.lr_now, spacing))
        self.running = not self.broken

    def set_spacing(self, spacing: int):
        self.spacing = spacing
        self._send(("spacing", spacing))

    def receive(self, timeout: float) -> list[News]:
        """The news of the run that has arrived, waiting up to ``timeout`` s for the first."""
        news = []
        try:
            wait = timeout
            while self.running and self._from.poll(wait):
                wait = 0
                item = self._from.recv()
                if isinstance(item, News) and item.run == self._run:
                    news.append(item)
                    self.running = not item.final
        except (EOFError, OSError):
            self._broke()
        return news

    def stop(self) -> list[News]:
        """Ask the run to end; its news up to the last (the child ends the chunk it is in)."""
        if not self.running:
            return []
        self._send(("stop",))
        news, deadline = [], time.monotonic() + STOP_WAIT_S
        while self.running and time.monotonic() < deadline:
            news += self.receive(0.1)
        if self.running:
            self._broke()
        return news

    def close(self):
        """End the child (it exits when its pipe closes)."""
        self.running = False
        self.broken = True
        for end in (self._to, self._from):
            end.close()
        try:
            self._child.wait(1)
        except subprocess.TimeoutExpired:
            self._child.kill()

    def _send(self, message):
        try:
            self._to.send(message)
        except (OSError, ValueError):
            self._broke()

    def _broke(self):
        self.running = False
        self.broken = True


@atexit.register
def _close_idle():
    with TrainerProcess._lock:
        procs, TrainerProcess._idle[:] = list(TrainerProcess._idle), []
    for proc in procs:
        proc.close()


# --- the child ----------------------------------------------------------------------------
def _train(job, inbox: Connection, outbox: Connection):
    """Train from ``job`` (a "begin" message) until the trainer stops or "stop" comes."""
    _, run, cfg, data, state, theta_prev, first_bad_layer, lr_now, spacing = job
    tr = Trainer(cfg, *data)
    load_state(tr, state)
    tr.theta_prev[...] = theta_prev
    tr.first_bad_layer = first_bad_layer
    _new_history(tr, lr_now)
    kept, epoch_s, last_sent = [], 1e-4, time.perf_counter()

    def keep(_stats):                # after each epoch of a chunk with a small spacing
        if tr.epoch % spacing == 0:
            kept.append(Timeline.capture(tr))

    while True:
        # a wide spacing: chunks end on the epochs kept; a narrow one: a call after each epoch
        k = max(1, int(CHUNK_S / epoch_s))
        free = spacing >= FREE_RUN_SPACING
        if free:
            k = min(k, spacing - tr.epoch % spacing)
        t0, e0 = time.perf_counter(), tr.epoch
        s = tr.run(k) if free else tr.run(k, callback=keep)
        now = time.perf_counter()
        if tr.epoch > e0:
            epoch_s = 0.8 * epoch_s + 0.2 * (now - t0) / (tr.epoch - e0)
        ended = s is None or s.status != "training"
        if free and not ended and tr.epoch % spacing == 0:
            kept.append(Timeline.capture(tr))
        while inbox.poll():
            message = inbox.recv()
            if message[0] == "stop":
                ended = True
            elif message[0] == "spacing":
                spacing = message[1]
        if ended or now - last_sent >= SEND_S:
            outbox.send(News(run, tr.history.arrays(), tr.history.lr_now, kept,
                             Timeline.capture(tr), tr.theta_prev, tr.first_bad_layer, ended))
            if ended:
                return
            _new_history(tr, tr.history.lr_now)
            kept, last_sent = [], now


def _new_history(tr: Trainer, lr_now: float):
    """An empty history for the rows of the next news, its epochs' lr ``lr_now``."""
    tr.history = History(tr.history.n_layers)
    tr.history.set_lr(lr_now)


def main():
    inbox = Connection(os.dup(0), writable=False)
    outbox = Connection(os.dup(1), readable=False)
    os.dup2(2, 1)                    # a stray print goes to stderr, not into the pipe
    outbox.send("ready")
    try:
        while True:
            job = inbox.recv()
            if job[0] == "begin":
                _train(job, inbox, outbox)
            # a "stop" or "spacing" for a run that had already ended: nothing to do
    except (EOFError, OSError):      # the parent has gone
        return


if __name__ == "__main__":      # (the module's own name, so that News pickles by it)
    from backprop_lab.model.trainer_process import main as main_of_module
    main_of_module()
