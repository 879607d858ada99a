"""Text from the engine that the window shows, in the user's language: the ready-made
lessons' titles and texts (backprop_lab.model.examples) and the input features'
descriptions (backprop_lab.model.features).

The engine keeps its English text (model/ knows nothing of Qt); the strings are
listed here verbatim so that pyside6-lupdate extracts them. tests/test_i18n.py
checks that every one is listed: after adding or editing an example or a feature,
copy its text here and run ``./dev i18n``.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP

CONTEXT = "Examples"   # i18n: a context name

TEXTS = (
    QT_TRANSLATE_NOOP("Examples", "XOR without a hidden layer"),
    QT_TRANSLATE_NOOP("Examples", "With no hidden layer the network is one sigmoid of a weighted sum: its decision boundary"
                                  " is a straight line, and no line separates XOR. Accuracy never reaches 100% however long"
                                  " it trains. Then set Hidden layers to 1 and watch the boundary bend."),
    QT_TRANSLATE_NOOP("Examples", "Hidden layers without an activation"),
    QT_TRANSLATE_NOOP("Examples", "Activation \"none\": every layer is linear, and linear layers stacked are one linear "
                                  "layer, so this 2-4-4-1 network draws the same straight boundary as no hidden layer at "
                                  "all and never gets XOR right. Switch the activation back to sigmoid to see the hidden "
                                  "layers matter."),
    QT_TRANSLATE_NOOP("Examples", "Adam instead of SGD"),
    QT_TRANSLATE_NOOP("Examples", "The default XOR run with Adam (lr 0.01) instead of SGD (lr 0.1): 100% in a few hundred "
                                  "epochs instead of about 26 500, because Adam scales each weight's step by its own "
                                  "gradient history. Pin the run (Ctrl+P), switch the optimizer to sgd and lr to 0.1, Reset"
                                  " (R) and train again to compare the curves."),
    QT_TRANSLATE_NOOP("Examples", "Vanishing gradients (6 sigmoid layers)"),
    QT_TRANSLATE_NOOP("Examples", "Six hidden sigmoid layers on the circle: each layer multiplies the gradient by σ'(z) ≤ "
                                  "0.25, so at the start the first layer's gradient is thousands of times smaller than the "
                                  "last's (Gradient norms tab) and training stalls near 50%. Try activation relu with init "
                                  "he_normal, or the next example."),
    QT_TRANSLATE_NOOP("Examples", "The same deep network with ReLU"),
    QT_TRANSLATE_NOOP("Examples", "The six-layer network of the previous example with ReLU and He initialisation: ReLU's "
                                  "derivative is 1 where a unit is active, so the gradient reaches the first layer and the "
                                  "circle is learned in a few hundred epochs."),
    QT_TRANSLATE_NOOP("Examples", "Features instead of layers"),
    QT_TRANSLATE_NOOP("Examples", "No hidden layer, but the inputs x1² and x2² besides x1 and x2: the circle x1² + x2² = r²"
                                  " is a straight line in those features, so one sigmoid unit learns it. A hand-made "
                                  "feature can replace a layer."),
    QT_TRANSLATE_NOOP("Examples", "Learning rate too high"),
    QT_TRANSLATE_NOOP("Examples", "ReLU units and a linear output (MSE) at lr 3: every step overshoots, the loss grows "
                                  "until it overflows, and training stops with \"diverged\", keeping the last finite weights."
                                  " Lower the learning rate to 0.01 and it trains."),
    QT_TRANSLATE_NOOP("Examples", "Dying ReLU"),
    QT_TRANSLATE_NOOP("Examples", "ReLU at lr 10: the first big steps push the hidden units' inputs below zero for every "
                                  "point, where ReLU's derivative is 0. Once a layer is all dead no gradient flows back "
                                  "through it, so every hidden layer's gradient is exactly 0 from then on (grey × on the "
                                  "diagram; Gradient norms drop out) and accuracy stays at the majority class."),
    QT_TRANSLATE_NOOP("Examples", "Overfitting a noisy data set"),
    QT_TRANSLATE_NOOP("Examples", "Two noisy Gaussian blobs, half the points held out, and a large tanh network trained "
                                  "with Adam past 100%: the training accuracy reaches 100% by fitting the noise while the "
                                  "test accuracy (outlined points, the orange test curves) stays lower. Try fewer units, or"
                                  " L2."),
    QT_TRANSLATE_NOOP("Examples", "Three spirals need more units than two"),
    QT_TRANSLATE_NOOP("Examples", "Three interleaved spirals, a softmax output of three units and cross-entropy. With 8 and 8 tanh "
                                  "units the network separates them (about 99% in 3000 epochs, Adam); set the units to 4 and 4, which "
                                  "are enough for two spirals (98%), and three stall near 76%: each extra arm needs more bends in the "
                                  "boundary. The map's colour is the argmax class, paler where the network is less sure."),
    QT_TRANSLATE_NOOP("Examples", "Four blobs without a hidden layer"),
    QT_TRANSLATE_NOOP("Examples", "Four Gaussian blobs and no hidden layer: softmax of four linear scores, z_k = x·w_k + b_k. Each pair "
                                  "of classes is split where their scores are equal, a straight line, so clusters like these need no "
                                  "hidden layer: 100% in a few dozen epochs."),
    QT_TRANSLATE_NOOP("Examples", "Regression with a sigmoid output cannot go past 1"),
    QT_TRANSLATE_NOOP("Examples", "Regression on the plane y = 0.6 (x1 + x2), whose targets run from −1.2 to 1.2, with a sigmoid "
                                  "output: p = σ(z) stays between 0 and 1, so half the targets are out of its reach and R² stalls near "
                                  "0.65. Set Output activation to none (a linear output, ŷ = z) and Reset: R² reaches 1."),
    QT_TRANSLATE_NOOP("Examples", "Regression: six bumps need hidden units"),
    QT_TRANSLATE_NOOP("Examples", "TensorFlow Playground's multi-gaussian set: six bumps of height +1 and −1. The map shows the "
                                  "prediction ŷ on the colour scale of the targets. With 8 and 8 tanh units and a linear output R² "
                                  "reaches about 0.95 in 3000 epochs; with no hidden layer ŷ is a plane, which cannot follow bumps of "
                                  "alternating sign: R² stays near 0."),
)
FEATURE_TEXTS = (
    QT_TRANSLATE_NOOP("Examples", "x1: the first input coordinate"),
    QT_TRANSLATE_NOOP("Examples", "x2: the second input coordinate"),
    QT_TRANSLATE_NOOP("Examples", "x1²: square of the first coordinate"),
    QT_TRANSLATE_NOOP("Examples", "x2²: square of the second coordinate"),
    QT_TRANSLATE_NOOP("Examples", "x1·x2: product of the coordinates"),
    QT_TRANSLATE_NOOP("Examples", "sin(x1): sine of the first coordinate (radians)"),
    QT_TRANSLATE_NOOP("Examples", "sin(x2): sine of the second coordinate (radians)"),
)


def feature_text(name: str) -> str:
    """The description of input feature ``name`` (its formula, then what it is)."""
    from backprop_lab.model.features import FEATURE_FORMULAS
    return QCoreApplication.translate(CONTEXT, FEATURE_FORMULAS[name])


def title(example) -> str:
    return QCoreApplication.translate(CONTEXT, example.title)


def lesson(example) -> str:
    return QCoreApplication.translate(CONTEXT, example.lesson)
