"""``backprop-lab examples``: the ready-made lessons of model/examples.py, one
paragraph each; ``backprop-lab train --example NAME`` runs one."""
from __future__ import annotations

import argparse
import sys
import textwrap

from backprop_lab.model.examples import EXAMPLES


def add_parser(subparsers) -> argparse.ArgumentParser:
    return subparsers.add_parser(
        "examples", help="list the ready-made lessons (train one with `train --example NAME`)",
        description="List the ready-made lessons; `backprop-lab train --example NAME` trains one "
                    "(other train options change it), File > Examples opens one in the window.")


def lesson_text(name: str, width: int = 88) -> str:
    ex = EXAMPLES[name]
    body = textwrap.fill(ex.lesson, width, initial_indent="    ", subsequent_indent="    ")
    return f"{ex.name}: {ex.title}\n{body}"


def run(args) -> int:
    print("\n\n".join(lesson_text(name) for name in EXAMPLES), file=sys.stdout)
    return 0
