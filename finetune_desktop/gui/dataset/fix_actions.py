"""FixActions: one-click fixes for the selected finding, on one example or on all with the same finding.

Which fixes apply and what they change is decided by ``core.validation.fixes`` on a worker (reading 100k
examples' data or finding the shared system message takes a while); the change list opens in a
``FixPreviewDialog`` and, once accepted, goes onto the document's undo stack as one step. An example
edited between the preview and the click is left alone.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QWidget

from finetune_desktop.core.cancel import CancelToken
from finetune_desktop.core.dataset.examples import Example
from finetune_desktop.core.validation.findings import Finding
from finetune_desktop.core.validation.fixes import (
    FixChange,
    FixContext,
    FixKind,
    context_for,
    fixes_for,
    plan,
)
from finetune_desktop.gui.dataset.commands import RemoveExamplesCommand, ReplaceDataCommand
from finetune_desktop.gui.dataset.document import DatasetDocument
from finetune_desktop.gui.dataset.fix_preview import FixPreviewDialog, fix_label
from finetune_desktop.gui.tasks import Task


@dataclass(frozen=True)
class FixOffer:
    """A fix ``kind`` for ``finding``; ``same`` are all findings of its code the fix also repairs."""

    kind: FixKind
    finding: Finding
    same: list[Finding]
    context: FixContext
    version: int = -1  # the document's structure_version the findings' rows are numbered for


@dataclass(frozen=True)
class FixPlan:
    kind: FixKind
    changes: list[FixChange]
    stamps: list[tuple[int, int]]  # (uid, revision) of each change's example when it was planned


class _Datas(Sequence[Any]):
    """Examples' data, read only when a fix looks at it (a released example parses on access)."""

    def __init__(self, examples: list[Example]) -> None:
        self.examples = examples

    def __len__(self) -> int:
        return len(self.examples)

    def __getitem__(self, i: Any) -> Any:
        return self.examples[i].data


def _checked(datas: Sequence[Any], cancel: CancelToken | None) -> Iterator[Any]:
    for i, data in enumerate(datas):
        if cancel is not None and not i % 512:
            cancel.raise_if_cancelled()
        yield data


def offers_work(
    finding: Finding, group: list[Finding], examples: list[Example], *, cancel: CancelToken | None = None
) -> tuple[Finding, list[FixOffer]]:
    """Worker: the fixes for ``finding`` and, for each, every finding of ``group`` it repairs too.

    ``cancel`` stops it when the user has selected another finding meanwhile.
    """
    if finding.example is None or not 0 <= finding.example < len(examples):
        return finding, []
    datas = _Datas(examples)
    context = (
        context_for(_checked(datas, cancel)) if finding.code == "missing_system_message" else FixContext()
    )
    out = []
    for kind in fixes_for(finding, datas[finding.example], context):
        same = []
        for i, f in enumerate(group):
            if cancel is not None and not i % 512:
                cancel.raise_if_cancelled()
            if (
                f.example is not None
                and 0 <= f.example < len(datas)
                and kind in fixes_for(f, datas[f.example], context)
            ):
                same.append(f)
        out.append(FixOffer(kind, finding, same, context))
    return finding, out


def plan_work(
    kind: FixKind, findings: list[Finding], examples: list[Example], context: FixContext
) -> FixPlan:
    changes = plan(kind, findings, _Datas(examples), context)
    stamps = [(examples[c.example].uid, examples[c.example].revision) for c in changes]
    return FixPlan(kind, changes, stamps)


class FixActions(QObject):
    """Signals: ``offers_ready(object, list)`` (the finding, its ``FixOffer``s), ``preview_opened(object)``
    (the dialog), ``applied(int)`` (examples changed)."""

    offers_ready = Signal(object, list)
    preview_opened = Signal(object)
    applied = Signal(int)

    def __init__(self, document: DatasetDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = document
        self._parent_widget = parent
        self._asked: Finding | None = None
        self.dialog: FixPreviewDialog | None = None
        self._offers_task: Task | None = None
        self._asked_version = -1

    def request_offers(self, finding: Finding, group: list[Finding], version: int) -> None:
        """Find the fixes for ``finding`` in the background; ``offers_ready`` answers (the last ask wins).

        ``version``: the ``structure_version`` the findings' example rows are numbered for.
        """
        self._asked = finding
        self._asked_version = version
        if self._offers_task is not None:
            self._offers_task.cancel()  # an earlier selection's search: nobody waits for it any more
        examples = list(self.doc.examples)
        op = self.doc.runner.op(offers_work, finding, group, examples, cancel=True)
        self._offers_task = op.on_result(self._on_offers).start(self)

    def preview(self, kind: FixKind, findings: list[Finding], context: FixContext, version: int) -> bool:
        """Plan the fix in the background, then show what it changes; nothing changes until accepted.

        Returns False (and does nothing) when rows moved since the findings were numbered (``version``):
        their row numbers would point at other examples.
        """
        if version != self.doc.structure_version:
            return False
        examples = list(self.doc.examples)
        op = self.doc.runner.op(plan_work, kind, findings, examples, context)
        op.on_result(self._on_planned).start(self)
        return True

    def apply(self, fix: FixPlan) -> int:
        """Put the planned changes on the undo stack as one step; returns how many examples changed."""
        updates: dict[int, tuple[Any, Any]] = {}
        deletions: list[int] = []
        for change, (uid, revision) in zip(fix.changes, fix.stamps, strict=True):
            ex = self.doc.example_by_uid(uid)
            row = self.doc.row_of(uid)
            if ex is None or row is None or ex.revision != revision:
                continue  # edited or removed since the preview: leave it
            if change.after is None:
                deletions.append(row)
            else:
                updates[uid] = (ex.data, change.after)
        n = len(updates) + len(deletions)
        if not n:
            return 0
        text = fix_label(fix.kind, n)
        stack = self.doc.undo_stack
        stack.beginMacro(text)
        if updates:
            stack.push(ReplaceDataCommand(self.doc, updates, text))
        if deletions:
            stack.push(RemoveExamplesCommand(self.doc, deletions, text))
        stack.endMacro()
        self.applied.emit(n)
        return n

    @Slot(object)
    def _on_offers(self, result: tuple[Finding, list[FixOffer]]) -> None:
        finding, offers = result
        if finding is self._asked:  # else an older selection's answer
            version = self._asked_version
            self.offers_ready.emit(finding, [dataclasses.replace(o, version=version) for o in offers])

    @Slot(object)
    def _on_planned(self, fix: FixPlan) -> None:
        if self.dialog is not None:
            self.dialog.close()
        dialog = FixPreviewDialog(fix.kind, fix.changes, self._row_names(fix), self._parent_widget)
        dialog.accepted.connect(lambda: self.apply(fix))
        self.dialog = dialog
        dialog.open()
        self.preview_opened.emit(dialog)

    def _row_names(self, fix: FixPlan) -> list[int | None]:
        """The file line of each changed example (None: not yet saved), for the preview's words."""
        out: list[int | None] = []
        for uid, _revision in fix.stamps:
            ex = self.doc.example_by_uid(uid)
            out.append(None if ex is None else ex.line)
        return out
