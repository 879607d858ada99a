"""Every registry chooses by name with one rule (model/lookup.py): the entry, or a one-line
ValueError that names what was asked for and lists the valid names."""
import pytest

from backprop_lab.model import (TrainConfig, activations, datasets, examples, initializers, losses,
                                optimizers)
from backprop_lab.model.lookup import lookup

REGISTRIES = [
    ("activation", activations.ACTIVATIONS, activations.get),
    ("loss", losses.LOSSES, losses.get),
    ("initializer", initializers.INITIALIZERS, initializers.get),
    ("example", examples.EXAMPLES, examples.get),
    ("data set", datasets.DATASETS, lambda name: datasets.make(name, n=4)),
    ("optimizer", optimizers.OPTIMIZERS,
     lambda name: optimizers.make(TrainConfig(optimizer=name), (3,), float)),
]


def test_lookup_gives_the_entry_or_a_one_line_error_listing_the_valid_names():
    table = {"a": 1, "b": 2}
    assert lookup(table, "thing", "b") == 2
    with pytest.raises(ValueError) as e:
        lookup(table, "thing", "c")
    assert str(e.value) == "unknown thing 'c'; valid: a, b"
    assert e.value.__cause__ is None and e.value.__suppress_context__
    with pytest.raises(ValueError, match=r"unknown thing \['a'\]; valid: a, b"):
        lookup(table, "thing", ["a"])            # unhashable: the same error, not a TypeError


@pytest.mark.parametrize("kind, table, get", REGISTRIES, ids=[r[0] for r in REGISTRIES])
def test_each_registry_refuses_an_unknown_name_alike(kind, table, get):
    with pytest.raises(ValueError) as e:
        get("no-such-name")
    message = str(e.value)
    assert message.startswith(f"unknown {kind} 'no-such-name'; valid: ")
    assert message.split("valid: ")[1].split(", ") == list(table)
    assert "\n" not in message


@pytest.mark.parametrize("kind, table, get", REGISTRIES, ids=[r[0] for r in REGISTRIES])
def test_each_registry_still_gives_its_entries(kind, table, get):
    name = next(iter(table))
    got = get(name)
    assert got is not None
    if kind in ("activation", "loss", "initializer", "example"):
        assert got is table[name]
