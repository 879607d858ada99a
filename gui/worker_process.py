"""The worker's max-speed runs in a training process (model/trainer_process.py).

Training and drawing share one interpreter lock while both are in one process, and
Qt holds it for the whole of a paint (bench/gil_paint.py): at max speed a frame's
time was training's lost time. So at max speed, with epochs shorter than
worker.EARLY_EPOCH_S, the worker hands the run to a child process and turns into
its mirror: each tick takes the child's news (about every 10 ms) into its own
Trainer and timeline, checks the guard and sends snapshots as before. Every command
first brings the run back (``settle``): the child stops after its chunk, its last
epochs come in, and the command finds the trainer exactly where the child left it.
The next tick sends the run out again. The first max-speed run starts the child
(~0.3 s); the thread trains meanwhile.

Stepping, slower speeds and long epochs train in the worker's thread as before. A
large network's epochs are mostly NumPy, which lets go of the lock; trained in a
child busy on a CPU of its own, the largest network left the window's event loop
further behind (bench/gui_throughput.py --largest, 5 rounds: p99 16-48 ms, against
14-17 ms for the tree before, which trained it in the thread).
"""
from __future__ import annotations

import time

from threadpoolctl import threadpool_limits

from backprop_lab.model.trainer_process import TrainerProcess

_blas_limited = False


def one_blas_thread():
    """NumPy's BLAS on one thread in this process, from now on (once is enough).

    The window's products are small, and BLAS threads spin-wait between them: beside
    a training process and the GUI thread, on two CPUs, they took the time both need
    (2 × 32 units training in the child: p99 23 ms, 23 frames/s and 2 900 epochs/s with
    them, in an ad hoc copy of bench/window_ab.py --hidden 32,32; 12.0 ms, 31 and 3 900
    on one thread in window_ab itself). The training process runs on one thread too
    (model/trainer_process.py)."""
    global _blas_limited
    if not _blas_limited:
        threadpool_limits(limits=1, user_api="blas")
        _blas_limited = True


NEWS_WAIT_S = 0.01      # a tick waits this long at most for news, then looks for a command


class TrainsElsewhere:
    """TrainingWorker's part that runs a max-speed run in a TrainerProcess.

    ``use_process``: send max-speed runs out (False: always train in this thread;
    it turns False for good if a child dies). The worker provides ``trainer``,
    ``watch``, ``commands_sent``/``commands_handled``, ``frame_due_at``, ``_frame_due``,
    ``_stand_aside``, ``_tick_over`` and ``_report``.
    """

    use_process = True
    _proc: TrainerProcess | None = None

    def _process_ready(self) -> bool:
        """Is the training process up? Starts one (without waiting) the first time."""
        proc = self._proc
        if proc is not None and proc.broken:
            proc.close()
            self._proc = proc = None
            self.use_process = False      # a child died: this worker trains at home from now on
        if proc is None and self.use_process:
            try:
                self._proc = proc = TrainerProcess.acquire()
            except OSError:               # no interpreter to start: train at home
                self.use_process = False
        return self.use_process and proc is not None and proc.ready()

    def _run_elsewhere(self, deadline: float) -> tuple[int, bool]:
        """Send the run out if it is not (yet) there; take its news until the tick is
        over. Returns (epochs done, stopped: the trainer converged, diverged, …)."""
        proc, timeline = self._proc, self.watch.timeline
        if not proc.running:
            proc.begin(self.trainer, timeline.spacing)
        done = 0
        while proc.running:
            # while the window draws this thread sleeps: a wake-up mid-frame takes the
            # interpreter lock from the frame (the news wait in the pipe meanwhile)
            if self._frame_due():
                self._stand_aside()
            wait = min(NEWS_WAIT_S, max(self.frame_due_at - time.perf_counter(), 0.0))
            more, stopped = self._take(proc.receive(wait))
            done += more
            if stopped:
                return done, True
            if timeline.spacing != proc.spacing:       # a thinning doubled it
                proc.set_spacing(timeline.spacing)
            if self.commands_sent > self.commands_handled or (done and self._tick_over(deadline)):
                break
        return done, False

    def _take(self, news: list) -> tuple[int, bool]:
        """Apply the child's news to the trainer and the timeline, in order."""
        done, stopped, tr = 0, False, self.trainer
        for item in news:
            done += item.apply(tr, self.watch.timeline)
            if item.final and tr.status != "training":
                self.watch.record(tr)                 # as a stop in this thread records it
                stopped = True
        return done, stopped

    def settle(self):
        """Bring a run in the training process back before a command reads or changes
        the trainer: the child's last epochs come in, and a stop it reached is reported."""
        proc = self._proc
        if proc is None or not proc.running:
            return
        done, stopped = self._take(proc.stop())
        if stopped:
            self._report(done, True, False)

    def trains_elsewhere(self) -> bool:
        """Is the run in the training process now? (Read from the GUI thread too.)"""
        proc = self._proc
        return proc is not None and proc.running

    def release_process(self):
        """The worker is done: the child goes back to the idle ones."""
        if self._proc is not None:
            self._proc.release()
            self._proc = None
