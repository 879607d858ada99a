"""ConfusionMatrixView: true class against predicted class, counted live on the points."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QLabel, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from backprop_lab.gui.views.class_colors import class_color
from backprop_lab.model import metrics, tasks

MAX_SCORED = 20_000       # points scored per frame at most (an even sample beyond that)


class ConfusionMatrixView(QWidget):
    """Rows: the true class; columns: the class the network predicts (argmax, or p > 0.5
    for two classes). The diagonal is what it gets right; a cell's shade is its share
    of the row. Training or test points, chosen above the table."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("confusionView")
        self.which = QComboBox(objectName="confusionPoints")
        self.which.addItems([QCoreApplication.translate("ConfusionMatrixView", "training points"), QCoreApplication.translate("ConfusionMatrixView", "test points")])
        self.which.setToolTip(QCoreApplication.translate("ConfusionMatrixView", "Which points are counted"))
        self.which.currentIndexChanged.connect(lambda _i: self._redraw())
        self.summary = QLabel(objectName="confusionSummary")
        self.table = QTableWidget(objectName="confusionTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setToolTip(QCoreApplication.translate("ConfusionMatrixView", "Row: true class · column: predicted class · "
                                 "diagonal: correct · shade: share of the row"))
        top = QHBoxLayout()
        top.addWidget(self.which)
        top.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self._snap = None
        self._key = None
        self.matrix = np.zeros((2, 2), np.int64)

    def set_snapshot(self, snap) -> None:
        self._snap = snap
        self._redraw()

    def _redraw(self):
        snap = self._snap
        if snap is None or not hasattr(snap, "spec"):
            return
        if tasks.is_regression(snap.config):
            self.table.setRowCount(0)
            self.table.setColumnCount(0)
            self.summary.setText(QCoreApplication.translate("ConfusionMatrixView", "Regression has no classes: see R² and MAE."))
            self._key = None
            return
        test = self.which.currentIndex() == 1
        X, y = (snap.X_test, snap.y_test) if test else (snap.X, snap.y)
        every = max(1, -(-len(X) // MAX_SCORED))
        X, y = X[::every], y[::every]
        K = max(snap.spec.outputs, 2)
        m = metrics.confusion_matrix(snap.predict(X), y, K) if len(X) else np.zeros((K, K), np.int64)
        key = (m.tobytes(), K)
        if key == self._key:
            return
        self._key, self.matrix = key, m
        n, right = int(m.sum()), int(np.trace(m))
        sample = QCoreApplication.translate("ConfusionMatrixView", " (every {k}th point)").format(k=every) if every > 1 else ""
        self.summary.setText(QCoreApplication.translate("ConfusionMatrixView", "{right} of {n} right{sample}").format(right=right, n=n, sample=sample)
                             if n else QCoreApplication.translate("ConfusionMatrixView", "no points"))
        self._fill(m, K)

    def _fill(self, m, K):
        t = self.table
        if t.rowCount() != K:
            t.setRowCount(K)
            t.setColumnCount(K)
            labels = [str(k) for k in range(K)]
            t.setVerticalHeaderLabels([QCoreApplication.translate("ConfusionMatrixView", "true {k}").format(k=k) for k in labels])
            t.setHorizontalHeaderLabels([QCoreApplication.translate("ConfusionMatrixView", "pred. {k}").format(k=k) for k in labels])
        rows = np.maximum(m.sum(axis=1, keepdims=True), 1)
        share = m / rows
        for i in range(K):
            for j in range(K):
                item = t.item(i, j) or QTableWidgetItem()
                item.setText(str(int(m[i, j])))
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                c = QColor(class_color(j) if i == j else "#d62728")
                c.setAlphaF(0.15 + 0.6 * float(share[i, j]) if m[i, j] else 0.0)
                item.setBackground(QBrush(c))
                t.setItem(i, j, item)
