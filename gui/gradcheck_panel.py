"""GradCheckPanel: backprop's gradient beside central finite differences, per parameter.

    panel.set_snapshot(snap)   # any Snapshot, e.g. while paused mid-training
    panel.check()              # or the "Check gradients" button

The check runs on a Network rebuilt from the snapshot (spec, theta, X, y), so
it never touches the trainer. Large networks (> FULL_CHECK_LIMIT parameters)
get a random subset of SUBSET_SIZE parameters, and the panel says so.

Signals:
    sigChecked(object): the GradCheckResult just shown.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from backprop_lab.gui.views import colors
from backprop_lab.model.gradcheck import GradCheckResult, check_gradients
from backprop_lab.model.inspect import param_label, param_table
from backprop_lab.model.network import Network

FULL_CHECK_LIMIT = 2000
SUBSET_SIZE = 500
H = 1e-6
FORMULA_TIP = ("numeric ≈ (L(θ + h·eᵢ) − L(θ − h·eᵢ)) / 2h,  h = 1e−6  (central difference, "  # i18n: formula
               "error O(h²))\nrelative error = |analytic − numeric| / max(|analytic| + |numeric|, floor), "
               "floor = 10·ε·L / h / tolerance:\na gradient smaller than the central difference's rounding "
               "noise is compared absolutely"
               "\nL is the data loss (no L1/L2 term), over all training points."
               "\nkink: the ±h step moves some unit's z across 0 of a ReLU, where the slope jumps; "
               "the central difference then averages two slopes and is not comparable.")
BAD = "row_bad"            # a parameter whose gradients disagree (colors.theme)


def check_snapshot(snap, seed: int = 0) -> GradCheckResult:
    """Check the snapshot's weights on its training data: every parameter, or a random
    SUBSET_SIZE of them when there are more than FULL_CHECK_LIMIT."""
    net = Network(snap.spec)
    net.theta[...] = snap.theta
    idx = None
    if net.n_params > FULL_CHECK_LIMIT:
        idx = np.sort(np.random.default_rng(seed).choice(net.n_params, SUBSET_SIZE, replace=False))
    return check_gradients(net, snap.X, snap.y, h=H, index=idx)


class NumberItem(QTableWidgetItem):
    """A cell that shows a formatted number and sorts by the number itself."""

    def __init__(self, value: float, text: str | None = None):
        super().__init__(f"{value:.6g}".replace("-", "−") if text is None else text)
        self.value = float(value)
        self.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)

    def __lt__(self, other):
        if isinstance(other, NumberItem):
            return self.value < other.value
        return super().__lt__(other)


class GradCheckPanel(QWidget):
    sigChecked = Signal(object)
    COLUMNS = ("layer", "parameter", "analytic", "numeric", "relative error")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("gradCheckPanel")
        self.snapshot = None
        self.result = None
        self.button = QPushButton(self.tr("Check gradients"))
        self.button.setToolTip(FORMULA_TIP)
        self.button.clicked.connect(self.check)
        self.verdict = QLabel("—")
        self.verdict.setObjectName("gradCheckVerdict")
        self.verdict.setStyleSheet("font-weight: bold")
        self.note = QLabel(self.tr("No weights yet."))
        self.note.setWordWrap(True)
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setObjectName("gradCheckTable")
        self.table.setHorizontalHeaderLabels(self.COLUMNS)
        self.table.setToolTip(FORMULA_TIP)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(20)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSortingEnabled(True)
        # flat parameter order until the user clicks a header
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        top = QHBoxLayout()
        top.addWidget(self.button)
        top.addWidget(self.verdict, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(top)
        lay.addWidget(self.note)
        lay.addWidget(self.table, 1)
        self.button.setEnabled(False)

    def set_snapshot(self, snap):
        """The weights to check next (shown results stay until the next check)."""
        self.snapshot = snap
        ok = snap is not None and len(snap.X) > 0
        self.button.setEnabled(ok)
        if self.result is None:
            self.note.setText(self.tr("Ready to check the weights of epoch {epoch}.").format(epoch=snap.epoch) if ok
                              else self.tr("No training points to check on."))

    def check(self) -> GradCheckResult | None:
        snap = self.snapshot
        if snap is None or not len(snap.X):
            return None
        self.result = r = check_snapshot(snap)
        self._fill(r, param_table(snap.spec.build_layers()), snap.spec.build_layers())
        verdict = self.tr("PASS") if r.passed else self.tr("FAIL")
        kinks = self.tr("; {n} kink crossed — not comparable").format(n=r.n_kinks) if r.n_kinks else ""
        self.verdict.setText(self.tr("{verdict}: max relative error {max_rel_error:.2e}, "
                             "overall {overall_rel_error:.2e} (tolerance {tolerance:g}){kinks}").format(verdict=verdict, max_rel_error=r.max_rel_error, overall_rel_error=r.overall_rel_error, tolerance=r.tolerance, kinks=kinks))
        self.verdict.setStyleSheet(f"font-weight: bold; color: {colors.theme('ok' if r.passed else 'bad')}")
        what = (self.tr("a random subset of {k} of the {n} parameters (the net has more than {limit})")
                .format(k=len(r.index), n=r.n_params, limit=FULL_CHECK_LIMIT) if r.subset
                else self.tr("all {n} parameters").format(n=r.n_params))
        why = (self.tr(" For {n} of them the step θ ± h moves some unit's z across the kink of its "
                       "ReLU (z = 0), where the slope jumps: the central difference averages the two slopes, "
                       "so it cannot be compared with backprop's exact one-sided slope there; they are marked "
                       "'kink' and left out of the verdict.").format(n=r.n_kinks) if r.n_kinks else "")
        self.note.setText(self.tr("Epoch {epoch}: checked {what} on {len} training points; "
                          "data loss only (L1/L2 not included); |analytic| + |numeric| below {floor:.1e} "
                          "(rounding noise) is compared absolutely.{why} Click a header to sort.").format(epoch=snap.epoch, what=what, len=len(snap.X), floor=r.floor, why=why))
        self.sigChecked.emit(r)
        return r

    def _fill(self, r: GradCheckResult, table, layers):
        t = self.table
        t.setSortingEnabled(False)       # sorting while filling scrambles rows
        t.setRowCount(len(r.index))
        for row, p in enumerate(r.index):
            l, kind, i, j = table[p]
            label = param_label(kind, i, j, layers[l].kind == "conv1d")
            kink = bool(r.kink[row])
            err = f"kink ({r.rel_error[row]:.1e})" if kink else f"{r.rel_error[row]:.2e}"
            cells = (NumberItem(l + 1, str(l + 1)), NumberItem(p, label), NumberItem(r.analytic[row]),
                     NumberItem(r.numeric[row]), NumberItem(r.rel_error[row], err))
            bad = r.rel_error[row] >= r.tolerance and not kink
            for c, it in enumerate(cells):
                if bad:
                    it.setBackground(QBrush(QColor(colors.theme(BAD))))
                t.setItem(row, c, it)
        t.setSortingEnabled(True)        # re-sorts by the column the user chose, if any
