"""Validation of a TrainConfig against the registries (names and ranges)."""
from __future__ import annotations

from backprop_lab.model import activations, datasets, features, initializers, losses, optimizers


def _one_of(field, value, valid):
    if value not in valid:
        raise ValueError(f"{field}: unknown value {value!r}; valid: {', '.join(valid)}")


def check_config(cfg) -> None:
    """Raise ValueError naming the first field of ``cfg`` that is out of range."""
    _one_of("dataset", cfg.dataset, datasets.DATASETS)
    _one_of("activation", cfg.activation, activations.ACTIVATIONS)
    _one_of("output_activation", cfg.output_activation, activations.ACTIVATIONS)
    _one_of("loss", cfg.loss, losses.LOSSES)
    _one_of("init", cfg.init, initializers.INITIALIZERS)
    _one_of("optimizer", cfg.optimizer, optimizers.OPTIMIZERS)
    _one_of("dtype", cfg.dtype, ("float64", "float32"))
    features.check_names(cfg.features)
    checks = [
        ("n_points", 1 <= cfg.n_points <= 1_000_000, "between 1 and 1 000 000"),
        ("noise", 0 <= cfg.noise <= 10, "between 0 and 10"),
        ("test_fraction", 0 <= cfg.test_fraction < 1, "in [0, 1)"),
        ("hidden", len(cfg.hidden) <= 16 and all(1 <= int(h) <= 4096 for h in cfg.hidden),
         "at most 16 layers of 1 to 4096 units"),
        ("leaky_slope", 0 < cfg.leaky_slope < 1, "in (0, 1)"),
        ("lr", 0 < cfg.lr <= 1000, "in (0, 1000]"),
        ("momentum", 0 <= cfg.momentum < 1, "in [0, 1)"),
        ("beta1", 0 <= cfg.beta1 < 1, "in [0, 1)"),
        ("beta2", 0 <= cfg.beta2 < 1, "in [0, 1)"),
        ("rho", 0 <= cfg.rho < 1, "in [0, 1)"),
        ("eps", 0 < cfg.eps <= 1, "in (0, 1]"),
        ("weight_decay", 0 <= cfg.weight_decay, ">= 0"),
        ("batch_size", cfg.batch_size >= 0, ">= 0 (0 = full batch)"),
        ("l1", cfg.l1 >= 0, ">= 0"),
        ("l2", cfg.l2 >= 0, ">= 0"),
        ("max_epochs", cfg.max_epochs >= 1, ">= 1"),
        ("init_scale", cfg.init_scale > 0, "> 0"),
        ("conv_kernel", 0 <= cfg.conv_kernel <= len(cfg.features),
         f"between 0 (off) and the number of input features ({len(cfg.features)})"),
        ("conv_filters", 1 <= cfg.conv_filters <= 64, "between 1 and 64"),
    ]
    for field, ok, what in checks:
        if not ok:
            raise ValueError(f"{field}: {getattr(cfg, field)!r} is out of range; must be {what}")
    if cfg.loss == "bce" and cfg.output_activation != "sigmoid":
        raise ValueError("loss: binary cross-entropy needs a sigmoid output "
                         f"(output_activation is {cfg.output_activation!r})")
