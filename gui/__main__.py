"""`python -m backprop_lab.gui`: the same as the `backprop-lab` command."""

from backprop_lab.gui.launcher import main

raise SystemExit(main())
