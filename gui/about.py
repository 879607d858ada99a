"""Help ▸ About Backprop Lab: the version, the libraries it runs on, the licence,
and where the settings live (text a student can paste into a bug report)."""
from __future__ import annotations

import platform

import numpy as np
import PySide6
import pyqtgraph
from PySide6.QtCore import QCoreApplication, qVersion
from PySide6.QtWidgets import QMessageBox

from backprop_lab.gui import settings
from backprop_lab.gui.app_icon import app_icon
from backprop_lab.model.version import version

HOMEPAGE = "https://github.com/backprop-lab/backprop-lab"
HELP_URL = HOMEPAGE + "#readme"
LICENSE = "MIT"



def versions() -> dict[str, str]:
    """Library → version, in the order the About box lists them."""
    return {"Backprop Lab": version(), "Python": platform.python_version(), "NumPy": np.__version__,
            "Qt": qVersion(), "PySide6": PySide6.__version__, "pyqtgraph": pyqtgraph.__version__}


def about_text() -> str:
    rows = "".join(f"<tr><td>{name}</td><td>&nbsp;{v}</td></tr>" for name, v in versions().items())
    return (
        "<h3>Backprop Lab {version}</h3>".format(version=version())
        + "<p>" + QCoreApplication.translate("About", "Watch backpropagation train a neural network, epoch by epoch, "
                     "on an engine written from scratch in NumPy.") + "</p>"
        + f"<table>{rows}</table>"
        + "<p>" + QCoreApplication.translate("About", "Licence: {licence}. Free to use, change and share.").format(licence=LICENSE) + "</p>"
        + "<p>" + QCoreApplication.translate("About", "Settings are kept in:") + f"<br><code>{settings.store().fileName()}</code></p>"
        + "<p><a href='{url}'>{link}</a></p>".format(url=HELP_URL, link=QCoreApplication.translate("About", "Help and documentation (README)"))
    )


def about_box(parent) -> QMessageBox:
    """The About box (not yet shown); ``show_about`` opens it."""
    box = QMessageBox(parent)
    box.setObjectName("aboutBox")
    box.setWindowTitle(QCoreApplication.translate("About", "About Backprop Lab"))
    box.setIconPixmap(app_icon().pixmap(96, 96))
    box.setTextFormat(PySide6.QtCore.Qt.TextFormat.RichText)
    box.setText(about_text())
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    return box


def show_about(parent) -> QMessageBox:
    box = about_box(parent)
    box.open()
    return box
