"""DatasetTableModel: one row per example, columns summarising it.

Like Anki's browser table, the model holds nothing but a lazily filled, bounded cache of row summaries
keyed by the example's uid (a loaded example keeps only its raw bytes, so a summary parses it again);
``data()`` never raises (a row that cannot be summarised shows a plain marker).
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QLocale, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from finetune_desktop.core.dataset.summaries import RowSummary, summarize
from finetune_desktop.core.validation.findings import Severity
from finetune_desktop.gui.dataset.document import DatasetDocument
from finetune_desktop.gui.finding_text import finding_sentence

log = logging.getLogger(__name__)

#: The row number is the model's last column, shown first (``DatasetPage`` moves its section): column 0
#: holds what identifies a row (its first user message), as views and Qt's model checker expect, not a
#: position that shifts whenever rows are inserted above.
COL_USER, COL_ASSISTANT, COL_TURNS, COL_TOKENS, COL_FINDINGS, COL_TAGS, COL_NUMBER = range(7)
ERROR_COLOR = QColor("#c62828")
WARNING_COLOR = QColor("#b26a00")

#: role returning the sort key of a cell (numbers for numeric columns)
SortRole = Qt.ItemDataRole.UserRole + 1
#: role returning the example uid
UidRole = Qt.ItemDataRole.UserRole + 2

_Index = QModelIndex | QPersistentModelIndex
ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
#: the roles this model answers (a view asks for about ten per cell: the others return at once)
ROLES = frozenset(
    int(r)
    for r in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.ForegroundRole,
        SortRole,
        UidRole,
    )
)
#: row summaries kept (each one parses its example again: enough for a few screens of scrolling)
SUMMARY_CACHE = 4096


class DatasetTableModel(QAbstractTableModel):
    def __init__(self, document: DatasetDocument) -> None:
        super().__init__(document)
        self.doc = document
        self._cache: dict[int, RowSummary] = {}
        headers = {
            COL_NUMBER: self.tr("#"),
            COL_USER: self.tr("First user message"),
            COL_ASSISTANT: self.tr("Last assistant reply"),
            COL_TURNS: self.tr("Turns"),
            COL_TOKENS: self.tr("Tokens"),
            COL_FINDINGS: self.tr("Findings"),
            COL_TAGS: self.tr("Tags"),
        }
        self._headers = [headers[c] for c in range(len(headers))]
        d = document
        d.rows_about_to_be_inserted.connect(lambda a, b: self.beginInsertRows(QModelIndex(), a, b))
        d.rows_inserted.connect(self.endInsertRows)
        d.rows_about_to_be_removed.connect(lambda a, b: self.beginRemoveRows(QModelIndex(), a, b))
        d.rows_removed.connect(self.endRemoveRows)
        d.about_to_reset.connect(self._on_about_to_reset)
        d.reset_done.connect(self.endResetModel)
        d.example_changed.connect(self._on_example_changed)
        d.all_changed.connect(self._on_all_changed)

    # ------------------------------------------------------------ Qt overrides
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.doc)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._headers):
            return self._headers[section]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return ROW_FLAGS

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in ROLES or not index.isValid():
            return None
        return self.cell(index.row(), index.column(), role)

    def cell(self, row: int, col: int, role: int) -> Any:
        """``data()`` without a model index (the filter model calls this: a repaint asks ~1000 times)."""
        if role not in ROLES:
            return None
        try:
            return self._data(row, col, role)
        except Exception:
            log.debug("row %s could not be shown", row, exc_info=True)
            return "⚠" if role == Qt.ItemDataRole.DisplayRole else None

    # ------------------------------------------------------------ helpers
    def summary(self, row: int) -> RowSummary:
        ex = self.doc.examples[row]
        s = self._cache.get(ex.uid)
        if s is None:
            if len(self._cache) >= SUMMARY_CACHE:
                self._cache.clear()  # examples keep only raw bytes: cache what is on screen, not 100k rows
            s = summarize(ex.data)
            self._cache[ex.uid] = s
        return s

    def _data(self, row: int, col: int, role: int) -> Any:
        if not 0 <= row < len(self.doc):
            return None
        ex = self.doc.examples[row]
        if role == UidRole:
            return ex.uid
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_NUMBER:
                return str(row + 1)
            if col == COL_USER:
                return self.summary(row).first_user
            if col == COL_ASSISTANT:
                return self.summary(row).last_assistant
            if col == COL_TURNS:
                return str(self.summary(row).turns)
            if col == COL_TOKENS:
                t = self.doc.tokens_for(ex.uid)
                if t is None:
                    return "…"
                total = QLocale().toString(t.total)  # the locale's thousands separators
                return f"≈{total}" if t.estimated else total
            if col == COL_FINDINGS:
                return self._badge(ex.uid)
            if col == COL_TAGS:  # "validation" too: a row moved to validation shows it
                return ", ".join(ex.tag_names())
            return None
        if role == SortRole:
            if col == COL_NUMBER:
                return row
            if col == COL_TURNS:
                return self.summary(row).turns
            if col == COL_TOKENS:
                t = self.doc.tokens_for(ex.uid)
                return -1 if t is None else t.total
            if col == COL_FINDINGS:
                fs = self.doc.findings_for(ex.uid)
                return sum(100 if f.severity == Severity.ERROR else 1 for f in fs)
            text = self._data(row, col, Qt.ItemDataRole.DisplayRole)
            return str(text or "").lower()
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_FINDINGS:
            fs = self.doc.findings_for(ex.uid)
            if any(f.severity == Severity.ERROR for f in fs):
                return QBrush(ERROR_COLOR)
            if fs:
                return QBrush(WARNING_COLOR)
            return None
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_FINDINGS:
            fs = self.doc.findings_for(ex.uid)
            return "\n".join(f"• {finding_sentence(f)}" for f in fs[:10]) or None
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_TOKENS:
            t = self.doc.tokens_for(ex.uid)
            if t is not None and t.estimated:
                return self.tr(
                    "An estimate: the tokenizer's vocabulary could not be loaded. See Tokens and cost."
                )
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (COL_NUMBER, COL_TURNS, COL_TOKENS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _badge(self, uid: int) -> str:
        """Compact and language-neutral: "✖ 2  ⚠ 1"; the tooltip has the sentences."""
        fs = self.doc.findings_for(uid)
        if not fs:
            return ""
        errors = sum(1 for f in fs if f.severity == Severity.ERROR)
        warnings = len(fs) - errors
        parts = []
        if errors:
            parts.append(f"✖ {errors}")
        if warnings:
            parts.append(f"⚠ {warnings}")
        return "  ".join(parts)

    def _on_about_to_reset(self) -> None:
        self.beginResetModel()
        self._cache.clear()

    def _on_example_changed(self, uid: int) -> None:
        self._cache.pop(uid, None)
        row = self.doc.row_of(uid)
        if row is not None:
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def _on_all_changed(self) -> None:
        n = len(self.doc)
        if n:
            self.dataChanged.emit(self.index(0, COL_TOKENS), self.index(n - 1, COL_FINDINGS))
