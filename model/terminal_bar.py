"""The command lines' progress bars: plain text on a terminal, redrawn in place with \\r.

    [#########.....................]  30%  3000/10000 epochs  21,000 epochs/s   (backprop-lab)
    [#############.................]  42%  134/320 trials  1m12s                 (backprop-lab sweep)

Drawn only when the stream is a terminal (``is_tty``): a log file or a pipe gets
the results alone, without a line of \\r redraws.
"""
from __future__ import annotations

import time

WIDTH = 30        # characters in the bar itself
INTERVAL = 0.1    # seconds between redraws (≤ 10 per second)


def is_tty(stream) -> bool:
    """Whether ``stream`` is a terminal (False for a closed or stream-less object too)."""
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class TerminalBar:
    """``[#####.....]  42%  <count>`` redrawn at most every INTERVAL seconds (and whenever
    the work is done or ``force``); a line shorter than the last one is padded to cover it.
    ``count(done, total, seconds)`` says what is counted: override it."""

    def __init__(self, stream, total: int = 1):
        self.stream, self.total = stream, total
        self.start = time.perf_counter()
        self.last_draw = float("-inf")
        self.shown = ""

    def count(self, done: int, total: int, seconds: float) -> str:
        return f"{done}/{total}"

    def update(self, done: int, total: int | None = None, force: bool = False):
        total = self.total if total is None else total
        now = time.perf_counter()
        if not force and done < total and now - self.last_draw < INTERVAL:
            return
        self.last_draw = now
        frac = min(done / max(total, 1), 1.0)
        filled = round(frac * WIDTH)
        text = (f"[{'#' * filled}{'.' * (WIDTH - filled)}] {100 * frac:3.0f}%  "
                f"{self.count(done, total, now - self.start)}")
        self.stream.write("\r" + text.ljust(len(self.shown)))
        self.stream.flush()
        self.shown = text

    def clear(self):
        """Blank the bar so a line printed to stdout starts at column 0."""
        if self.shown:
            self.stream.write("\r" + " " * len(self.shown) + "\r")
            self.stream.flush()
            self.shown = ""

    def finish(self):
        """End the bar's line (when one was drawn), so what follows starts below it."""
        if self.shown:
            self.stream.write("\n")
            self.stream.flush()
