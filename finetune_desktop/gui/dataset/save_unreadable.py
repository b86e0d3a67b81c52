"""Saving a file that has unreadable lines: ask first, never move them anywhere without saying so.

``save_dataset`` saves at once when every line was read; otherwise ``UnreadableLinesDialog`` names the
lines' count and the side file, and offers: keep them in the file as they are (byte for byte, at their
place), move them to the side file, or cancel. The bytes of every line are somewhere
after either choice.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from finetune_desktop.gui.dataset.document import DatasetDocument


def side_file(path: Path) -> Path:
    """Where unreadable lines go when moved aside (the document's save writes this name)."""
    return path.with_name(path.stem + ".unreadable-lines.txt")


class UnreadableLinesDialog(QMessageBox):
    def __init__(self, count: int, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Question)
        self.setWindowTitle(self.tr("Unreadable lines"))
        self.setText(self.tr("%n line(s) of this file could not be read.", "", count))
        self.setInformativeText(
            self.tr(
                "They are listed under Findings, where you can correct them. Keep them in the file as "
                "they are, at their place, or move them to “%1” next to it. Nothing is lost either way."
            ).replace("%1", side_file(path).name)
        )
        self.keep_button: QPushButton = self.addButton(
            self.tr("Keep them in the file"), QMessageBox.ButtonRole.AcceptRole
        )
        self.move_button: QPushButton = self.addButton(
            self.tr("Move them to the side file"), QMessageBox.ButtonRole.AcceptRole
        )
        self.cancel_button = self.addButton(QMessageBox.StandardButton.Cancel)
        self.setDefaultButton(self.keep_button)


def save_dataset(
    parent: QWidget | None,
    doc: DatasetDocument,
    path: Path | None = None,
    *,
    on_cancel: Callable[[], None] | None = None,
) -> UnreadableLinesDialog | None:
    """Save ``doc`` (to ``path``, else its own file), asking first about unreadable lines."""
    target = path or doc.path
    count = len(doc.dataset.rejected)
    if target is None or not count:
        doc.save(path)
        return None
    dialog = UnreadableLinesDialog(count, target, parent)

    def chosen() -> None:
        clicked = dialog.clickedButton()
        if clicked is dialog.keep_button:
            doc.save(path, keep_unreadable=True)
        elif clicked is dialog.move_button:
            doc.save(path, keep_unreadable=False)
        elif on_cancel is not None:
            on_cancel()
        dialog.deleteLater()

    dialog.finished.connect(chosen)
    dialog.open()
    return dialog
