"""help(Trainer), help(History), help(Snapshot), help(Network) in a notebook list every public attribute:
each one an object of the class really has is named in the class docstring as ``name``."""
import dataclasses

import numpy as np
import pytest

from backprop_lab.model import TrainConfig, Trainer, make_data
from backprop_lab.model.history import History
from backprop_lab.model.network import Network
from backprop_lab.model.snapshot import Snapshot


def public_attributes(obj) -> set[str]:
    """Instance attributes, dataclass fields and properties whose names do not start with _."""
    cls = type(obj)
    names = set(vars(obj)) if hasattr(obj, "__dict__") else set()
    if dataclasses.is_dataclass(cls):
        names |= {f.name for f in dataclasses.fields(cls)}
    for klass in cls.__mro__:
        names |= {n for n, v in vars(klass).items() if isinstance(v, property)}
    return {n for n in names if not n.startswith("_")}


def trained():
    cfg = TrainConfig(dataset="circle", n_points=40, test_fraction=0.25, max_epochs=3)
    tr = Trainer(cfg, *make_data(cfg))
    tr.run()
    return tr


@pytest.mark.parametrize("what", ["Trainer", "History", "Snapshot", "Network"])
def test_the_class_docstring_names_every_public_attribute(what):
    tr = trained()
    obj = {"Trainer": tr, "History": tr.history, "Snapshot": tr.snapshot(), "Network": tr.network}[what]
    assert isinstance(obj, {"Trainer": Trainer, "History": History, "Snapshot": Snapshot,
                            "Network": Network}[what])
    names = public_attributes(obj)
    assert len(names) >= 3
    missing = sorted(n for n in names if f"``{n}``" not in type(obj).__doc__)
    assert missing == []


def test_a_trainer_has_the_same_attributes_before_and_after_a_divergence():
    """No attribute appears only once training has exploded (help() lists what is there)."""
    cfg = TrainConfig(dataset="circle", n_points=40, max_epochs=50)
    tr = Trainer(cfg, *make_data(cfg))
    before = public_attributes(tr)
    tr.network.blocks[1][0, 0] = np.nan          # a weight gone bad: the next epoch diverges
    tr.run()
    assert tr.status == "diverged" and tr.first_bad_layer is not None
    assert public_attributes(tr) == before
