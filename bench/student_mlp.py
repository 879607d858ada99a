"""A multilayer perceptron written the way a typical "backprop from scratch with
NumPy" lab report writes it: the yardstick for bench/engine_speed.py.

It is meant to be honest and correct, not slow on purpose: samples are rows,
weights and biases are separate lists of arrays, the forward pass keeps every
layer's activations in a list, the backward pass walks the layers computing
deltas, and the optimizer updates each array in turn. What makes it typical
is that every expression allocates its result and every function is called
per layer, which is how the textbook derivation reads.

The maths matches the engine's (loss = mean over samples, MSE = mean((p − y)²),
BCE with a sigmoid output gives dL/dz = (p − y)/n, Adam with bias correction),
so from the same initial weights both follow the same loss trajectory.
"""
import numpy as np


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def sigmoid_derivative(a):
    return a * (1 - a)


def tanh(x):
    return np.tanh(x)


def tanh_derivative(a):
    return 1 - a ** 2


def relu(x):
    return np.maximum(0, x)


def relu_derivative(a):
    return (a > 0).astype(a.dtype)


ACTIVATIONS = {
    "sigmoid": (sigmoid, sigmoid_derivative),
    "tanh": (tanh, tanh_derivative),
    "relu": (relu, relu_derivative),
}


class StudentMLP:
    """layer_sizes e.g. [2, 4, 4, 1]; hidden layers use ``activation``, the output a sigmoid.

    weights: optional [(W (n_in, n_out), b (n_out,))] per layer to start from.
    """

    def __init__(self, layer_sizes, activation="sigmoid", loss="mse", optimizer="sgd",
                 lr=0.1, beta1=0.9, beta2=0.999, eps=1e-8, weights=None, seed=0,
                 dtype=np.float64):
        self.activation, self.activation_derivative = ACTIVATIONS[activation]
        self.loss_name, self.optimizer, self.lr = loss, optimizer, lr
        self.beta1, self.beta2, self.eps = beta1, beta2, eps
        self.W, self.b = [], []
        rng = np.random.default_rng(seed)
        for i in range(len(layer_sizes) - 1):
            if weights is not None:
                W, b = weights[i]
            else:
                W = rng.normal(0, np.sqrt(2 / layer_sizes[i]), (layer_sizes[i], layer_sizes[i + 1]))
                b = np.zeros(layer_sizes[i + 1])
            self.W.append(np.array(W, dtype=dtype))
            self.b.append(np.array(b, dtype=dtype).reshape(1, -1))
        # Adam's moment estimates, one per parameter array
        self.mW = [np.zeros_like(W) for W in self.W]
        self.vW = [np.zeros_like(W) for W in self.W]
        self.mb = [np.zeros_like(b) for b in self.b]
        self.vb = [np.zeros_like(b) for b in self.b]
        self.t = 0

    def forward(self, X):
        """X (n, n_in) -> output probabilities (n, 1); keeps every layer's output."""
        self.activations = [X]
        a = X
        for i in range(len(self.W)):
            z = a @ self.W[i] + self.b[i]
            if i == len(self.W) - 1:
                a = sigmoid(z)
            else:
                a = self.activation(z)
            self.activations.append(a)
        return a

    def compute_loss(self, y_hat, y):
        if self.loss_name == "mse":
            return np.mean((y_hat - y) ** 2)
        eps = np.finfo(y_hat.dtype).eps      # 1 - 1e-12 would round to 1 in float32
        y_hat = np.clip(y_hat, eps, 1 - eps)
        return -np.mean(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat))

    def backward(self, y):
        """Gradients of the loss for the last forward pass; y (n, 1)."""
        n = y.shape[0]
        y_hat = self.activations[-1]
        if self.loss_name == "mse":
            delta = 2 * (y_hat - y) / n * sigmoid_derivative(y_hat)
        else:
            delta = (y_hat - y) / n          # sigmoid + cross-entropy
        dW = [None] * len(self.W)
        db = [None] * len(self.W)
        for i in reversed(range(len(self.W))):
            dW[i] = self.activations[i].T @ delta
            db[i] = np.sum(delta, axis=0, keepdims=True)
            if i > 0:
                delta = (delta @ self.W[i].T) * self.activation_derivative(self.activations[i])
        return dW, db

    def update(self, dW, db):
        self.t += 1
        for i in range(len(self.W)):
            if self.optimizer == "sgd":
                self.W[i] -= self.lr * dW[i]
                self.b[i] -= self.lr * db[i]
            else:
                self.W[i] -= self._adam_step(dW[i], self.mW, self.vW, i)
                self.b[i] -= self._adam_step(db[i], self.mb, self.vb, i)

    def _adam_step(self, g, m, v, i):
        m[i] = self.beta1 * m[i] + (1 - self.beta1) * g
        v[i] = self.beta2 * v[i] + (1 - self.beta2) * g ** 2
        m_hat = m[i] / (1 - self.beta1 ** self.t)
        v_hat = v[i] / (1 - self.beta2 ** self.t)
        return self.lr * m_hat / (np.sqrt(v_hat) + self.eps)

    def train_epoch(self, X, y):
        """One full-batch epoch; returns (loss, accuracy) measured before the update."""
        y_hat = self.forward(X)
        loss = self.compute_loss(y_hat, y)
        accuracy = np.mean((y_hat > 0.5) == (y > 0.5))
        dW, db = self.backward(y)
        self.update(dW, db)
        return loss, accuracy
