"""Shared test set-up.

Qt must draw offscreen in tests (no window appears, no display is needed), and
the variable has to be set before anything imports Qt.
"""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# What the app's launcher sets (gui/launcher.py, APP_ENVIRONMENT) before NumPy loads:
# a window's timings measured with two OpenBLAS threads fighting the training
# thread for the cores would be of a setting the app never runs in.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import atexit  # noqa: E402
import shutil  # noqa: E402
import tempfile  # noqa: E402

# The app remembers its layout and last settings in the user's configuration
# folder (QSettings): tests, and the app processes they start, use a throwaway one.
_CONFIG_HOME = tempfile.mkdtemp(prefix="backprop-lab-test-config-")
os.environ["XDG_CONFIG_HOME"] = _CONFIG_HOME
atexit.register(shutil.rmtree, _CONFIG_HOME, ignore_errors=True)

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def repo_root() -> Path:
    """The project's top-level folder (where pyproject.toml is)."""
    return REPO_ROOT


@pytest.fixture(autouse=True)
def _private_settings_and_no_save_prompt(request, tmp_path_factory):
    """GUI tests never read or write the user's real QSettings (window layout, last
    config, folders), and a window closed with unsaved work does not wait on a modal
    "Save changes?" box: it answers Discard unless the test sets another answer."""
    import sys
    # Any test with a qtbot may open a window, even when its file imports the GUI only
    # inside a test (run on its own, nothing has imported backprop_lab.gui.file_dialogs yet).
    if "qtbot" not in request.fixturenames and "backprop_lab.gui.file_dialogs" not in sys.modules:
        yield                                   # a model-only test: no Qt here
        return
    from PySide6.QtCore import QSettings
    import backprop_lab.gui.file_dialogs
    folder = tmp_path_factory.mktemp("settings")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    mp = pytest.MonkeyPatch()
    mp.setattr(backprop_lab.gui.file_dialogs, "ask_save_changes", lambda parent, name: "discard")
    yield
    mp.undo()


@pytest.fixture
def make_window(qtbot):
    """``make_window(cfg=None)``: a shown MainWindow (``cfg`` or the app's defaults) once
    its first snapshot is drawn. At teardown each one is marked saved and closed, so
    closing it never waits on the "Save changes?" box, whatever the test left behind."""
    from backprop_lab.gui.main_window import MainWindow
    opened = []

    def make(cfg=None, timeout=5000):
        w = MainWindow(cfg)
        opened.append(w)
        qtbot.addWidget(w)
        w.show()
        qtbot.waitUntil(lambda: w.snapshot is not None, timeout=timeout)
        return w

    yield make
    for w in opened:
        w.setWindowModified(False)
        w.close()


@pytest.fixture
def window(make_window):
    """The main window with the default settings, ready (first snapshot drawn)."""
    return make_window()


@pytest.fixture
def dialog(window):
    """The window's Experiments dialog, open, on one worker process (tiny studies:
    worker processes would cost more than them); shut down after the test."""
    d = window.experiments.open()
    d.study.workers.setValue(1)
    yield d
    d.shutdown()
