"""TrainConfig: the one source of truth for every setting.

Controls in the window edit it (via ``dataclasses.replace``), the session file
stores it (``to_dict``/``from_dict``) and the command line parses into it.
It is frozen, so a copy can cross threads without a lock.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

# Fields whose change needs a new network (new shapes or new initial weights).
SHAPE_FIELDS = frozenset({
    "features", "hidden", "activation", "leaky_slope", "output_activation",
    "bias", "conv_kernel", "conv_filters", "init", "init_scale", "seed", "dtype",
})
SHAPE_FIELDS = SHAPE_FIELDS | {"elu_alpha"}      # α of elu, like leaky_slope
# Fields whose change needs new data.
DATA_FIELDS = frozenset({"dataset", "n_points", "noise", "test_fraction", "data_seed"})


@dataclass(frozen=True)
class TrainConfig:
    # --- data -------------------------------------------------------------
    dataset: str = "xor-easy"        # a name in backprop_lab.model.datasets.DATASETS
    n_points: int = 100              # ignored by xor-easy (always 21 points)
    noise: float = 0.0               # data set specific spread, 0 .. 1
    test_fraction: float = 0.0       # share of points held out for testing
    data_seed: int = 0
    # --- network ----------------------------------------------------------
    features: tuple[str, ...] = ("x1", "x2")   # names in backprop_lab.model.features.FEATURES
    hidden: tuple[int, ...] = (4, 4)           # units per hidden layer; () = none
    activation: str = "sigmoid"      # hidden activation, a name in ACTIVATIONS
    leaky_slope: float = 0.01        # slope of leaky_relu for z < 0
    output_activation: str = "sigmoid"
    loss: str = "mse"                # "mse" or "bce"
    init: str = "xavier_uniform"     # a name in backprop_lab.model.initializers.INITIALIZERS
    init_scale: float = 0.5          # a for uniform(-a, a), sigma for normal(sigma)
    bias: bool = True
    conv_kernel: int = 0             # 0 = no 1-D convolution in front
    conv_filters: int = 2
    dtype: str = "float64"           # "float64" or "float32"
    # --- training ---------------------------------------------------------
    optimizer: str = "sgd"           # a name in backprop_lab.model.optimizers.OPTIMIZERS
    lr: float = 0.1
    momentum: float = 0.9            # momentum / nesterov
    nesterov: bool = False
    beta1: float = 0.9               # adam
    beta2: float = 0.999             # adam
    rho: float = 0.9                 # rmsprop decay
    eps: float = 1e-8
    amsgrad: bool = False
    weight_decay: float = 0.0        # decoupled (AdamW style) for every optimizer
    batch_size: int = 0              # 0 = full batch
    l1: float = 0.0                  # adds l1 * sum|w| to the loss (weights, not biases)
    l2: float = 0.0                  # adds l2/2 * sum w^2 to the loss (weights, not biases)
    max_epochs: int = 100_000
    stop_at_100: bool = True
    seed: int = 42                   # initial weights and mini-batch shuffling
    # --- the training toolbox (defaults change nothing) ---------------------
    elu_alpha: float = 1.0           # α of elu: α(e^z − 1) for z ≤ 0
    lr_schedule: str = "constant"    # a name in backprop_lab.model.schedules.SCHEDULES
    lr_period: int = 1000            # T in epochs: step / decay period, cosine or cycle length
    lr_decay: float = 0.5            # d: step and exponential multiply lr by d per period
    lr_min: float = 0.001            # cosine, cyclic and one-cycle: the lowest lr
    lr_restarts: bool = False        # cosine: warm restarts every period
    dropout: tuple[float, ...] = ()  # rate per hidden layer (one value: all of them); () = off
    clip_norm: float = 0.0           # clip the gradient's global L2 norm to this; 0 = off
    early_stopping: int = 0          # patience: stop when the test loss has not improved for
                                     # this many epochs and restore the best weights; 0 = off

    def replace(self, **changes) -> "TrainConfig":
        """A copy with ``changes`` applied and validated."""
        return dataclasses.replace(self, **changes).validated()

    def validated(self) -> "TrainConfig":
        """Return self, or raise ValueError naming the first bad field."""
        from backprop_lab.model.registry import check_config
        check_config(self)
        return self

    def to_dict(self) -> dict:
        d = dataclasses.asdict(self)
        d["features"] = list(self.features)
        d["hidden"] = list(self.hidden)
        d["dropout"] = list(self.dropout)
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "TrainConfig":
        """Build from a dict such as ``to_dict`` gives; unknown keys are an error."""
        defaults = cls().to_dict()
        unknown = sorted(set(d) - set(defaults))
        if unknown:
            raise ValueError(f"unknown config field(s): {', '.join(unknown)}")
        kw = {}
        for k, v in d.items():
            _check_type(k, v, defaults[k])
            kw[k] = tuple(v) if isinstance(v, list) else v
        return cls(**kw).validated()


def _check_type(key, value, default):
    """``value`` has the JSON type of the field's default (an int may stand for a
    float); the range checks of ``validated`` assume as much."""
    if isinstance(default, list):
        item = type(default[0]) if default else float          # dropout's default is []
        ok = isinstance(value, (list, tuple)) and all(
            type(v) is item or (item is float and type(v) is int) for v in value)
        kind = f"a list of {item.__name__}"
    elif isinstance(default, float):
        ok, kind = type(value) in (int, float), "float"
    else:
        ok, kind = type(value) is type(default), type(default).__name__
    if not ok:
        text = repr(value)
        raise ValueError(f"{key} must be {kind}, found {text[:40] + '…' if len(text) > 40 else text}")
