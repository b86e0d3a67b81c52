"""The batch table: one row per prompt, both answers with latency and tokens, and the user's preference.

Reads answers from the run's ``ResultStore`` on demand (``data()`` never raises: a missing answer shows
as an empty cell, a failed one as its error); ``answer_arrived`` repaints just that row.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import QApplication

from finetune_desktop.core.compare.judge import JUDGE_SLOT, parse_verdict
from finetune_desktop.core.compare.prompts import PromptRow
from finetune_desktop.core.compare.results import Answer, ResultStore

Index = QModelIndex | QPersistentModelIndex
#: Longest cell text; the full text is in the tooltip.
CELL_CHARS = 300


class Col(IntEnum):
    NUMBER = 0
    PROMPT = 1
    EXPECTED = 2
    ANSWER_A = 3
    ANSWER_B = 4
    LATENCY = 5
    TOKENS = 6
    PREFERENCE = 7
    JUDGE = 8


TEXT_COLUMNS = (Col.PROMPT, Col.EXPECTED, Col.ANSWER_A, Col.ANSWER_B)


class BatchTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[PromptRow] = []
        self.store: ResultStore | None = None
        self.slots: dict[str, str] = {}
        self._row_of: dict[int, int] = {}

    def set_run(self, rows: list[PromptRow], store: ResultStore | None, slots: dict[str, str]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.store = store
        self.slots = slots
        self._row_of = {r.index: n for n, r in enumerate(rows)}
        self.endResetModel()

    # shape ----------------------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(Col)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(Col):
            return None
        a = self.slots.get("a", "")
        b = self.slots.get("b", "")
        titles = {
            Col.NUMBER: "#",
            Col.PROMPT: self.tr("Prompt"),
            Col.EXPECTED: self.tr("Expected"),
            Col.ANSWER_A: self.tr("Answer A") + (f" ({a})" if a else ""),
            Col.ANSWER_B: self.tr("Answer B") + (f" ({b})" if b else ""),
            Col.LATENCY: self.tr("Latency A / B (s)"),
            Col.TOKENS: self.tr("Tokens A / B (in → out)"),
            Col.PREFERENCE: self.tr("Preference"),
            Col.JUDGE: self.tr("Judge"),
        }
        return titles[Col(section)]

    # cells ----------------------------------------------------------------------------------------------
    def answer(self, row: int, slot: str) -> Answer | None:
        if self.store is None or not 0 <= row < len(self.rows):
            return None
        model = self.slots.get(slot)
        return self.store.answer(self.rows[row], slot, model) if model else None

    def preference(self, row: int) -> str | None:
        if self.store is None or not 0 <= row < len(self.rows):
            return None
        return self.store.preferences.get(self.rows[row].index)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        col = Col(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            text = self._text(index.row(), col)
            return text if len(text) <= CELL_CHARS else text[: CELL_CHARS - 1] + "…"
        if role == Qt.ItemDataRole.ToolTipRole and col in (
            Col.PROMPT,
            Col.EXPECTED,
            Col.ANSWER_A,
            Col.ANSWER_B,
        ):
            return self._text(index.row(), col) or None
        if role == Qt.ItemDataRole.ForegroundRole and col in (Col.ANSWER_A, Col.ANSWER_B):
            a = self.answer(index.row(), "a" if col == Col.ANSWER_A else "b")
            if a is not None and not a.ok:
                return QBrush(QApplication.palette().color(QPalette.ColorRole.PlaceholderText))
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (Col.NUMBER, Col.LATENCY, Col.TOKENS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, row: int, col: Col) -> str:
        r = self.rows[row]
        if col == Col.NUMBER:
            return str(r.index + 1)
        if col == Col.PROMPT:
            return r.question
        if col == Col.EXPECTED:
            return r.expected or ""
        if col in (Col.ANSWER_A, Col.ANSWER_B):
            a = self.answer(row, "a" if col == Col.ANSWER_A else "b")
            if a is None:
                return ""
            return a.text if a.ok else self.tr("Failed: %1").replace("%1", a.error or "")
        if col == Col.LATENCY:
            return " / ".join(f"{a.latency_s:.2f}" if (a := self.answer(row, s)) else "–" for s in "ab")
        if col == Col.TOKENS:
            return " / ".join(
                f"{a.prompt_tokens} → {a.completion_tokens}" if (a := self.answer(row, s)) and a.ok else "–"
                for s in "ab"
            )
        if col == Col.JUDGE:
            verdict = self.answer(row, JUDGE_SLOT)
            if verdict is None:
                return ""
            if not verdict.ok:
                return self.tr("Failed: %1").replace("%1", verdict.error or "")
            said = parse_verdict(verdict.text)
            return {"a": "A", "b": "B", "tie": self.tr("Tie")}.get(said or "", self.tr("unclear"))
        pref = self.preference(row)
        return {"a": "A", "b": "B", "tie": self.tr("Tie")}.get(pref or "", "")

    # updates --------------------------------------------------------------------------------------------
    def answer_arrived(self, answer: Answer) -> None:
        row = self._row_of.get(answer.index)
        if row is not None:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(Col) - 1))

    def set_preference(self, rows: list[int], choice: str | None) -> None:
        if self.store is None:
            return
        for row in rows:
            if 0 <= row < len(self.rows):
                self.store.set_preference(self.rows[row].index, choice)
                cell = self.index(row, Col.PREFERENCE)
                self.dataChanged.emit(cell, cell)


class Filter(IntEnum):
    ALL = 0
    MISSING = 1
    FAILED = 2
    DIFFERENT = 3
    PREFER_A = 4
    PREFER_B = 5
    TIE = 6
    NO_PREFERENCE = 7


class BatchFilterModel(QSortFilterProxyModel):
    """Rows by state (missing, failed, preferred...) and by text in the prompt or either answer."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.mode = Filter.ALL
        self.needle = ""

    def set_filter(self, mode: Filter, needle: str) -> None:
        self.beginFilterChange()
        self.mode = mode
        self.needle = needle.casefold().strip()
        self.endFilterChange()

    def source(self) -> BatchTableModel:
        model = self.sourceModel()
        assert isinstance(model, BatchTableModel)
        return model

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        m = self.source()
        a, b = m.answer(source_row, "a"), m.answer(source_row, "b")
        pref = m.preference(source_row)
        ok = {
            Filter.ALL: True,
            Filter.MISSING: a is None or b is None or not a.ok or not b.ok,
            Filter.FAILED: (a is not None and not a.ok) or (b is not None and not b.ok),
            Filter.DIFFERENT: a is not None and b is not None and a.text.strip() != b.text.strip(),
            Filter.PREFER_A: pref == "a",
            Filter.PREFER_B: pref == "b",
            Filter.TIE: pref == "tie",
            Filter.NO_PREFERENCE: pref is None,
        }[self.mode]
        if not ok:
            return False
        if not self.needle:
            return True
        texts = [m.rows[source_row].question, m.rows[source_row].expected or ""]
        texts += [x.text for x in (a, b) if x is not None]
        return any(self.needle in t.casefold() for t in texts)

    def shown_rows(self) -> list[int]:
        """Source rows in the order shown."""
        return [self.mapToSource(self.index(r, 0)).row() for r in range(self.rowCount())]
