"""What the GUI and the training thread say to each other, declared once.

The worker's answers (``ANSWERS``) and commands (``COMMANDS``) are tables of names
and argument types: ``TrainingWorker`` (backprop_lab.gui.worker) takes its signals
and slots from them, ``TrainingSession`` (backprop_lab.gui.training_session) its
forwarding signals and command methods.

Generations: an answer the worker sends may reach the window after the user has
changed the run again (the run converged at epoch 218; before "converged" arrives
the user adds a point it misclassifies). So each answer that describes the run —
a stop, an error, a rebuild, a new seed — carries the run's *generation*: how many
commands in ``NEW_STATE`` (and calls sent with ``changes_run=True``) the worker had
handled when it sent it. The session counts the same commands as it sends them;
an answer whose generation is not the session's describes a state that is gone
(``TrainingSession.is_current``). Both sides count one queue, in its order, and
the worker counts a command in the same slot that carries it out: no answer can
fall between a change and its count.
"""
from __future__ import annotations

import functools

from PySide6.QtCore import QObject, Signal, Slot

# The worker's answers: signal name → argument types. TrainingSession re-emits each
# in the GUI thread under the same name. ``int`` last: the generation it describes.
ANSWERS = {
    "sigSnapshot": (object,),           # model.Snapshot: ≤ ~60/s playing; always after
                                        # step/pause/reset/stop
    "sigStopped": (str, int),           # the trainer's sentence: converged / diverged / max epochs
    "sigError": (str, int),             # a command could not be carried out (e.g. no points)
    # sigStopped and sigError come after the snapshot showing the state they describe;
    # sigTimeline before the snapshot it goes with.
    "sigRebuilt": (int,),               # new network (shape changed or new seed): epoch 0
    "sigSeedChanged": (int, int),       # reset(keep_seed=False) picked this new seed
    "sigRunning": (bool,),              # playing or not, as the worker sees it
    "sigTimeline": (object, int, int),  # kept epochs (tuple), live epoch, bytes they hold
    "sigDiverged": (str, bool),         # the guard's sentence (epoch, layer); can roll back
}

# The worker's commands: slot name → argument types. TrainingSession sends each
# through a queued signal of its own; the session method of the same name sends it
# (call and finish are sent by TrainingSession.call and .shutdown).
COMMANDS = {
    "play": (),
    "pause": (),
    "step": (int,),
    "reset": (bool,),
    "set_data": (object, object, object, object),
    "set_config": (object,),
    "set_speed": (float,),
    "call": (int, object, bool),        # ticket, fn(worker), changes_run
    "finish": (),
}

# The commands that start a new generation: after them, a stop or an error sent
# before describes a run that is gone. Not pause (a run that converged and was then
# paused still converged), not set_speed, not a call that only reads.
NEW_STATE = frozenset({"play", "step", "reset", "set_data", "set_config"})


def signals(table: dict, prefix: str = "") -> dict:
    """A Signal per entry of ``table`` (name → argument types), named prefix + name.
    PySide6 makes signals only from class attributes: a class's namespace takes these."""
    return {prefix + name: Signal(*types) for name, types in table.items()}


def command(slot):
    """@Slot with the argument types COMMANDS gives the method's name. Every command
    counts itself handled (``self.commands_handled``; the session counts the ones it
    sends in ``commands_sent``, so a chunk of epochs can see one waiting in the queue),
    one in NEW_STATE a new generation (``self.generation``), before it does anything, after
    ``self.settle()`` has brought back a run from the training process."""
    body, new_state = slot, slot.__name__ in NEW_STATE

    @functools.wraps(body)
    def counted(self, *args, **kwargs):
        self.settle()            # a run in the training process comes back first (worker_process)
        self.commands_handled += 1
        if new_state:
            self.generation += 1
        return body(self, *args, **kwargs)
    return Slot(*COMMANDS[slot.__name__])(counted)


# The worker's answer signals, as the class it derives from.
WorkerAnswers = type("WorkerAnswers", (QObject,), signals(ANSWERS))
