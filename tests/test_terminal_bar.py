"""model/terminal_bar.py: the one progress bar of `backprop-lab` (epochs) and
`backprop-lab sweep` (trials), redrawn in place on a terminal."""
import io

from backprop_lab.model import terminal_bar
from backprop_lab.model.cli import ProgressBar
from backprop_lab.model.sweep_cli import TrialsBar
from backprop_lab.model.terminal_bar import TerminalBar, is_tty


class Clock:
    def __init__(self, monkeypatch):
        self.now = 100.0
        monkeypatch.setattr(terminal_bar.time, "perf_counter", lambda: self.now)


def drawn(stream) -> list[str]:
    """The lines drawn, in order (each redraw starts with \\r)."""
    return [part for part in stream.getvalue().split("\r") if part]


def test_the_bar_fills_in_proportion_and_says_the_count(monkeypatch):
    Clock(monkeypatch)
    out = io.StringIO()
    TerminalBar(out, total=10).update(3)
    assert drawn(out) == ["[" + "#" * 9 + "." * 21 + "]  30%  3/10"]


def test_redraws_are_at_most_every_interval_but_the_end_is_always_drawn(monkeypatch):
    clock, out = Clock(monkeypatch), io.StringIO()
    bar = TerminalBar(out, total=100)
    bar.update(1)                                  # the first call draws
    clock.now += terminal_bar.INTERVAL / 2
    bar.update(2)                                  # too soon: skipped
    bar.update(3, force=True)                      # forced
    bar.update(100)                                # done: drawn however soon
    clock.now += 1.5 * terminal_bar.INTERVAL
    bar.update(50)
    assert [line.split()[-1] for line in drawn(out)] == ["1/100", "3/100", "100/100", "50/100"]


def test_a_shorter_line_is_padded_to_cover_the_longer_one_before(monkeypatch):
    Clock(monkeypatch)
    out = io.StringIO()
    bar = TerminalBar(out, total=1000)
    bar.update(1000)
    bar.update(5, force=True)
    first, second = drawn(out)
    assert len(second) == len(first) and second.rstrip().endswith("5/1000")


def test_clear_blanks_the_line_and_finish_ends_it_only_when_drawn():
    out = io.StringIO()
    bar = TerminalBar(out, total=4)
    bar.finish()
    assert out.getvalue() == ""                    # nothing drawn: no empty line either
    bar.update(2)
    line = drawn(out)[0]
    bar.clear()
    assert out.getvalue() == "\r" + line + "\r" + " " * len(line) + "\r"
    bar.update(4)
    bar.finish()
    assert out.getvalue().endswith("4/4\n")


def test_the_epochs_bar_and_the_trials_bar_say_what_they_count(monkeypatch):
    clock, out = Clock(monkeypatch), io.StringIO()
    epochs = ProgressBar(out, 10_000)
    clock.now += 2.0
    epochs.update(4200)
    assert drawn(out)[-1].endswith(" 42%  4200/10000 epochs  2,100 epochs/s")
    trials = TrialsBar(out)
    clock.now += 72.0
    trials(134, 320)                               # run_sweep's progress(done, total)
    assert drawn(out)[-1].endswith(" 42%  134/320 trials  1m12s")


def test_only_a_terminal_gets_a_bar():
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    closed = io.StringIO()
    closed.close()
    assert is_tty(Terminal()) and not is_tty(io.StringIO())
    assert not is_tty(closed) and not is_tty(object())
