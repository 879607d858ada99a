"""The app in the user's language: Qt's translators for our strings and Qt's own.

Every user-visible string in gui/ goes through Qt's system (``self.tr("...")`` in a
QObject, ``QCoreApplication.translate("Context", "...")`` elsewhere). The
translations are ``gui/i18n/backprop_lab_<lang>.ts`` (Qt Linguist's XML; edit them
with ``pyside6-linguist``) compiled to ``.qm`` beside them, which the wheel ships.
``python -m backprop_lab.gui.i18n_update`` (or ``./dev i18n``) re-extracts the
strings, compiles, and lists what is untranslated.

The language is, in order: the ``locale`` argument, the one chosen in
View ▸ Language (QSettings ``ui/language``), ``$BACKPROP_LAB_LANG``, the system's.
"""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

CATALOG = "backprop_lab"
# code → the language's name in that language (a menu shows them untranslated)
LANGUAGES = {"en": "English", "zh_TW": "繁體中文（台灣）"}
SETTING = "ui/language"
ENVIRONMENT = "BACKPROP_LAB_LANG"

_installed: list[QTranslator] = []     # kept alive: Qt does not own them


def i18n_dir() -> Path:
    return Path(__file__).resolve().parent / "i18n"


def chosen_language() -> str:
    """The language picked in View ▸ Language, "" for the system's."""
    from backprop_lab.gui import settings
    value = settings.store().value(SETTING, "", type=str)
    return value if value in LANGUAGES else ""


def set_chosen_language(code: str) -> None:
    from backprop_lab.gui import settings
    settings.store().setValue(SETTING, code if code in LANGUAGES else "")


def resolve_locale(locale: str | QLocale | None = None) -> QLocale:
    if isinstance(locale, QLocale):
        return locale
    name = locale or chosen_language() or os.environ.get(ENVIRONMENT, "")
    return QLocale(name) if name else QLocale.system()


def install_translations(app: QCoreApplication, locale: str | QLocale | None = None) -> QLocale:
    """Install Qt's own translations (standard dialogs' buttons) and ours for
    ``locale`` (see the module's docstring for the default), replacing any that an
    earlier call installed; return the locale used. A language without a
    translation leaves the English strings."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    loc = resolve_locale(locale)
    if loc.language() in (QLocale.Language.C, QLocale.Language.English):
        return loc
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for catalog, folder in (("qtbase", qt_dir), (CATALOG, str(i18n_dir()))):
        translator = QTranslator(app)
        if translator.load(loc, catalog, "_", folder):
            app.installTranslator(translator)
            _installed.append(translator)
    return loc


def installed_files() -> list[str]:
    """The .qm files in force (for the About box and tests)."""
    return [t.filePath() for t in _installed]
