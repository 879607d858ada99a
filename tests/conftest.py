"""Shared test set-up.

Qt must draw offscreen in tests (no window appears, no display is needed), and
the variable has to be set before anything imports Qt.
"""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def repo_root() -> Path:
    """The project's top-level folder (where pyproject.toml is)."""
    return REPO_ROOT
