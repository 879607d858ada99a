"""Backprop Lab's version, as installed (pyproject.toml's ``version`` is the one source)."""
from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version as _installed_version

DISTRIBUTION = "backprop-lab"


def version() -> str:
    """The installed distribution's version; "unknown" when run from an uninstalled tree."""
    try:
        return _installed_version(DISTRIBUTION)
    except PackageNotFoundError:
        return "unknown"


__version__ = version()
