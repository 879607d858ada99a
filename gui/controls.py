"""ControlPanel: the left panel — Data, Network and Training sections over one TrainConfig.

The panel keeps the window's TrainConfig. Each edit becomes
``cfg.replace(field=value)``; a refused value (ValueError) puts the widgets
back, says why on ``sigMessage`` and leaves the config as it was. An accepted
one emits ``sigConfigChanged(cfg, changed_field_names)``.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QButtonGroup, QGridLayout, QHBoxLayout, QLabel, QPushButton,
                               QRadioButton, QScrollArea, QVBoxLayout, QWidget)
from superqt import QCollapsible

from backprop_lab.model import activations, datasets, features, initializers, losses
from backprop_lab.gui import toolbox_controls
from backprop_lab.gui.controls_training import TrainingSection
from backprop_lab.gui.form_rows import Section, check, combo, dspin, spin

MAX_LAYERS, MAX_UNITS = 6, 32

DATASET_TIPS = {
    "linear": "Two classes split by a straight line: one neuron can do it",
    "xor-easy": "The lab's XOR: 21 points, class 1 in two opposite corners (n is fixed)",
    "circle": "Class 1 inside a circle, class 0 in a ring around it",
    "spiral": "Two interleaved spirals: needs depth or sin features",
    "gaussian": "Two Gaussian blobs",
    "xor": "XOR quadrants with many points",
}


def _act_tips():
    return {n: f"{a.formula}\n{a.derivative_formula}" for n, a in activations.ACTIVATIONS.items()}


class DataSection(Section):
    """Data set, size, noise, split, seed; regenerate, add-point class, clear."""

    sigRegenerate = Signal()
    sigClear = Signal()
    sigAddClass = Signal(int)

    def __init__(self, changed, parent=None):
        super().__init__(changed, parent)
        self.dataset = self.field("dataset", "Data set",
                                  combo(datasets.DATASETS, DATASET_TIPS, "datasetCombo"),
                                  "Which toy problem to generate (listed from backprop_lab.model.datasets)")
        self.n_points = self.field("n_points", "Points", spin(1, 5000, "pointsSpin"),
                                   "How many points to generate (xor-easy always has 21)")
        self.noise = self.field("noise", "Noise", dspin(0, 2, 0.05, 2, "noiseSpin"),
                                "Spread of the points: jitter with standard deviation 0.1 × noise "
                                "(data units) for linear/xor-easy; the generator's own spread otherwise")
        self.split = self.field("test_fraction", "Test split", spin(0, 90, "testSplitSpin"),
                                "Share of the points held out as a test set (not trained on), in %",
                                shown=lambda f: round(f * 100), read=lambda v: v / 100)
        self.split.setSuffix(" %")
        self.data_seed = self.field("data_seed", "Data seed", spin(0, 2**31 - 1, "dataSeedSpin"),
                                    "Seed of the data generator and of the train/test shuffle")

        buttons = QWidget()
        hb = QHBoxLayout(buttons)
        hb.setContentsMargins(0, 0, 0, 0)
        regen = QPushButton("Regenerate", objectName="regenerateButton")
        regen.setToolTip("Throw away edits and generate the data set again from these settings")
        regen.clicked.connect(self.sigRegenerate)
        clear = QPushButton("Clear points", objectName="clearButton")
        clear.setToolTip("Remove every point; then click on the map to place your own")
        clear.clicked.connect(self.sigClear)
        hb.addWidget(regen)
        hb.addWidget(clear)
        self.form.addRow(buttons)

        picker = QWidget()
        pb = QHBoxLayout(picker)
        pb.setContentsMargins(0, 0, 0, 0)
        self.class_group = QButtonGroup(self)
        tip = ("Class of the point a left click on the map adds (a right click always adds "
               "class 1; Shift- or Ctrl-click deletes the nearest point)")
        for label in (0, 1):
            rb = QRadioButton(f"class {label}", objectName=f"addClass{label}")
            rb.setToolTip(tip)
            self.class_group.addButton(rb, label)
            pb.addWidget(rb)
        self.class_group.button(0).setChecked(True)
        self.class_group.idClicked.connect(self.sigAddClass)
        self.row("Click adds", picker, tip)
        self.count_label = QLabel("0 points", objectName="pointCountLabel")
        self.row("Points now", self.count_label, "Points on the map: training and held-out test points")

    def _load(self, cfg):
        fixed = cfg.dataset == "xor-easy"
        self.n_points.setEnabled(not fixed)
        if fixed:          # greyed, it showed the config's 100: the set has its own 21 points
            self.n_points.setValue(len(datasets.xor_easy()[0]))


class NetworkSection(Section):
    """Hidden layers and units, activations, loss, initializer, biases, input features."""

    def __init__(self, changed, parent=None):
        super().__init__(changed, parent)
        self.layers = self.row("Hidden layers", spin(0, MAX_LAYERS, "layersSpin"),
                               "Number of hidden layers (0 = logistic regression on the inputs)")
        units = QWidget()
        grid = QGridLayout(units)
        grid.setContentsMargins(0, 0, 0, 0)
        self.unit_spins = []
        for i in range(MAX_LAYERS):
            s = spin(1, MAX_UNITS, f"unitsSpin{i}")
            s.setValue(4)      # what a layer starts with when the count goes up
            s.setToolTip(f"Neurons in hidden layer {i + 1}")
            s.valueChanged.connect(self._hidden_changed)
            grid.addWidget(s, i // 3, i % 3)
            self.unit_spins.append(s)
        self.units_row = self.row("Units per layer", units, "Neurons in each hidden layer, input side first")
        self.layers.valueChanged.connect(self._hidden_changed)

        act_tips = _act_tips()
        self.activation = self.field("activation", "Activation",
                                     combo(activations.ACTIVATIONS, act_tips, "activationCombo"),
                                     "Hidden layers' activation f: a = f(z), z = a_prev·W + b")
        self.leaky = self.field("leaky_slope", "Leaky slope", dspin(0.001, 0.999, 0.01, 3, "leakySlopeSpin"),
                                "leaky_relu: f(z) = z if z > 0 else slope·z")
        self.elu_alpha = toolbox_controls.elu_alpha_row(self)
        self.output = self.field("output_activation", "Output activation",
                                 combo(activations.OUTPUT_ACTIVATIONS, act_tips, "outputCombo"),
                                 "Activation of the single output neuron; p = f(z_out)")
        loss_tips = {n: l.formula for n, l in losses.LOSSES.items()}
        self.loss = self.field("loss", "Loss", combo(losses.LOSSES, loss_tips, "lossCombo"),
                               "; ".join(l.formula for l in losses.LOSSES.values())
                               + " (BCE needs a sigmoid output)")
        self.init = self.field("init", "Initializer",
                               combo(initializers.INITIALIZERS, initializers.FORMULAS, "initCombo"),
                               "How initial weights are drawn: " + "; ".join(
                                   f"{n}: {f}" for n, f in initializers.FORMULAS.items()))
        self.init_scale = self.field("init_scale", "Init scale", dspin(0.001, 10, 0.05, 3, "initScaleSpin"),
                                     "a of U(−a, a) for 'uniform', σ of N(0, σ²) for 'normal'")
        self.bias = self.field("bias", "Biases", check("use biases b", "biasCheck"),
                               "z = a_prev·W + b with b trained; off: z = a_prev·W")
        feats = QWidget()
        fg = QGridLayout(feats)
        fg.setContentsMargins(0, 0, 0, 0)
        self.feature_checks = {}
        for i, name in enumerate(features.FEATURES):
            cb = check(name, f"feature_{name}")
            cb.setToolTip(features.FEATURE_FORMULAS[name])
            cb.toggled.connect(self._features_changed)
            fg.addWidget(cb, i // 2, i % 2)       # two columns: the panel fits a 1024 px window
            self.feature_checks[name] = cb
        self.row("Input features", feats, "What the network sees of each point (at least one)")

    def _hidden_changed(self):
        n = self.layers.value()
        for i, s in enumerate(self.unit_spins):
            s.setVisible(i < n)
        self.set_row_visible(self.units_row, n > 0)
        self.emit(hidden=tuple(s.value() for s in self.unit_spins[:n]))

    def _features_changed(self):
        self.emit(features=tuple(n for n, cb in self.feature_checks.items() if cb.isChecked()))

    def _load(self, cfg):
        self.layers.setValue(len(cfg.hidden))
        for i, s in enumerate(self.unit_spins):
            if i < len(cfg.hidden):
                s.setValue(cfg.hidden[i])
            s.setVisible(i < len(cfg.hidden))
        self.set_row_visible(self.units_row, bool(cfg.hidden))
        self.set_row_visible(self.leaky, "leaky_relu" in (cfg.activation, cfg.output_activation))
        self.set_row_visible(self.elu_alpha, "elu" in (cfg.activation, cfg.output_activation))
        self.set_row_visible(self.init_scale, cfg.init in ("uniform", "normal"))
        for name, cb in self.feature_checks.items():
            cb.setChecked(name in cfg.features)


class ControlPanel(QScrollArea):
    """Scrollable left panel; the window's TrainConfig lives in ``self.cfg``."""

    sigConfigChanged = Signal(object, object)   # TrainConfig, frozenset of changed field names
    sigMessage = Signal(str)                    # why an edit was refused
    sigRegenerate = Signal()
    sigClearPoints = Signal()
    sigAddClass = Signal(int)

    def __init__(self, cfg, parent=None):
        super().__init__(parent)
        self.setObjectName("controlPanel")
        self.cfg = cfg
        self.data = DataSection(self.apply)
        self.network = NetworkSection(self.apply)
        self.training = TrainingSection(self.apply, self.sigMessage.emit)
        self.data.sigRegenerate.connect(self.sigRegenerate)
        self.data.sigClear.connect(self.sigClearPoints)
        self.data.sigAddClass.connect(self.sigAddClass)

        body = QWidget()
        vb = QVBoxLayout(body)
        vb.setContentsMargins(2, 2, 2, 2)
        for title, section in (("Data", self.data), ("Network", self.network),
                               ("Training", self.training)):
            box = QCollapsible(title)
            box.setObjectName(f"{title.lower()}Section")
            box.setDuration(120)
            box.addWidget(section)
            box.expand(animate=False)
            vb.addWidget(box)
        vb.addStretch(1)
        self.setWidget(body)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # what its fields need at the least (not their comfortable width): 1024 px windows fit
        self.setMinimumWidth(min(body.sizeHint().width(), body.minimumSizeHint().width() + 40) + 24)
        self.load(cfg)

    def load(self, cfg):
        """Show ``cfg`` in every widget (no signals)."""
        self.cfg = cfg
        for section in (self.data, self.network, self.training):
            section.load(cfg)

    def apply(self, **fields):
        """Validate an edit; on success emit sigConfigChanged, else restore and explain."""
        fields = toolbox_controls.follow_hidden(self.cfg, fields)
        changed = frozenset(k for k, v in fields.items() if getattr(self.cfg, k) != v)
        if not changed:
            return
        try:
            new = self.cfg.replace(**fields)
        except ValueError as e:
            self.sigMessage.emit(f"Not applied — {e}")
            self.load(self.cfg)
            return
        self.load(new)     # dependent widgets (visibility, enabled) follow the new config
        self.sigConfigChanged.emit(new, changed)

    def set_point_count(self, text: str):
        self.data.count_label.setText(text)
