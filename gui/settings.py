"""What the app remembers between launches (QSettings): folders, window layout, last config.

Stored as an INI file in the user's configuration folder (on Linux
``~/.config/Backprop Lab/backprop-lab.ini``). Tests point QSettings elsewhere with
``QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)``,
which this module honours because it always asks for the INI format.

Nothing read here can break the app: a missing or damaged value is ignored
and the default used.
"""
from __future__ import annotations

import json
import os

from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtWidgets import QMainWindow, QSplitter

from backprop_lab.gui import window_size
from backprop_lab.model.config import TrainConfig

ORGANIZATION = "Backprop Lab"
APPLICATION = "backprop-lab"
SPLITTERS = ("mainSplitter", "viewSplitter", "topSplitter", "bottomSplitter")


def store() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                     ORGANIZATION, APPLICATION)


# --- folders of the file dialogs ------------------------------------------------------
def last_folder(kind: str) -> str:
    """The folder the ``kind`` dialog ("session", "csv", "figure", "frames") was last
    pointed at; for a kind not used yet, the folder any file went to last (right after
    saving a session elsewhere, the first CSV export opened in the home folder); the
    home folder when there is none, or when it no longer exists."""
    s = store()
    for key in (f"folders/{kind}", "folders/any"):
        folder = s.value(key, "", type=str)
        if folder and os.path.isdir(folder):
            return folder
    return os.path.expanduser("~")


def remember_folder(kind: str, path) -> None:
    """Remember the folder of ``path`` (a file) or ``path`` itself (a folder)."""
    path = os.fspath(path)
    folder = path if os.path.isdir(path) else os.path.dirname(os.path.abspath(path))
    s = store()
    s.setValue(f"folders/{kind}", folder)
    s.setValue("folders/any", folder)


# --- window layout ---------------------------------------------------------------------
def save_window(window: QMainWindow) -> None:
    s = store()
    s.setValue("window/geometry", window.saveGeometry())
    s.setValue("window/size", window.normalGeometry().size())   # read back by restore_window
    for name in SPLITTERS:
        splitter = window.findChild(QSplitter, name)
        if splitter is not None:
            s.setValue(f"window/{name}", splitter.saveState())


def restore_window(window: QMainWindow) -> None:
    """Size, position and splitter positions as they were at the last close, if that
    size fits the screen the window opens on; else the size fitted to this screen
    (the layout was left on a larger screen, or the projector is smaller)."""
    s = store()
    geometry, size = s.value("window/geometry"), s.value("window/size")
    if geometry is None:
        return
    # restoreGeometry returns False for a bad value: then nothing changes
    if not window.restoreGeometry(geometry):
        return
    if not isinstance(size, QSize):        # saved by an older version: judge what was restored
        size = window.normalGeometry().size()
    if not window_size.fits(size, window_size.available_geometry(window), window.minimumSizeHint()):
        window.setWindowState(Qt.WindowState.WindowNoState)
        window_size.fit_to_screen(window)
        return                             # splitter positions made for the larger window: not these
    for name in SPLITTERS:
        splitter, state = window.findChild(QSplitter, name), s.value(f"window/{name}")
        if splitter is not None and state is not None:
            splitter.restoreState(state)


# --- the last configuration ------------------------------------------------------------------
def save_config(cfg: TrainConfig) -> None:
    store().setValue("config/last", json.dumps(cfg.to_dict()))


def last_config() -> TrainConfig | None:
    """The config in force when the window last closed; None if there is none or it is
    no longer valid (an older or newer app's field, a hand-edited file)."""
    text = store().value("config/last", "", type=str)
    if not text:
        return None
    try:
        return TrainConfig.from_dict(json.loads(text))
    except (ValueError, TypeError, AttributeError):
        return None
