"""Shared test set-up.

Qt must draw offscreen in tests (no window appears, no display is needed), and
the variable has to be set before anything imports Qt.
"""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

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
    if "gui.file_menu" not in sys.modules:     # a model-only test run: no Qt here
        yield
        return
    from PySide6.QtCore import QSettings
    import gui.file_menu
    folder = tmp_path_factory.mktemp("settings")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    mp = pytest.MonkeyPatch()
    mp.setattr(gui.file_menu, "ask_save_changes", lambda parent, name: "discard")
    yield
    mp.undo()
