"""The Experiments dialog's grid: typed value lists → the TrainConfigs of a sweep.

    grid = parse_grid(base, {"lr": "0.1, 0.5", "hidden": "10, 50"}, layers=2,
                      datasets=["linear", "xor-easy"], one_at_a_time=False, budget=5000)
    grid.configs, grid.axes          # 8 configs; axes ("lr", "hidden")

Each field holds a comma-separated list. A field with one value sets it for
every row; a field with several is an axis of the study. "Every combination"
crosses the axes (``backprop_lab.model.sweep.expand_grid``); "one axis at a time" varies each
axis alone with the others at the base config's value — the lab's study, and
exactly ``PRESETS["lab"].configs()`` when filled from that preset. Bad values
raise GridError with a sentence naming the field and the value.
"""
from __future__ import annotations

from dataclasses import dataclass

from backprop_lab.model import activations, losses, optimizers, schedules
from backprop_lab.model.config import TrainConfig
from backprop_lab.model.sweep import Preset, expand_grid

# The fields the dialog offers, in table-column order, with their row labels.
AXES = {
    "lr": "Learning rates",
    "hidden": "Hidden units",
    "activation": "Activations",
    "optimizer": "Optimizers",
    "loss": "Losses",
    "batch_size": "Batch sizes",
    "lr_schedule": "LR schedules",
}
NAMES = {"activation": activations.ACTIVATIONS, "optimizer": optimizers.OPTIMIZERS,
         "loss": losses.LOSSES, "lr_schedule": schedules.SCHEDULES}
TIPS = {
    "lr": "Learning rates, e.g. 0.1, 0.05, 0.01",
    "hidden": "Units per hidden layer, e.g. 10, 50 (each: 'layers' layers of that size); "
              "8-4 gives exactly those layers, 0 no hidden layer",
    "activation": "Hidden activations: " + ", ".join(activations.ACTIVATIONS),
    "optimizer": "Optimizers: " + ", ".join(optimizers.OPTIMIZERS),
    "loss": "Losses: " + ", ".join(losses.LOSSES),
    "batch_size": "Batch sizes, 0 = full batch (mini-batches train one trial at a time: slower)",
    "lr_schedule": "Learning-rate schedules: " + "; ".join(f"{n}: {f}" for n, f in schedules.FORMULAS.items())
                   + " (a schedule other than constant trains one trial at a time: slower)",
}


class GridError(ValueError):
    """A value list the dialog cannot use; str() is the sentence to show."""


@dataclass(frozen=True)
class Grid:
    configs: tuple[TrainConfig, ...]
    axes: tuple[str, ...]         # the fields with several values: the table's row names


def value_text(field: str, cfg: TrainConfig) -> str:
    """The text a field shows for one config: hidden (50, 50) → "50" when uniform."""
    value = getattr(cfg, field)
    if field == "hidden":
        if not value:
            return "0"
        return str(value[0]) if len(set(value)) == 1 else "-".join(map(str, value))
    return f"{value:g}" if isinstance(value, float) else str(value)


def uniform_layers(cfg: TrainConfig) -> int:
    """The layers spin box's value for a config (its hidden layer count, at least 1)."""
    return max(len(cfg.hidden), 1)


def _one_value(field: str, token: str, layers: int):
    label = AXES[field]
    if field == "lr":
        try:
            return float(token)
        except ValueError:
            raise GridError(f"{label}: {token!r} is not a number") from None
    if field == "batch_size":
        try:
            return int(token)
        except ValueError:
            raise GridError(f"{label}: {token!r} is not a whole number") from None
    if field == "hidden":
        try:
            units = tuple(int(u) for u in token.split("-"))
        except ValueError:
            raise GridError(f"{label}: {token!r} is not a number of units "
                            "(e.g. 50, or 8-4 for two layers)") from None
        if units == (0,):
            return ()
        return units * layers if len(units) == 1 else units
    if token not in NAMES[field]:
        raise GridError(f"{label}: unknown {field} {token!r}; choose from "
                        + ", ".join(NAMES[field]))
    return token


def parse_values(field: str, text: str, layers: int, base: TrainConfig) -> list:
    """The distinct values of one field's comma-separated text, each checked against
    ``base`` (ranges as TrainConfig validates them)."""
    tokens = [t.strip() for t in text.replace(";", ",").split(",")]
    tokens = [t for t in tokens if t]
    if not tokens:
        raise GridError(f"{AXES[field]}: give at least one value")
    values = list(dict.fromkeys(_one_value(field, t, layers) for t in tokens))
    for v in values:
        try:
            base.replace(**{field: v})
        except ValueError as e:
            raise GridError(f"{AXES[field]}: {e}") from None
    return values


def parse_grid(base: TrainConfig, texts: dict[str, str], *, layers: int, datasets,
               one_at_a_time: bool, budget: int) -> Grid:
    """The configs of a study; raises GridError (nothing partial) on any bad value."""
    if layers < 1:
        raise GridError(f"Layers: must be at least 1, got {layers}")
    datasets = list(datasets)
    if not datasets:
        raise GridError("Data sets: tick at least one")
    try:
        base = base.replace(max_epochs=int(budget), stop_at_100=True)
    except ValueError as e:
        raise GridError(f"Epoch budget: {e}") from None
    values = {f: parse_values(f, texts[f], layers, base) for f in AXES if f in texts}
    fixed = {f: v[0] for f, v in values.items() if len(v) == 1}
    axes = {f: v for f, v in values.items() if len(v) > 1}
    try:
        base = base.replace(**fixed)
        if one_at_a_time and axes:
            configs = []
            for ds in datasets:
                for f, vals in axes.items():
                    configs += expand_grid(base, {f: vals}, [ds])
            configs = list(dict.fromkeys(configs))
        else:
            configs = expand_grid(base, axes, datasets)
    except ValueError as e:        # a combination the config refuses (e.g. bce with some output)
        raise GridError(f"Not a valid combination: {e}") from None
    return Grid(tuple(configs), tuple(axes))


def preset_fields(preset: Preset) -> dict:
    """What the dialog shows for a preset: {"base", "texts", "layers", "datasets",
    "trials", "budget", "one_at_a_time"}; parse_grid of it gives preset.configs()
    when the preset's grids each vary one field (as "lab" does)."""
    base = preset.base
    texts = {f: value_text(f, base) for f in AXES}
    layers = uniform_layers(base)
    for grid in preset.grids:
        for field, vals in grid:
            if field in AXES:
                texts[field] = ", ".join(value_text(field, base.replace(**{field: v}))
                                         for v in vals)
                if field == "hidden":
                    layers = len(vals[0]) or 1
    return {"base": base, "texts": texts, "layers": layers, "datasets": list(preset.datasets),
            "trials": preset.trials, "budget": base.max_epochs,
            "one_at_a_time": all(len(g) == 1 for g in preset.grids)}
