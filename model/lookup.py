"""One rule for choosing from a registry by name (activations, losses, initializers,
optimizers, data sets, examples): the entry, or a one-line error that lists the valid names."""
from __future__ import annotations


def lookup(table: dict, kind: str, name):
    """``table[name]``; ValueError ``unknown <kind> 'name'; valid: a, b, c`` for any other name
    (an unhashable one included)."""
    try:
        return table[name]
    except (KeyError, TypeError):
        raise ValueError(f"unknown {kind} {name!r}; valid: {', '.join(table)}") from None
