"""Ready-made lessons: a config that shows one thing about backpropagation, and
what to watch for. File ▸ Examples in the window, ``--example NAME`` on the
command line (``backprop-lab examples`` lists them)::

    ex = EXAMPLES["vanishing-gradients"]
    tr = Trainer(ex.config, *make_data(ex.config))

Each lesson's claim is checked by tests/test_examples.py, so the text and the
maths cannot drift apart. The window's default config (XOR-easy, 2-4-4-1,
sigmoid, MSE, SGD lr 0.1, about 26 500 epochs to 100%) is the yardstick the
lessons compare with.
"""
from __future__ import annotations

from dataclasses import dataclass

from backprop_lab.model.config import TrainConfig
from backprop_lab.model.lookup import lookup


@dataclass(frozen=True)
class Example:
    name: str            # for --example and the tests
    title: str           # the menu entry
    lesson: str          # what it shows and what to watch, a few sentences
    changes: tuple       # (field, value) pairs over TrainConfig's defaults

    @property
    def config(self) -> TrainConfig:
        return TrainConfig().replace(**dict(self.changes))


_LIST = [
    Example(
        "xor-no-hidden-layer", "XOR without a hidden layer",
        "With no hidden layer the network is one sigmoid of a weighted sum: its "
        "decision boundary is a straight line, and no line separates XOR. Accuracy "
        "never reaches 100% however long it trains. Then set Hidden layers to 1 and "
        "watch the boundary bend.",
        (("dataset", "xor-easy"), ("hidden", ()), ("max_epochs", 20_000))),
    Example(
        "no-activation", "Hidden layers without an activation",
        "Activation \"none\": every layer is linear, and linear layers stacked are "
        "one linear layer, so this 2-4-4-1 network draws the same straight boundary "
        "as no hidden layer at all and never gets XOR right. Switch the activation "
        "back to sigmoid to see the hidden layers matter.",
        (("dataset", "xor-easy"), ("activation", "none"), ("max_epochs", 20_000))),
    Example(
        "adam-on-xor", "Adam instead of SGD",
        "The default XOR run with Adam (lr 0.01) instead of SGD (lr 0.1): 100% in a "
        "few hundred epochs instead of about 26 500, because Adam scales each "
        "weight's step by its own gradient history. Pin the run (Ctrl+P), switch the "
        "optimizer to sgd and lr to 0.1, Reset (R) and train again to compare the curves.",
        (("dataset", "xor-easy"), ("optimizer", "adam"), ("lr", 0.01))),
    Example(
        "vanishing-gradients", "Vanishing gradients (6 sigmoid layers)",
        "Six hidden sigmoid layers on the circle: each layer multiplies the gradient "
        "by σ'(z) ≤ 0.25, so at the start the first layer's gradient is thousands of "
        "times smaller than the last's (Gradient norms tab) and training stalls near "
        "50%. Try activation relu with init he_normal, or the next example.",
        (("dataset", "circle"), ("noise", 0.1), ("hidden", (16,) * 6), ("max_epochs", 3000))),
    Example(
        "deep-relu", "The same deep network with ReLU",
        "The six-layer network of the previous example with ReLU and He "
        "initialisation: ReLU's derivative is 1 where a unit is active, so the "
        "gradient reaches the first layer and the circle is learned in a few "
        "hundred epochs.",
        (("dataset", "circle"), ("noise", 0.1), ("hidden", (16,) * 6), ("activation", "relu"),
         ("init", "he_normal"), ("max_epochs", 3000))),
    Example(
        "features-not-layers", "Features instead of layers",
        "No hidden layer, but the inputs x1² and x2² besides x1 and x2: the circle "
        "x1² + x2² = r² is a straight line in those features, so one sigmoid "
        "unit learns it. A hand-made feature can replace a layer.",
        (("dataset", "circle"), ("hidden", ()), ("features", ("x1", "x2", "x1^2", "x2^2")),
         ("max_epochs", 5000))),
    Example(
        "learning-rate-too-high", "Learning rate too high",
        "ReLU units and a linear output (MSE) at lr 3: every step overshoots, the "
        "loss grows until it overflows, and training stops with \"diverged\", keeping "
        "the last finite weights. Lower the learning rate to 0.01 and it trains.",
        (("dataset", "linear"), ("activation", "relu"), ("init", "he_normal"),
         ("output_activation", "none"), ("lr", 3.0), ("max_epochs", 5000))),
    Example(
        "dying-relu", "Dying ReLU",
        "ReLU at lr 10: the first big steps push the hidden units' inputs below zero "
        "for every point, where ReLU's derivative is 0. Once a layer is all dead no "
        "gradient flows back through it, so every hidden layer's gradient is exactly 0 "
        "from then on (grey × on the diagram; Gradient norms drop out) and accuracy "
        "stays at the majority class.",
        (("dataset", "linear"), ("activation", "relu"), ("init", "he_normal"), ("lr", 10.0),
         ("max_epochs", 2000))),
    Example(
        "overfitting", "Overfitting a noisy data set",
        "Two noisy Gaussian blobs, half the points held out, and a large tanh "
        "network trained with Adam past 100%: the training accuracy reaches 100% "
        "by fitting the noise while the test accuracy (outlined points, the "
        "orange test curves) stays lower. Try fewer units, or L2.",
        (("dataset", "gaussian"), ("noise", 0.8), ("n_points", 80), ("test_fraction", 0.5),
         ("hidden", (32, 32, 32)), ("activation", "tanh"), ("optimizer", "adam"), ("lr", 0.01),
         ("stop_at_100", False), ("max_epochs", 3000))),
    Example(
        "three-spirals", "Three spirals need more units than two",
        "Three interleaved spirals, a softmax output of three units and cross-entropy. "
        "With 8 and 8 tanh units the network separates them (about 99% in 3000 epochs, "
        "Adam); set the units to 4 and 4, which are enough for two spirals (98%), and "
        "three stall near 76%: each extra arm needs more bends in the boundary. "
        "The map's colour is the argmax class, paler where the network is less sure.",
        (("classes", 3), ("output_activation", "softmax"), ("loss", "ce"), ("dataset", "spiral"),
         ("n_points", 150), ("noise", 0.0), ("hidden", (8, 8)), ("activation", "tanh"),
         ("optimizer", "adam"), ("lr", 0.02), ("max_epochs", 3000))),
    Example(
        "softmax-regression", "Four blobs without a hidden layer",
        "Four Gaussian blobs and no hidden layer: softmax of four linear scores, "
        "z_k = x·w_k + b_k. Each pair of classes is split where their scores are "
        "equal, a straight line, so clusters like these need no hidden layer: 100% in "
        "a few dozen epochs.",
        (("classes", 4), ("output_activation", "softmax"), ("loss", "ce"), ("dataset", "blobs"),
         ("n_points", 200), ("noise", 0.1), ("hidden", ()), ("lr", 0.5), ("max_epochs", 2000))),
    Example(
        "regression-sigmoid-output", "Regression with a sigmoid output cannot go past 1",
        "Regression on the plane y = 0.6 (x1 + x2), whose targets run from −1.2 to 1.2, "
        "with a sigmoid output: p = σ(z) stays between 0 and 1, so half the targets are "
        "out of its reach and R² stalls near 0.65. Set Output activation to none (a "
        "linear output, ŷ = z) and Reset: R² reaches 1.",
        (("task", "regression"), ("dataset", "plane"), ("output_activation", "sigmoid"),
         ("n_points", 100), ("hidden", (4, 4)), ("activation", "tanh"), ("optimizer", "adam"),
         ("lr", 0.02), ("max_epochs", 2000))),
    Example(
        "six-bumps", "Regression: six bumps need hidden units",
        "TensorFlow Playground's multi-gaussian set: six bumps of height +1 and −1. "
        "The map shows the prediction ŷ on the colour scale of the targets. With "
        "8 and 8 tanh units and a linear output R² reaches about 0.95 in 3000 epochs; "
        "with no hidden layer ŷ is a plane, which cannot follow bumps of alternating "
        "sign: R² stays near 0.",
        (("task", "regression"), ("dataset", "multi-gauss"), ("output_activation", "none"),
         ("n_points", 300), ("hidden", (8, 8)), ("activation", "tanh"), ("optimizer", "adam"),
         ("lr", 0.02), ("max_epochs", 3000))),
]

EXAMPLES: dict[str, Example] = {ex.name: ex for ex in _LIST}


def get(name: str) -> Example:
    return lookup(EXAMPLES, "example", name)
