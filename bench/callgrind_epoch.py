"""Machine instructions per full-batch epoch of bench case B, counted by valgrind
(deterministic where timings on a shared machine are not). Run:

    .venv/bin/python bench/callgrind_epoch.py                 # this tree
    .venv/bin/python bench/callgrind_epoch.py --tree DIR      # DIR/backprop_lab/model is another tree's

Runs the case under ``valgrind --tool=callgrind`` twice, for 10 and 1 010 epochs, and
prints (instructions of the second − of the first) / 1 000: the cost of one epoch with
start-up and imports cancelled out. Needs valgrind; takes a few minutes.
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile

CASE = """
import sys
if sys.argv[1] != "-":
    sys.path.insert(0, sys.argv[1])
from backprop_lab.model import TrainConfig, Trainer, datasets
X, y = datasets.xor_easy()
tr = Trainer(TrainConfig(hidden=(4, 4), stop_at_100=False, max_epochs=10**9), X, y)
tr.run(int(sys.argv[2]))
"""


def instructions(tree: str, epochs: int) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        script, out = os.path.join(tmp, "case.py"), os.path.join(tmp, "cg.out")
        with open(script, "w") as f:
            f.write(CASE)
        subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable,
                        script, tree, str(epochs)], check=True, capture_output=True,
                       env=dict(os.environ, OPENBLAS_NUM_THREADS="1"))
        with open(out) as f:
            return int(re.search(r"^summary: (\d+)", f.read(), re.M).group(1))


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--tree", default="-", help="a folder holding backprop_lab/model (default: the installed one)")
    args = p.parse_args()
    per_epoch = (instructions(args.tree, 1010) - instructions(args.tree, 10)) / 1000
    print(f"case B (xor-easy, 2-4-4-1 sigmoid, MSE, SGD, full batch): {per_epoch:,.0f} instructions per epoch")


if __name__ == "__main__":
    main()
