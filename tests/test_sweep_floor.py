"""The sweep floor's counting (bench/sweep_floor.py): work per epoch and trial-epochs
read from the tables a sweep writes. No timing here."""
import json
import sys
from pathlib import Path

from backprop_lab.model import TrainConfig
from backprop_lab.model.sweep import PRESETS

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import sweep_floor  # noqa: E402


def test_epoch_counts_of_a_2_3_3_1_network_match_a_hand_count():
    # layer Wb rows × width: 3×3, 4×3, 4×1 (bias rows included)
    # forward 9 + 12 + 4 = 25, dWb 25, delta_prev W (3, 3) and W (3, 1): 9 + 3 = 12
    cfg = TrainConfig(hidden=(3, 3), activation="sigmoid")
    assert sweep_floor.epoch_counts(cfg, 7) == (62 * 7, (3 + 3 + 1) * 7)
    # relu / none hidden layers need no exp; the sigmoid output still does
    assert sweep_floor.epoch_counts(cfg.replace(activation="relu"), 7) == (62 * 7, 7)


def test_trial_epochs_from_a_markdown_table(tmp_path):
    md = tmp_path / "t.md"
    md.write_text("header line\n"
                  "| dataset | lr | hidden | activation | trials | converged | stop_mean | failures | diverged |\n"
                  "|---|---|---|---|---:|---:|---:|---:|---:|\n"
                  "| linear | 0.1 | 50-50 | sigmoid | 10 | 9 | 62178.4 | 1 | 0 |\n"
                  "| xor-easy | 0.01 | 50-50 | sigmoid | 10 | 0 | - | 10 | 0 |\n")
    rows = sweep_floor.read_table(md)
    assert [sweep_floor.trial_epochs(r, 100_000) for r in rows] == [559_606 + 100_000, 1_000_000]
    cfgs = sweep_floor.match_configs(rows, PRESETS["lab"])
    assert [(c.dataset, c.lr, c.hidden) for c in cfgs] == [("linear", 0.1, (50, 50)),
                                                          ("xor-easy", 0.01, (50, 50))]


def test_trial_epochs_from_csv_and_json_as_the_sweep_writes_them(tmp_path):
    csv = tmp_path / "t.csv"
    csv.write_text("dataset,lr,hidden,activation,trials,converged,stop_mean,failures,diverged\n"
                   "xor-easy,0.1,50-50,relu,2,2,660.5,0,0\n"
                   "xor-easy,0.1,50-50,none,2,0,,2,1\n")     # a diverged trial counts 0 epochs
    assert [sweep_floor.trial_epochs(r, 1000) for r in sweep_floor.read_table(csv)] == [1321, 1000]
    js = tmp_path / "t.json"
    js.write_text(json.dumps({"rows": [{"dataset": "linear", "lr": 0.1, "hidden": "10-10",
                                        "activation": "sigmoid", "trials": 2, "converged": 1,
                                        "stop_mean": 5.0, "failures": 1, "diverged": 1,
                                        "trial_outcomes": [{"epochs": 5}, {"epochs": 17}]}]}))
    rows = sweep_floor.read_table(js)
    assert sweep_floor.trial_epochs(rows[0], 1000) == 22             # exact, per trial
    assert sweep_floor.match_configs(rows, PRESETS["lab"])[0].hidden == (10, 10)
