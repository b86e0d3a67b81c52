"""FindingDetailBox: the selected finding in full, wrapped: what is wrong, how to fix it, where it is
(smaller), and the one-click fixes that apply to it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from finetune_desktop.core.validation.findings import Finding
from finetune_desktop.gui.finding_text import render_finding


class FindingDetailBox(QFrame):
    """Signals: ``shown(bool)`` (whether a finding is shown; the panel hides the box's frame with it)."""

    shown = Signal(bool)
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel()
        bold = QFont(self.title.font())
        bold.setBold(True)
        self.title.setFont(bold)
        self.detail = QLabel()
        self.fix = QLabel()
        self.where = QLabel()
        small = QFont(self.where.font())
        if small.pointSizeF() > 0:
            small.setPointSizeF(small.pointSizeF() * 0.85)
        self.where.setFont(small)
        self.where.setStyleSheet("color: palette(placeholder-text);")
        for label in (self.title, self.detail, self.fix, self.where):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QHBoxLayout()
        self.buttons.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(3)
        for label in (self.title, self.detail, self.fix, self.where):
            layout.addWidget(label)
        self.extra: QWidget | None = None  # e.g. the editor of an unreadable line
        self._extra_at = layout.count()
        layout.addLayout(self.buttons)
        layout.addStretch(1)  # the words stay together at the top of a tall box
        self.show_finding(None)

    def set_extra(self, widget: QWidget | None) -> None:
        """Show ``widget`` below the words (replacing the last one; None: nothing)."""
        if self.extra is not None:
            self.extra.deleteLater()
            self.extra = None
        if widget is not None:
            layout = self.layout()
            assert isinstance(layout, QVBoxLayout)
            layout.insertWidget(self._extra_at, widget, 1)
            self.extra = widget

    def show_finding(self, finding: Finding | None, count: int = 1) -> None:
        """Show one finding (``count`` > 1: a whole group, worded by its first finding's code)."""
        self.clear_buttons()
        self.set_extra(None)
        if finding is None:
            self.setVisible(False)
            self.shown.emit(False)
            return
        text = render_finding(finding)
        self.title.setText(text.title)
        if count > 1:
            self.detail.setText(self.tr("%n place(s) in this file.", "", count))
            self.where.setText(finding.code)
        else:
            self.detail.setText(text.detail)
            self.where.setText(" · ".join(s for s in (text.where, finding.code) if s))
        self.fix.setText(self.tr("How to fix: %1").replace("%1", text.fix) if text.fix else "")
        self.fix.setVisible(bool(text.fix))
        self.setVisible(True)
        self.shown.emit(True)

    def add_button(self, text: str) -> QPushButton:
        button = QPushButton(text)
        self.buttons.addWidget(button)
        return button

    def fix_buttons(self) -> list[QPushButton]:
        items = (self.buttons.itemAt(i) for i in range(self.buttons.count()))
        return [w for item in items if item is not None and isinstance(w := item.widget(), QPushButton)]

    def clear_buttons(self) -> None:
        while self.buttons.count():
            item = self.buttons.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
