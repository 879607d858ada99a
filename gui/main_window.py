"""Placeholder main window, to be replaced by the real one."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow


class MainWindow(QMainWindow):
    """An empty window titled "Backprop Lab"."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Backprop Lab")
        label = QLabel("Backprop Lab\n\n(the views are being built)")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setCentralWidget(label)
        self.resize(1200, 800)
