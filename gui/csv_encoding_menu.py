"""File ▸ Points CSV encoding: how *Import points CSV…* reads the file's text.

"Detect automatically" (the default) reads UTF-8 with or without a byte-order
mark, UTF-16, GBK and Big5 — what Excel saves on Chinese Windows — and the status
bar names the encoding it used; the other entries force one
(backprop_lab.model.text_encoding). The choice is kept between launches.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP
from PySide6.QtGui import QAction, QActionGroup

from backprop_lab.gui import settings

SETTING = "files/csvEncoding"
# the codec name read_points_csv takes → the menu entry
CHOICES = {
    "auto": QT_TRANSLATE_NOOP("CsvEncodingMenu", "Detect automatically"),
    "utf-8": "UTF-8",                         # i18n: an encoding's name
    "utf-16": "UTF-16",                       # i18n: an encoding's name
    "gbk": QT_TRANSLATE_NOOP("CsvEncodingMenu", "GBK (Simplified Chinese Windows)"),
    "big5": QT_TRANSLATE_NOOP("CsvEncodingMenu", "Big5 (Traditional Chinese Windows)"),
}


def chosen() -> str:
    value = settings.store().value(SETTING, "auto", type=str)
    return value if value in CHOICES else "auto"


def install_csv_encoding_menu(file_menu, before: QAction) -> dict[str, QAction]:
    """Add the submenu to ``file_menu.menu`` before ``before``; ``file_menu.csv_encoding``
    follows the choice. Returns the entries by codec name."""
    menu = file_menu.menu
    sub = menu.addMenu(QCoreApplication.translate("CsvEncodingMenu", "Points CSV &encoding"))
    sub.setObjectName("csvEncodingMenu")
    menu.insertMenu(before, sub)
    group = QActionGroup(sub)
    actions = {}
    file_menu.csv_encoding = chosen()

    def choose(code):
        file_menu.csv_encoding = code
        settings.store().setValue(SETTING, code)

    for code, text in CHOICES.items():
        action = QAction(QCoreApplication.translate("CsvEncodingMenu", text), sub, checkable=True,
                         objectName=f"csvEncoding:{code}")
        action.setChecked(code == file_menu.csv_encoding)
        action.triggered.connect(lambda _checked=False, c=code: choose(c))
        group.addAction(action)
        sub.addAction(action)
        actions[code] = action
    return actions
