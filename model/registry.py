"""Validation of a TrainConfig against the registries (names and ranges)."""
from __future__ import annotations

from backprop_lab.model import activations, datasets, features, initializers, limits, losses, optimizers
from backprop_lab.model import toolbox_checks


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
        ("weight_decay", 0 <= cfg.weight_decay <= 100, "between 0 and 100"),
        ("batch_size", 0 <= cfg.batch_size <= limits.MAX_POINTS, "between 0 (full batch) and 1 000 000"),
        ("l1", 0 <= cfg.l1 <= 100, "between 0 and 100"),
        ("l2", 0 <= cfg.l2 <= 100, "between 0 and 100"),
        ("max_epochs", 1 <= cfg.max_epochs <= limits.MAX_EPOCH, "between 1 and 10^12"),
        ("init_scale", 0 < cfg.init_scale <= 100, "in (0, 100]"),
        ("seed", 0 <= cfg.seed <= limits.MAX_SEED, "between 0 and 2^63 - 1"),
        ("data_seed", 0 <= cfg.data_seed <= limits.MAX_SEED, "between 0 and 2^63 - 1"),
        ("conv_kernel", 0 <= cfg.conv_kernel <= len(cfg.features),
         f"between 0 (off) and the number of input features ({len(cfg.features)})"),
        ("conv_filters", 1 <= cfg.conv_filters <= 64, "between 1 and 64"),
    ]
    for field, ok, what in checks:
        if not ok:
            raise ValueError(f"{field}: {getattr(cfg, field)!r} is out of range; must be {what}")
    toolbox_checks.check(cfg)
    limits.check_network_size(cfg)
    # generated points (a CSV file's are checked where it is read: cli_files, the window's import)
    limits.check_memory(cfg, limits.generated_points(cfg))
    if cfg.loss == "bce" and cfg.output_activation != "sigmoid":
        raise ValueError("loss: binary cross-entropy needs a sigmoid output "
                         f"(output_activation is {cfg.output_activation!r})")
