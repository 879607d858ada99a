"""The `backprop-lab` command: a window when there is a display, a clear message
when there is none, and subcommands handed to the engine's command line."""

import importlib.util
import os
import shutil
import subprocess
import sys
import types
from pathlib import Path

import pytest

from backprop_lab.gui import launcher

REPO_ROOT = Path(__file__).resolve().parent.parent

# Runs the real launcher, and once its event loop is running reports the
# platform plugin and the titles of the visible top-level windows, then quits.
REPORT_WINDOWS_SCRIPT = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from backprop_lab.gui import launcher

real_exec = QApplication.exec

def exec_then_report(*args):
    def report():
        titles = [w.windowTitle() for w in QApplication.topLevelWidgets() if w.isVisible()]
        print("platform:", QApplication.platformName(), flush=True)
        print("windows:", titles, flush=True)
        QApplication.quit()
    QTimer.singleShot(500, report)
    return real_exec()

QApplication.exec = exec_then_report
sys.exit(launcher.main([]))
"""


def environment_without_display(**extra):
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(extra)
    return env


def run_python(args, env, timeout=60):
    return subprocess.run([sys.executable, *args], cwd=REPO_ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout)


def test_importing_the_launcher_imports_neither_qt_nor_numpy():
    result = run_python(["-c", "import sys, backprop_lab.gui.launcher; "
                               "print(sorted(m for m in sys.modules "
                               "if m.split('.')[0] in ('PySide6', 'shiboken6', 'numpy')))"],
                        env=dict(os.environ))

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the check is for Linux")
def test_python_m_gui_without_a_display_exits_2_with_a_clear_message():
    result = run_python(["-m", "gui"], env=environment_without_display())

    assert result.returncode == 2, result.stderr
    assert result.stderr.strip() == launcher.NO_DISPLAY_MESSAGE
    assert "Aborted" not in result.stderr and "core dumped" not in result.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the xcb plugin is Linux's")
def test_a_display_that_cannot_be_opened_exits_2_instead_of_aborting():
    display = next(n for n in range(900, 1000) if not Path(f"/tmp/.X11-unix/X{n}").exists())
    env = environment_without_display(DISPLAY=f":{display}", QT_QPA_PLATFORM="xcb")

    result = run_python(["-m", "gui"], env=env)

    assert result.returncode == 2, result.stderr
    assert result.stderr.strip().endswith(launcher.PLUGIN_FAILED_MESSAGE)
    assert "core dumped" not in result.stderr


@pytest.mark.parametrize(("environ", "qt_args", "expected"), [
    ({}, [], False),
    ({"DISPLAY": ":0"}, [], True),
    ({"WAYLAND_DISPLAY": "wayland-0"}, [], True),
    ({"QT_QPA_PLATFORM": "offscreen"}, [], True),
    ({"QT_QPA_PLATFORM": "vnc:size=800x600"}, [], True),
    ({"QT_QPA_PLATFORM": "xcb"}, [], False),
    ({"QT_QPA_PLATFORM": "wayland;xcb"}, [], False),
    ({}, ["-platform", "minimal"], True),
    ({"QT_QPA_PLATFORM": "offscreen"}, ["-platform", "xcb"], False),
    ({}, ["-display", ":3"], True),
])
def test_display_available_on_linux(environ, qt_args, expected):
    assert launcher.display_available(qt_args, environ, platform="linux") is expected


def test_display_is_never_missing_off_linux():
    assert launcher.display_available([], {}, platform="darwin")
    assert launcher.display_available([], {}, platform="win32")


def test_subcommands_are_handed_to_model_cli(monkeypatch):
    received = []
    fake_cli = types.ModuleType("backprop_lab.model.cli")
    fake_cli.main = lambda argv: received.append(argv) or 7
    monkeypatch.setitem(sys.modules, "backprop_lab.model.cli", fake_cli)

    assert launcher.main(["train", "--epochs", "3"]) == 7
    assert launcher.main(["sweep"]) == 7
    assert launcher.main(["--help"]) == 7
    assert received == [["train", "--epochs", "3"], ["sweep"], ["--help"]]


def test_qt_options_open_the_app_instead_of_the_command_line(monkeypatch):
    opened = []
    monkeypatch.setattr(launcher, "run_app", lambda qt_args: opened.append(qt_args) or 0)
    monkeypatch.setattr(launcher, "run_command_line", lambda argv: pytest.fail("went to the CLI"))

    assert launcher.main([]) == 0
    assert launcher.main(["-style", "fusion"]) == 0
    assert launcher.main(["-platform", "offscreen"]) == 0
    assert opened == [[], ["-style", "fusion"], ["-platform", "offscreen"]]


def test_train_help_reaches_the_real_cli(capsys):
    if importlib.util.find_spec("backprop_lab.model.cli") is None:
        pytest.skip("model/cli.py is not written yet")

    try:
        code = launcher.main(["train", "--help"])
    except SystemExit as stop:  # argparse exits after printing help
        code = stop.code

    assert code in (0, None)
    assert "usage" in capsys.readouterr().out.lower()


def test_the_app_opens_a_window_titled_backprop_lab_offscreen():
    result = run_python(["-c", REPORT_WINDOWS_SCRIPT],
                        env=environment_without_display(QT_QPA_PLATFORM="offscreen"))

    assert result.returncode == 0, result.stderr
    assert "platform: offscreen" in result.stdout
    assert "Backprop Lab" in result.stdout.split("windows:", 1)[1], result.stdout


@pytest.mark.xvfb
@pytest.mark.skipif(shutil.which("Xvfb") is None, reason="Xvfb is not installed")
def test_the_app_opens_a_window_titled_backprop_lab_on_a_real_x_server():
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=[write_end], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    try:
        with os.fdopen(read_end) as display_number:
            display = display_number.readline().strip()
        assert display, "Xvfb did not start"

        result = run_python(["-c", REPORT_WINDOWS_SCRIPT],
                            env=environment_without_display(DISPLAY=f":{display}"))
    finally:
        server.terminate()
        server.wait(timeout=10)

    assert result.returncode == 0, result.stderr
    assert "platform: xcb" in result.stdout, result.stdout + result.stderr
    assert "Backprop Lab" in result.stdout.split("windows:", 1)[1], result.stdout


WINDOW_LEFT_OPEN_SCRIPT = """
from PySide6.QtWidgets import QApplication
app = QApplication([])
from backprop_lab.gui.main_window import MainWindow
window = MainWindow()
window.show()
window.session.step(5)
app.processEvents()
print("script done", flush=True)
"""


def test_a_script_that_exits_with_the_window_open_ends_cleanly():
    # Left to Python's teardown, the window's Qt objects were destroyed after the
    # QApplication: a segmentation fault (exit status -11) after the script's end.
    result = run_python(["-c", WINDOW_LEFT_OPEN_SCRIPT],
                        env=environment_without_display(QT_QPA_PLATFORM="offscreen"))
    assert "script done" in result.stdout
    assert result.returncode == 0, (result.returncode, result.stderr[-2000:])
