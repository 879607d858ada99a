"""A point clicked into the window takes a class by the same rule as a data file's label
(model/points.is_label): 0 .. MAX_CLASSES − 1, nothing else, and a refused one changes nothing."""
import numpy as np
import pytest

from backprop_lab.gui.data_editor import DataEditor
from backprop_lab.model.tasks import MAX_CLASSES


def test_every_class_up_to_the_largest_is_added(qtbot):
    data = DataEditor()
    for k in range(MAX_CLASSES):
        data.add(0.1 * k, -0.1 * k, k)
    assert data.y[:, 0].tolist() == list(range(MAX_CLASSES))


@pytest.mark.parametrize("label", [MAX_CLASSES, -1, 1.5, np.nan, np.inf])
def test_any_other_class_is_refused_and_changes_nothing(qtbot, label):
    data = DataEditor()
    data.add(0.0, 0.0, 1)
    before = [a.copy() for a in data.arrays]
    with pytest.raises(ValueError, match="class must be 0 or 1"):
        data.add(0.5, 0.5, label)
    assert all(np.array_equal(a, b) for a, b in zip(data.arrays, before))
