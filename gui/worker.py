"""The training thread's worker: the one object that touches the live Trainer.

``TrainingWorker`` lives in its own QThread and owns the live ``model.Trainer``.
The GUI reaches it only through queued signals (``TrainingSession``, in
backprop_lab.gui.training_session, emits them), so every command runs in the worker
thread between two epochs, never in the middle of one. Training runs in chunks
from a QTimer in the worker thread. A tick ends when a command waits in the queue
(it then waits one chunk, ~2 ms, at most), when a snapshot is due, or after
``TICK_BUDGET_S``. At max speed with short epochs the epochs run in a process of
their own instead, and the worker's Trainer mirrors that run: each tick takes its
news in, each command first brings it back (backprop_lab.gui.worker_process).

Its answers and commands are declared once, in backprop_lab.gui.worker_protocol,
with the generation each answer carries (what it describes may be gone by the
time the window reads it).
"""
from __future__ import annotations

import math
import threading
import time

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt, QThread, QTimer, Signal, Slot

from backprop_lab.model import Trainer
from backprop_lab.model.guard import TrainingWatch
from backprop_lab.model.timeline import Timeline
from backprop_lab.model.trainer_process import FREE_RUN_SPACING
from backprop_lab.gui.worker_process import TrainsElsewhere
from backprop_lab.gui.worker_protocol import WorkerAnswers, command

TICK_BUDGET_S = 0.05        # longest stretch of epochs before the worker looks at its queue
                            # unasked (a command sent ends a tick sooner: commands_sent). At
                            # 8 ms, ~3 ticks a frame at max speed, each with its guard check
                            # and return to the event loop: ~2 % of training's epochs (mean
                            # of six interleaved comparisons, within their noise)
FRAME_S = 1 / 60            # snapshots at most this often while playing
STALE_S = 0.25              # ... and at least this often, drawn or not (see gui_drew)
SLOW_TICK_MS = 16           # timer period when the speed allows several epochs per frame
CHUNK_S = 0.002             # Trainer.run chunks of about this long (a frame stops one early)
# The worker does not yield the GIL by hand: a thread that wants it gets it within
# sys.getswitchinterval() (5 ms, Python's default, left alone). It used to call
# time.sleep(0) every 0.5 ms: 0.1-0.15 ms each (9 % of the wall time at max speed)
# and far longer when other programs want the CPU. A 1 ms switch interval measured no
# better here (bench/gui_throughput.py, 5 runs each: median share 55 % vs 58 % at
# 5 ms, p99 latency 12.7 vs 12.8 ms), and a full test run once hung with the GIL
# changing hands that often (GC in the GUI thread blocked while the training thread
# waited for the GIL), so the process-wide setting stays Python's.
FRAME_WAIT_MAX_S = 0.1      # never wait longer than this for a frame to finish
EARLY_EPOCH_S = 0.001       # epochs shorter than this stop for a frame when it is due; longer
                            # ones (a large network's, mostly in NumPy with the GIL released)
                            # run on into the frame, and stop only when it has begun
TIMELINE_STATES = 1024      # kept states at most (the timeline slider's positions)
HANDOFF_WAIT_S = 0.003      # after sending a snapshot, wait this long at most for the GUI to take it

class TrainingWorker(TrainsElsewhere, WorkerAnswers):
    """Owns a Trainer; runs epochs on its QThread's timer; answers with Snapshots.

    Its signals are the ANSWERS, its slots (marked @command) the COMMANDS: call them
    only through queued signals (see ``TrainingSession``). set_speed takes epochs
    per second, 0 = as fast as possible. ``generation`` counts the commands that
    changed the run (worker_protocol.NEW_STATE); every stop, error, rebuild and new
    seed it reports carries it.
    """

    sigCallDone = Signal(int, object, object)   # call's answer: ticket, result, error text or None

    def __init__(self, cfg, X, y, X_test=None, y_test=None):
        super().__init__()
        self.trainer = Trainer(cfg, X, y, X_test, y_test)
        # Kept states, divergence guard, the epoch on view. 1024 states: more than the
        # timeline slider has pixels, and every epoch is kept only for the first 1024
        # (capturing a state costs ~15 µs, a quarter of a small net's epoch).
        self.watch = TrainingWatch(Timeline(max_states=TIMELINE_STATES))
        self.watch.new_line(self.trainer)
        self.generation = 0         # commands handled that changed the run (see worker_protocol)
        # commands the session has sent / this worker has begun: while the first is ahead,
        # one waits in the queue and the tick ends after the chunk in progress
        self.commands_sent = self.commands_handled = 0
        self.speed = 0.0            # epochs per second; 0 = max
        self.running = False
        self._steps_left = 0
        self._owed = 0.0            # epochs the speed allows but not yet run
        self._last_tick = 0.0
        self._last_emit = -math.inf
        self._epoch_s = CHUNK_S         # smoothed seconds per epoch (sizes Trainer.run chunks)
        self._data_changed = False  # new points since the trainer last stopped
        self._home = QThread.currentThread()   # where it is made: the GUI thread
        # Cleared by the GUI from the moment it schedules a frame until the frame is
        # drawn: a thread-safe flag, not a command. ``frame_due_at`` (perf_counter
        # seconds; -inf while a frame is drawn, inf with none scheduled) is when the
        # frame begins: training stands aside from then, between epochs, so that the
        # GUI thread finds the interpreter lock free when its frame timer fires.
        self.gui_idle = threading.Event()
        self.gui_idle.set()
        self.frame_due_at = math.inf
        # Set by the GUI when it has drawn the newest snapshot sent. While playing faster
        # than snapshots go out, the next one waits for it: a snapshot the GUI would drop
        # undrawn (it draws ~33 a second at max speed) costs both threads time for nothing.
        self.gui_drew = threading.Event()
        self.gui_drew.set()
        # Set by the GUI thread once it has taken the snapshot sent last. The worker waits
        # for that (HANDOFF_WAIT_S at most; ~0.3 ms at max speed here), the interpreter lock
        # released: training on instead, it held the lock while the GUI thread waited for it
        # to take the snapshot (~2 ms), and its own epochs ran at half speed meanwhile.
        self.snapshot_taken = threading.Event()
        # A child of the worker, so it moves to the worker's thread with it.
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._tick)

    # --- commands ---------------------------------------------------------------
    @command
    def play(self):
        tr = self.trainer
        self.watch.live()
        if tr.n_points == 0:
            self._say(self.sigError, self.tr("No training points: add points or pick a data set."))
            return
        if tr.epoch >= tr.cfg.max_epochs:
            self._emit_snapshot()
            self._say(self.sigStopped, self.tr("Stopped at max epochs ({max_epochs}): raise Max epochs "
                                 "or Reset to train on.").format(max_epochs=tr.cfg.max_epochs))
            return
        if tr.status == "converged" and tr.cfg.stop_at_100 and not self._data_changed:
            self._emit_snapshot()
            self._say(self.sigStopped, self.tr("Already converged at epoch {epoch}: untick "
                                 "'stop at 100 %' or Reset to train on.").format(epoch=tr.epoch))
            return
        if tr.status == "early_stopped" and not self._data_changed:
            self._emit_snapshot()
            self._say(self.sigStopped, QCoreApplication.translate(
                "TrainingWorker", "Stopped early at epoch {0} (the best weights are back): raise "
                "the patience, set Early stop off or Reset to train on.").format(tr.epoch))
            return
        self.running, self._steps_left = True, 0
        self.sigRunning.emit(True)
        self._owed, self._last_tick = 1.0, time.perf_counter()
        self._tick(limit=1)          # the first epoch at once, whatever the speed
        if self.running:
            self._restart_timer()

    @command
    def pause(self):
        self._halt()
        self._emit_snapshot()

    @command
    def step(self, n: int = 1):
        """Run exactly ``n`` more epochs (stops playing); a snapshot follows."""
        if self.running:
            self._halt()
        self.watch.live()
        self._steps_left += max(int(n), 0)
        self._tick()                 # a single step answers at once
        if self._steps_left:
            self._restart_timer()

    @command
    def reset(self, keep_seed: bool = True):
        """Back to epoch 0; same initial weights, or new ones from a fresh seed."""
        self._halt()
        if keep_seed:
            self.trainer.reset()
        else:
            seed = int(np.random.default_rng().integers(0, 2**31 - 1))
            self.trainer.reset(seed=seed)
            self.sigSeedChanged.emit(seed, self.generation)
            self.sigRebuilt.emit(self.generation)
        self._data_changed = False
        self.watch.new_line(self.trainer)
        self._emit_snapshot()

    @command
    def set_data(self, X, y, X_test=None, y_test=None):
        """New points; weights and epoch are kept."""
        try:
            self.trainer.set_data(X, y, X_test, y_test)
        except ValueError as e:
            self._say(self.sigError, self.tr("Data not used: {e}").format(e=e))
            return
        self._data_changed = True
        if self.trainer.n_points == 0 and self.running:
            self._halt()
        self._emit_snapshot()

    @command
    def set_config(self, cfg):
        """Apply a TrainConfig: settings change in place, a new shape rebuilds."""
        tr = self.trainer
        try:
            outcome = tr.set_config(cfg)
        except ValueError as e:
            self._say(self.sigError, self.tr("Setting not applied: {e}").format(e=e))
            return
        if outcome == "rebuilt":
            self._halt()
            self._data_changed = False
            self.watch.new_line(tr)
            self.sigRebuilt.emit(self.generation)
        else:
            self.watch.record(tr)       # the newest kept state notes the settings that follow it
        self._emit_snapshot()

    @command
    def call(self, ticket: int, fn, changes_run: bool = False):
        """Run ``fn(worker)`` here, between two epochs, and answer with its result.

        The one way for GUI features (save a session, copy the trainer for the
        inspector, restore a kept state) to reach the live Trainer: ``fn`` runs
        in this thread, so it may read ``worker.trainer`` or swap it with
        ``worker.replace_trainer``. An exception becomes the error text; the
        result should be a copy, never an array the trainer keeps writing.
        ``changes_run``: ``fn`` replaces or rewinds the run (a new generation).
        """
        if changes_run:
            self.generation += 1
        try:
            result, error = fn(self), None
        except Exception as e:           # reported to the caller, the worker lives on
            result, error = None, f"{type(e).__name__}: {e}"
        self._emit_snapshot()
        self.sigCallDone.emit(ticket, result, error)

    def replace_trainer(self, trainer: Trainer):
        """Swap in another Trainer (a loaded session, a restored state); stops playing."""
        self._halt()
        self.trainer = trainer
        self._data_changed = False
        self.watch.new_line(trainer)
        self.sigRebuilt.emit(self.generation)

    @command
    def set_speed(self, epochs_per_second: float):
        self.speed = max(float(epochs_per_second), 0.0)
        if self.running:
            self._restart_timer()

    @command
    def finish(self):
        """Last command: stop the timer, hand the worker (and its timer) back to the
        GUI thread, where Python will delete it, and end this thread's event loop."""
        self._timer.stop()
        self.running, self._steps_left = False, 0
        self.release_process()
        thread = QThread.currentThread()
        self.moveToThread(self._home)
        thread.quit()

    # --- the training loop ------------------------------------------------------
    def _restart_timer(self):
        if self._steps_left or self.speed == 0:
            interval = 0                                   # back-to-back chunks
        else:
            interval = max(1, min(SLOW_TICK_MS, round(1000 / self.speed)))
            if self.speed <= 60:
                interval = round(1000 / self.speed)        # one epoch per tick
        self._timer.start(interval)

    def _halt(self):
        self.settle()
        was_running = self.running
        self.running, self._steps_left = False, 0
        self._timer.stop()
        if was_running:
            self.sigRunning.emit(False)

    def _epochs_allowed(self, now: float) -> int:
        """How many epochs this tick may run (the time budget cuts it shorter)."""
        if self._steps_left:
            return self._steps_left
        if not self.running:
            return 0
        if self.speed == 0:
            return 1 << 30
        self._owed += (now - self._last_tick) * self.speed
        self._owed = min(self._owed, self.speed * 0.25 + 1)  # no burst after a stall
        # timers fire a little early or late: 0.95 of an epoch owed counts as one
        return int(self._owed + 0.05)

    @Slot()
    def _tick(self, limit: int | None = None):
        """Run the epochs due now (at most ``limit``), for at most TICK_BUDGET_S, then
        tell the GUI what it needs to know."""
        now = time.perf_counter()
        allowed = self._epochs_allowed(now)
        if limit is not None:
            allowed = min(allowed, limit)
        self._last_tick = now
        # max speed, short epochs: the training process trains (backprop_lab.gui.worker_process)
        elsewhere = (limit is None and self.running and self.speed == 0 and not self._steps_left
                     and self._epoch_s < EARLY_EPOCH_S and self._process_ready())
        try:
            if elsewhere:
                done, stopped = self._run_elsewhere(deadline=now + TICK_BUDGET_S)
            else:
                self.settle()            # (a run sent out before, the process since switched off)
                done, stopped = self._run_epochs(allowed, deadline=now + TICK_BUDGET_S)
        except ValueError as e:          # no training points
            self._stop_with_error(str(e))
            return
        except Exception as e:           # a bug: stop (not once per tick), say so, then report it
            self._stop_with_error("Training stopped by an internal error: "
                                  f"{type(e).__name__}: {e}")
            raise
        stepping = self._count(done)
        self._report(done, stopped, stepping)

    def _run_epochs(self, allowed: int, deadline: float) -> tuple[int, bool]:
        """Up to ``allowed`` epochs in Trainer.run chunks, until ``deadline``, each one
        recorded for the timeline and the guard. Returns (epochs done, stopped: the
        trainer converged, diverged or ran out of epochs)."""
        tr, worker, clock = self.trainer, self, time.perf_counter
        record, timeline = self.watch.record, self.watch.timeline

        early = self._epoch_s < EARLY_EPOCH_S

        def recorded(_stats):           # after each epoch; True stops Trainer.run
            record(tr)                  # an integer test unless the epoch is to be kept
            due = worker.frame_due_at   # a frame begun (-inf), or due: stand aside now
            return due == -math.inf or (early and clock() >= due)

        done = 0
        while done < allowed:
            # a frame due or begun comes first: its snapshot was sent before it, and one sent
            # now would be sent, and wait, mid-frame; then the tick may be over (it runs at
            # least one epoch: a step answers before the commands after it)
            if self._frame_due():
                self._stand_aside()
            if done and self._tick_over(deadline):
                break
            # Trainer.run(k) rather than k × step(): one np.errstate per chunk; the
            # chunk ends before the next frame is due
            k = min(allowed - done, max(1, int(CHUNK_S / self._epoch_s)))
            due = self.frame_due_at                 # (the GUI thread may change it meanwhile)
            if early and math.isfinite(due):
                k = min(k, max(1, int((due - clock()) / self._epoch_s)))
            # once the timeline keeps few epochs, short ones run without a call after each
            # (~5 % of a small net's time): the chunk ends on the next epoch kept, and
            # before the frame due (k above)
            spacing = timeline.spacing
            free = early and spacing >= FREE_RUN_SPACING
            if free:
                k = min(k, spacing - tr.epoch % spacing)
            e0, t0 = tr.epoch, time.perf_counter()
            s = tr.run(k) if free else tr.run(k, callback=recorded)
            ran = tr.epoch - e0
            if free or s.status != "training":  # (run() calls back only while training goes on)
                record(tr)
            if s.status != "training":
                return done + max(ran, 1), True  # ≥ 1: the guard checks a diverged step
            done += ran
            self._epoch_s = 0.8 * self._epoch_s + 0.2 * (time.perf_counter() - t0) / ran
        return done, False

    def _tick_over(self, deadline: float) -> bool:
        """Past the tick's deadline, a snapshot due (a frame may start: its snapshot
        now), or a command waiting in the queue."""
        return (time.perf_counter() > deadline or self._snapshot_due()
                or self.commands_sent > self.commands_handled)

    def _frame_due(self) -> bool:
        """Is a frame being drawn, or (short epochs) due before half an epoch would be done?"""
        due = self.frame_due_at
        return due == -math.inf or (self._epoch_s < EARLY_EPOCH_S
                                    and time.perf_counter() + 0.5 * self._epoch_s >= due)

    def _stand_aside(self):
        """Wait for the frame due (or being drawn) to be drawn: waiting releases the GIL.
        At most FRAME_WAIT_MAX_S: a GUI busy elsewhere does not hold training back
        (training then goes on until the frame begins)."""
        if not self.gui_idle.wait(FRAME_WAIT_MAX_S) and self.frame_due_at > -math.inf:
            self.frame_due_at = math.inf        # due, not begun: train on until it begins

    def _stop_with_error(self, message: str):
        self._halt()
        self._emit_snapshot()
        self._say(self.sigError, message)

    def _count(self, done: int) -> bool:
        """Take ``done`` epochs off the steps asked for, else off the epochs the speed
        owes. True when stepping."""
        stepping = self._steps_left > 0
        if stepping:
            self._steps_left -= done
        else:
            self._owed -= done
        return stepping

    def _report(self, done: int, stopped: bool, stepping: bool):
        """After a tick: a stop (the trainer's, or the guard's alarm) halts and says
        why; the last step asked for, or a due frame, sends a snapshot."""
        tr = self.trainer
        alarm = self.watch.check(tr) if done else None
        if stopped or alarm:
            self._halt()
            self._data_changed = False
            self._emit_snapshot()
            self._say(self.sigStopped, alarm or tr.message)
            if alarm:
                self.sigDiverged.emit(alarm, self.watch.can_roll_back())
        elif stepping and self._steps_left == 0:
            self._timer.stop()
            self._emit_snapshot()
        elif done and self._snapshot_due():
            self._emit_snapshot()

    def _snapshot_due(self) -> bool:
        since = time.perf_counter() - self._last_emit
        if since < FRAME_S * 0.9:
            return False
        every_epoch = 0 < self.speed <= 1 / FRAME_S     # slow enough to show each epoch
        return every_epoch or self.gui_drew.is_set() or since >= STALE_S

    def halt_then(self, fn):
        """Stop playing, then return ``fn()`` (for ``call``: scrub, resume, roll back)."""
        self._halt()
        self._data_changed = False
        return fn()

    def _say(self, signal, message: str):
        """Send a stop or an error, with the generation of the run it describes."""
        signal.emit(message, self.generation)

    def _emit_snapshot(self):
        """Send the timeline's news, if any, then the snapshot: last, so that the GUI has
        taken both once it has taken the snapshot (snapshot_taken)."""
        self._last_emit = time.perf_counter()
        self.gui_drew.clear()
        info = self.watch.timeline_info(self.trainer)
        if info is not None:
            self.sigTimeline.emit(*info)
        self.snapshot_taken.clear()
        self.sigSnapshot.emit(self.watch.snapshot(self.trainer))   # a kept one while scrubbing
        self.snapshot_taken.wait(HANDOFF_WAIT_S)
