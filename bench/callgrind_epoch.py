"""Machine instructions per full-batch epoch of bench cases A and B, counted by valgrind
(deterministic where timings on a shared machine are not). Run:

    .venv/bin/python bench/callgrind_epoch.py                 # this tree, case B
    .venv/bin/python bench/callgrind_epoch.py --case A --tree DIR
        # DIR: another checkout, of any revision (e.g. `git worktree add /tmp/old7a 7aed30f`,
        # the engine before the rewrite), imported by bench/checkout_engine.py

``--part forward|passes|batch`` counts one part of the epoch instead (on the
Workspace of a Trainer that ran 3 epochs): ``Network.forward``; forward + backward;
those + accuracy, rollback copy and update. Runs the case under ``valgrind --tool=callgrind`` twice, for 10 and 1 010 epochs, and
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
if sys.argv[1] == "-":
    import backprop_lab.model as engine
else:                  # another checkout's engine, of either import name (bench/checkout_engine.py)
    sys.path.insert(0, sys.argv[4])
    from checkout_engine import import_checkout_engine
    engine = import_checkout_engine(sys.argv[1], sys.argv[5])[1]
TrainConfig, Trainer, make_data = engine.TrainConfig, engine.Trainer, engine.make_data
data = dict(A=dict(dataset="linear", n_points=100), B=dict(dataset="xor-easy"))[sys.argv[3]]
cfg = TrainConfig(hidden=(4, 4), stop_at_100=False, max_epochs=10**9, **data)
tr = Trainer(cfg, *make_data(cfg)[:2])
part, n = sys.argv[6], int(sys.argv[2])
tr.run(3)                                     # buffers made, as in a long run
net, ws, y = tr.network, tr._ws[len(tr.X)], tr._y
if part == "epoch":
    tr.run(n)
elif part == "forward":
    for _ in range(n):
        net.forward(ws)
elif part == "passes":                        # forward + backward
    for _ in range(n):
        net.forward(ws)
        net.backward(ws, y)
elif part == "batch":                         # + accuracy, rollback copy, update
    for _ in range(n):
        tr._train_batch(ws, y, tr._yb)
"""
PARTS = ("epoch", "forward", "passes", "batch")

BENCH = os.path.dirname(os.path.abspath(__file__))
CASES = {"A": "linear, 100 pts, 2-4-4-1 sigmoid, MSE, SGD, full batch",
         "B": "xor-easy, 2-4-4-1 sigmoid, MSE, SGD, full batch"}


def instructions(tree: str, epochs: int, case: str, part: str = "epoch") -> int:
    with tempfile.TemporaryDirectory() as tmp:
        script, out = os.path.join(tmp, "case.py"), os.path.join(tmp, "cg.out")
        with open(script, "w") as f:
            f.write(CASE)
        subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable,
                        script, tree, str(epochs), case, BENCH, tmp, part], check=True, capture_output=True,
                       env=dict(os.environ, OPENBLAS_NUM_THREADS="1"))
        with open(out) as f:
            return int(re.search(r"^summary: (\d+)", f.read(), re.M).group(1))


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--tree", default="-", help="another checkout (default: the installed engine)")
    p.add_argument("--case", choices=sorted(CASES), default="B")
    p.add_argument("--part", choices=PARTS, default="epoch",
                   help="a whole epoch (Trainer.run), or only Network.forward, forward + backward "
                        "('passes'), or those + accuracy, rollback copy and update ('batch')")
    args = p.parse_args()
    per_epoch = (instructions(args.tree, 1010, args.case, args.part)
                 - instructions(args.tree, 10, args.case, args.part)) / 1000
    what = "epoch" if args.part == "epoch" else f"call of '{args.part}'"
    print(f"case {args.case} ({CASES[args.case]}): {per_epoch:,.0f} instructions per {what}")


if __name__ == "__main__":
    main()
