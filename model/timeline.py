"""Timeline: past states of a trainer, to scrub through and to resume from.

Per-epoch statistics are already in the trainer's ``History``; the timeline
keeps *full resumable states* (weights, gradient, last update, optimizer
state, shuffle generator state, epoch, status, history length) at a spacing
that adapts to a memory budget::

    tl = Timeline(budget_bytes=64 * 2**20)
    tl.record(trainer)              # after every epoch: stores only on the spacing
    tl.epochs()                     # [0, 256, 512, ...]
    tl.restore(trainer, 512)        # "resume from here": bit-identical continuation

Spacing starts at 1 (every epoch). When the next state would not fit in the
budget, every other kept state is dropped (epoch 0 and the newest stay) and
the spacing doubles, so the states always cover the whole run evenly and the
timeline never holds more than ``budget_bytes``. The newest recorded state is
always kept, even when a thinning leaves it off the spacing (until a newer one
on the spacing replaces it).

Restoring abandons the epochs after the restore point; their history is kept
as a ``Branch`` so a view can draw the old curves beside the new ones.
"""
from __future__ import annotations

import dataclasses
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

import numpy as np

from backprop_lab.model.config import SHAPE_FIELDS
from backprop_lab.model.history import COLUMNS, MAE_COLUMNS, HistoryView
from backprop_lab.model.optimizers import make as make_optimizer
from backprop_lab.model.toolbox import Toolbox

# Python objects around each state's one array (the state object, its dicts, the
# generator state's ints): a generous estimate, checked by tracemalloc in the tests.
STATE_OVERHEAD_BYTES = 1024


@dataclass(frozen=True, eq=False)
class KeptState:
    """One resumable state. ``arrays`` (k, P) holds theta, grad, update and then the
    optimizer's state arrays in ``optimizer_names`` order, as one block."""
    epoch: int
    arrays: np.ndarray
    optimizer_names: tuple[str, ...]
    optimizer_t: int
    rng_state: dict
    status: str
    message: str
    stop_epoch: int | None
    history_len: int
    config: object                 # the TrainConfig for the epochs after this one
    toolbox: dict = None           # Toolbox.state_dict(): dropout generator, early stopping

    @property
    def theta(self) -> np.ndarray:
        return self.arrays[0]

    @property
    def grad(self) -> np.ndarray:
        return self.arrays[1]

    @property
    def update(self) -> np.ndarray:
        return self.arrays[2]

    def optimizer_state(self) -> dict:
        d = {"t": self.optimizer_t}
        d.update({name: self.arrays[3 + i].copy() for i, name in enumerate(self.optimizer_names)})
        return d

    @property
    def nbytes(self) -> int:
        """Bytes this state holds: its arrays plus ``STATE_OVERHEAD_BYTES``."""
        best = (self.toolbox or {}).get("early_best_theta")
        return int(self.arrays.nbytes) + STATE_OVERHEAD_BYTES + (0 if best is None else int(best.nbytes))


@dataclass(frozen=True)
class Branch:
    """The history of an abandoned run, kept for comparison curves."""
    label: str                     # e.g. "before resume at epoch 300 (lr 0.5)"
    from_epoch: int                # where the new run left it
    history: HistoryView           # copies, every epoch the abandoned run recorded

    @property
    def nbytes(self) -> int:
        h = self.history
        return sum(getattr(h, c).nbytes for c in COLUMNS) + h.grad_norms.nbytes


def history_upto(view: HistoryView, n: int) -> HistoryView:
    """The first ``n`` rows of ``view`` (views, no copies; a regression's MAE kept)."""
    return view.rows(slice(None, n))


def _copy_view(view: HistoryView) -> HistoryView:
    arrays = [getattr(view, c).copy() for c in COLUMNS] + [view.grad_norms.copy()]
    mae = {c: getattr(view, c).copy() for c in MAE_COLUMNS if getattr(view, c) is not None}
    for a in arrays + list(mae.values()):
        a.flags.writeable = False
    return HistoryView(*arrays, **mae)


class Timeline:
    """Kept states of one training run within ``budget_bytes`` (bytes) and at most
    ``max_states`` states (a slider needs no more positions than it has pixels).

    ``max_branches`` abandoned histories are kept (the oldest is dropped first);
    they are counted in ``nbytes`` but not in the state budget.
    """

    def __init__(self, budget_bytes: int = 64 * 2**20, max_states: int = 4096, max_branches: int = 4):
        if budget_bytes <= 0 or max_states < 2:
            raise ValueError(f"need a positive budget and room for 2 states, got "
                             f"budget_bytes={budget_bytes}, max_states={max_states}")
        self.budget_bytes = int(budget_bytes)
        self.max_states = int(max_states)
        self.max_branches = max_branches
        self.branches: list[Branch] = []
        self.clear()

    def clear(self):
        """Forget every kept state (after a reset or a new network); branches stay."""
        self._epochs: list[int] = []
        self._states: list[KeptState] = []
        self.spacing = 1
        self._state_bytes = 0

    def __len__(self):
        return len(self._states)

    def __repr__(self):
        return (f"Timeline({len(self)} states, epochs {self._epochs[:1]}..{self._epochs[-1:]}, "
                f"spacing {self.spacing}, {self.state_nbytes / 2**20:.1f} of "
                f"{self.budget_bytes / 2**20:.1f} MB)")

    # --- memory -------------------------------------------------------------------
    @property
    def state_nbytes(self) -> int:
        """Bytes held by the kept states (at most ``budget_bytes``)."""
        return self._state_bytes

    @property
    def nbytes(self) -> int:
        """Bytes held by kept states and branches."""
        return self._state_bytes + sum(b.nbytes for b in self.branches)

    def _thin(self):
        """Drop every kept state off the doubled spacing (epoch 0 is on every spacing)."""
        self.spacing *= 2
        self._set_states([s for s in self._states if s.epoch % self.spacing == 0])

    def _set_states(self, states: list[KeptState]):
        self._states = states
        self._epochs = [s.epoch for s in states]
        self._state_bytes = sum(s.nbytes for s in states)

    # --- recording ------------------------------------------------------------------
    def record(self, trainer) -> bool:
        """Keep the trainer's state if its epoch is on the spacing. Returns True if kept.

        Cheap when it does not keep (an integer test). Called again at the newest
        kept epoch after a change of settings, it notes the new config there: a
        state's config is the one the epochs after it were (or will be) run with.
        If the trainer's epoch is
        not past the newest kept one (a reset, or the trainer went back by other
        means), the kept states from that epoch on are dropped first: they belong
        to a line of training that no longer exists.
        """
        epoch = trainer.epoch
        if self._epochs and epoch <= self._epochs[-1]:
            newest = self._states[-1]
            if epoch == newest.epoch and not _shape_changed(trainer.cfg, newest.config):
                if trainer.status == "diverged":     # it took back a bad step: nothing new
                    return False
                if np.array_equal(newest.theta, trainer.network.theta):
                    if trainer.cfg != newest.config:  # settings for the epochs that follow
                        self._states[-1] = dataclasses.replace(newest, config=trainer.cfg)
                    return False
            self._set_states(self._states[: bisect_left(self._epochs, epoch)])
            if not self._states:
                self.spacing = 1
        elif epoch % self.spacing:
            return False
        self._keep(self.capture(trainer))
        return True

    def record_state(self, state: KeptState) -> bool:
        """Keep a state captured elsewhere (``capture``; the training process sends its
        states) if it is newer than the newest kept and on the spacing: ``record`` for
        a run that goes forward. Returns True if kept."""
        if not self.keeps(state.epoch):
            return False
        self._keep(state)
        return True

    def keeps(self, epoch: int) -> bool:
        """Would ``record_state`` keep a state of ``epoch``?"""
        return not (self._epochs and epoch <= self._epochs[-1]) and epoch % self.spacing == 0

    def _keep(self, state: KeptState):
        """Append the newest state, thinning the older ones to make room."""
        epoch = state.epoch
        if self._epochs and self._epochs[-1] % self.spacing:
            # the newest was kept off the spacing by a thinning; a newer one replaces it
            self._set_states(self._states[:-1])
        while len(self._states) > 2 and (self._state_bytes + state.nbytes > self.budget_bytes
                                         or len(self._states) >= self.max_states):
            self._thin()
        if self._state_bytes + state.nbytes > self.budget_bytes:
            # room for at most two states: epoch 0 and the new newest
            self._set_states([s for s in self._states if s.epoch == 0 and epoch != 0])
            if self._state_bytes + state.nbytes > self.budget_bytes:
                self._set_states([])
        self._states.append(state)
        self._epochs.append(epoch)
        self._state_bytes += state.nbytes

    @staticmethod
    def capture(trainer) -> KeptState:
        """The trainer's resumable state now (copies)."""
        net = trainer.network
        opt = trainer.optimizer.state_dict()
        t = int(opt.pop("t"))
        names = tuple(opt)
        arrays = np.empty((3 + len(names), net.n_params), net.dtype)
        arrays[0] = net.theta
        arrays[1] = net.grad
        arrays[2] = trainer.update
        for i, name in enumerate(names):
            arrays[3 + i] = opt[name]
        arrays.flags.writeable = False
        return KeptState(
            epoch=int(trainer.epoch), arrays=arrays, optimizer_names=names, optimizer_t=t,
            rng_state=trainer.shuffle_rng.bit_generator.state, status=trainer.status,
            message=trainer.message, stop_epoch=trainer.stop_epoch,
            history_len=trainer.history.n, config=trainer.cfg, toolbox=trainer.toolbox.state_dict())

    # --- looking up -------------------------------------------------------------------
    def epochs(self) -> list[int]:
        """Kept epochs, ascending (a copy)."""
        return list(self._epochs)

    def nearest(self, epoch: int) -> int:
        """The kept epoch closest to ``epoch`` (the earlier one on a tie)."""
        if not self._epochs:
            raise LookupError("the timeline holds no states yet")
        i = bisect_left(self._epochs, epoch)
        candidates = self._epochs[max(i - 1, 0): i + 1]
        return min(candidates, key=lambda e: (abs(e - epoch), e))

    def latest_at_or_before(self, epoch: int) -> int | None:
        """The newest kept epoch ≤ ``epoch``, or None."""
        i = bisect_right(self._epochs, epoch)
        return self._epochs[i - 1] if i else None

    def state(self, epoch: int) -> KeptState:
        """The state kept at exactly ``epoch``; KeyError if there is none."""
        i = bisect_left(self._epochs, epoch)
        if i == len(self._epochs) or self._epochs[i] != epoch:
            raise KeyError(f"no state kept at epoch {epoch}; kept: {self._describe()}")
        return self._states[i]

    def _describe(self) -> str:
        e = self._epochs
        return "none" if not e else f"{len(e)} epochs from {e[0]} to {e[-1]} every {self.spacing}"

    # --- going back -----------------------------------------------------------------------
    def snapshot_at(self, snapshot, epoch: int):
        """``snapshot`` (a live Snapshot) as it was at the kept ``epoch``: weights,
        gradient, update, config and status from the kept state, history cut there.
        Data (X, y) are the live snapshot's. For scrubbing views; nothing changes."""
        s = self.state(epoch)
        stop = s.stop_epoch if s.stop_epoch is not None and s.stop_epoch <= epoch else None
        return dataclasses.replace(
            snapshot, epoch=s.epoch, config=s.config, theta=s.theta, grad=s.grad,
            update=s.update, history=history_upto(snapshot.history, int(np.searchsorted(
                snapshot.history.epoch, s.epoch, side="right"))),
            status=s.status, message=f"viewing epoch {s.epoch} (kept state)", stop_epoch=stop)

    def restore(self, trainer, epoch: int, label: str | None = None) -> KeptState:
        """Put ``trainer`` back at the kept ``epoch``: weights, optimizer state, shuffle
        generator, epoch, status, config (training settings of that time) and history
        cut to that epoch. Continuing then repeats the original run bit for bit.

        The abandoned epochs' history becomes a ``Branch``; kept states after
        ``epoch`` are dropped. Raises KeyError if ``epoch`` is not kept and
        ValueError if the trainer's network is not the one the state came from.
        """
        s = self.state(epoch)
        _check_same_network(trainer.cfg, s.config)
        # rows up to the kept epoch (not s.history_len: a long history thins its older rows)
        kept_rows = trainer.history.rows_upto(s.epoch)
        if trainer.history.n > kept_rows:
            lr = trainer.cfg.lr
            self._add_branch(Branch(label or f"before going back to epoch {epoch} (lr {lr:g})",
                                    epoch, _copy_view(trainer.history.view())))
        if trainer.cfg != s.config:
            trainer.set_config(s.config)
        net = trainer.network
        # a fresh optimizer and toolbox, so no state of a later setting (e.g. AMSGrad's vmax) survives
        trainer.optimizer = make_optimizer(s.config, net.n_params, net.dtype, net.weight_mask)
        trainer.toolbox = Toolbox(s.config, net)
        load_state(trainer, s)
        trainer.message = f"resumed from epoch {s.epoch}"
        trainer.first_bad_layer = None
        trainer.history.truncate(kept_rows)
        self._set_states(self._states[: bisect_right(self._epochs, epoch)])
        return s

    def _add_branch(self, branch: Branch):
        self.branches.append(branch)
        del self.branches[: max(len(self.branches) - self.max_branches, 0)]


def load_state(trainer, s: KeptState):
    """Put a kept state's numbers into ``trainer``, whose network and settings are the
    state's: weights, gradient, last step, optimizer state, the shuffle and dropout
    generators, epoch, status and message. Training on repeats the run bit for bit."""
    net = trainer.network
    net.theta[...] = s.theta
    net.grad[...] = s.grad
    trainer.update[...] = s.update
    trainer.theta_prev[...] = s.theta
    trainer.optimizer.load_state_dict(s.optimizer_state())
    trainer.shuffle_rng.bit_generator.state = s.rng_state
    trainer.toolbox.load_state_dict(s.toolbox or {})
    trainer.epoch, trainer.status, trainer.message = s.epoch, s.status, s.message
    trainer.stop_epoch = s.stop_epoch


def _shape_changed(cfg_a, cfg_b) -> list[str]:
    return sorted(f for f in SHAPE_FIELDS if getattr(cfg_a, f) != getattr(cfg_b, f))


def _check_same_network(cfg_now, cfg_then):
    changed = _shape_changed(cfg_now, cfg_then)
    if changed:
        raise ValueError(f"the kept state is from another network ({', '.join(changed)} changed); "
                         "clear the timeline when the network is rebuilt")

