"""Mending an unreadable line in the app: its raw text in an editor with the error spot highlighted; once
the correction reads as an example, one click makes it a normal example (an undoable edit).

``LineMender`` is the editor shown under the selected finding; ``MendLineCommand`` moves the line from
the document's unreadable lines (and its finding) to the examples, at its place in file order, and back
on undo. Nothing is lost either way: until mended the line's bytes stay as they were read.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QUndoCommand
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QPushButton, QTextEdit, QVBoxLayout, QWidget

from finetune_desktop.core.dataset.examples import Example, RejectedLine
from finetune_desktop.core.dataset.mend import UNREADABLE_CODES, mend_line
from finetune_desktop.core.validation.findings import Finding, Severity
from finetune_desktop.gui.dataset.document import DatasetDocument
from finetune_desktop.gui.finding_text import render_finding


def rejected_line_of(doc: DatasetDocument, finding: Finding) -> RejectedLine | None:
    """The unreadable line a load finding is about (None for any other finding)."""
    if finding.code not in UNREADABLE_CODES or finding.example is not None or finding.line is None:
        return None
    return next((r for r in doc.dataset.rejected if r.line == finding.line), None)


class MendLineCommand(QUndoCommand):
    def __init__(self, doc: DatasetDocument, rejected: RejectedLine, data: Any, text: str) -> None:
        super().__init__(text)
        self.doc = doc
        self.rejected = rejected
        self.example = Example(data, line=rejected.line)
        self._findings: list[tuple[int, Finding]] = []
        self._rejected_at = 0

    def redo(self) -> None:
        doc = self.doc
        self._rejected_at = next(i for i, r in enumerate(doc.dataset.rejected) if r is self.rejected)
        del doc.dataset.rejected[self._rejected_at]
        self._findings = [
            (i, f)
            for i, f in enumerate(doc.load_findings)
            if f.line == self.rejected.line and f.code in UNREADABLE_CODES and f.example is None
        ]
        for i, _f in reversed(self._findings):
            del doc.load_findings[i]
        line = self.rejected.line
        row = next(
            (i for i, ex in enumerate(doc.examples) if ex.line is not None and ex.line > line), len(doc)
        )
        doc.insert_examples([(row, self.example)])
        doc.findings_changed.emit()

    def undo(self) -> None:
        doc = self.doc
        row = doc.row_of(self.example.uid)
        if row is not None:
            doc.remove_rows([row])
        doc.dataset.rejected.insert(self._rejected_at, self.rejected)
        for i, f in self._findings:
            doc.load_findings.insert(i, f)
        doc.findings_changed.emit()


class LineMender(QWidget):
    """Signals: ``mended(object)`` (the parsed example data, once the user asks to use it)."""

    mended = Signal(object)

    def __init__(self, rejected: RejectedLine, column: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rejected = rejected
        self.data: Any = None
        self.edit = QPlainTextEdit()
        self.edit.setPlainText(rejected.raw.decode("utf-8", "replace"))
        self.edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.edit.setMinimumHeight(60)
        self.edit.setMaximumHeight(110)  # status and button stay in view under it
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.use_button = QPushButton(self.tr("Use this line as an example"))
        self.use_button.clicked.connect(self._on_use_clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("The line as it is in the file; correct it here:")))
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.use_button)
        self.edit.textChanged.connect(self._on_edit_changed)
        self._check(column)

    @Slot()
    def _on_edit_changed(self) -> None:
        self._check(None)

    def _check(self, column: int | None) -> None:
        data, problem = mend_line(self.edit.toPlainText(), self.rejected.line)
        self.data = data
        self.use_button.setEnabled(data is not None)
        if problem is None:
            self.status.setText(self.tr("This line is a valid example now."))
            self.status.setStyleSheet("color: #2e7d32;")
            self.edit.setExtraSelections([])
            return
        finding = Finding(
            problem.code,
            Severity.ERROR,
            problem.message,
            problem.fix,
            problem.line,
            variant=problem.variant,
            params={**problem.params, "column": problem.column} if problem.column else problem.params,
        )
        self.status.setText(render_finding(finding).detail)
        self.status.setStyleSheet("color: #c62828;")
        self._highlight(problem.column if column is None else column)

    def _highlight(self, column: int | None) -> None:
        if not column:
            self.edit.setExtraSelections([])
            return
        selection = QTextEdit.ExtraSelection()
        fmt = QTextCharFormat()
        fmt.setBackground(QColor("#ffcdd2"))
        selection.format = fmt
        cursor = QTextCursor(self.edit.document())
        cursor.setPosition(min(column - 1, max(0, len(self.edit.toPlainText()) - 1)))
        cursor.movePosition(QTextCursor.MoveOperation.NextCharacter, QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        self.edit.setExtraSelections([selection])

    @Slot()
    def _on_use_clicked(self) -> None:
        if self.data is not None:
            self.use_button.setEnabled(False)  # once: the line is an example now
            self.edit.setReadOnly(True)
            self.mended.emit(self.data)
