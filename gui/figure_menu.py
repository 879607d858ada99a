"""Figure export from the window: File ▸ Export figure ▸ <panel>, Export all panels…,
Export animation…, and "Export as PNG…/SVG…" on each panel's right-click menu.

A panel in a hidden tab is brought to the front before it is drawn, so it is
exported at the size the user knows it at (and with the newest snapshot).
pyqtgraph's own context menus (with their Export… entry) stay where the views
have them; ours appears where a right click is not taken by the view itself.
On the decision map a right click adds a class-1 point, so there the same menu
hangs from a small export button (a save icon) in the panel's top-right corner.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (QApplication, QMenu, QProgressDialog, QStackedWidget, QTabWidget,
                               QStyle, QToolButton, QWidget)

from backprop_lab.gui import file_dialogs, settings
from backprop_lab.gui.export import FILE_STEMS, FORMATS, ExportError, panel_title, exportable, write_figure

FIGURE_FILTERS = {"png": "PNG image (*.png)", "svg": "SVG drawing (*.svg)"}   # i18n: file-type filters
# Panels whose right click edits something: a menu popping up on the press would
# swallow the release the edit waits for (the map adds a class-1 point).
RIGHT_CLICK_OWNED = frozenset({"decisionMap"})


def reveal(widget: QWidget) -> None:
    """Bring every tab that hides ``widget`` to the front, and let it lay out."""
    page = widget
    while (parent := page.parentWidget()) is not None:
        tabs = parent.parentWidget()
        if isinstance(parent, QStackedWidget) and isinstance(tabs, QTabWidget):
            tabs.setCurrentWidget(page)
        page = parent
    QApplication.processEvents()


class FigureMenu(QObject):
    """Figure actions of one MainWindow (``window.views``: objectName → panel).

    ``last_menu`` is the panel context menu shown last (tests look at it)."""

    def __init__(self, window, file_menu: QMenu, show_error):
        super().__init__(window)
        self.window = window
        self.show_error = show_error
        self.last_menu: QMenu | None = None
        self.animation = None
        self.figure_menu = file_menu.addMenu(self.tr("Export &figure"))
        self.figure_menu.setObjectName("exportFigureMenu")
        self.panels = {n: v for n, v in window.views.items() if exportable(v)}
        for name in self.panels:
            action = self.figure_menu.addAction(f"{panel_title(name)}…")
            action.setObjectName(f"exportFigure_{name}")
            action.triggered.connect(lambda _=False, n=name: self.export_panel(n))
        self.all_action = file_menu.addAction(self.tr("Export &all panels…"))
        self.all_action.setObjectName("exportAllAction")
        self.all_action.triggered.connect(lambda _=False: self.export_all())
        self.animation_action = file_menu.addAction(self.tr("Export a&nimation…"))
        self.animation_action.setObjectName("exportAnimationAction")
        self.animation_action.triggered.connect(lambda _=False: self.export_animation())
        self.corner_buttons: dict[str, QToolButton] = {}
        for name, view in self.panels.items():
            if name in RIGHT_CLICK_OWNED:
                self.corner_buttons[name] = self._corner_button(name, view)
            view.installEventFilter(self)

    # --- one panel ----------------------------------------------------------------------
    def export_panel(self, name: str, fmt: str | None = None):
        """Ask where (PNG or SVG, or only ``fmt``), then write panel ``name``."""
        formats = [fmt] if fmt else list(FORMATS)
        name_filter = ";;".join(FIGURE_FILTERS[f] for f in formats)
        path = file_dialogs.ask_save_path(self.window, self.tr("Export {get}").format(get=panel_title(name)), "figure",
                             name_filter, f"{FILE_STEMS.get(name, name)}.{formats[0]}")
        if not path:
            return
        path = Path(path)
        if path.suffix.lower().lstrip(".") not in formats:
            path = path.with_name(f"{path.name}.{formats[0]}")
        self.export_panel_to(name, path)

    def export_panel_to(self, name: str, path) -> Path | None:
        view = self.panels[name]
        self._prepare(view)
        try:
            written = write_figure(view, path)
        except ExportError as e:
            self.show_error(self.tr("Could not export the figure"), str(e))
            return None
        settings.remember_folder("figure", written)
        self.window.statusBar().showMessage(self.tr("Exported {get} to "
                                            "{name}.").format(get=panel_title(name), name=written.name), 8000)
        return written

    def _prepare(self, view: QWidget):
        reveal(view)
        snap = self.window.snapshot
        if snap is not None:
            view.set_snapshot(snap)
        QApplication.processEvents()

    # --- every panel ------------------------------------------------------------------------
    def export_all(self):
        folder = file_dialogs.ask_folder(self.window, self.tr("Export all panels into folder"), "figure")
        if folder:
            self.export_all_to(folder)

    def export_all_to(self, folder) -> list[Path]:
        """Every panel as PNG and SVG into ``folder``, with a progress dialog; the tab
        that was showing is shown again afterwards. Returns the files written."""
        folder = Path(folder)
        jobs = [(name, fmt) for name in self.panels for fmt in FORMATS]
        progress = QProgressDialog(self.tr("Exporting panels…"), self.tr("Cancel"), 0, len(jobs), self.window)
        progress.setObjectName("exportAllProgress")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        tabs = self.window.findChildren(QTabWidget)
        shown = [(t, t.currentIndex()) for t in tabs]
        written, failed = [], []
        try:
            for i, (name, fmt) in enumerate(jobs):
                if progress.wasCanceled():
                    break
                progress.setValue(i)
                progress.setLabelText(f"{panel_title(name)} ({fmt.upper()})")
                view = self.panels[name]
                self._prepare(view)
                try:
                    written.append(write_figure(view, folder / f"{FILE_STEMS.get(name, name)}.{fmt}"))
                except ExportError as e:
                    failed.append(str(e))
            progress.setValue(len(jobs))
        finally:
            progress.close()
            for t, index in shown:
                t.setCurrentIndex(index)
        settings.remember_folder("figure", folder)
        if failed:
            self.show_error(self.tr("Some figures were not exported"), self.tr("{len} failed; first: {value}").format(len=len(failed), value=failed[0]))
        self.window.statusBar().showMessage(self.tr("Exported {len} figure files to {folder}.").format(len=len(written), folder=folder), 8000)
        return written

    # --- animation ----------------------------------------------------------------------------
    def export_animation(self):
        from backprop_lab.gui.animation import start_animation_export
        self.animation = start_animation_export(self.window, self.show_error)

    # --- right-click on a panel --------------------------------------------------------------
    def eventFilter(self, obj, event):
        name = obj.objectName()
        if name in self.corner_buttons:
            if event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
                self._place_corner_button(name)
            return False
        if event.type() == QEvent.Type.ContextMenu and name in self.panels:
            self.panel_menu(name).popup(event.globalPos())
            return True
        return False

    def _corner_button(self, name: str, view: QWidget) -> QToolButton:
        """The export menu of a panel whose right click is an edit, on a corner button
        (a child widget over the view: figures are drawn from the scene, without it)."""
        button = QToolButton(view)
        button.setObjectName(f"exportButton_{name}")
        # an icon, not "Export ▾": in a narrow pane the text covered the panel's title
        button.setIcon(button.style().standardIcon(QStyle.StandardPixmap.SP_DialogSaveButton))
        button.setToolTip(self.tr("Export this panel as PNG or SVG (also File ▸ Export figure)"))
        button.setAutoRaise(True)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        button.setMenu(self.panel_menu(name, persistent=True))
        button.raise_()
        return button

    def _place_corner_button(self, name: str):
        button, view = self.corner_buttons[name], self.panels[name]
        button.adjustSize()
        button.move(view.width() - button.width() - 4, 4)

    def panel_menu(self, name: str, persistent: bool = False) -> QMenu:
        menu = QMenu(self.window)
        menu.setObjectName("panelExportMenu")
        if not persistent:
            menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        for fmt in FORMATS:
            action = menu.addAction(self.tr("Export {lower} as {upper}…").format(lower=panel_title(name).lower(), upper=fmt.upper()))
            action.setObjectName(f"panelExport_{fmt}")
            action.triggered.connect(lambda _=False, f=fmt: self.export_panel(name, f))
        if not persistent:
            self.last_menu = menu
        return menu
