"""The Experiments dialog: the lab's hyper-parameter study in one window.

    experiments = install_experiments(window)   # Experiments ▸ Hyper-parameter study… (Ctrl+E),
                                                # and Pin run / Clear pins (backprop_lab.gui.compare_runs)

Left, the study (backprop_lab.gui.study_form): comma-separated values per field, data
sets, trials, epoch budget and processes, over a base config (the window's, or
the lab preset's). Run trains it in the background (backprop_lab.gui.sweep_runner) with a
progress bar, the time elapsed and Cancel; the window stays usable meanwhile.
Right, the results (backprop_lab.gui.sweep_table), each row shown as soon as its trials
have ended, sortable by any column, and beside them the charts (backprop_lab.gui.sweep_chart:
stop epoch against each varied setting, filling in as rows finish); Export writes CSV, Markdown or JSON
with the sweep CLI's writers. Double-clicking a row (or "Load into window")
puts that config, with the seed of the chosen trial, and its data set into the
main window at epoch 0, ready to train: the trial's run, reproduced.
"""
from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QObject, QT_TRANSLATE_NOOP, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QFileDialog, QHBoxLayout, QHeaderView,
                               QLabel, QProgressBar, QSpinBox, QSplitter, QTableView, QVBoxLayout,
                               QWidget)
from PySide6.QtCore import QCoreApplication

from backprop_lab.gui import settings
from backprop_lab.gui.views import colors
from backprop_lab.gui.compare_runs import find_menu, install_compare_runs
from backprop_lab.gui.form_rows import push_button
from backprop_lab.gui.study_form import StudyForm
from backprop_lab.gui.sweep_chart import SweepChart
from backprop_lab.gui.sweep_grid import GridError
from backprop_lab.gui.sweep_runner import SweepRunner
from backprop_lab.gui.sweep_table import SweepTableModel
from backprop_lab.model.config import TrainConfig
from backprop_lab.model.sweep import SweepResult
from backprop_lab.model.sweep_cli import WRITERS, write_table
from backprop_lab.model.trainer import Trainer, make_data

EXPORT_FILTER = "CSV (*.csv);;Markdown (*.md);;JSON (*.json)"   # i18n: file types, the same in every language


def ask_export_path(parent, name: str) -> str:
    """A file to write the results to, or "" when cancelled (tests replace this)."""
    start = str(Path(settings.last_folder("sweep")) / name)
    path, chosen = QFileDialog.getSaveFileName(parent, QCoreApplication.translate("Experiments", "Export results"), start, EXPORT_FILTER)
    if path and Path(path).suffix.lower() not in WRITERS:
        path += "." + chosen.split("*.")[-1].rstrip(")")   # the filter picked, no suffix typed
    return path


def load_into_window(window, cfg: TrainConfig, message: str) -> None:
    """Show ``cfg`` and its freshly made data set in the window and swap in a new
    Trainer at epoch 0 (asking first when there is unsaved work, as File ▸ New does)."""
    def load():
        trainer = Trainer(cfg, *make_data(cfg))
        window.show_loaded(cfg, trainer.X, trainer.y, trainer.X_test, trainer.y_test)

        def done(_result, error):
            if error:
                window.statusBar().showMessage(QCoreApplication.translate("Experiments", "Could not load the configuration: {error}").format(error=error), 10000)
                return
            window.setWindowModified(True)     # not what the session file (if any) holds
            window.statusBar().showMessage(message, 10000)
        window.session.call(lambda worker: worker.replace_trainer(trainer), done, changes_run=True)

    file_menu = getattr(window, "file_menu", None)
    if file_menu is not None:
        file_menu.when_discard_allowed(load)
    else:
        load()


class ExperimentsDialog(QDialog):
    """Non-modal: the window can train while a study runs."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.setObjectName("experimentsDialog")
        self.setWindowTitle(self.tr("Hyper-parameter study"))
        self.runner = SweepRunner(self)
        self.runner.sigProgress.connect(self._on_progress)
        self.runner.sigRow.connect(self._on_row)
        self.runner.sigFinished.connect(self._on_finished)
        self.runner.sigFailed.connect(self._on_failed)
        self.result: SweepResult | None = None
        self._started, self._n_configs = 0.0, 0
        self._clock = QTimer(self, interval=1000)        # the elapsed time, while a study runs
        self._clock.timeout.connect(self._show_running)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._build_study())
        splitter.addWidget(self._build_results())
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([390, 1410])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.resize(1800, 860)

    # --- the study (left) ---------------------------------------------------------------
    def _build_study(self) -> QWidget:
        """The study's fields (StudyForm), then Run, Cancel, the progress and the status."""
        box = QWidget()
        vb = QVBoxLayout(box)
        vb.setContentsMargins(0, 0, 4, 0)
        self.study = StudyForm(lambda: self.window.cfg)
        vb.addWidget(self.study)
        row = QHBoxLayout()
        self.run_button = push_button("runButton", self.tr("Run"), self.run, self.tr("Train the study"))
        self.run_button.setDefault(True)
        self.cancel_button = push_button("cancelButton", self.tr("Cancel"), self.cancel,
                                         self.tr("Stop the study; the configs already finished stay"))
        self.cancel_button.setEnabled(False)
        row.addWidget(self.run_button)
        row.addWidget(self.cancel_button)
        vb.addLayout(row)
        self.progress = QProgressBar(objectName="sweepProgress", minimum=0, maximum=1, value=0)
        self.progress.setFormat(self.tr("%v / %m trials"))
        vb.addWidget(self.progress)
        self.study.sigPlanned.connect(self._planned)
        self.study._update_summary()          # the bar counts the study's trials before Run too
        self.status = QLabel(objectName="sweepStatus", wordWrap=True)
        vb.addWidget(self.status)
        vb.addStretch(1)
        box.setMinimumWidth(400)
        return box

    # --- running ----------------------------------------------------------------------------
    def run(self) -> bool:
        """Start the study the fields describe; False (and a message) when they are invalid."""
        study = self.study
        try:
            grid = study.grid()
        except GridError as e:
            study.say_error(str(e))
            return False
        if not self.runner.start(grid.configs, study.trials.value(), axes=grid.axes,
                                 workers=study.workers.value()):
            return False
        self.progress.setRange(0, len(grid.configs) * study.trials.value())
        self.progress.setValue(0)
        self.result = None
        self.model.start_live(grid.axes)
        self._axes = grid.axes
        self.chart.set_rows([], grid.axes)
        self.export_button.setEnabled(False)
        self._started, self._n_configs = time.monotonic(), len(grid.configs)
        self._show_running()
        self._clock.start()
        self._set_running(True)
        return True

    def _show_running(self):
        seconds = int(time.monotonic() - self._started)
        self.status.setText(self.tr("Running: {done} of {n_configs} configs done, "
                            "{minutes}:{seconds:02d} elapsed. Rows appear as "
                            "their trials end.").format(done=self.model.rowCount(), n_configs=self._n_configs,
                                                        minutes=seconds // 60, seconds=seconds % 60))

    def cancel(self):
        if self.runner.running:
            self._clock.stop()
            self.status.setText(self.tr("Cancelling…"))
            self.runner.cancel()

    def _set_running(self, running: bool):
        self.run_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        self.study.set_running(running)

    def _planned(self, total: int):
        """Before a run (not during one): 0 of the trials the fields now describe."""
        if not self.runner.running:
            self.progress.setRange(0, max(total, 1))
            self.progress.setValue(0)

    def _on_progress(self, done: int, total: int):
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _on_row(self, row):
        self.model.add_row(row)
        self.chart.set_rows(self.model.rows, self._axes)
        self._keep_sort()
        if self._clock.isActive():                     # not "Cancelling…"
            self._show_running()

    def _keep_sort(self):
        """After rows came in: the order of the column the user sorted by, if any."""
        header = self.table.horizontalHeader()
        if 0 <= header.sortIndicatorSection() < self.model.columnCount():
            self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())

    def _on_finished(self, result: SweepResult):
        self._clock.stop()
        self._set_running(False)
        self.show_result(result)
        n = len(result.rows)
        if result.cancelled:
            self.status.setText((self.tr("Cancelled after {seconds:.1f} s: {n} config complete.") if n == 1 else
                                 self.tr("Cancelled after {seconds:.1f} s: {n} configs complete."))
                                .format(seconds=result.seconds, n=n))
        else:
            self.progress.setValue(self.progress.maximum())
            self.status.setText(self.tr("Done: {n} configs × {trials} trials in "
                                "{seconds:.1f} s. Double-click a row to load it.").format(n=n, trials=result.trials, seconds=result.seconds))

    def _on_failed(self, message: str):
        self._clock.stop()
        self._set_running(False)
        self.status.setText(self.tr("The study failed: {message}").format(message=message))

    def shutdown(self):
        """Cancel a running study and end its thread (the window is closing)."""
        self.runner.shutdown()

    # --- results (right) ---------------------------------------------------------------------
    def _build_results(self) -> QWidget:
        """The table with its buttons, and the charts beside it."""
        beside = QSplitter(Qt.Orientation.Horizontal)
        box = QWidget()
        beside.addWidget(box)
        self.chart = SweepChart()
        self._axes: tuple = ()
        beside.addWidget(self.chart)
        beside.setStretchFactor(0, 1)
        beside.setSizes([1020, 390])
        vb = QVBoxLayout(box)
        vb.setContentsMargins(4, 0, 0, 0)
        self.model = SweepTableModel(self)
        self.table = QTableView(objectName="resultsTable")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)   # config order until a click
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.verticalHeader().hide()      # row numbers would mean nothing once sorted
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(lambda index: self.load_row(index.row()))
        vb.addWidget(self.table, 1)

        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Trial")))
        self.trial_spin = QSpinBox(objectName="loadTrialSpin", minimum=0, maximum=9)
        self.trial_spin.setToolTip(self.tr("Which trial's seed to load (trial i: seed base + i); "
                                   "hover a row to see how each trial ended"))
        row.addWidget(self.trial_spin)
        self.load_button = push_button("loadButton", self.tr("Load into window"),
                                        lambda: self.load_row(self._selected_row()),
                                        self.tr("Put the selected row's config, with this trial's seed, "
                                        "and its data set into the main window (also: double-click)"))
        row.addWidget(self.load_button)
        row.addStretch(1)
        self.export_button = push_button("exportButton", self.tr("Export…"), self.export,
                                          self.tr("Write the results as CSV, Markdown or JSON"))
        self.export_button.setEnabled(False)
        row.addWidget(self.export_button)
        vb.addLayout(row)
        hint = QLabel(self.tr("Stop epochs: first epoch at 100% training accuracy, over the trials that "
                      "got there; failures: trials that did not reach 100% within the budget. "
                      "Click a header to sort."))
        hint.setStyleSheet(f"color: {colors.theme('dim')}")
        hint.setWordWrap(True)
        vb.addWidget(hint)
        return beside

    def show_result(self, result: SweepResult):
        self.result = result
        self.model.set_result(result)
        self._axes = result.axes
        self.chart.set_rows(result.rows, result.axes)
        self._keep_sort()
        self.trial_spin.setMaximum(max(result.trials - 1, 0))
        self.export_button.setEnabled(bool(result.rows))

    def _selected_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def load_row(self, i: int | None, trial: int | None = None) -> TrainConfig | None:
        """Load table row i (as sorted on screen) with trial ``trial``'s seed (default:
        the trial spin box); returns the config sent to the window."""
        if i is None or not (0 <= i < self.model.rowCount()):
            self.status.setText(self.tr("Select a row to load."))
            return None
        row = self.model.row_at(i)
        trial = self.trial_spin.value() if trial is None else trial
        cfg = row.config.replace(seed=row.config.seed + trial)
        values = ", ".join(f"{k} {v}" for k, v in row.record().items()
                           if k in dict(row.values)) or self.tr("the base config")
        message = self.tr("Loaded from the study: {dataset}, {values}, trial {trial} "
                          "(seed {seed}), budget {max_epochs:,} epochs: press Play.").format(
            dataset=cfg.dataset, values=values, trial=trial, seed=cfg.seed, max_epochs=cfg.max_epochs)
        load_into_window(self.window, cfg, message)
        self.status.setText(message)
        return cfg

    def export(self, path: str | None = None) -> str | None:
        if self.result is None:
            return None
        path = path or ask_export_path(self, "sweep.csv")
        if not path:
            return None
        if Path(path).suffix.lower() not in WRITERS:
            self.status.setText(self.tr("Not exported: use .csv, .md or .json, not {name}").format(name=Path(path).name))
            return None
        try:
            write_table(self.result, path)
        except OSError as e:
            self.status.setText(self.tr("Could not write {name}: {value}").format(name=Path(path).name, value=e.strerror or e))
            return None
        settings.remember_folder("sweep", Path(path))
        self.status.setText(self.tr("Exported {len} rows to {name}.").format(len=len(self.result.rows), name=Path(path).name))
        return path


class Experiments(QObject):
    """The Experiments menu of one window, its dialog (made on first use) and the pins."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.dialog: ExperimentsDialog | None = None
        self.menu = find_menu(window, QT_TRANSLATE_NOOP("MenuBar", "E&xperiments"))
        self.action = QAction(self.tr("Hyper-parameter study…"), window, objectName="experimentsAction")
        self.action.setShortcut(QKeySequence("Ctrl+E"))
        self.action.setToolTip(self.tr("Train a grid of settings over seeded trials: stop epochs, "
                               "failures, accuracy"))
        self.action.triggered.connect(lambda _checked=False: self.open())
        self.menu.addAction(self.action)
        self.compare = install_compare_runs(window)

    def open(self) -> ExperimentsDialog:
        if self.dialog is None:
            self.dialog = ExperimentsDialog(self.window)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        return self.dialog

    def shutdown(self):
        if self.dialog is not None:
            self.dialog.shutdown()


def install_experiments(window) -> Experiments:
    return Experiments(window)
