"""``python -m model train ...``: the engine's command line (see model/cli.py)."""
import sys

from model.cli import main

sys.exit(main())
