"""The numbers of one weight, as the diagram's edges and the weights heatmap show them.

    weight_text(snap, layer, r, c, "x1", "h1.2")
    x1 → h1.2   (layer 1, W[0, 1])
    weight w = 0.4213
    gradient dL/dw = -0.001234
    last update Δw = 0.0001234

One text for both views: the same weight reads the same wherever it is hovered.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def _fmt(v) -> str:
    return f"{float(v):.4g}"


def weight_text(snap, layer: int, r: int, c: int, src: str, dst: str) -> str:
    """The text for W[r, c] of ``layer`` (0 = first weight layer) of ``snap``, which
    joins unit ``src`` to unit ``dst``: its value, dL/dw of the last epoch, and the
    last step the optimizer took (Δw)."""
    W, dW, step = (pairs[layer][0] for pairs in (snap.params, snap.grads, snap.updates))
    name = "K" if snap.layers[layer].kind == "conv1d" else "W"
    where = QCoreApplication.translate("WeightText", "layer {0}").format(layer + 1)
    lines = (f"{src} → {dst}   ({where}, {name}[{r}, {c}])",
             QCoreApplication.translate("WeightText", "weight w = {0}").format(_fmt(W[r, c])),
             QCoreApplication.translate("WeightText", "gradient dL/dw = {0}").format(_fmt(dW[r, c])),
             QCoreApplication.translate("WeightText", "last update Δw = {0}").format(_fmt(step[r, c])))
    return "\n".join(lines)


def cell_names(names: list[list[str]], layer, index: int, r: int, c: int) -> tuple[str, str]:
    """(from, to) names of heatmap cell W[r, c] of weight layer ``index``, with ``names``
    the diagram's unit names per column (network_diagram.unit_names). A convolution's
    kernel cell is one tap of one filter, shared along every position."""
    if layer.kind == "conv1d":
        return (QCoreApplication.translate("WeightText", "tap {0}").format(r + 1),
                QCoreApplication.translate("WeightText", "conv{0} (every position)").format(c + 1))
    return names[index][r], names[index + 1][c]
