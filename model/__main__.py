"""``python -m backprop_lab.model train ...``: the engine's command line (see model/cli.py)."""
import sys

from backprop_lab.model.cli import main

sys.exit(main())
