"""Undo commands: every change to the dataset, single or bulk, is one of these on the document's stack.

Commands address examples by uid (stable across reorders) and store whole before/after values, so
undo restores exactly what was there.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoCommand

from finetune_desktop.core.dataset.examples import Example
from finetune_desktop.gui.dataset.document import DatasetDocument


class UndoText(QObject):
    """Names of bulk edits in the Edit menu's Undo/Redo. A QObject so ``tr`` and lupdate agree on
    the context (``doc.tr(...)`` was filed by lupdate under "doc" and never found at run time)."""

    def set_system_message(self, n: int) -> str:
        return self.tr("Set system message on %n example(s)", "", n)

    def duplicate(self, n: int) -> str:
        return self.tr("Duplicate %n example(s)", "", n)

    def tag(self, n: int) -> str:
        return self.tr("Tag %n example(s)", "", n)

    def move_to_validation(self, n: int) -> str:
        return self.tr("Move %n example(s) to validation", "", n)


UNDO_TEXT = UndoText()

EDIT_TEXT_ID = 1001


class ReplaceDataCommand(QUndoCommand):
    """Replace the data of one or more examples (edits, bulk system message, ...)."""

    def __init__(
        self,
        doc: DatasetDocument,
        changes: dict[int, tuple[Any, Any]],
        text: str,
        merge_key: tuple[Any, ...] | None = None,
    ) -> None:
        super().__init__(text)
        self.doc = doc
        self.changes = changes  # uid -> (old, new)
        self.merge_key = merge_key

    def redo(self) -> None:
        for uid, (_old, new) in self.changes.items():
            self.doc.set_data(uid, new)

    def undo(self) -> None:
        for uid, (old, _new) in self.changes.items():
            self.doc.set_data(uid, old)

    def id(self) -> int:
        return EDIT_TEXT_ID if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        """Typing in one field is one undo step."""
        if not isinstance(other, ReplaceDataCommand) or other.merge_key != self.merge_key:
            return False
        if self.merge_key is None or set(other.changes) != set(self.changes):
            return False
        for uid, (_old, new) in other.changes.items():
            self.changes[uid] = (self.changes[uid][0], new)
        return True


class InsertExamplesCommand(QUndoCommand):
    """New, duplicate, import: insert examples at rows."""

    def __init__(self, doc: DatasetDocument, items: list[tuple[int, Example]], text: str) -> None:
        super().__init__(text)
        self.doc = doc
        self.items = sorted(items, key=lambda it: it[0])

    def redo(self) -> None:
        self.doc.insert_examples(self.items)

    def undo(self) -> None:
        rows = [r for uid in (ex.uid for _r, ex in self.items) if (r := self.doc.row_of(uid)) is not None]
        self.doc.remove_rows(rows)


class RemoveExamplesCommand(QUndoCommand):
    def __init__(self, doc: DatasetDocument, rows: Iterable[int], text: str) -> None:
        super().__init__(text)
        self.doc = doc
        self.uids = [doc.examples[r].uid for r in sorted(set(rows))]
        self.removed: list[tuple[int, Example]] = []

    def redo(self) -> None:
        rows = [r for uid in self.uids if (r := self.doc.row_of(uid)) is not None]
        self.removed = self.doc.remove_rows(rows)

    def undo(self) -> None:
        self.doc.insert_examples(self.removed)


class SetTagsCommand(QUndoCommand):
    def __init__(
        self, doc: DatasetDocument, changes: dict[int, tuple[set[str], set[str]]], text: str
    ) -> None:
        super().__init__(text)
        self.doc = doc
        self.changes = changes

    def redo(self) -> None:
        for uid, (_old, new) in self.changes.items():
            self.doc.set_tags(uid, new)

    def undo(self) -> None:
        for uid, (old, _new) in self.changes.items():
            self.doc.set_tags(uid, old)


# ---------------------------------------------------------------- command builders for bulk actions


def with_system_message(data: Any, text: str) -> Any:
    """A copy of ``data`` whose first message is the system message ``text`` (set or replaced)."""
    new = copy.deepcopy(data) if isinstance(data, dict) else {"messages": []}
    msgs = new.get("messages")
    if not isinstance(msgs, list):
        inp = new.get("input")
        if isinstance(inp, dict) and isinstance(inp.get("messages"), list):
            msgs = inp["messages"]
        else:
            msgs = new["messages"] = []
    if msgs and isinstance(msgs[0], dict) and msgs[0].get("role") in ("system", "developer"):
        msgs[0]["content"] = text
    else:
        msgs.insert(0, {"role": "system", "content": text})
    return new


def set_system_message(doc: DatasetDocument, rows: Iterable[int], text: str) -> ReplaceDataCommand:
    changes: dict[int, tuple[Any, Any]] = {}
    for r in rows:
        ex = doc.examples[r]
        changes[ex.uid] = (ex.data, with_system_message(ex.data, text))
    n = len(changes)
    return ReplaceDataCommand(
        doc,
        changes,
        UNDO_TEXT.set_system_message(n),
    )


def transform(
    doc: DatasetDocument, rows: Iterable[int], fn: Callable[[Any], Any], text: str
) -> ReplaceDataCommand:
    changes = {
        doc.examples[r].uid: (doc.examples[r].data, fn(copy.deepcopy(doc.examples[r].data))) for r in rows
    }
    return ReplaceDataCommand(doc, changes, text)


def duplicate(doc: DatasetDocument, rows: Iterable[int]) -> InsertExamplesCommand:
    rows = sorted(set(rows))
    items = []
    for offset, r in enumerate(rows, start=1):
        src = doc.examples[r]
        items.append((rows[-1] + offset, Example(data=copy.deepcopy(src.data), tags=set(src.tags))))
    return InsertExamplesCommand(doc, items, UNDO_TEXT.duplicate(len(rows)))


def add_tag(doc: DatasetDocument, rows: Iterable[int], tag: str, text: str | None = None) -> SetTagsCommand:
    changes = {}
    for r in rows:
        ex = doc.examples[r]
        changes[ex.uid] = (set(ex.tags), set(ex.tags) | {tag})
    return SetTagsCommand(
        doc,
        changes,
        text or UNDO_TEXT.tag(len(changes)),
    )


VALIDATION_TAG = "validation"


def move_to_validation(doc: DatasetDocument, rows: Iterable[int]) -> SetTagsCommand:
    rows = list(rows)
    return add_tag(
        doc,
        rows,
        VALIDATION_TAG,
        UNDO_TEXT.move_to_validation(len(rows)),
    )
