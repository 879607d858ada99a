"""View ▸ Language and the Help menu (Help contents, About Backprop Lab, About Qt).

    install_app_menus(window)     # once, after the other menus exist

A language chosen in View ▸ Language is stored (backprop_lab.gui.translations)
and takes effect on the next start: the window offers to restart now.
"""
from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QProcess, QT_TRANSLATE_NOOP, QUrl
from PySide6.QtGui import QAction, QActionGroup, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox

from backprop_lab.gui import about, translations
from backprop_lab.gui.app_icon import app_icon
from backprop_lab.gui.compare_runs import find_menu



class AppMenus:
    def __init__(self, window):
        self.window = window
        window.setWindowIcon(app_icon())
        self.restart_box: QMessageBox | None = None
        view = find_menu(window, QT_TRANSLATE_NOOP("MenuBar", "&View"))
        view.addSeparator()
        self.language_menu = view.addMenu(QCoreApplication.translate("AppMenus", "&Language"))
        self.language_menu.setObjectName("languageMenu")
        group = QActionGroup(self.language_menu)
        current = translations.chosen_language()
        for code, name in [("", QCoreApplication.translate("AppMenus", "System language")), *translations.LANGUAGES.items()]:
            action = QAction(name, self.language_menu, checkable=True, objectName=f"language_{code or 'system'}")
            action.setChecked(code == current)
            action.triggered.connect(lambda _checked=False, c=code: self.choose_language(c))
            group.addAction(action)
            self.language_menu.addAction(action)

        help_menu = find_menu(window, QT_TRANSLATE_NOOP("MenuBar", "&Help"))
        self.help_action = self._add(help_menu, "helpAction", QCoreApplication.translate("AppMenus", "Backprop Lab &help (README)"),
                                     self.open_help, QKeySequence.StandardKey.HelpContents)
        help_menu.addSeparator()
        self.about_action = self._add(help_menu, "aboutAction", QCoreApplication.translate("AppMenus", "&About Backprop Lab"), self.show_about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_qt_action = self._add(help_menu, "aboutQtAction", QCoreApplication.translate("AppMenus", "About &Qt"), QApplication.aboutQt)
        self.about_qt_action.setMenuRole(QAction.MenuRole.AboutQtRole)

    def _add(self, menu, name, text, slot, keys=None) -> QAction:
        action = QAction(text, self.window, objectName=name)
        if keys is not None:
            action.setShortcut(QKeySequence(keys))
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        return action

    def open_help(self) -> bool:
        return QDesktopServices.openUrl(QUrl(about.HELP_URL))

    def show_about(self) -> QMessageBox:
        return about.show_about(self.window)

    def choose_language(self, code: str) -> QMessageBox:
        """Store ``code`` ("" = the system's) and offer to restart now."""
        translations.set_chosen_language(code)
        name = translations.LANGUAGES.get(code) or QCoreApplication.translate("AppMenus", "the system language")
        box = QMessageBox(QMessageBox.Icon.Information, QCoreApplication.translate("AppMenus", "Language"),
                          QCoreApplication.translate("AppMenus", "Backprop Lab will be in {language} from the next start.").format(language=name),
                          QMessageBox.StandardButton.NoButton, self.window)
        box.setObjectName("restartBox")
        restart = box.addButton(QCoreApplication.translate("AppMenus", "Restart now"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QCoreApplication.translate("AppMenus", "Later"), QMessageBox.ButtonRole.RejectRole)
        box.finished.connect(lambda _r: box.clickedButton() is restart and self.restart())
        self.restart_box = box
        box.open()
        return box

    def restart(self) -> bool:
        """Close the window (asking about unsaved work as usual), then start the app again."""
        if not self.window.close():
            return False
        QProcess.startDetached(sys.executable, [sys.argv[0], *sys.argv[1:]] if sys.argv[0].endswith("backprop-lab")
                               else ["-m", "backprop_lab.gui", *sys.argv[1:]])
        QApplication.quit()
        return True


def install_app_menus(window) -> AppMenus:
    return AppMenus(window)
