"""LessonBanner: an example's lesson, in a strip above the views.

A lesson says what to watch (the loss curve, the first layer's gradient, the
map), so it must not cover any of it: a floating box sat over the controls and
the loss curve. The strip takes a few lines above the views and hides nothing;
Close (or the next example) replaces it.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from backprop_lab.gui.views import colors


class LessonBanner(QWidget):
    """Hidden until ``show_lesson``."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("lessonBanner")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(f"#lessonBanner {{ background: {colors.theme('note_bg')}; "
                           f"border: 1px solid {colors.theme('note_border')}; }}"
                           f"#lessonBanner QLabel {{ color: {colors.FOREGROUND}; }}")
        self.label = QLabel(objectName="lessonText")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.close_button = QPushButton(self.tr("Close"), objectName="lessonCloseButton")
        self.close_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)     # Space stays Play/Pause
        self.close_button.clicked.connect(self.hide)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.label, 1)
        row.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self._lesson = ""
        self.hide()

    def show_lesson(self, title: str, lesson: str) -> None:
        self._lesson = lesson
        self.label.setText(self.tr("<b>Example: {title}.</b> {lesson}").format(title=title, lesson=lesson))
        self.show()

    def text(self) -> str:
        """The lesson shown (without its title)."""
        return self._lesson
