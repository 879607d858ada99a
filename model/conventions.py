"""Named conventions: a set-up that a course or a paper fixes, as one choice.

"lab" is the classic "implement backprop with NumPy only" lab: every weight
drawn from a standard normal (``np.random.randn``, σ = 1, whatever the
layer's size; biases start at 0 here as with every initialiser), full batch,
MSE as the mean over the samples, sigmoid in every layer, plain SGD. The
initialiser is what matters most: on XOR-easy with two hidden layers of 50
sigmoid units and lr 0.1 the lab's N(0, 1) weights reach 100% in about 3 000
epochs, the app's default (xavier_uniform) in about 80 000.
"""
from __future__ import annotations

from dataclasses import dataclass

from backprop_lab.model.config import TrainConfig


@dataclass(frozen=True)
class Convention:
    """``settings``: TrainConfig fields and the values the convention fixes."""
    name: str
    summary: str
    settings: tuple[tuple[str, object], ...]

    def apply(self, cfg: TrainConfig) -> TrainConfig:
        """``cfg`` with the convention's settings."""
        return cfg.replace(**dict(self.settings))

    def holds_for(self, cfg: TrainConfig) -> bool:
        return all(getattr(cfg, k) == v for k, v in self.settings)

    def __str__(self):
        return f"{self.name} convention: {self.summary}"


CONVENTIONS: dict[str, Convention] = {
    "lab": Convention(
        "lab",
        "W ~ N(0, 1) (np.random.randn; biases start at 0), full batch, MSE mean over samples, "
        "sigmoid hidden and output, SGD",
        (("init", "standard_normal"), ("batch_size", 0), ("loss", "mse"),
         ("activation", "sigmoid"), ("output_activation", "sigmoid"), ("optimizer", "sgd")),
    ),
}


def describe(configs, axes=()) -> str:
    """One line: the convention every config follows (a setting that is one of the
    table's ``axes`` may vary, as the lab study's activation does), else their
    initialisers."""
    configs = list(configs)
    for conv in CONVENTIONS.values():
        if configs and all(getattr(c, k) == v for c in configs for k, v in conv.settings
                           if k not in axes):
            return str(conv)
    return f"init {', '.join(sorted({c.init for c in configs}))} (no named convention)"
