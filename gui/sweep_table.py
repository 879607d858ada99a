"""SweepTableModel: a sweep's rows for a QTableView, sortable by their numbers.

Columns: data set, the axes of the study, then backprop_lab.model.sweep.COLUMNS but trials.
Cells show text (accuracies in %, "–" where no trial converged); sorting uses the values
themselves (hidden (100, 100) after (20, 20), not before as text would), and
rows without a value (None, NaN) go last in either order.
"""
from __future__ import annotations

import math

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QT_TRANSLATE_NOOP, Qt

from backprop_lab.model.sweep import COLUMNS, SweepResult, SweepRow

# Every row has the same trial count (the status line says it): no column for it.
SHOWN = tuple(c for c in COLUMNS if c != "trials")
HEADERS = {
    "dataset": QT_TRANSLATE_NOOP("SweepTable", "data set"),
    "lr": QT_TRANSLATE_NOOP("SweepTable", "lr"),
    "hidden": QT_TRANSLATE_NOOP("SweepTable", "hidden"),
    "activation": QT_TRANSLATE_NOOP("SweepTable", "activation"),
    "optimizer": QT_TRANSLATE_NOOP("SweepTable", "optimizer"),
    "loss": QT_TRANSLATE_NOOP("SweepTable", "loss"),
    "batch_size": QT_TRANSLATE_NOOP("SweepTable", "batch"),
    "trials": QT_TRANSLATE_NOOP("SweepTable", "trials"),
    "converged": QT_TRANSLATE_NOOP("SweepTable", "con-\nverged"),
    "stop_mean": QT_TRANSLATE_NOOP("SweepTable", "stop\nmean"),
    "stop_median": QT_TRANSLATE_NOOP("SweepTable", "stop\nmedian"),
    "stop_min": QT_TRANSLATE_NOOP("SweepTable", "stop\nmin"),
    "stop_max": QT_TRANSLATE_NOOP("SweepTable", "stop\nmax"),
    "failures": QT_TRANSLATE_NOOP("SweepTable", "fail-\nures"),
    "diverged": QT_TRANSLATE_NOOP("SweepTable", "di-\nverged"),
    "accuracy_mean": QT_TRANSLATE_NOOP("SweepTable", "avg\naccuracy"),
    "accuracy_best": QT_TRANSLATE_NOOP("SweepTable", "best\naccuracy"),
    "seconds_per_trial": QT_TRANSLATE_NOOP("SweepTable", "s /\ntrial"),
}   # two-line headers: the columns are as narrow as their numbers, all fit side by side
TIPS = {
    "stop_mean": QT_TRANSLATE_NOOP("SweepTable", "Mean first epoch at 100% training accuracy, over the trials that reached it"),
    "stop_median": QT_TRANSLATE_NOOP("SweepTable", "Median stop epoch over the trials that converged"),
    "failures": QT_TRANSLATE_NOOP("SweepTable", "Trials that did not reach 100% training accuracy within the epoch budget"),
    "diverged": QT_TRANSLATE_NOOP("SweepTable", "Trials whose loss became NaN or infinite (counted among the failures too)"),
    "accuracy_mean": QT_TRANSLATE_NOOP("SweepTable", "Final training accuracy, averaged over the trials"),
    "accuracy_best": QT_TRANSLATE_NOOP("SweepTable", "Final training accuracy of the best trial"),
    "seconds_per_trial": QT_TRANSLATE_NOOP("SweepTable", "Wall time per trial (several trials run at once)"),
}


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def cell_text(key: str, value) -> str:
    if _missing(value):
        return "–"
    if key.startswith("accuracy"):
        return f"{100 * value:.1f}%"
    if key == "seconds_per_trial":
        return f"{value:.3g}"
    if key in ("stop_mean", "stop_median"):
        return f"{value:,.1f}"
    if isinstance(value, int) and not isinstance(value, bool) and key != "batch_size":
        return f"{value:,}"
    if isinstance(value, tuple):
        return "-".join(map(str, value)) or "none"
    return str(value)


def sort_value(row: SweepRow, key: str):
    """The value a column sorts by: raw numbers and tuples, not their text."""
    if key == "dataset":
        return row.dataset
    axes = dict(row.values)
    if key in axes:
        return axes[key]
    return getattr(row, key)


class SweepTableModel(QAbstractTableModel):
    """The rows of one SweepResult; ``row_at(i)`` gives the SweepRow shown at row i."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.result: SweepResult | None = None
        self.keys: list[str] = ["dataset", *SHOWN]
        self.rows: list[SweepRow] = []

    def set_result(self, result: SweepResult | None):
        self.beginResetModel()
        self.result = result
        self.keys = ["dataset", *(result.axes if result else ()), *SHOWN]
        self.rows = list(result.rows) if result else []
        self.endResetModel()

    def start_live(self, axes):
        """Empty, with the columns of a sweep over ``axes``, ready for add_row."""
        self.beginResetModel()
        self.result = None
        self.keys = ["dataset", *axes, *SHOWN]
        self.rows = []
        self.endResetModel()

    def add_row(self, row: SweepRow):
        """One more row at the bottom (a sweep still running reports its rows as they end)."""
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows))
        self.rows.append(row)
        self.endInsertRows()

    def row_at(self, i: int) -> SweepRow:
        return self.rows[i]

    # --- QAbstractTableModel ----------------------------------------------------------
    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.keys)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, key = self.rows[index.row()], self.keys[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if key.startswith("accuracy") and row.config.task == "regression":   # the column holds R²
                return "–" if _missing(row_value := sort_value(row, key)) else f"R² {row_value:.3f}"
            return cell_text(key, sort_value(row, key))
        if role == Qt.ItemDataRole.UserRole:
            return sort_value(row, key)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            left = key == "dataset" or key in dict(row.values)
            return int((Qt.AlignmentFlag.AlignLeft if left else Qt.AlignmentFlag.AlignRight)
                       | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return outcomes_text(row)
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return super().headerData(section, orientation, role)
        key = self.keys[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("SweepTable", HEADERS[key]) if key in HEADERS else key
        if role == Qt.ItemDataRole.ToolTipRole:
            return QCoreApplication.translate("SweepTable", TIPS[key]) if key in TIPS else None
        return None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder):
        """Stable sort by the column's values; rows without one stay at the bottom."""
        key = self.keys[column]
        self.layoutAboutToBeChanged.emit()
        have = [r for r in self.rows if not _missing(sort_value(r, key))]
        lack = [r for r in self.rows if _missing(sort_value(r, key))]
        have.sort(key=lambda r: sort_value(r, key),
                  reverse=order == Qt.SortOrder.DescendingOrder)
        self.rows = have + lack
        self.layoutChanged.emit()


def outcomes_text(row: SweepRow, limit: int = 12) -> str:
    """One line per trial: "trial 0 (seed 42): converged at epoch 1 234"."""
    lines = []
    for i, o in enumerate(row.outcomes[:limit]):
        if o.status == "converged":
            what = f"converged at epoch {o.stop_epoch:,}"
        elif o.status == "diverged":
            what = f"diverged after {o.epochs:,} epochs"
        else:
            what = f"not converged in {o.epochs:,} epochs ({100 * o.final_accuracy:.1f}%)"
        lines.append(f"trial {i} (seed {o.seed}): {what}")
    if len(row.outcomes) > limit:
        lines.append(f"… and {len(row.outcomes) - limit} more")
    return "\n".join(lines)
