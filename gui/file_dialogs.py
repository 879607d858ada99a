"""The app's file dialogs, as module functions so tests can answer them without a
modal dialog (``monkeypatch.setattr(file_dialogs, "ask_save_path", ...)``).

    path = file_dialogs.ask_save_path(window, "Export points", "csv", CSV_FILTER, "points.csv")

Callers look them up on this module at call time (``file_dialogs.ask_folder(...)``,
not ``from ... import ask_folder``), so a replaced one is the one called. Each
dialog starts in the folder last used for its ``kind`` of file (backprop_lab.gui.settings).
This module imports no other part of the GUI but settings: the menus, the figure
export and the animation all use it without importing each other.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox
from PySide6.QtCore import QCoreApplication

from backprop_lab.gui import settings

APP_NAME = "Backprop Lab"


def ask_open_path(parent, title: str, kind: str, name_filter: str) -> str:
    """A file to read, or "" when cancelled; starts in the folder of the last ``kind``."""
    path, _ = QFileDialog.getOpenFileName(parent, title, settings.last_folder(kind), name_filter)
    return path


def ask_save_path(parent, title: str, kind: str, name_filter: str, name: str) -> str:
    """A file to write (the dialog asks before overwriting), or "" when cancelled."""
    start = str(Path(settings.last_folder(kind)) / name)
    path, _ = QFileDialog.getSaveFileName(parent, title, start, name_filter)
    return path


def ask_folder(parent, title: str, kind: str) -> str:
    return QFileDialog.getExistingDirectory(parent, title, settings.last_folder(kind))


def ask_save_changes(parent, name: str) -> str:
    """"save", "discard" or "cancel"."""
    box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, QCoreApplication.translate("FileDialogs", "Save the changes to {name}?").format(name=name),
                      QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                      | QMessageBox.StandardButton.Cancel, parent)
    box.setInformativeText(QCoreApplication.translate("FileDialogs", "The epochs trained and the settings and points changed since the "
                           "last save are lost if you don't save them."))
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    answer = box.exec()
    return {QMessageBox.StandardButton.Save: "save",
            QMessageBox.StandardButton.Discard: "discard"}.get(QMessageBox.StandardButton(answer),
                                                                "cancel")


def with_suffix(path: str, suffix: str) -> Path:
    """``path``, with ``suffix`` added when it has another one or none."""
    p = Path(path)
    return p if p.suffix.lower() == suffix else p.with_name(p.name + suffix)
