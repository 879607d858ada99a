"""The study the Experiments dialog trains: values per field, data sets and trials.

    study = StudyForm(lambda: window.cfg)    # the left side of the Experiments dialog
    grid = study.grid()                       # the configs it describes, or GridError

Comma-separated values per field (backprop_lab.gui.sweep_grid) over a base config (the
window's settings, or the lab preset's), the data sets, the trials per config, the
epoch budget and the processes; a summary line counts the configs and trials, or
says what is wrong with a field.
"""
from __future__ import annotations

import os
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QFormLayout, QGridLayout, QGroupBox,
                               QHBoxLayout, QLabel, QLineEdit, QRadioButton, QSpinBox,
                               QVBoxLayout, QWidget)
from PySide6.QtCore import QCoreApplication

from backprop_lab.gui.views import colors
from backprop_lab.gui.form_rows import push_button
from backprop_lab.gui.study_problem import datasets_for, stop_rule_note
from backprop_lab.gui.sweep_grid import (AXES, Grid, GridError, parse_grid, preset_fields,
                                         axis_label, tip_text, uniform_layers, value_text)
from backprop_lab.model import datasets, limits, tasks
from backprop_lab.model.config import TrainConfig
from backprop_lab.model.conventions import describe as describe_convention
from backprop_lab.model.sweep import PRESETS

DEFAULT_DATASETS = ("linear", "xor-easy")
def error_style() -> str:
    return f"color: {colors.theme('error')}"


class StudyForm(QWidget):
    """The study's fields over a base config; ``window_config()`` is the main window's
    config, which "Use window's settings" takes as the base.

    Signals:
        sigPlanned(int): the number of trials the fields describe, after every valid change.
    """
    sigPlanned = Signal(int)

    def __init__(self, window_config: Callable[[], TrainConfig], parent=None):
        super().__init__(parent)
        self.window_config = window_config
        self.base = window_config()
        vb = QVBoxLayout(self)
        vb.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        self.preset_button = push_button("labPresetButton", self.tr("Lab preset"), self.lab_preset,
                                         self.tr("The lab's study: ") + PRESETS["lab"].description)
        self.window_button = push_button("windowConfigButton", self.tr("Use window's settings"),
                                         lambda: self.use_config(self.window_config(),
                                                                 "the window's settings"),
                                         self.tr("Base config = the main window's current settings"))
        buttons.addWidget(self.preset_button)
        buttons.addWidget(self.window_button)
        vb.addLayout(buttons)
        self.base_label = QLabel(objectName="baseLabel", wordWrap=True)
        self.base_label.setStyleSheet(f"color: {colors.theme('dim')}")
        vb.addWidget(self.base_label)

        grid_box = QGroupBox(self.tr("Values (comma-separated; several values = an axis)"))
        form = QFormLayout(grid_box)
        self.fields: dict[str, QLineEdit] = {}
        for field, label in AXES.items():
            edit = QLineEdit(objectName=f"{field}Values")
            edit.setToolTip(tip_text(field))
            edit.textChanged.connect(self._update_summary)
            self.fields[field] = edit
            if field == "hidden":
                self.layers = QSpinBox(objectName="layersSpin", minimum=1, maximum=8)
                self.layers.setToolTip(self.tr("Hidden layers of each size typed (8-4 style values "
                                       "give their own layers)"))
                self.layers.valueChanged.connect(self._update_summary)
                row = QHBoxLayout()
                row.addWidget(edit, 1)
                row.addWidget(QLabel(self.tr("layers")))
                row.addWidget(self.layers)
                form.addRow(axis_label(field), row)
            else:
                form.addRow(axis_label(field), edit)
        self.every = QRadioButton(self.tr("every combination"), objectName="everyCombination")
        self.every.setToolTip(self.tr("Cross all the axes: the grid has the product of their sizes"))
        self.one_at_a_time = QRadioButton(self.tr("one axis at a time"), objectName="oneAxisAtATime")
        self.one_at_a_time.setToolTip(self.tr("Vary each axis alone, the others at the base config's "
                                      "value (the lab's study)"))
        self._mode = QButtonGroup(self)
        for b in (self.every, self.one_at_a_time):
            self._mode.addButton(b)
            b.toggled.connect(self._update_summary)
        self.every.setChecked(True)
        mode = QHBoxLayout()
        mode.addWidget(self.every)
        mode.addWidget(self.one_at_a_time)
        form.addRow(self.tr("Grid"), mode)
        vb.addWidget(grid_box)

        data_box = QGroupBox(self.tr("Data sets"))
        data_grid = QGridLayout(data_box)
        self.dataset_checks: dict[str, QCheckBox] = {}
        for i, name in enumerate(datasets.DATASETS):
            cb = QCheckBox(name, objectName=f"dataset_{name}")
            cb.setChecked(name in DEFAULT_DATASETS)
            cb.toggled.connect(self._update_summary)
            self.dataset_checks[name] = cb
            data_grid.addWidget(cb, i // 3, i % 3)
        vb.addWidget(data_box)

        run_box = QGroupBox(self.tr("Trials"))
        run_form = QFormLayout(run_box)
        self.trials = QSpinBox(objectName="trialsSpin", minimum=1, maximum=1000, value=10)
        self.trials.setToolTip(self.tr("Seeded trials per config: trial i starts from seed base + i"))
        self.budget = QSpinBox(objectName="budgetSpin", minimum=1, maximum=10_000_000,
                               singleStep=1000, value=100_000)
        self.budget.setGroupSeparatorShown(True)
        self.budget.setToolTip(self.tr("Epochs a trial may take to reach 100% training accuracy; "
                               "one that does not is a failure"))
        self.workers = QSpinBox(objectName="workersSpin", minimum=1, maximum=64,
                                value=os.cpu_count() or 1)
        self.workers.setToolTip(self.tr("Worker processes training trials at once"))
        for w in (self.trials, self.budget):
            w.valueChanged.connect(self._update_summary)
        run_form.addRow(self.tr("Trials per config"), self.trials)
        run_form.addRow(self.tr("Epoch budget"), self.budget)
        run_form.addRow(self.tr("Processes"), self.workers)
        vb.addWidget(run_box)

        self.summary = QLabel(objectName="gridSummary", wordWrap=True)
        vb.addWidget(self.summary)
        self.use_config(self.base, "the window's settings")

    def use_config(self, base: TrainConfig, source: str):
        """Base config = ``base``; every field shows its single value (no axis yet)."""
        self.base = base
        for field, edit in self.fields.items():
            edit.setText(value_text(field, base))
            edit.setCursorPosition(0)
        self.layers.setValue(uniform_layers(base))
        self.budget.setValue(min(base.max_epochs, self.budget.maximum()))
        if hasattr(self, "dataset_checks"):      # data sets that serve the base's problem
            chosen = datasets_for(base, [n for n, cb in self.dataset_checks.items() if cb.isChecked()])
            for name, cb in self.dataset_checks.items():
                cb.setChecked(name in chosen)
        self._show_base(source)

    def lab_preset(self):
        """The lab's classic study (PRESETS["lab"]): its base, values, data sets and trials."""
        p = preset_fields(PRESETS["lab"])
        self.base = p["base"]
        for field, text in p["texts"].items():
            self.fields[field].setText(text)
            self.fields[field].setCursorPosition(0)     # the list's start, not its end
        self.layers.setValue(p["layers"])
        for name, cb in self.dataset_checks.items():
            cb.setChecked(name in p["datasets"])
        self.trials.setValue(p["trials"])
        self.budget.setValue(p["budget"])
        (self.one_at_a_time if p["one_at_a_time"] else self.every).setChecked(True)
        self._show_base("the lab preset")

    def _show_base(self, source: str):
        b = self.base
        net = "-".join(map(str, (len(b.features), *b.hidden, tasks.output_units(b))))
        batch = "full batch" if b.batch_size == 0 else f"batch {b.batch_size}"
        self.base_label.setText(self.tr("Base ({source}): {net} {activation}/{output_activation}, "
                                "{loss}, {optimizer} lr {lr:g}, {batch}, init {init}, "
                                "seed {seed}. {describe_convention}. "
                                "Fields left at one value keep it.").format(source=source, net=net, activation=b.activation, output_activation=b.output_activation, loss=b.loss, optimizer=b.optimizer, lr=b.lr, batch=batch, init=b.init, seed=b.seed, describe_convention=describe_convention([b]))
                                + (" " + stop_rule_note(b) if stop_rule_note(b) else ""))
        self._update_summary()

    def grid(self) -> Grid:
        """The configs the fields describe; raises GridError with the reason."""
        chosen = [n for n, cb in self.dataset_checks.items() if cb.isChecked()]
        grid = parse_grid(self.base, {f: e.text() for f, e in self.fields.items()},
                          layers=self.layers.value(), datasets=chosen,
                          one_at_a_time=self.one_at_a_time.isChecked(),
                          budget=self.budget.value())
        try:                     # what the sweep would allocate, before it starts
            limits.check_sweep_memory(grid.configs, self.trials.value())
        except ValueError as e:
            raise GridError(str(e)[0].upper() + str(e)[1:]) from None
        return grid

    def _update_summary(self, *_):
        if not hasattr(self, "summary"):     # a signal while the form is being built
            return
        try:
            grid = self.grid()
        except GridError as e:
            self.say_error(str(e))
            return
        n, t = len(grid.configs), self.trials.value()
        self.sigPlanned.emit(n * t)
        axes = ", ".join(grid.axes) or self.tr("no axis (one value each)")
        self.summary.setStyleSheet("")
        self.summary.setText((self.tr("{n} config × {t} trials = {total:,} trials (axes: {axes})") if n == 1 else
                              self.tr("{n} configs × {t} trials = {total:,} trials (axes: {axes})"))
                             .format(n=n, t=t, total=n * t, axes=axes))

    def say_error(self, text: str):
        self.summary.setStyleSheet(error_style())
        self.summary.setText(text)

    def set_running(self, running: bool):
        """While a study runs its base cannot be swapped (the fields stay editable)."""
        self.preset_button.setEnabled(not running)
        self.window_button.setEnabled(not running)
