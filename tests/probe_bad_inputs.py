"""Try bad inputs against the command line and the session loader, as a careless or
hostile user would, and count how each ended:

    .venv/bin/python tests/probe_bad_inputs.py

refused cleanly = exit code 2 with one line "backprop-lab: error: …" on stderr, within
5 s, before any training; crashed = anything else (a traceback, another exit code,
a hang). Prints one line per input that did not end cleanly, then the totals.
"""
from __future__ import annotations

import contextlib
import io
import json
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from backprop_lab.gui import launcher  # noqa: E402
from backprop_lab.model import TrainConfig, Trainer, make_data  # noqa: E402
from backprop_lab.model.session import save_session  # noqa: E402

ABSURD_NUMBERS = ["-1", "nan", "inf", "-inf", "1e308", "1e400", "-1e308", "abc", ""]
ZERO_IS_BAD = {"--points", "--leaky-slope", "--init-scale", "--conv-filters", "--lr", "--eps", "--epochs"}
NUMBER_OPTIONS = ["--points", "--noise", "--test-fraction", "--data-seed", "--leaky-slope", "--init-scale",
                  "--conv-kernel", "--conv-filters", "--lr", "--momentum", "--beta1", "--beta2", "--rho",
                  "--eps", "--weight-decay", "--batch-size", "--l1", "--l2", "--epochs", "--seed"]
SWEEP_CASES = [["--trials", v] for v in ("-1", "0", "1000000000", "abc")] + [
    ["--workers", v] for v in ("-1", "0", "100000", "abc")] + [
    ["--seed", v] for v in ("-1", "9223372036854775808", "abc")] + [
    ["--epochs", v] for v in ("-1", "0", "abc")] + [["--points", v] for v in ("-1", "0", "10000000")] + [
    ["--hidden", "10", "--layers", v] for v in ("-1", "0")] + [["--lr", v] for v in ("-1", "inf", "nan")]


def sessions(folder: Path) -> list[Path]:
    """A valid session, then copies with one header field made absurd."""
    good = folder / "good.npz"
    tr = Trainer(TrainConfig(optimizer="adam"), *make_data(TrainConfig()))
    tr.run(3)
    save_session(tr, good)
    edits = {
        "epoch-1e30": lambda h: h.update(epoch=10**30), "t-1e400": lambda h: h["optimizer"].update(t=10**400),
        "epoch-neg": lambda h: h.update(epoch=-1), "stop-after-epoch": lambda h: h.update(stop_epoch=10**9),
        "hidden-16x4096": lambda h: h["config"].update(hidden=[4096] * 16),
        "points-1e9": lambda h: h["config"].update(n_points=10**9),
        "lr-inf": lambda h: h["config"].update(lr=1e400), "seed-neg": lambda h: h["config"].update(seed=-1),
        "init-scale-huge": lambda h: h["config"].update(init="uniform", init_scale=1e308),
        "rng-huge": lambda h: h["rng"]["state"].update(state=10**400), "format-9": lambda h: h.update(format_version=9),
        "status-x": lambda h: h.update(status="x"), "message-list": lambda h: h.update(message=[1]),
    }
    out = [good]
    for name, edit in edits.items():
        with np.load(good, allow_pickle=False) as z:
            d = {k: z[k] for k in z.files}
        header = json.loads(str(d["header"]))
        edit(header)
        d["header"] = np.array(json.dumps(header))
        np.savez(folder / f"{name}.npz", **d)
        out.append(folder / f"{name}.npz")
    return out


def inputs(folder: Path) -> list[list[str]]:
    f = str(folder)
    (folder / "header-only.csv").write_text("x1,x2,label,split\n")
    (folder / "test-only.csv").write_text("x1,x2,label,split\n0.1,0.2,1,test\n")
    (folder / "garbage.csv").write_bytes(bytes(range(256)))
    os.mkfifo(folder / "fifo")
    # "--epochs 1" first: an input that is wrongly accepted ends at once (and counts as not refused)
    cases = [["train", "--epochs", "1", opt, v] for opt in NUMBER_OPTIONS
             for v in ABSURD_NUMBERS + (["0"] if opt in ZERO_IS_BAD else [])]
    cases += [["sweep", "--trials", "1", "--epochs", "1", *c] for c in SWEEP_CASES]
    cases += [["train", "--hidden", *["4096"] * 16], ["train", "--dataset", "circle", "--points", "1000000",
              "--hidden", "4096"], ["sweep", "--hidden", "4096", "--trials", "1000000"],
              ["train", "--init", "uniform", "--init-scale", "1e308"]]
    for name in ("header-only.csv", "test-only.csv", "garbage.csv", "fifo", "missing.csv"):
        cases.append(["train", "--data", f"{f}/{name}"])
    for path in ["/dev/zero", "/dev/null", f, f"{f}/fifo", f"{f}/missing.npz"]:
        cases += [["train", "--data", path], ["train", "--load-session", path]]
    cases += [["train", "--load-session", str(p)] for p in sessions(folder)[1:]]
    for where in [f"{f}/missing/x", "/proc/x", f]:
        cases += [["train", "--save-session", f"{where}.npz" if where != f else f],
                  ["sweep", "--trials", "1", "--out", f"{where}.csv" if where != f else f]]
    return cases


def run_one(argv) -> tuple[str, str]:
    """("clean" | "crashed", why)."""
    result = {}

    def target():
        err = io.StringIO()
        try:
            with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
                result["code"] = launcher.main(argv)
        except BaseException as e:          # a traceback is what the probe looks for
            result["error"] = repr(e)
        result["err"] = err.getvalue()
    start = time.perf_counter()
    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(5)
    if thread.is_alive():
        return "crashed", "hangs"
    lines = result["err"].strip().splitlines()
    if "error" in result:
        return "crashed", result["error"]
    clean = (result["code"] == 2 and len(lines) == 1 and lines[0].startswith("backprop-lab: error: ")
             and time.perf_counter() - start < 5)
    return ("clean", "") if clean else ("crashed", f"exit {result['code']}: {' | '.join(lines)[:200]}")


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        cases = inputs(Path(tmp))
        counts = {"clean": 0, "crashed": 0}
        for argv in cases:
            verdict, why = run_one(argv)
            counts[verdict] += 1
            if verdict != "clean":
                print(f"{' '.join(argv)}: {why}")
    print(f"{len(cases)} bad inputs tried: {counts['clean']} refused cleanly, {counts['crashed']} not")
    return 0 if not counts["crashed"] else 1


if __name__ == "__main__":
    sys.exit(main())
