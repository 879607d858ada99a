"""Qt signal delivery into Python must survive tens of thousands of returns.

PySide6 6.12.0 loses a reference each time a Python slot returns, and the
interpreter aborts ("Fatal Python error: none_dealloc") after a few thousand
deliveries. The app delivers far more than that in a minute of training, so an
upgrade that brings the bug back must fail here. The stress runs in a
subprocess because the failure kills the process instead of raising.
"""

import os
import subprocess
import sys
from pathlib import Path

STRESS_SCRIPT = Path(__file__).with_name("qt_signal_stress.py")
DELIVERIES_PER_ROUTE = 20_000


def test_twenty_thousand_signal_deliveries_into_returning_python_slots_do_not_crash():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, str(STRESS_SCRIPT), str(DELIVERIES_PER_ROUTE)],
        env=env, capture_output=True, text=True, timeout=120,
    )

    report = f"exit code {result.returncode}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    assert result.returncode == 0, report
    assert "Fatal Python error" not in result.stderr, report
    # 4 QObject slots x 2 routes, 3 plain callables x 2 routes, the timer and its 2 slots.
    expected_total = (4 * 2 + 2 * 3 + 1 + 2) * DELIVERIES_PER_ROUTE
    assert result.stdout.splitlines()[-1] == f"delivered {expected_total} signals", report
