"""Faster ways to compute exactly the formulas of activations.py: one place for them.

Each kernel here replaces one plain formula, sits beside a note of what it buys
(bench/engine_speed.py) and is checked against that formula by
tests/test_fast_kernels.py. ``FASTER`` maps an activation's name to its kernel;
the activation registry runs the kernel, a reader reads the plain formula.
A kernel that buys less than 5 % on every bench case does not belong here.
"""
from __future__ import annotations

import numpy as np


def tanh_via_exp(z, out):
    """tanh(z) = 1 − 2 / (e^(2z) + 1).

    np.exp is about twice as fast as np.tanh on this machine's NumPy, so on
    large layers (bench case C: 1 000 points × 16 tanh units) this saves ~10 %
    of an epoch. It agrees with np.tanh to ~3e-16; e^(2z) = inf gives exactly 1
    and e^(2z) = 0 exactly −1.
    """
    np.multiply(z, 2.0, out=out)
    np.exp(out, out=out)
    np.add(out, 1.0, out=out)
    np.divide(-2.0, out, out=out)
    return np.add(out, 1.0, out=out)


# activation name -> the kernel that computes its plain formula faster
FASTER = {"tanh": tanh_via_exp}
