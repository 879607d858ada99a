"""UniformSpots: a ScatterPlotItem mixin for spots that all share the item's own style.

pyqtgraph finds each new spot's picture in its symbol atlas one spot at a time, in
Python (a key per spot, ~5 µs each): the decision map's misclassified rings, a new
set at almost every frame early in training, cost 2–3 ms a frame for a few
hundred rings. When no spot has a style of its own (no per-spot symbol, size, pen
or brush), every spot's picture is the same: it is looked up once and given to all.
Anything else goes through pyqtgraph's own path.

    class Rings(UniformSpots, pg.ScatterPlotItem): ...
"""
from __future__ import annotations

import numpy as np


class UniformSpots:
    def updateSpots(self, dataSet=None):
        data = self.data if dataSet is None else dataSet
        new = data["sourceRect"]["w"] == 0
        uniform = (self.opts["pxMode"] and self.opts["useCache"] and new.any()
                   and (data["size"] == -1).all()
                   and all(np.equal(data[field], None).all() for field in ("symbol", "pen", "brush")))
        if not uniform:
            return super().updateSpots(dataSet)
        style = (self.opts["symbol"], self.opts["size"], self.opts["pen"], self.opts["brush"])
        data["sourceRect"][new] = self.fragmentAtlas[[style]][0]
        self._maybeRebuildAtlas()
        self._updateMaxSpotSizes(data=data)
        self.invalidate()
