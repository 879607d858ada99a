"""What the window adds for going back in time: the divergence banner above the views,
the timeline bar below them, and what scrubbing, Live, "Resume from here" and a
roll-back do to the run.

    window.time_travel = install_timeline(window)   # once, from MainWindow.__init__

Scrubbing pauses training and shows a kept state (the worker leaves it for the live
one by itself when training goes on); resuming and rolling back make a kept state
the live one, in the training thread, and pin the abandoned run's curves dashed.
"""
from __future__ import annotations

from types import SimpleNamespace

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QVBoxLayout, QWidget

from backprop_lab.gui.timeline_bar import DivergenceBanner, TimelineBar


def install_timeline(window) -> "TimeTravel":
    """Put the banner and the timeline bar round the window's views and wire them;
    sets ``window.timeline_bar`` and ``window.banner``."""
    window.timeline_bar = TimelineBar()
    window.banner = DivergenceBanner()
    views = window.takeCentralWidget()
    central = QWidget()
    vb = QVBoxLayout(central)
    vb.setContentsMargins(0, 0, 0, 0)
    vb.setSpacing(2)
    vb.addWidget(window.banner)
    vb.addWidget(views, 1)
    vb.addWidget(window.timeline_bar)
    window.setCentralWidget(central)
    return TimeTravel(window)


class TimeTravel(QObject):
    """Scrub, Live, resume and roll back, sent to the training thread."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        s, bar, banner = window.session, window.timeline_bar, window.banner
        # at most a few per second while training; at once after a step, pause or scrub
        s.sigTimeline.connect(lambda *info: (bar.offer_states if window._running else bar.set_states)(*info))
        s.sigDiverged.connect(banner.show_message)   # the status bar gets it via sigStopped
        bar.sigScrub.connect(self.scrub)
        bar.sigLive.connect(lambda: (window.status.changed(), s.call(lambda w: w.watch.live())))
        bar.sigResume.connect(lambda epoch: self.go_back(lambda w: w.watch.resume(w.trainer, epoch)))
        banner.sigRollback.connect(
            lambda halve: self.go_back(lambda w: w.watch.rollback(w.trainer, halve)))
        # training goes on from the live state (the worker leaves the scrubbed view itself)
        window.toolbar.sigPlay.connect(bar.go_live)
        window.toolbar.sigStep.connect(lambda _n: bar.go_live())

    def scrub(self, epoch: int):
        """Show kept epoch ``epoch``: training pauses (a stop it reported before tells
        of the live run, not of the state on view)."""
        w = self.window
        w.set_running(False)
        w.status.changed()
        w.session.call(lambda worker: worker.halt_then(lambda: worker.watch.view(epoch)),
                       self._scrubbed, changes_run=True)

    def _scrubbed(self, _result, error):
        self.window.statusBar().showMessage(
            error or QCoreApplication.translate(   # the context these strings had in MainWindow
                "MainWindow", "Viewing kept epoch {epoch}: training paused. 'Resume from here' trains "
                "on from it; 'Live' goes back.").format(epoch=self.window.timeline_bar.epoch_on_view))

    def go_back(self, restore):
        """Run ``restore(worker)`` (a resume or roll-back) in the training thread."""
        w = self.window
        w.set_running(False)
        w.status.changed()
        w.banner.hide()
        w.session.call(lambda worker: worker.halt_then(lambda: restore(worker)), self._went_back,
                       changes_run=True)

    def _went_back(self, went, error):
        w = self.window
        if error is not None:
            w.statusBar().showMessage(QCoreApplication.translate(
                "MainWindow", "Could not go back: {error}").format(error=error), 10000)
            return
        if went.branch is not None:
            self._pin_branch(went.branch)
        if went.config != w.cfg:            # the settings of that time (or a halved lr)
            w.cfg = went.config
            w.controls.load(went.config)
        w.statusBar().showMessage(went.message, 8000)

    def _pin_branch(self, branch):
        """Dashed copies of the abandoned run's loss and accuracy curves, for comparison."""
        current = self.window.newest_snapshot()
        for name in ("lossPlot", "accuracyPlot"):
            view = self.window.views[name]
            view.set_snapshot(SimpleNamespace(history=branch.history))
            view.pin()
            if current is not None:
                view.set_snapshot(current)
