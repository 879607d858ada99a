"""A tab widget whose tabs are all reachable at any width: no scroll arrows.

    tabs = FittingTabWidget(objectName="bottomTabs")    # used like a QTabWidget
    tabs.addTab(view, "Weights")

A QTabWidget narrower than its tabs hides the last ones behind two small scroll
arrows (at 1024 × 700 the analysis tabs ended at "Truth vs prediction | A◂▸").
Here the tabs that fit are shown in order, the current one always among them,
and the others are listed in a "More" menu at the bar's right end: every tab is
one click away and each is named.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMenu, QTabWidget, QToolButton

SLACK = 8      # px the tab bar's frame and the corner's margins take


class FittingTabWidget(QTabWidget):
    """A QTabWidget that shows the tabs that fit and lists the rest in a "More" menu."""

    def __init__(self, parent=None, **kwargs):
        super().__init__(parent, **kwargs)
        self._fitting = False
        self.more = QToolButton(self, objectName="moreTabsButton")
        self.more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.more.setAutoRaise(True)
        self.more.setMenu(QMenu(self.more))
        self.setCornerWidget(self.more, Qt.Corner.TopRightCorner)
        self.more.hide()
        self.currentChanged.connect(lambda _i: self.fit())

    # --- what is shown -------------------------------------------------------------------
    def hidden_titles(self) -> list[str]:
        """The titles of the tabs listed in the More menu, in tab order."""
        return [self.tabText(i) for i in range(self.count()) if not self.isTabVisible(i)]

    def show_tab(self, index: int):
        """Make tab ``index`` current (and shown in the bar)."""
        self.setTabVisible(index, True)
        self.setCurrentIndex(index)
        self.fit()

    def fit(self):
        """Show the tabs that fit in the widget's width, in order and the current one
        always; the others go into the More menu."""
        if self._fitting:
            return
        self._fitting = True
        try:
            self._fit()
        finally:
            self._fitting = False

    def _fit(self):
        bar = self.tabBar()
        widths = [bar.tabSizeHint(i).width() for i in range(self.count())]
        shown = set(range(self.count()))
        if sum(widths) > self.width() - SLACK:
            self.more.setText(QCoreApplication.translate("FittingTabWidget", "More ▾"))
            room = self.width() - SLACK - self.more.sizeHint().width()
            current = self.currentIndex()
            shown = {current} if current >= 0 else set()
            used = widths[current] if current >= 0 else 0
            for i, width in enumerate(widths):        # the first ones, in order, as room allows
                if i == current:
                    continue
                if used + width > room:
                    break
                shown.add(i)
                used += width
        for i in range(self.count()):
            if self.isTabVisible(i) != (i in shown):
                self.setTabVisible(i, i in shown)
        self._fill_menu([i for i in range(self.count()) if i not in shown])

    def _fill_menu(self, hidden: list[int]):
        menu = self.more.menu()
        menu.clear()
        for i in hidden:
            menu.addAction(self.tabText(i), lambda i=i: self.show_tab(i))
        self.more.setToolTip(QCoreApplication.translate(
            "FittingTabWidget", "More views: {0}").format(", ".join(self.tabText(i) for i in hidden)))
        self.more.setVisible(bool(hidden))

    # --- when to fit ---------------------------------------------------------------------
    def resizeEvent(self, event):
        super().resizeEvent(event)
        self.fit()

    def changeEvent(self, event):          # a new font or language: new tab widths
        super().changeEvent(event)
        self.fit()

    def tabInserted(self, index: int):
        super().tabInserted(index)
        self.fit()

    def tabRemoved(self, index: int):
        super().tabRemoved(index)
        self.fit()
