"""`python -m gui`: the same as the `backprop-lab` command."""

from gui.launcher import main

raise SystemExit(main())
