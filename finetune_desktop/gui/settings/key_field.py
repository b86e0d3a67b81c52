"""A masked key entry whose reveal button shows the key only while it is held down."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QToolButton, QWidget


class KeyField(QWidget):
    """Signals: ``text_changed(str)``. The key never leaves the widget except through ``text()``."""

    text_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, read_only: bool = False) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.edit.setReadOnly(read_only)
        self.edit.setClearButtonEnabled(not read_only)
        # No autocompletion history, no input-method suggestions, no drag out of the field.
        self.edit.setDragEnabled(False)
        self.edit.setAccessibleName(self.tr("API key"))
        self.reveal = QToolButton(self)
        self.reveal.setText(self.tr("Show"))
        self.reveal.setToolTip(self.tr("Hold to show the key; it is hidden again when you let go."))
        self.reveal.setAccessibleName(self.tr("Show key while pressed"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.reveal)
        self.reveal.pressed.connect(self._on_reveal_pressed)
        self.reveal.released.connect(self._on_reveal_released)
        self.edit.textChanged.connect(self.text_changed)
        self._update_reveal()
        self.edit.textChanged.connect(self._update_reveal)

    @property
    def revealed(self) -> bool:
        return self.edit.echoMode() == QLineEdit.EchoMode.Normal

    def text(self) -> str:
        return self.edit.text().strip()

    def setText(self, text: str) -> None:
        self.edit.setText(text)
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)

    def setPlaceholderText(self, text: str) -> None:
        self.edit.setPlaceholderText(text)

    def clear(self) -> None:
        self.edit.clear()

    @Slot()
    def _on_reveal_pressed(self) -> None:
        self.edit.setEchoMode(QLineEdit.EchoMode.Normal)

    @Slot()
    def _on_reveal_released(self) -> None:
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)

    @Slot()
    def _update_reveal(self) -> None:
        self.reveal.setEnabled(bool(self.edit.text()))
        if not self.edit.text():
            self.edit.setEchoMode(QLineEdit.EchoMode.Password)
