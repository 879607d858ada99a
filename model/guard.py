"""DivergenceGuard: notice that training is exploding before it turns into NaN.

Training counts as exploding when any of these holds:

* the loss is not finite (the trainer then reports status "diverged"),
* the loss rose above ``factor`` × the best loss so far *and* above ``floor``
  (the floor keeps a loss going from 1e-9 to 1e-5 from counting),
* a weight's magnitude exceeds ``max_weight``.

``check`` looks at every epoch recorded since its last call, so it can run
once per chunk of epochs; ``rollback`` takes the trainer back to the newest
state kept in a ``Timeline`` before the explosion, optionally halving the
learning rate. ``TrainingWatch`` pairs a guard with a timeline for an app's
training loop (record, check, scrub, resume, roll back).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from backprop_lab.model.timeline import Timeline


@dataclass(frozen=True)
class Explosion:
    """What the guard found: ``epoch`` is the first epoch that showed it, ``layer`` is 1-based.

    ``bad_from`` is the first epoch whose *weights* are bad. An epoch's loss is
    measured before its update, so a bad loss at epoch E blames the weights
    after epoch E − 1.
    """
    epoch: int
    bad_from: int
    reason: str                  # "non-finite loss" | "loss blow-up" | "huge weights"
    layer: int | None            # first layer with non-finite weights, else the one with the largest
    message: str


def _layer_blocks(source) -> list[np.ndarray]:
    """Per-layer parameter arrays of a Trainer or a Snapshot."""
    if hasattr(source, "network"):
        return list(source.network.blocks)
    return [np.concatenate([W.ravel()] + ([] if b is None else [b.ravel()])) for W, b in source.params]


def _worst_layer(blocks) -> tuple[int, float, bool]:
    """(1-based layer, its max |w|, whether it holds non-finite values): the first
    layer with a non-finite value, else the layer with the largest magnitude."""
    for i, B in enumerate(blocks):
        if not np.isfinite(B).all():
            return i + 1, float("inf"), True
    peaks = [float(np.abs(B).max()) if B.size else 0.0 for B in blocks]
    i = int(np.argmax(peaks))
    return i + 1, peaks[i], False


def _where(source) -> tuple[int, str]:
    """(1-based layer, where in the message): the first layer with non-finite weights,
    else the one with the largest."""
    layer, peak, non_finite = _worst_layer(_layer_blocks(source))
    return layer, (f"first non-finite weights in layer {layer}" if non_finite
                   else f"largest weights in layer {layer} (|w| up to {peak:.3g})")


class DivergenceGuard:
    def __init__(self, factor: float = 1e3, floor: float = 1.0, max_weight: float = 1e6):
        self.factor, self.floor, self.max_weight = factor, floor, max_weight
        self.last: Explosion | None = None
        self.reset()

    def __repr__(self):
        return f"DivergenceGuard(factor={self.factor:g}, floor={self.floor:g}, max_weight={self.max_weight:g})"

    def reset(self):
        """Forget the best loss seen (a new run). ``check`` also notices truncated histories."""
        self._seen = 0                # history rows already looked at
        self._best = np.inf           # lowest finite loss among them
        self.last = None

    def check(self, source) -> str | None:
        """A message if ``source`` (a Trainer or a Snapshot) is exploding, else None.

        The message names the epoch and the layer: the first whose weights went
        non-finite, else the one with the largest weights. The details are in
        ``self.last`` (an ``Explosion``).
        """
        found = self._find(source)
        self.last = found
        return None if found is None else found.message

    def _find(self, source) -> Explosion | None:
        if source.status == "diverged":
            epoch = source.epoch + 1                      # the epoch that failed was not recorded
            layer, where = _where(source)
            bad = getattr(source, "first_bad_layer", None)
            if bad is not None:
                layer, where = bad + 1, f"first non-finite weights in layer {bad + 1}"
            return Explosion(epoch, epoch - 1, "non-finite loss", layer,
                             f"diverged at epoch {epoch}: the loss is not finite; {where}")

        epoch, loss = self._new_losses(source)
        # (the worker checks after every chunk of epochs: the usual case, every loss under
        # the floor, costs two reductions instead of five)
        if len(loss) and loss.max() <= self.floor:
            self._best = min(self._best, float(loss.min()))
        elif len(loss):
            best_before = np.minimum.accumulate(np.concatenate(([self._best], loss)))[:-1]
            blown = (loss > self.factor * best_before) & (loss > self.floor)
            self._best = min(self._best, float(np.min(loss, initial=np.inf, where=np.isfinite(loss))))
            if blown.any():
                i = int(np.argmax(blown))
                layer, where = _where(source)
                return Explosion(int(epoch[i]), int(epoch[i]) - 1, "loss blow-up", layer,
                                 f"exploding at epoch {epoch[i]}: loss {loss[i]:.3g} is over "
                                 f"{self.factor:g}× the best so far ({best_before[i]:.3g}); {where}")
        # one pass over all the weights; the layer to blame is looked for only when they are bad
        theta = source.network.theta if hasattr(source, "network") else source.theta
        if not np.abs(theta).max(initial=0.0) <= self.max_weight:     # NaN: not <=, caught too
            layer, where = _where(source)
            return Explosion(int(source.epoch), int(source.epoch), "huge weights", layer,
                             f"exploding at epoch {source.epoch}: weights over {self.max_weight:g} "
                             f"in magnitude; {where}")
        return None

    def _new_losses(self, source) -> tuple[np.ndarray, np.ndarray]:
        h = source.history.view() if hasattr(source.history, "view") else source.history
        n = len(h)
        if n < self._seen:                                # history was cut (reset, rollback)
            self._seen = 0
            self._best = np.inf
        epoch, loss = h.epoch[self._seen: n], h.loss[self._seen: n]
        self._seen = n
        return epoch, loss

    def rollback(self, trainer, timeline, halve_lr: bool = False) -> int:
        """Restore the newest kept state from before the weights went bad (``self.last``,
        from ``check``; without one, the current weights count as bad) whose weights
        are finite and within ``max_weight``; halve the learning rate if asked.
        Returns the epoch restored. Raises LookupError if no kept state qualifies.
        """
        bad_epoch = self.last.epoch if self.last is not None else trainer.epoch
        bad_from = self.last.bad_from if self.last is not None else trainer.epoch
        candidates = [e for e in timeline.epochs() if e < bad_from]
        for epoch in reversed(candidates):
            theta = timeline.state(epoch).theta
            if np.isfinite(theta).all() and np.abs(theta).max(initial=0.0) <= self.max_weight:
                break
        else:
            raise LookupError(f"no kept state before epoch {bad_from} with finite weights")
        reason = self.last.reason if self.last is not None else "rollback"
        timeline.restore(trainer, epoch, label=f"{reason} at epoch {bad_epoch} (lr {trainer.cfg.lr:g})")
        if halve_lr:
            trainer.set_config(trainer.cfg.replace(lr=trainer.cfg.lr / 2))
        lr_note = f", learning rate halved to {trainer.cfg.lr:g}" if halve_lr else ""
        trainer.message = f"rolled back to epoch {epoch}{lr_note}"
        self.last = None
        return epoch


@dataclass(frozen=True)
class WentBack:
    """What ``TrainingWatch.resume``/``rollback`` did (safe to hand to another thread)."""
    epoch: int                   # the kept epoch the trainer is now at
    branch: object               # the abandoned run's ``Branch``, or None if nothing was abandoned
    config: object               # the TrainConfig now in force
    message: str                 # a sentence for the status bar


class TrainingWatch:
    """A Timeline and a DivergenceGuard kept for one trainer, plus the kept epoch on
    view while someone scrubs. The app's worker calls ``record`` after every epoch,
    ``check`` after each chunk, and takes its snapshots from ``snapshot``.
    """

    def __init__(self, timeline=None, guard: DivergenceGuard | None = None):
        self.timeline = timeline if timeline is not None else Timeline()
        self.guard = guard if guard is not None else DivergenceGuard()
        self.viewing: int | None = None   # kept epoch on view, None = live
        self.armed = True                 # quiet after an alarm the person chose to train through
        self._info_key = None

    def record(self, trainer):
        self.timeline.record(trainer)

    def new_line(self, trainer):
        """After a reset, rebuild or new trainer (a loaded session, at any epoch): its
        current state starts the timeline; no state of the old line can be restored."""
        self.viewing = None
        self.timeline.clear()
        self.timeline.record(trainer)
        self.guard.reset()
        self.armed = True

    def check(self, trainer) -> str | None:
        """The guard's message, if training is exploding. After one alarm on finite
        numbers the guard stays quiet (Play again trains on) until the next rollback,
        resume or new line; a non-finite loss is always reported."""
        if not (self.armed or trainer.status == "diverged"):
            return None
        alarm = self.guard.check(trainer)
        if alarm and trainer.status != "diverged":
            self.armed = False
        return alarm

    def can_roll_back(self) -> bool:
        """Is there a kept state from before the last alarm's bad weights?"""
        last = self.guard.last
        return last is not None and self.timeline.latest_at_or_before(last.bad_from - 1) is not None

    # --- scrubbing ---------------------------------------------------------------------
    def view(self, epoch: int):
        """Show the kept ``epoch`` from now on (KeyError if it is not kept)."""
        self.timeline.state(epoch)
        self.viewing = int(epoch)

    def live(self):
        self.viewing = None

    def snapshot(self, trainer):
        """The trainer's snapshot, or the kept state on view (history cut there)."""
        snap = trainer.snapshot()
        if self.viewing is not None:
            try:
                return self.timeline.snapshot_at(snap, self.viewing)
            except KeyError:              # thinned away or abandoned meanwhile
                self.viewing = None
        return snap

    def timeline_info(self, trainer):
        """(kept epochs tuple, live epoch, bytes held) when that changed since the last
        call, else None: cheap to ask at every snapshot."""
        tl = self.timeline
        key = (len(tl), tl.spacing, trainer.epoch, tl.nbytes)
        if key == self._info_key:
            return None
        self._info_key = key
        return tuple(tl.epochs()), int(trainer.epoch), tl.nbytes

    # --- going back ----------------------------------------------------------------------
    def resume(self, trainer, epoch: int) -> WentBack:
        """Continue from the kept ``epoch``; the later epochs become a branch."""
        return self._went_back(trainer, lambda: self.timeline.restore(trainer, epoch).epoch)

    def rollback(self, trainer, halve_lr: bool = False) -> WentBack:
        """Back to before the last alarm (see ``DivergenceGuard.rollback``)."""
        return self._went_back(trainer, lambda: self.guard.rollback(trainer, self.timeline, halve_lr))

    def _went_back(self, trainer, restore) -> WentBack:
        before = self.timeline.branches[-1] if self.timeline.branches else None
        epoch = restore()
        branch = self.timeline.branches[-1] if self.timeline.branches else None
        self.viewing = None
        self.guard.reset()
        self.armed = True
        return WentBack(epoch, branch if branch is not before else None, trainer.cfg, trainer.message)
