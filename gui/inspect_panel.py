"""InspectPanel: step through one epoch — forward, loss, backward, update — with numbers.

Contract with the main window (the panel never sees the live trainer):
    The worker thread owns the live Trainer. To inspect, the window pauses the
    worker and asks it for ``backprop_lab.model.inspect.clone_trainer(trainer)`` (made in the
    worker thread, between two epochs, and sent over a queued signal); the
    clone is then the GUI thread's alone and goes to ``set_trainer(clone)``.
    "Apply epoch" runs ``trainer.step()`` on that clone and emits sigApplied;
    the window then sends the worker ``step(1)``, which gives bit-identical
    weights (same state, same code; tested), and may hand a fresh clone over.

Signals:
    sigPhaseChanged(dict): ``EpochTrace.info(phase)`` plus "node" — kind, layer
        (engine index), batch, sample, values (per-unit array), edges (W-shaped
        array or None), text — for a NetworkDiagram to highlight the layer.
    sigApplied(): the traced epoch was run on the trainer given to set_trainer.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton,
                               QSpinBox, QSplitter, QTableWidget, QTableWidgetItem, QVBoxLayout,
                               QWidget)

from backprop_lab.gui.views import colors
from backprop_lab.model.inspect import param_label, param_table, trace_epoch

CURRENT = "row_current"         # rows of the layer being computed (colors.theme: light or dark)
DONE = "row_done"               # rows already computed in this epoch
MAX_PARAM_ROWS = 2000           # a parameter table beyond this is unreadable and slow


def _fmt(v) -> str:
    return "" if v is None or not np.isfinite(v) else f"{v:.4g}".replace("-", "−")


def _item(text, value=None) -> QTableWidgetItem:
    it = QTableWidgetItem(text)
    it.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if value is not None:
        it.setData(Qt.ItemDataRole.UserRole, value)
    return it


def _table(headers) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.verticalHeader().hide()
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    t.horizontalHeader().setStretchLastSection(True)
    t.verticalHeader().setDefaultSectionSize(20)
    return t


class InspectPanel(QWidget):
    sigPhaseChanged = Signal(object)
    sigApplied = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("inspectPanel")
        self.trainer = None
        self.trace = None
        self.phase_index = 0
        self.node = None               # unit (forward/backward) or flat parameter (update) in the text

        self.title = QLabel(self.tr("Pause training and open a trainer copy to step through an epoch."))
        self.title.setStyleSheet("font-weight: bold")
        self.counter = QLabel("")
        self.formula = QLabel("")
        self.formula.setObjectName("phaseFormula")
        self.formula.setWordWrap(True)
        self.formula.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.formula.setFont(QFont("DejaVu Sans Mono", 9))
        self.formula.setStyleSheet(f"background: {colors.theme('panel_bg')}; color: {colors.FOREGROUND}; "
                                   f"border: 1px solid {colors.theme('panel_border')}; padding: 6px")
        self.formula.setMinimumHeight(90)
        self.formula.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        self.nodes = _table(["layer", "unit", "z", "a", "δ"])
        self.nodes.setObjectName("nodeTable")
        self.params = _table(["layer", "parameter", "w", "∂/∂w", "Δw", "w after"])
        self.params.setObjectName("paramTable")
        self.nodes.cellClicked.connect(self._node_clicked)
        self.params.cellClicked.connect(self._param_clicked)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.nodes)
        split.addWidget(self.params)
        split.setSizes([300, 420])

        self.prev_button = QPushButton(self.tr("◀ Previous"))
        self.next_button = QPushButton(self.tr("Next ▶"))
        self.prev_button.setToolTip(self.tr("Previous phase (Ctrl+Left or ,)"))
        self.next_button.setToolTip(self.tr("Next phase (Ctrl+Right or .)"))
        self.sample_spin = QSpinBox()
        self.sample_spin.setObjectName("sampleSpin")
        self.sample_spin.setRange(-1, -1)
        self.sample_spin.setSpecialValueText(self.tr("whole batch"))
        self.sample_spin.setToolTip(self.tr("Training point to follow (−1 = the whole batch, as the engine "
                                    "computes it). Clicking a point on the map picks it too."))
        self.apply_button = QPushButton(self.tr("Apply epoch"))
        self.apply_button.setToolTip(self.tr("Run this epoch on the trainer: the weights end exactly as "
                                     "one normal training step leaves them."))
        self.status = QLabel("")
        self.status.setObjectName("inspectStatus")
        self.prev_button.clicked.connect(self.previous_phase)
        self.next_button.clicked.connect(self.next_phase)
        self.apply_button.clicked.connect(self.apply_epoch)
        self.sample_spin.valueChanged.connect(lambda v: self.set_sample(None if v < 0 else v))

        for keys, slot, ctx in (("Ctrl+Right", self.next_phase, Qt.ShortcutContext.WindowShortcut),
                                ("Ctrl+Left", self.previous_phase, Qt.ShortcutContext.WindowShortcut),
                                (".", self.next_phase, Qt.ShortcutContext.WidgetWithChildrenShortcut),
                                (",", self.previous_phase, Qt.ShortcutContext.WidgetWithChildrenShortcut)):
            sc = QShortcut(QKeySequence(keys), self)
            sc.setContext(ctx)
            sc.activated.connect(slot)

        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.counter)
        buttons = QHBoxLayout()
        for w in (self.prev_button, self.next_button, QLabel(self.tr("Sample:")), self.sample_spin):
            buttons.addWidget(w)
        buttons.addStretch(1)
        buttons.addWidget(self.apply_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(head)
        lay.addWidget(self.formula)
        lay.addWidget(split, 1)
        lay.addLayout(buttons)
        lay.addWidget(self.status)
        self._enable()

    # --- public API -----------------------------------------------------------------
    @property
    def sample(self) -> int | None:
        v = self.sample_spin.value()
        return None if v < 0 else v

    @property
    def phase(self):
        return None if self.trace is None else self.trace.phases[self.phase_index]

    def set_trainer(self, trainer):
        """Trace the next epoch of ``trainer``: a copy the GUI thread owns (see the module
        docstring), never the worker's live Trainer. None clears the panel."""
        self.trainer = trainer
        self.phase_index = 0
        if trainer is None:
            self.trace = None
            self.sample_spin.setRange(-1, -1)
        else:
            self.sample_spin.blockSignals(True)
            self.sample_spin.setRange(-1, trainer.n_points - 1)
            self.sample_spin.blockSignals(False)
            self._retrace()
        self._enable()
        self._show()

    def set_sample(self, index: int | None):
        """Follow training point ``index`` (None or −1: the whole batch); keeps the phase."""
        index = None if index is None or index < 0 else int(index)
        if self.sample_spin.value() != (-1 if index is None else index):
            self.sample_spin.setValue(-1 if index is None else index)   # comes back here
            return
        if self.trainer is not None:
            self._retrace()
            self._show()

    def set_phase(self, index: int):
        if self.trace is None:
            return
        self.phase_index = int(np.clip(index, 0, len(self.trace.phases) - 1))
        self.node = None
        self._enable()
        self._show()

    def next_phase(self):
        self.set_phase(self.phase_index + 1)

    def previous_phase(self):
        self.set_phase(self.phase_index - 1)

    def apply_epoch(self):
        """Finish the epoch on the trainer (one trainer.step()), then trace the next one."""
        if self.trace is None:
            return
        try:
            stats = self.trace.apply(self.trainer)
        except ValueError as e:
            self.status.setText(self.tr("Not applied: {e}").format(e=e))
            return
        if stats.status == "diverged":
            self.status.setText(self.trainer.message)
        else:
            exact = ("identical to a normal training step" if self.trace.matches
                     else "WARNING: differ from the traced weights")
            self.status.setText(self.tr("Applied epoch {epoch}: loss {loss:.5g}, "
                                "accuracy {accuracy:.0%}; weights {exact}.").format(epoch=stats.epoch, loss=stats.loss, accuracy=stats.accuracy, exact=exact))
        self.sigApplied.emit()
        self.phase_index = 0
        self._retrace()
        self._enable()
        self._show()

    # --- internals --------------------------------------------------------------------
    def _retrace(self):
        try:
            self.trace = trace_epoch(self.trainer, self.sample)
        except ValueError as e:
            self.trace = None
            self.status.setText(str(e))
            return
        self.phase_index = min(self.phase_index, len(self.trace.phases) - 1)

    def _enable(self):
        ok = self.trace is not None
        self.prev_button.setEnabled(ok and self.phase_index > 0)
        self.next_button.setEnabled(ok and self.phase_index < len(self.trace.phases) - 1)
        self.apply_button.setEnabled(ok)
        self.sample_spin.setEnabled(self.trainer is not None)

    def _node_clicked(self, row, _col):
        ph = self.phase
        layer, unit = self.nodes.item(row, 0).data(Qt.ItemDataRole.UserRole)
        if ph is not None and ph.kind in ("forward", "backward") and layer - 1 == ph.layer:
            self.node = unit
            self._show()

    def _param_clicked(self, row, _col):
        if self.phase is not None and self.phase.kind == "update":
            self.node = self.params.item(row, 0).data(Qt.ItemDataRole.UserRole)
            self._show_text()

    def _show_text(self):
        self.formula.setText(self.trace.describe(self.phase, self.node))

    def _show(self):
        tr = self.trace
        if tr is None:
            for t in (self.nodes, self.params):
                t.setRowCount(0)
            self.formula.setText("")
            self.counter.setText("")
            return
        ph = self.phase
        self.title.setText(self.tr("Epoch {epoch}: {title}").format(epoch=tr.epoch, title=tr.title(ph)))
        self.counter.setText(self.tr("phase {value} / {len}").format(value=self.phase_index + 1, len=len(tr.phases)))
        self._show_text()
        self._fill_nodes(ph)
        self._fill_params(ph)
        info = tr.info(ph)
        info["node"] = self.node
        self.sigPhaseChanged.emit(info)

    def _done(self, ph, kind, layer) -> bool:
        """Has (kind, layer) of ph's batch been computed by the time ph is shown?"""
        phases = self.trace.phases
        first = phases.index(type(ph)(kind, layer, ph.batch))
        return first <= self.phase_index

    def _fill_nodes(self, ph):
        tr = self.trace
        bt = tr.batches[ph.batch]
        one = bt.row is not None
        self.nodes.setHorizontalHeaderLabels(
            ["layer", "unit", "z", "a", "δ = ∂ℓ/∂z"] if one else
            ["layer", "unit", "mean z", "mean a",
             "Σ δ = ∂L/∂b" if all(lay.bias and lay.kind == "dense" for lay in tr.layers) else "Σ δ"])
        rows = []
        a0 = bt.inputs[bt.row] if one else bt.inputs.mean(axis=0)
        rows += [(0, j, None, a0[j], None) for j in range(len(a0))]
        for l in range(len(tr.layers)):
            fwd, bwd = self._done(ph, "forward", l), self._done(ph, "backward", l)
            z = bt.z[l][bt.row] if one else bt.z[l].mean(axis=0)
            a = bt.a[l][bt.row] if one else bt.a[l].mean(axis=0)
            d = bt.sample_delta[l] if one else bt.delta[l].sum(axis=0)
            for j in range(tr.layers[l].width):
                rows.append((l + 1, j, z[j] if fwd else None, a[j] if fwd else None,
                             d[j] if bwd else None))
        current = ph.layer + 1 if ph.layer is not None else (len(tr.layers) if ph.kind == "loss" else -1)
        self.nodes.setRowCount(len(rows))
        for r, (k, j, z, a, d) in enumerate(rows):
            name = self.tr("input") if k == 0 else (self.tr("{k} (out)").format(k=k) if k == len(tr.layers) else str(k))
            cells = [_item(name, (k, j)), _item(str(j)),
                     _item(_fmt(z)), _item(_fmt(a)), _item(_fmt(d))]
            color = QColor(colors.theme(CURRENT if k == current else DONE)) if k == current or z is not None else None
            worked = k == current and j == (self.node or 0) and ph.kind != "loss"
            for c, it in enumerate(cells):
                if color is not None:
                    it.setBackground(QBrush(color))
                if worked:                      # the unit the formula works through
                    f = it.font()
                    f.setBold(True)
                    it.setFont(f)
                self.nodes.setItem(r, c, it)

    def _fill_params(self, ph):
        tr = self.trace
        bt = tr.batches[ph.batch]
        one = bt.row is not None
        updated = ph.kind == "update"
        # the update uses the batch mean (+ L1/L2) whatever sample is followed
        grad = bt.grad if updated else (bt.sample_grad if one else bt.grad_data)
        gname = ("g used: batch mean" + (" + L1/L2" if tr.cfg.l1 or tr.cfg.l2 else "") if updated
                 else "∂ℓ/∂w (sample)" if one else "∂L/∂w (batch mean)")
        self.params.setHorizontalHeaderLabels(["layer", "parameter", "w", gname, "Δw", "w after"])
        table = param_table(tr.layers)
        rows = range(min(len(table), MAX_PARAM_ROWS))
        self.params.setRowCount(len(rows))
        for p in rows:
            l, kind, i, j = table[p]
            g = grad[p] if self._done(ph, "backward", l) else None
            cells = [_item(str(l + 1), p),
                     _item(param_label(kind, i, j, tr.layers[l].kind == "conv1d")),
                     _item(_fmt(bt.theta_before[p])), _item(_fmt(g)),
                     _item(_fmt(bt.update[p] if updated else None)),
                     _item(_fmt(bt.theta_after[p] if updated else None))]
            hot = updated or l == ph.layer
            for c, it in enumerate(cells):
                if hot:
                    it.setBackground(QBrush(QColor(colors.theme(CURRENT))))
                self.params.setItem(p, c, it)
        hot_rows = [p for p in rows if table[p][0] == ph.layer]
        if hot_rows:                            # bring the layer being computed into view
            self.params.scrollToItem(self.params.item(hot_rows[-1], 0))
            self.params.scrollToItem(self.params.item(hot_rows[0], 0))
        if len(table) > MAX_PARAM_ROWS:
            self.status.setText(self.tr("Parameter table shows the first {MAX_PARAM_ROWS} of {len}.").format(MAX_PARAM_ROWS=MAX_PARAM_ROWS, len=len(table)))
