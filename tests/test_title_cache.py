"""A plot's title is drawn once and blitted while its text holds still: its text reaches
a few pixels into the plot below it, which is redrawn at every frame."""
import collections

from backprop_lab.gui.views import colors

REDRAWN = ("decisionMap", "lossPlot", "accuracyPlot")      # at every frame while training


def counting(item, counts, key):
    """Count the calls of ``item``'s paint (the scene calls it only to draw it afresh)."""
    paint = item.paint

    def counted(*args):
        counts[key] += 1
        return paint(*args)
    item.paint = counted


def test_a_new_frame_draws_the_plots_but_not_their_titles(window, qtbot):
    counts = collections.Counter()
    for name in REDRAWN:
        plot = window.views[name].plot
        counting(plot.titleLabel.item, counts, (name, "title"))
        counting(plot.getViewBox(), counts, (name, "plot"))
    epoch = window.snapshot.epoch
    window.session.step(20)
    qtbot.waitUntil(lambda: window.snapshot.epoch >= epoch + 20, timeout=5000)
    qtbot.waitUntil(lambda: all(counts[name, "plot"] for name in REDRAWN), timeout=5000)
    assert {name: counts[name, "title"] for name in REDRAWN} == dict.fromkeys(REDRAWN, 0)


def test_a_new_title_is_drawn(window, qtbot):
    plot = window.views["lossPlot"].plot
    before = plot.getViewBox().scene().views()[0].grab().toImage()
    colors.set_title(plot, "Another title")
    qtbot.waitUntil(lambda: plot.getViewBox().scene().views()[0].grab().toImage() != before,
                    timeout=2000)
    assert plot.titleLabel.item.toPlainText() == "Another title"
