"""The `backprop-lab` command: open the window, or hand a subcommand to the CLI.

    backprop-lab                  open the app
    backprop-lab -style fusion    open the app, passing Qt's own options on
    backprop-lab train ...        headless command line (backprop_lab.model.cli)
    backprop-lab --help           the command line's help (backprop_lab.model.cli)
    backprop-lab --version        the version (also -V)
    backprop-lab install-desktop  add the app to the Linux application menu

This module imports neither Qt nor the engine at import time: the command line
must start fast and must work on a machine without a display or Qt's system
libraries.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Mapping, Sequence

# Options that QApplication itself understands (single dash, as Qt spells
# them). An argument list starting with one of these opens the window; any
# other first argument is a subcommand or option for the command line.
QT_OPTIONS = frozenset({
    "-platform", "-platformpluginpath", "-platformtheme", "-plugin",
    "-qwindowgeometry", "-geometry", "-qwindowtitle", "-title", "-qwindowicon",
    "-icon", "-reverse", "-session", "-style", "-stylesheet", "-widgetcount",
    "-display", "-name", "-qmljsdebugger", "-nograb", "-dograb", "-sync",
})

# Platform plugins that draw without a window system, so need no display.
HEADLESS_PLATFORMS = frozenset({
    "offscreen", "minimal", "minimalegl", "vnc", "eglfs", "linuxfb", "vkkhrdisplay",
})

NO_DISPLAY_MESSAGE = (  # i18n: the command line's, before Qt starts
    "backprop-lab: no display found (DISPLAY is not set). Run it in a desktop "
    "session, under xvfb-run, or use `backprop-lab train ...` for the headless "
    "command line."
)

PLUGIN_FAILED_MESSAGE = (  # i18n: the command line's, before Qt starts
    "backprop-lab: Qt could not open a window on this display (see Qt's message "
    "above). A bare Debian machine needs the system packages listed in README.md; "
    "or use `backprop-lab train ...` for the headless command line."
)


def main(argv: list[str] | None = None) -> int:
    """Run `backprop-lab` with `argv` (default: sys.argv[1:]); return the exit code."""
    if argv is None:
        argv = sys.argv[1:]
    if argv[:1] in (["--version"], ["-V"]):
        from backprop_lab.model.version import version
        print(f"backprop-lab {version()}")
        return 0
    if argv[:1] == ["install-desktop"]:
        from backprop_lab.gui.desktop_entry import main as install_desktop
        return install_desktop(argv[1:])
    if argv and argv[0].split("=", 1)[0] not in QT_OPTIONS:
        return run_command_line(argv)
    return run_app(argv)


def run_command_line(argv: list[str]) -> int:
    """Hand `argv` to the engine's command line, `backprop_lab.model.cli.main`, with the
    app's drawers for `train --save-plots` and `--save-frames` registered."""
    try:
        cli = importlib.import_module("backprop_lab.model.cli")
    except ModuleNotFoundError as error:
        if error.name not in ("backprop_lab", "backprop_lab.model", "backprop_lab.model.cli"):
            raise
        print("backprop-lab: the command line (model/cli.py) is not in this build.",
              file=sys.stderr)
        return 2
    # --save-plots and --save-frames draw with the window's views: the engine's
    # command line cannot import them (model/ never imports gui/), so they are handed in.
    from backprop_lab.gui.cli_drawers import register_drawers
    register_drawers()
    return cli.main(argv)


# The window's training thread and its GUI thread share the machine's cores;
# OpenBLAS's own threads only fight them for it on the small matrices the app
# trains (bench/gui_throughput.py: more epochs/s with one). Set before numpy loads;
# a value the user set wins.
APP_ENVIRONMENT = {"OPENBLAS_NUM_THREADS": "1"}


def run_app(qt_args: list[str]) -> int:
    """Open the main window; `qt_args` are Qt's own options (e.g. -style fusion)."""
    if not display_available(qt_args):
        print(NO_DISPLAY_MESSAGE, file=sys.stderr)
        return 2
    for name, value in APP_ENVIRONMENT.items():
        os.environ.setdefault(name, value)

    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    # If the platform plugin cannot start (a missing xcb library, a display
    # that refuses the connection), Qt reports a fatal message and aborts the
    # process. Say what to do instead and exit cleanly, without a core dump.
    qInstallMessageHandler(_exit_cleanly_on_fatal)
    app = QApplication.instance() or QApplication(["backprop-lab", *qt_args])
    qInstallMessageHandler(None)
    app.setApplicationName("Backprop Lab")
    from backprop_lab.model.version import version
    from backprop_lab.gui.app_icon import NAME, app_icon
    app.setApplicationVersion(version())
    app.setDesktopFileName(NAME)           # Wayland and docks match the window to backprop-lab.desktop
    app.setWindowIcon(app_icon())
    install_translations(app)              # before any widget exists: every tr() sees it
    from backprop_lab.gui.views import colors
    colors.follow_palette(app)             # plots light or dark, as the desktop is

    from backprop_lab.gui.errors import install_error_handlers
    from backprop_lab.gui.main_window import MainWindow

    from backprop_lab.gui.settings import last_config

    window = MainWindow(last_config())     # the settings in force when it last closed
    # After the window exists, so a slot's exception shows a dialog over it
    # (and the app lives on) instead of a traceback in a terminal.
    install_error_handlers(window)
    window.show()
    window.activateWindow()    # the keys go to the new window (an X server without a window manager leaves it unfocused)
    code = app.exec()
    # Quit can come with the window still open (app.quit()): close it (its thread
    # stops) and let Qt delete it while the application exists, not during
    # Python's teardown, where destroying it crashes the process.
    window.close()
    window.deleteLater()
    app.processEvents()
    return code


def install_translations(app, locale=None):
    """Install Qt's translations and Backprop Lab's for ``locale`` (a name such as
    "zh_TW", a QLocale, or None: View ▸ Language's choice, else $BACKPROP_LAB_LANG,
    else the system's) on ``app``; return the QLocale used. Called before the window
    is built, so every string it shows is translated (backprop_lab.gui.translations)."""
    from backprop_lab.gui import translations
    return translations.install_translations(app, locale)


def display_available(qt_args: Sequence[str] = (), environ: Mapping[str, str] = os.environ,
                      platform: str = sys.platform) -> bool:
    """False when Qt on Linux would need a window system that isn't there."""
    if not platform.startswith("linux") or "-display" in qt_args:
        return True
    plugin = environ.get("QT_QPA_PLATFORM", "")
    if "-platform" in qt_args[:-1]:
        plugin = qt_args[qt_args.index("-platform") + 1]
    # "offscreen", "vnc:size=800x600", "wayland;xcb": the name comes before ":".
    names = {name.split(":", 1)[0].strip() for name in plugin.split(";")}
    if names and names <= HEADLESS_PLATFORMS:
        return True
    return bool(environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"))


def _exit_cleanly_on_fatal(mode, context, message: str) -> None:
    """Qt message handler used while QApplication starts."""
    from PySide6.QtCore import QtMsgType

    category = getattr(context, "category", None)
    prefix = f"{category}: " if category and category != "default" else ""
    sys.stderr.write(f"{prefix}{message}\n")
    if mode == QtMsgType.QtFatalMsg:
        sys.stderr.write(PLUGIN_FAILED_MESSAGE + "\n")
        sys.stderr.flush()
        os._exit(2)
