"""While a training thread runs, the GUI thread collects garbage without the 50–70 ms
stall of a full collection: objects that reached the oldest generation are frozen."""
from __future__ import annotations

import gc
import weakref

from backprop_lab.gui import gc_in_gui_thread


class Node:
    pass


def cycle():
    """A garbage cycle, and a weak reference that dies when it is collected."""
    a, b = Node(), Node()
    a.other, b.other = b, a
    return weakref.ref(a)


def make_counts_ask_for_a_full_collection():
    for _ in range(gc.get_threshold()[2] + 1):
        gc.collect(1)                        # each counts one towards generation 2
    for _ in range(gc.get_threshold()[1] + 1):
        gc.collect(0)                        # ... towards generation 1
    keep = [[] for _ in range(2 * gc.get_threshold()[0])]   # ... and young objects
    assert [c > t for c, t in zip(gc.get_count(), gc.get_threshold())] == [True] * 3
    return keep


def test_a_due_full_collection_freezes_the_oldest_objects_instead_of_walking_them(qapp):
    generations = []

    def note(phase, info):
        if phase == "start":
            generations.append(info["generation"])

    gc_in_gui_thread.hold()
    gc.callbacks.append(note)
    try:
        assert not gc.isenabled()
        young_garbage = cycle()
        keep = make_counts_ask_for_a_full_collection()
        generations.clear()
        gc_in_gui_thread.collect()
        assert generations and 2 not in generations, generations    # never the full walk
        assert young_garbage() is None                              # young cycles still collected
        assert gc.get_freeze_count() > 0
        later_garbage = cycle()
        gc_in_gui_thread.collect()                                  # nothing due: nothing run
        keep.extend([] for _ in range(2 * gc.get_threshold()[0]))
        gc_in_gui_thread.collect()
        assert later_garbage() is None                              # what came after: collected
    finally:
        gc.callbacks.remove(note)
        gc_in_gui_thread.release()
    if gc_in_gui_thread.holders() == 0:      # the last release: all of it collectable again
        assert gc.get_freeze_count() == 0 and gc.isenabled()
