"""A warning before files are written that OpenAI would reject: split and export say so first."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from finetune_desktop.gui.dataset.document import DatasetDocument

translate = QCoreApplication.translate


def error_count(doc: DatasetDocument) -> int:
    return doc.findings_view().errors


def errors_warning(doc: DatasetDocument) -> str:
    """The warning's words, "" when the dataset has no errors."""
    n = error_count(doc)
    if not n:
        return ""
    return translate(
        "ErrorWarning",
        "This dataset has %n error(s) that OpenAI would reject; the files written now keep them. "
        "Fix them under Findings first, or write the files anyway.",
        "",
        n,
    )


def warning_label(doc: DatasetDocument) -> QLabel:
    """A red label with the warning (hidden when there is nothing to warn about)."""
    label = QLabel(errors_warning(doc))
    label.setWordWrap(True)
    label.setStyleSheet("color: #c62828;")
    label.setVisible(bool(label.text()))
    return label


def confirm_errors(
    parent: QWidget | None, doc: DatasetDocument, then: Callable[[], object]
) -> QMessageBox | None:
    """Run ``then`` at once when there are no errors; else ask first (a non-blocking box)."""
    text = errors_warning(doc)
    if not text:
        then()
        return None
    box = QMessageBox(QMessageBox.Icon.Warning, translate("ErrorWarning", "Errors in the dataset"), text)
    box.setParent(parent, box.windowFlags())
    go = box.addButton(translate("ErrorWarning", "Export anyway"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)

    def chosen() -> None:
        if box.clickedButton() is go:
            then()
        box.deleteLater()

    box.finished.connect(chosen)
    box.open()
    return box
