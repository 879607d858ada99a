"""`backprop-lab install-desktop`: put Backprop Lab in the Linux application menu.

Writes the freedesktop entry (``assets/icons/backprop-lab.desktop``, with ``Exec``
set to this installation's own ``backprop-lab``, so it works from a venv that is
not on PATH) to ``~/.local/share/applications`` and the icons to
``~/.local/share/icons/hicolor/<size>x<size>/apps`` (and ``scalable``).
``--uninstall`` removes exactly those files. No Qt is needed.
"""
from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from backprop_lab.gui.app_icon import NAME, SIZES, icon_dir, png_path, svg_path


def data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def entry_text(executable: str) -> str:
    """The shipped .desktop file with Exec= pointing at ``executable``."""
    lines = (icon_dir() / f"{NAME}.desktop").read_text(encoding="utf-8").splitlines()
    return "".join((f"Exec={shlex.quote(executable)}" if line == "Exec=backprop-lab" else line) + "\n"
                   for line in lines)


def own_executable() -> str:
    """The `backprop-lab` script of this installation (the one being run, else PATH's)."""
    argv0 = Path(sys.argv[0])
    if argv0.name == "backprop-lab" and argv0.is_file():
        return str(argv0.resolve())
    beside = Path(sys.executable).with_name("backprop-lab")
    if beside.is_file():
        return str(beside)
    return shutil.which("backprop-lab") or "backprop-lab"


def targets(home: Path) -> dict[Path, Path | None]:
    """Installed path → the file copied there (None: the .desktop, written from entry_text)."""
    out: dict[Path, Path | None] = {home / "applications" / f"{NAME}.desktop": None}
    icons = home / "icons" / "hicolor"
    for size in SIZES:
        out[icons / f"{size}x{size}" / "apps" / f"{NAME}.png"] = png_path(size)
    out[icons / "scalable" / "apps" / f"{NAME}.svg"] = svg_path()
    return out


def install(home: Path | None = None, executable: str | None = None) -> list[Path]:
    home = home or data_home()
    written = []
    for path, source in targets(home).items():
        path.parent.mkdir(parents=True, exist_ok=True)
        if source is None:
            path.write_text(entry_text(executable or own_executable()), encoding="utf-8")
        else:
            shutil.copyfile(source, path)
        written.append(path)
    _refresh_caches(home)
    return written


def uninstall(home: Path | None = None) -> list[Path]:
    home = home or data_home()
    removed = [path for path in targets(home) if path.is_file()]
    for path in removed:
        path.unlink()
    _refresh_caches(home)
    return removed


def _refresh_caches(home: Path) -> None:
    """Menus pick the entry up by themselves; this only makes it quicker where it exists.
    (No icon cache: a user's own icon folder is read without one.)"""
    for command in (["update-desktop-database", str(home / "applications")],):
        if shutil.which(command[0]) and Path(command[-1]).is_dir():
            subprocess.run(command, check=False, capture_output=True)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="backprop-lab install-desktop",
        description="Add Backprop Lab to the application menu of a Linux desktop "
                    "(a .desktop entry and icons under ~/.local/share).")
    parser.add_argument("--uninstall", action="store_true", help="remove what install-desktop wrote")
    parser.add_argument("--prefix", type=Path, default=None,
                        help="data folder to write into (default: $XDG_DATA_HOME or ~/.local/share)")
    args = parser.parse_args(argv)
    try:
        paths = uninstall(args.prefix) if args.uninstall else install(args.prefix)
    except OSError as error:
        print(f"backprop-lab: install-desktop: {error}", file=sys.stderr)
        return 1
    verb = "removed" if args.uninstall else "wrote"
    for path in paths:
        print(f"{verb} {path}")
    if not args.uninstall:
        print("Backprop Lab is now in the application menu (Education).")
    return 0
