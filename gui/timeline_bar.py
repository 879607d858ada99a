"""TimelineBar (scrub through kept states, resume from one) and DivergenceBanner.

The bar only shows what the worker reports (``set_states``) and emits what the
person asks for; the worker owns the ``backprop_lab.model.timeline.Timeline``.
"""
from __future__ import annotations

import time
from bisect import bisect_left

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSlider, QWidget

from backprop_lab.gui.toolbar import hold_height
from backprop_lab.gui.views import colors


LABEL_SLACK_PX = 30     # the timeline label widens by this much more than its text needs
OFFER_GAP_S = 0.2     # offer_states applies at most this often (the newest is always applied)


def _mb(nbytes: int) -> str:
    return f"{nbytes / 2**20:.1f} MB"


class TimelineBar(QWidget):
    """A slider over the kept epochs plus the live one, with "Resume from here" and "Live".

    Moving the slider off the live end asks for that kept epoch's state
    (``sigScrub``); the bar then stays on that epoch while new states arrive,
    until "Live" (``sigLive``) or "Resume from here" (``sigResume``).
    """

    sigScrub = Signal(int)     # kept epoch to show
    sigResume = Signal(int)    # kept epoch to continue training from
    sigLive = Signal()         # back to the newest state, views follow training again

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("timelineBar")
        self._epochs: list[int] = []     # slider positions: kept epochs, then the live one
        self._live_epoch = 0
        self._shown_live = 0                # the label's live epoch: the toolbar's (show_live_epoch)
        self._follows_frames = False
        self._n_kept = 0
        self._nbytes = 0
        self._scrubbed: int | None = None   # epoch on view while scrubbing, None when live
        self._offered = None                # newest offer_states arguments not applied yet
        self._applied_at = -OFFER_GAP_S
        self._offer_timer = QTimer(self, singleShot=True)
        self._offer_timer.timeout.connect(self._apply_offered)

        self.slider = QSlider(Qt.Orientation.Horizontal, objectName="timelineSlider")
        self.slider.setFocusPolicy(Qt.FocusPolicy.NoFocus)   # arrow keys belong to Step
        self.slider.setToolTip(self.tr("Drag to look at earlier kept states; training pauses while you look"))
        self.slider.setRange(0, 0)
        self.slider.valueChanged.connect(self._slider_moved)
        self.label = QLabel(objectName="timelineLabel")
        # a fixed size, widened when the text outgrows it: a label free in size lays the
        # bar out again at each new epoch (30 times a second at max speed)
        self.label.setFixedWidth(260)
        hold_height(self.label)
        self.resume_button = QPushButton(self.tr("Resume from here"), objectName="resumeButton")
        self.resume_button.setToolTip(self.tr("Continue training from the epoch on view; the later "
                                      "epochs' curves stay visible for comparison"))
        self.resume_button.clicked.connect(lambda: self._scrubbed is not None
                                           and self.sigResume.emit(self._scrubbed))
        self.live_button = QPushButton(self.tr("Live"), objectName="liveButton")
        self.live_button.setToolTip(self.tr("Back to the newest epoch"))
        self.live_button.clicked.connect(self.go_live)

        row = QHBoxLayout(self)
        row.setContentsMargins(4, 0, 4, 0)
        row.addWidget(QLabel(self.tr("Timeline")))
        row.addWidget(self.slider, 1)
        row.addWidget(self.label)
        row.addWidget(self.resume_button)
        row.addWidget(self.live_button)
        self._refresh()

    # --- what the worker reports -----------------------------------------------------
    def offer_states(self, kept_epochs, live_epoch: int, nbytes: int):
        """``set_states``, at most every OFFER_GAP_S while training moves forward (the
        worker reports ~60 times a second, and each report re-lays out and repaints
        the slider); at once when it went back (reset, resume) or while scrubbing."""
        self._offered = (kept_epochs, live_epoch, nbytes)
        if live_epoch <= self._live_epoch or self._scrubbed is not None:
            self._offer_timer.stop()
            self._apply_offered()
        elif not self._offer_timer.isActive():
            wait = OFFER_GAP_S - (time.perf_counter() - self._applied_at)
            self._offer_timer.start(max(0, int(wait * 1000)))

    def _apply_offered(self):
        offered, self._offered = self._offered, None
        if offered is not None:
            self._applied_at = time.perf_counter()
            self.set_states(*offered)

    def set_states(self, kept_epochs, live_epoch: int, nbytes: int):
        """The timeline now keeps ``kept_epochs`` (ascending) using ``nbytes`` bytes and
        training is at ``live_epoch``. While scrubbing the slider stays on its epoch.
        An older report still waiting in ``offer_states`` is dropped."""
        self._offered = None
        self._offer_timer.stop()
        self._n_kept = len(kept_epochs)
        self._nbytes = int(nbytes)
        if not self._follows_frames or live_epoch < self._live_epoch:   # a reset, a resume
            self._shown_live = int(live_epoch)
        self._live_epoch = int(live_epoch)
        epochs = [int(e) for e in kept_epochs if e < live_epoch] + [self._live_epoch]
        self._epochs = epochs
        if self._scrubbed is not None and (self._scrubbed not in epochs[:-1]):
            self._scrubbed = None        # thinned away, abandoned, or now the live state itself
        target = len(epochs) - 1 if self._scrubbed is None else epochs.index(self._scrubbed)
        self.slider.blockSignals(True)
        # one state (an opened session, epoch 0): the handle at the live end, not the far left
        self.slider.setRange(0, max(1, len(epochs) - 1))
        self.slider.setValue(max(1, target) if len(epochs) == 1 else target)
        self.slider.blockSignals(False)
        self._refresh()

    # --- state --------------------------------------------------------------------------
    @property
    def scrubbing(self) -> bool:
        """True while an earlier kept state is on view."""
        return self._scrubbed is not None

    @property
    def epoch_on_view(self) -> int:
        return self._live_epoch if self._scrubbed is None else self._scrubbed

    def scrub_to(self, epoch: int):
        """Move to the kept epoch nearest to ``epoch`` as if dragged there (emits)."""
        if not self._epochs:
            return
        i = min(bisect_left(self._epochs, epoch), len(self._epochs) - 1)
        if i and abs(self._epochs[i - 1] - epoch) <= abs(self._epochs[i] - epoch):
            i -= 1
        self.slider.setValue(i)

    def go_live(self):
        """Back to the live end (emits ``sigLive`` if it was scrubbing)."""
        was = self._scrubbed is not None
        self._scrubbed = None
        self.slider.blockSignals(True)
        self.slider.setValue(self.slider.maximum())
        self.slider.blockSignals(False)
        self._refresh()
        if was:
            self.sigLive.emit()

    def show_live_epoch(self, epoch: int):
        """The epoch on screen while training (the toolbar's): the label follows it every
        frame, the slider at the pace of ``offer_states``."""
        self._follows_frames = True
        if self._scrubbed is None and epoch != self._shown_live:
            self._shown_live = int(epoch)
            self._refresh()

    def _slider_moved(self, index: int):
        if index >= len(self._epochs) - 1:
            self.go_live()
            return
        epoch = self._epochs[index]
        if epoch == self._scrubbed:
            return
        self._scrubbed = epoch
        self._refresh()
        self.sigScrub.emit(epoch)

    def _refresh(self):
        live = self._shown_live
        on_view = live if self._scrubbed is None else self._scrubbed
        where = self.tr("live") if self._scrubbed is None else self.tr("viewing")
        n = self._n_kept
        kept = ((self.tr("{n} state kept") if n == 1 else self.tr("{n} states kept")).format(n=n)
                if len(self._epochs) > 1 or not self._live_epoch else self.tr("no earlier state kept"))
        self.label.setText(self.tr("epoch {on_view} of {live} ({where}), {kept}, {mb}").format(on_view=on_view, live=live, where=where, kept=kept, mb=_mb(self._nbytes)))
        wanted = self.label.sizeHint().width()
        if wanted > self.label.maximumWidth():
            self.label.setFixedWidth(wanted + LABEL_SLACK_PX)
        self.resume_button.setEnabled(self._scrubbed is not None)
        self.live_button.setEnabled(self._scrubbed is not None)
        self.slider.setEnabled(len(self._epochs) > 1)


class DivergenceBanner(QWidget):
    """Hidden until ``show_message``: says training exploded and offers to roll back."""

    sigRollback = Signal(bool)   # halve the learning rate too

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("divergenceBanner")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(f"#divergenceBanner {{ background: {colors.theme('alert_bg')}; "
                           f"border: 1px solid {colors.theme('alert_border')}; }}"
                           f"#divergenceBanner QLabel {{ color: {colors.theme('alert_text')}; }}")
        self.label = QLabel(objectName="divergenceMessage")
        self.label.setWordWrap(True)
        self.rollback_button = QPushButton(self.tr("Roll back"), objectName="rollbackButton")
        self.rollback_button.setToolTip(self.tr("Go back to the last kept state before the explosion"))
        self.halve_button = QPushButton(self.tr("Roll back, halve learning rate"), objectName="rollbackHalveButton")
        self.halve_button.setToolTip(self.tr("Go back to the last kept state before the explosion and "
                                     "continue with half the learning rate"))
        self.dismiss_button = QPushButton(self.tr("Dismiss"), objectName="dismissBannerButton")
        self.rollback_button.clicked.connect(lambda: self._choose(False))
        self.halve_button.clicked.connect(lambda: self._choose(True))
        self.dismiss_button.clicked.connect(self.hide)

        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.label, 1)
        row.addWidget(self.rollback_button)
        row.addWidget(self.halve_button)
        row.addWidget(self.dismiss_button)
        self.hide()

    def show_message(self, text: str, can_roll_back: bool = True):
        """Show ``text``; the roll-back buttons are enabled only when a state exists to go to."""
        self.label.setText(text)
        self.rollback_button.setEnabled(can_roll_back)
        self.halve_button.setEnabled(can_roll_back)
        self.show()

    def _choose(self, halve: bool):
        self.hide()
        self.sigRollback.emit(halve)
