"""ReplyFiller: write the missing answer of an empty assistant reply right under its finding (the other
way to mend it besides removing it); the text goes in as one undoable edit."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget


class ReplyFiller(QWidget):
    """Signals: ``filled(str)`` (the reply the user wrote, once they ask to use it)."""

    filled = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QPlainTextEdit()
        self.edit.setPlaceholderText(self.tr("The answer the model should learn to give"))
        self.edit.setMinimumHeight(50)
        self.edit.setMaximumHeight(110)
        self.use_button = QPushButton(self.tr("Use this reply"))
        self.use_button.setEnabled(False)
        self.use_button.clicked.connect(self._on_use_clicked)
        self.edit.textChanged.connect(self._on_edit_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Or write the reply here:")))
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.use_button)

    @Slot()
    def _on_edit_changed(self) -> None:
        self.use_button.setEnabled(not self.edit.isReadOnly() and bool(self.edit.toPlainText().strip()))

    @Slot()
    def _on_use_clicked(self) -> None:
        text = self.edit.toPlainText()
        if text.strip():
            self.use_button.setEnabled(False)
            self.edit.setReadOnly(True)
            self.filled.emit(text)
