"""The decision map of a K-class or regression network (DecisionMapView draws two classes).

K classes: each pixel has its argmax class's colour, pale where the network
is unsure and strong where it is sure, with the decision boundaries drawn;
misclassified points ringed. Regression: the predicted value on the diverging
colour scale (a colour bar beside it), the points coloured by their target on
the same scale.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication

from backprop_lab.gui.views import class_colors, colors
from backprop_lab.model import metrics, tasks


RING_MACS = 4_000_000     # multiply-adds the rings may cost a frame (half decision_map.FRAME_MACS)


def active(snap) -> bool:
    """True when ``snap`` is a K-class or regression network (not the two-class map)."""
    return snap.spec.outputs > 1 or tasks.is_regression(snap.config)


class ProblemMap:
    """What a DecisionMapView needs beyond the two-class map: the class colour table,
    the regression colour bar, and which mode it drew last."""

    def __init__(self, view):
        self.view = view
        self.mode = "two"                   # "two", "classes" or "regression"
        self.K = 0
        self._lut = None
        self._points_key = None
        self.bar = None                     # the regression colour bar, made when first needed
        self.scale = 1.0                    # half-width of the regression colour scale
        self._two_title = view._title

    # --- modes ---------------------------------------------------------------------
    def leave(self):
        """Back to the two-class map: its colour table, its contour, no colour bar."""
        if self.mode == "two":
            return
        v = self.view
        v.image_item.setColorMap(colors.MAP_CMAP)
        v.contour.setVisible(True)
        if self.bar is not None:
            self.bar.setVisible(False)
        self.mode, self.K, self._points_key = "two", 0, None
        v._points_key = v._wrong_key = None          # the two-class points are drawn anew
        v._title = self._two_title
        colors.set_title(v.plot, v._title)

    def _enter(self, mode: str, K: int):
        v = self.view
        if (mode, K) == (self.mode, self.K):
            return
        self.mode, self.K, self._points_key = mode, K, None
        v.contour.setVisible(False)
        if mode == "classes":
            v.image_item.setLookupTable(class_colors.class_lut(K))
            if self.bar is not None:
                self.bar.setVisible(False)
            title = QCoreApplication.translate("ProblemMap", "Argmax class · paler = less sure · click: add point<br>"
                       "keys 0–9 pick the class · shift: delete")
        else:
            v.image_item.setColorMap(colors.MAP_CMAP)
            title = QCoreApplication.translate("ProblemMap", "Prediction ŷ · click: add point with the target<br>"
                       "wheel: change the target · shift: delete")
        v._title = title
        colors.set_title(v.plot, title)

    def figure_title(self, epoch: str) -> str:
        """An exported figure's title: what the map shows (``epoch``: ", epoch N" or "")."""
        if self.mode == "regression":
            return QCoreApplication.translate("ProblemMap", "Prediction ŷ over the input plane{epoch}<br>points coloured by their target y"
                      ).format(epoch=epoch)
        return QCoreApplication.translate("ProblemMap", "Argmax class over the input plane{epoch}<br>paler: less sure; lines: decision "
                  "boundaries; ringed: misclassified").format(epoch=epoch)

    # --- drawing ---------------------------------------------------------------------
    def draw(self, snap, res: int):
        v = self.view
        regression = tasks.is_regression(snap.config)
        K = snap.spec.outputs
        self._enter("regression" if regression else "classes", K)
        p = v.outputs(snap, "grid", v.grid_points, np.float32)
        if regression:
            self.scale = class_colors.target_scale(np.concatenate([snap.y[:, 0], snap.y_test[:, 0]]))
            m = self.scale
            v.image_item.setImage(p.reshape(res, res).astype(np.float32), levels=(-m, m),
                                  autoLevels=False, rect=v._rect())
            self._show_bar(m)
        else:
            v.image_item.setImage(class_colors.class_map_values(p, res).astype(np.float32),
                                  levels=(0.0, K + 1.0), autoLevels=False, rect=v._rect())
        self._set_points(snap, regression, K)

    def _show_bar(self, m: float):
        if self.bar is None:
            self.bar = pg.ColorBarItem(values=(-m, m), colorMap=colors.MAP_CMAP, interactive=False,
                                       width=12, label=QCoreApplication.translate("ProblemMap", "ŷ and y"))
            self.view.plot.layout.addItem(self.bar, 2, 5)
        self.bar.setLevels((-m, m))
        self.bar.setVisible(True)

    def _set_points(self, snap, regression: bool, K: int):
        v = self.view
        X, y, Xt, yt = snap.X, snap.y, snap.X_test, snap.y_test
        key = (X.tobytes(), y.tobytes(), Xt.tobytes(), yt.tobytes(), regression, K, self.scale)
        if key != self._points_key:
            self._points_key = key
            v._X = np.asarray(X)
            v.mark_sample(v.marked)
            if regression:
                v.train_item.setData(pos=X, brush=class_colors.value_brushes(y[:, 0], self.scale))
                pens = [pg.mkPen(b.color(), width=2) for b in class_colors.value_brushes(yt[:, 0], self.scale)]
                v.test_item.setData(pos=Xt, pen=pens) if len(Xt) else v.test_item.setData([], [])
            else:
                v.train_item.setData(pos=X, brush=class_colors.class_brushes(max(K, 2))[_labels(y, K)])
                if len(Xt):
                    v.test_item.setData(pos=Xt, pen=class_colors.class_pens(max(K, 2))[_labels(yt, K)])
                else:
                    v.test_item.setData([], [])
            v.test_item.setVisible(len(Xt) > 0)
        if regression:
            wrong = np.zeros((0, 2))
        else:   # the rings: on every point, or an even sample when that would cost too much
            macs = max(1, sum(layer.n_params for layer in snap.layers))
            every = max(1, -(-(len(X) + len(Xt)) * macs // RING_MACS))
            wrong = [np.zeros((0, 2))]
            for P, Y in ((X[::every], y[::every]), (Xt[::every], yt[::every])):
                if len(P):
                    wrong.append(P[metrics.predicted_class(snap.predict(P)) != _labels(Y, K)])
            wrong = np.concatenate(wrong)
        if wrong.tobytes() != v._wrong_key:
            v._wrong_key = wrong.tobytes()
            v.wrong_item.setData(pos=wrong)
            v.wrong_item.setVisible(len(wrong) > 0)


def _labels(y, K: int) -> np.ndarray:
    return np.clip(np.rint(y[:, 0]), 0, max(K, 2) - 1).astype(np.intp)
