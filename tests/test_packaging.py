"""What makes Backprop Lab an installable, citable app: a licence and metadata, a
version you can see, an icon, a menu entry, README images that survive on a
package index page."""
import configparser
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
VERSION = PYPROJECT["project"]["version"]


def run_launcher(*args, **env):
    return subprocess.run([sys.executable, "-m", "backprop_lab.gui", *args], cwd=REPO_ROOT,
                          env={**os.environ, **env}, capture_output=True, text=True, timeout=60)


def test_version_prints_the_installed_version_without_needing_a_display():
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    for flag in ("--version", "-V"):
        result = subprocess.run([sys.executable, "-m", "backprop_lab.gui", flag], env=env,
                                capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == f"backprop-lab {VERSION}"


def test_the_licence_is_mit_at_the_top_and_in_the_metadata():
    assert (REPO_ROOT / "LICENSE").read_text().startswith("MIT License")
    project = PYPROJECT["project"]
    assert project["license"] == "MIT" and project["license-files"] == ["LICENSE"]
    assert project["authors"] and project["keywords"]
    classifiers = set(project["classifiers"])
    assert {"Intended Audience :: Education", "Intended Audience :: Science/Research",
            "Environment :: X11 Applications :: Qt"} <= classifiers
    minimum = re.search(r"3\.(\d+)", project["requires-python"]).group(1)
    assert f"Programming Language :: Python :: 3.{minimum}" in classifiers


def test_readme_images_are_absolute_links_to_files_in_the_repository():
    from backprop_lab.gui.about import HOMEPAGE

    assert PYPROJECT["project"]["urls"]["Homepage"] == HOMEPAGE
    raw = HOMEPAGE.replace("https://github.com/", "https://raw.githubusercontent.com/") + "/main/"
    images = re.findall(r"!\[[^\]]*\]\(([^)\s]+)", (REPO_ROOT / "README.md").read_text(encoding="utf-8"))
    assert images
    for link in images:
        assert link.startswith(raw), f"{link}: relative links break on a package index page"
        assert (REPO_ROOT / link.removeprefix(raw)).is_file(), link


def test_every_icon_size_is_the_svg_rendered(qapp):
    from PySide6.QtGui import QImage
    from backprop_lab.gui import app_icon

    for size in app_icon.SIZES:
        shipped = QImage(str(app_icon.png_path(size))).convertToFormat(QImage.Format.Format_ARGB32)
        fresh = app_icon.render(size)
        assert shipped.size() == fresh.size(), size
        diff = max(abs(a - b) for a, b in zip(bytes(shipped.constBits()), bytes(fresh.constBits())))
        assert diff <= 8, f"{size}px differs from the SVG: run python -m backprop_lab.gui.app_icon"
    assert not app_icon.app_icon().isNull()


def test_install_desktop_writes_an_entry_and_icons_and_uninstall_removes_them(tmp_path):
    result = run_launcher("install-desktop", "--prefix", str(tmp_path))
    assert result.returncode == 0, result.stderr

    entry = tmp_path / "applications" / "backprop-lab.desktop"
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(entry, encoding="utf-8")
    desktop = parser["Desktop Entry"]
    assert desktop["Name"] == "Backprop Lab" and desktop["Icon"] == "backprop-lab"
    assert Path(desktop["Exec"]).is_absolute()          # works from a venv not on PATH
    assert (tmp_path / "icons/hicolor/48x48/apps/backprop-lab.png").is_file()
    assert (tmp_path / "icons/hicolor/scalable/apps/backprop-lab.svg").is_file()
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr

    result = run_launcher("install-desktop", "--uninstall", "--prefix", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert not [p for p in tmp_path.rglob("*") if p.is_file()]


def test_the_launcher_sets_the_version_the_icon_and_the_translations_it_chose():
    script = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from backprop_lab.gui import launcher, translations

real_exec = QApplication.exec

def exec_then_report(*args):
    def report():
        app = QApplication.instance()
        print("version:", app.applicationVersion())
        print("icon:", not app.windowIcon().isNull())
        print("qm:", [f.rsplit("/", 1)[-1] for f in translations.installed_files()])
        print("title:", QApplication.translate("MenuBar", "&Help"))
        QApplication.quit()
    QTimer.singleShot(300, report)
    return real_exec()

QApplication.exec = exec_then_report
sys.exit(launcher.main([]))
"""
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO_ROOT, capture_output=True, text=True,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "BACKPROP_LAB_LANG": "zh_TW"},
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert f"version: {VERSION}" in result.stdout
    assert "icon: True" in result.stdout
    assert "qm: ['qtbase_zh_TW.qm', 'backprop_lab_zh_TW.qm']" in result.stdout, result.stdout
    assert "title: 說明(&H)" in result.stdout


def test_help_menu_has_about_with_versions_licence_and_settings_file(window):
    import numpy as np
    from PySide6.QtCore import qVersion
    from backprop_lab.gui import settings

    menus = window.app_menus
    assert menus.help_action.isEnabled() and not window.windowIcon().isNull()
    box = menus.show_about()
    try:
        text = box.text()
        for part in (VERSION, np.__version__, qVersion(), "MIT", settings.store().fileName(), "#readme"):
            assert part in text
    finally:
        box.close()
