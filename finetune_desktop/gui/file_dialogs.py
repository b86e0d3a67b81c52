"""File dialogs with room to read: Qt's own dialog (used where the desktop has no native one) opens
small enough to cut file names; this gives it a size that fits the window it belongs to."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QWidget

MIN_WIDTH, MIN_HEIGHT = 860, 540


def size_file_dialog(dialog: QFileDialog, parent: QWidget | None) -> QFileDialog:
    width, height = MIN_WIDTH, MIN_HEIGHT
    if parent is not None:
        width = max(width, int(parent.width() * 0.6))
        height = max(height, int(parent.height() * 0.6))
        screen = parent.screen().availableGeometry() if parent.screen() is not None else None
        if screen is not None:
            width, height = min(width, screen.width()), min(height, screen.height())
    dialog.resize(width, height)
    return dialog
