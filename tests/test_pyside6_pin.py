"""The installed PySide6 must be the one pyproject.toml pins.

The pin is read from pyproject.toml so that the two cannot drift apart.
"""

import re
from importlib.metadata import version

from packaging.requirements import Requirement
from packaging.version import Version


def pyside6_requirement(pyproject_text: str) -> Requirement:
    """The PySide6-Essentials line of [project] dependencies, parsed."""
    match = re.search(r'^\s*"(PySide6-Essentials[^"]*)"', pyproject_text, re.MULTILINE)
    assert match, "pyproject.toml lists no PySide6-Essentials dependency"
    return Requirement(match.group(1))


def test_pyproject_pins_pyside6_to_the_6_10_series(repo_root):
    requirement = pyside6_requirement((repo_root / "pyproject.toml").read_text())

    assert requirement.specifier.contains("6.10.0")
    assert not requirement.specifier.contains("6.11.0")
    assert not requirement.specifier.contains("6.12.0")


def test_installed_pyside6_is_within_the_pin(repo_root):
    import PySide6

    requirement = pyside6_requirement((repo_root / "pyproject.toml").read_text())
    installed = version("PySide6-Essentials")

    assert requirement.specifier.contains(installed), (
        f"PySide6-Essentials {installed} is installed but pyproject.toml asks for "
        f"{requirement.specifier}; run ./dev test again to reinstall"
    )
    # The module that is actually imported is the distribution that was checked.
    assert Version(PySide6.__version__) == Version(installed)
