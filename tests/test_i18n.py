"""Every string a user reads can be translated with Qt's system, and the shipped
Traditional Chinese (zh_TW) translation covers all of them.

When a test here fails after new strings were added, run ``./dev i18n``: it
re-extracts the strings into gui/i18n/backprop_lab_zh_TW.ts, compiles the .qm and
lists what is untranslated."""
import re
import shutil
import subprocess
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QMenu, QTabWidget

from backprop_lab.gui import i18n_update, translations
from backprop_lab.gui.launcher import install_translations

SHIPPED_TS = i18n_update.I18N_DIR / "backprop_lab_zh_TW.ts"
SHIPPED_QM = SHIPPED_TS.with_suffix(".qm")
CJK = re.compile(r"[\u4e00-\u9fff]")


def test_every_user_visible_string_in_gui_goes_through_tr():
    unwrapped = i18n_update.unwrapped_strings()
    assert not unwrapped, "wrap these in self.tr()/QCoreApplication.translate():\n" + "\n".join(unwrapped)


def test_the_scan_flags_literals_f_strings_and_text_names(tmp_path):
    """The scan itself: it sees each way a string reaches the screen untranslated."""
    source = tmp_path / "sample.py"
    source.write_text(textwrap.dedent('''
        label = QLabel("Learning rate")
        axis = plot.setLabel("bottom", "epoch")
        button.setToolTip(f"Step {n} epochs")
        status.showMessage(self.tr(f"Epoch {epoch}"))
        NO_DATA_HINT = "Add some points first"
        ok = QLabel(self.tr("Learning rate"))
        name = QPushButton(self.tr("Go"), objectName="goButton")
        formula = QLabel("σ(z) = 1 / (1 + e^-z)")     # i18n: formula
        field("lr", spin(0, 1, "lrSpin"))
        caption = tr("A helper's context is lost")
    '''))
    found = i18n_update.unwrapped_strings([source])
    lines = sorted(int(f.split(":")[1]) for f in found)
    assert lines == [2, 3, 4, 5, 6, 11], found


@pytest.fixture(scope="module")
def fresh_ts(tmp_path_factory):
    """The shipped .ts merged with what pyside6-lupdate extracts from gui/ now."""
    ts = tmp_path_factory.mktemp("i18n") / SHIPPED_TS.name
    shutil.copyfile(SHIPPED_TS, ts)
    i18n_update.lupdate(ts)
    return ts


def test_every_extracted_string_has_a_zh_tw_translation(fresh_ts):
    entries = i18n_update.entries(fresh_ts)
    assert len(entries) > 300
    problems = i18n_update.problems(fresh_ts)
    assert not problems, "run ./dev i18n and translate:\n" + "\n".join(problems[:50])


def test_the_shipped_ts_is_what_lupdate_makes(fresh_ts):
    """No string in the code is missing from the shipped catalogue, none is left over."""
    def keys(ts):
        return sorted((e.context, e.source) for e in i18n_update.entries(ts))
    assert keys(fresh_ts) == keys(SHIPPED_TS), "run ./dev i18n"


def test_the_shipped_qm_is_compiled_from_the_shipped_ts(tmp_path):
    qm = tmp_path / "fresh.qm"
    i18n_update.lrelease(SHIPPED_TS, qm)
    assert qm.read_bytes() == SHIPPED_QM.read_bytes(), "run ./dev i18n to compile the .qm"


def test_translations_keep_every_placeholder_and_are_chinese():
    for e in i18n_update.entries(SHIPPED_TS):
        assert sorted(i18n_update.PLACEHOLDER.findall(e.source)) == \
            sorted(i18n_update.PLACEHOLDER.findall(e.translation)), (e.context, e.source)
        if CJK.search(e.translation) is None:
            # only strings with nothing to translate: names, units, symbols
            assert not re.search(r"[a-z]{4,}", re.sub(r"\{[^}]*\}|<[^>]*>|&\w+;", "", e.source)) or \
                e.translation == e.source, (e.source, e.translation)


@pytest.fixture
def zh_tw(qapp):
    locale = install_translations(qapp, "zh_TW")
    yield locale
    install_translations(qapp, "en")


def test_the_engine_texts_the_window_shows_are_all_listed_for_translation():
    from backprop_lab.gui import engine_texts
    from backprop_lab.model.examples import EXAMPLES
    from backprop_lab.model.features import FEATURE_FORMULAS

    for ex in EXAMPLES.values():
        assert ex.title in engine_texts.TEXTS and ex.lesson in engine_texts.TEXTS, \
            f"copy example {ex.name!r}'s title and lesson into gui/engine_texts.py"
    assert set(FEATURE_FORMULAS.values()) <= set(engine_texts.FEATURE_TEXTS)


def test_install_translations_loads_ours_and_qts_own(zh_tw):
    assert zh_tw.name() == "zh_TW"
    files = [Path(f).name for f in translations.installed_files()]
    assert "backprop_lab_zh_TW.qm" in files
    qt_dir = Path(translations.QLibraryInfo.path(translations.QLibraryInfo.LibraryPath.TranslationsPath))
    if (qt_dir / "qtbase_zh_TW.qm").is_file():
        assert "qtbase_zh_TW.qm" in files
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    assert QCoreApplication.translate("MenuBar", "&Help") == "說明(&H)"


def test_english_and_unknown_locales_show_the_source_strings(qapp):
    for name in ("en_US", "C", "fr_FR"):
        install_translations(qapp, name)
        assert QCoreApplication.translate("MenuBar", "&Help") == "&Help"
    install_translations(qapp, "en")


def visible_texts(window):
    """(where, text) of every label, button, menu entry, tab and tooltip of ``window``."""
    out = [("title", window.windowTitle())]
    for w in window.findChildren(QLabel):
        out.append((w.objectName() or "QLabel", w.text()))
    for w in window.findChildren(QAbstractButton):
        out.append((w.objectName() or type(w).__name__, w.text()))
    for menu in window.findChildren(QMenu):
        out.append((menu.objectName() or "menu", menu.title()))
        out += [(a.objectName() or "action", a.text()) for a in menu.actions()]
    for tabs in window.findChildren(QTabWidget):
        out += [("tab", tabs.tabText(i)) for i in range(tabs.count())]
    for w in window.findChildren(QAbstractButton) + window.findChildren(QLabel):
        out.append((f"{w.objectName()} tooltip", w.toolTip()))
    return out


# Text that stays as it is in every language: names from the engine's registries,
# numbers, formulas, the app's name.
UNTRANSLATED = re.compile(r"^(|Backprop Lab.*|[^A-Za-z]*|.*[=≈∝←].*|[a-z0-9_\-·²()., ]+|[xy]\d?:?|x[12][*^x0-9]*|"
                          r"Nesterov|AMSGrad|ELU α|L1|L2|UTF-8|UTF-16|English|繁體中文（台灣）|.*\b(SGD|PCA|MSE|BCE)\b.*)$", re.S)


def english_prose(widget):
    return [(where, text) for where, text in visible_texts(widget)
            if not CJK.search(text) and not UNTRANSLATED.match(text.replace("&", ""))]


def test_the_window_in_zh_tw_shows_no_english_prose(zh_tw, make_window):
    window = make_window()
    english = english_prose(window)
    assert not english, "\n".join(map(repr, english))


def test_the_experiments_dialog_and_about_box_in_zh_tw_show_no_english_prose(zh_tw, make_window):
    window = make_window()
    dialog = window.experiments.open()
    about = window.app_menus.show_about()
    try:
        english = english_prose(dialog) + english_prose(about)
        assert not english, "\n".join(map(repr, english))
        assert "關於 Backprop Lab" == about.windowTitle()
    finally:
        about.close()
        dialog.close()


def test_view_language_stores_the_choice_and_offers_a_restart(window, qtbot):
    menu = window.app_menus
    box = menu.choose_language("zh_TW")
    try:
        assert translations.chosen_language() == "zh_TW"
        assert translations.resolve_locale().name() == "zh_TW"
        assert "繁體中文" in box.text()
        assert window.findChild(QMenu, "languageMenu").actions()[2].text() == translations.LANGUAGES["zh_TW"]
    finally:
        box.close()
        translations.set_chosen_language("")
    assert translations.chosen_language() == ""
