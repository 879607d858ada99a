"""Backprop Lab's window: PySide6 + pyqtgraph views over the NumPy engine in model/.

Importing this package imports no Qt; `backprop_lab.gui.launcher` decides whether Qt is needed.
"""
