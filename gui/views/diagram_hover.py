"""HoverActivations: each unit's activation at the input hovered on the map, on the diagram.

    marks = HoverActivations(diagram)
    map_view.readout.sigHoverActivations.connect(marks.show_outputs)

Every hidden and output unit gets a small label "a=0.731" beside it (the
inspector's labels, diagram_highlight.ValueLabel), so one reads how the point
under the cursor travels through the network. While the inspector shows a phase
its own labels have the room, and these wait.
"""
from __future__ import annotations

import shiboken6

from backprop_lab.gui.views.diagram_highlight import PhaseHighlight


class HoverActivations(PhaseHighlight):
    """Labels of one input's activations in a NetworkDiagram's scene.

    ``labels``: the ValueLabel per unit now shown (column by column, hidden first, output last)."""

    def show_outputs(self, outputs) -> None:
        """``outputs``: [a (units,)] per layer at one input (MapReadout.sigHoverActivations),
        or None to remove the labels."""
        self._remove()
        d = self.diagram
        if outputs is None or d.highlight.info is not None or not d.nodes:
            return
        for column, a in enumerate(outputs, start=1):
            if column < len(d.nodes) and len(a) == len(d.nodes[column]):
                self._label_column(column, a, "a", None)

    def _remove(self):
        """As PhaseHighlight's, for items the diagram may have deleted with its scene."""
        scene = self.diagram.scene
        for item in self._items:
            if shiboken6.isValid(item) and item.scene() is scene:
                scene.removeItem(item)
        self._items, self.labels = [], []
