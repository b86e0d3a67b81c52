"""FixPreviewDialog: what a one-click fix will change, example by example, before it changes anything.

The list says each change in words; the selected example is shown before and after. Accepting applies
the fix (one undo step), cancelling leaves the dataset as it is. Opened with ``open()``: nothing waits.
"""

from __future__ import annotations

import difflib
import json
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from finetune_desktop.core.validation.fixes import FixChange, FixKind
from finetune_desktop.gui.finding_text import ordinal

translate = QCoreApplication.translate
MAX_LISTED = 500  # a list of 100k rows says nothing more than its first few hundred and a count


def fix_label(kind: FixKind, n: int = 1) -> str:
    """The fix's name: on its button, as the preview's title and as the Undo menu's entry."""
    if kind is FixKind.ADD_SYSTEM_MESSAGE:
        return translate("FixPreview", "Add the shared system message to %n example(s)", "", n)
    if kind is FixKind.REMOVE_EMPTY_REPLY:
        return translate("FixPreview", "Remove the empty reply from %n example(s)", "", n)
    if kind is FixKind.DROP_WEIGHT:
        return translate("FixPreview", "Remove the weight in %n example(s)", "", n)
    if kind is FixKind.SET_WEIGHT_ZERO:
        return translate("FixPreview", "Set the weight to 0 in %n example(s)", "", n)
    if kind is FixKind.DELETE_DUPLICATE:
        return translate("FixPreview", "Delete %n exact duplicate(s), keeping the first", "", n)
    return translate("FixPreview", "Correct the role in %n example(s)", "", n)


def describe(kind: FixKind, change: FixChange) -> str:
    """One change in words: "adds the system message “…”", "renames the role of the 3rd message ..."."""
    p = change.params
    nth = ordinal(int(p.get("message", 0)) + 1)
    if kind is FixKind.ADD_SYSTEM_MESSAGE:
        text = str(p.get("text", ""))
        short = text if len(text) <= 60 else text[:59] + "…"
        return translate("FixPreview", "adds the system message “{text}” at the start").format(text=short)
    if kind is FixKind.REMOVE_EMPTY_REPLY:
        return translate("FixPreview", "removes the empty reply (the {nth} message)").format(nth=nth)
    if kind is FixKind.DROP_WEIGHT:
        return translate("FixPreview", "removes the weight {old} from the {nth} message").format(
            old=json.dumps(p.get("old"), ensure_ascii=False), nth=nth
        )
    if kind is FixKind.SET_WEIGHT_ZERO:
        return translate("FixPreview", "sets the weight of the {nth} message to 0 (not trained)").format(
            nth=nth
        )
    if kind is FixKind.DELETE_DUPLICATE:
        if "other_line" in p:
            return translate("FixPreview", "deletes this example (an exact copy of line {line})").format(
                line=p["other_line"]
            )
        return translate("FixPreview", "deletes this example (an exact copy of an earlier one)")
    return translate("FixPreview", "renames the role “{old}” of the {nth} message to “{new}”").format(
        old=p.get("old", ""),
        nth=nth,
        new=p.get("new", ""),  # the value written, as it is written
    )


def _pretty(data: Any) -> str:
    if data is None:
        return translate("FixPreview", "(deleted)")
    try:
        return json.dumps(data, ensure_ascii=False, indent=2)
    except (TypeError, ValueError):
        return repr(data)


class FixPreviewDialog(QDialog):
    def __init__(
        self,
        kind: FixKind,
        changes: list[FixChange],
        lines: list[int | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.kind = kind
        self.changes = changes
        self.setWindowTitle(fix_label(kind, len(changes)))
        self.summary = QLabel(
            self.tr(
                "This changes %n example(s). You can undo it afterwards with Edit > Undo.", "", len(changes)
            )
        )
        self.summary.setWordWrap(True)
        self.list = QListWidget()
        for change, line in zip(changes[:MAX_LISTED], lines[:MAX_LISTED], strict=False):
            where = (
                self.tr("Example %1 (line %2)")
                .replace("%1", str(change.example + 1))
                .replace("%2", str(line))
                if line is not None
                else self.tr("Example %1").replace("%1", str(change.example + 1))
            )
            self.list.addItem(f"{where}: {describe(kind, change)}")
        if len(changes) > MAX_LISTED:
            self.list.addItem(self.tr("… and %n more", "", len(changes) - MAX_LISTED))
        self.before = QPlainTextEdit()
        self.after = QPlainTextEdit()
        for edit in (self.before, self.after):
            edit.setReadOnly(True)
            edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        sides = QHBoxLayout()
        for title, edit in ((self.tr("Before"), self.before), (self.tr("After"), self.after)):
            column = QVBoxLayout()
            column.addWidget(QLabel(title))
            column.addWidget(edit)
            sides.addLayout(column)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Apply | QDialogButtonBox.StandardButton.Cancel
        )
        self.apply_button = self.buttons.button(QDialogButtonBox.StandardButton.Apply)
        self.apply_button.setDefault(True)
        self.apply_button.clicked.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addLayout(sides, 2)
        layout.addWidget(self.buttons)
        self.list.currentRowChanged.connect(self._on_list_row_changed)
        if changes:
            self.list.setCurrentRow(0)
        self.apply_button.setEnabled(bool(changes))
        self.resize(860, 560)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)

    @Slot(int)
    def _on_list_row_changed(self, row: int) -> None:
        if 0 <= row < min(len(self.changes), MAX_LISTED):
            change = self.changes[row]
            before, after = _pretty(change.before), _pretty(change.after)
            self.before.setPlainText(before)
            self.after.setPlainText(after)
            gone, added = changed_lines(before, after)
            _mark(self.before, gone, "#ffcdd2")
            _mark(self.after, added, "#c8e6c9")


def changed_lines(before: str, after: str) -> tuple[list[int], list[int]]:
    """The 0-based lines only in ``before`` and only in ``after`` (what the preview colours)."""
    a, b = before.splitlines(), after.splitlines()
    gone: list[int] = []
    added: list[int] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag in ("replace", "delete"):
            gone.extend(range(i1, i2))
        if tag in ("replace", "insert"):
            added.extend(range(j1, j2))
    return gone, added


def _mark(edit: QPlainTextEdit, lines: list[int], color: str) -> None:
    selections = []
    doc = edit.document()
    for line in lines[:2000]:
        block = doc.findBlockByNumber(line)
        if not block.isValid():
            continue
        selection = QTextEdit.ExtraSelection()
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(color))
        fmt.setProperty(QTextFormat.Property.FullWidthSelection, True)
        selection.format = fmt
        selection.cursor = QTextCursor(block)
        selections.append(selection)
    edit.setExtraSelections(selections)
