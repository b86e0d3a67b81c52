"""DatasetFilterModel: search and sort over the example table without stalling on 100k rows.

A ``QSortFilterProxyModel`` calls a Python ``filterAcceptsRow`` once per row on every keystroke, which
takes far longer than a frame at 100k rows. This model keeps the list of visible source rows itself:

* search scans the document's search index in time-boxed slices on the event loop (each slice stops
  after ``SLICE_SECONDS``), narrowing from the previous matches when the new text extends the old one;
  the view switches to the new rows in one reset when the scan completes;
* sorting computes every row's key on a worker (a text key means parsing the example again) and applies
  the new order in one layout change; ``_order`` then holds all source rows in sorted order and a search
  scans in that order, so its result needs no sort;
* inserting or removing examples adjusts the row lists in place (O(rows), no re-scan, no re-sort): an
  inserted example shows next to its neighbour, an appended one at the end.
"""

from __future__ import annotations

import bisect
import heapq
import time
from collections.abc import Callable, Iterable
from functools import partial
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal

from finetune_desktop.core.cancel import CancelToken, ProgressCallback
from finetune_desktop.core.dataset.examples import Example
from finetune_desktop.core.dataset.summaries import summarize
from finetune_desktop.core.validation.findings import Severity
from finetune_desktop.gui.dataset.pacing import gc_paused, paced
from finetune_desktop.gui.dataset.search_index import IndexScan, clean_needle
from finetune_desktop.gui.dataset.table_model import (
    COL_ASSISTANT,
    COL_FINDINGS,
    COL_NUMBER,
    COL_TAGS,
    COL_TOKENS,
    COL_TURNS,
    COL_USER,
    ROLES,
    ROW_FLAGS,
    DatasetTableModel,
)
from finetune_desktop.gui.tasks import Task

_Index = QModelIndex | QPersistentModelIndex
SLICE_SECONDS = 0.008
SORT_RUN = 4096
#: characters of a text column that decide the order (a longer common prefix keeps the row order)
TEXT_KEY_CHARS = 64


class DatasetFilterModel(QAbstractTableModel):
    """Signals: ``filtering_started()``, ``filtering_finished(matches)``, ``sorting_started()``,
    ``sorting_finished()``."""

    filtering_started = Signal()
    filtering_finished = Signal(int)
    sorting_started = Signal()
    sorting_finished = Signal()

    def __init__(self, source: DatasetTableModel) -> None:
        super().__init__(source)
        self.source = source
        self.doc = source.doc
        self._rows: list[int] = list(range(source.rowCount()))
        self._order: list[int] | None = None  # all source rows in sort order; None: unsorted
        self._pos: dict[int, int] | None = None
        self._needle = ""
        self._applied = ""  # needle whose matches are in _rows
        self._last_index: IndexScan | None = None  # the index search that found them
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._sort_gen = 0
        self._sorting = False
        self._sort_task: Task | None = None
        self._scan: _Scan | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._step)
        self._appending = False
        s = source
        s.rowsAboutToBeInserted.connect(self._on_about_to_insert)
        s.rowsInserted.connect(self._on_inserted)
        s.rowsAboutToBeRemoved.connect(self._on_about_to_remove)
        s.rowsRemoved.connect(self._on_removed)
        s.modelAboutToBeReset.connect(self._on_about_to_reset)
        s.modelReset.connect(self._on_reset)
        s.dataChanged.connect(self._on_data_changed)
        s.headerDataChanged.connect(self.headerDataChanged)
        self._removing: tuple[int, int] | None = None
        self.doc.load_finished.connect(self._on_load_finished)

    # ------------------------------------------------------------ mapping
    def mapToSource(self, index: _Index) -> QModelIndex:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return QModelIndex()
        return self.source.index(self._rows[index.row()], index.column())

    def mapFromSource(self, index: _Index) -> QModelIndex:
        if not index.isValid():
            return QModelIndex()
        row = self.proxy_row(index.row())
        return QModelIndex() if row is None else self.index(row, index.column())

    def source_row(self, proxy_row: int) -> int:
        return self._rows[proxy_row]

    def proxy_row(self, source_row: int) -> int | None:
        if self._order is None and not self._applied and len(self._rows) == len(self.doc):
            return source_row if 0 <= source_row < len(self._rows) else None  # rows[i] == i
        if self._pos is None:
            self._pos = dict(zip(self._rows, range(len(self._rows)), strict=True))
        return self._pos.get(source_row)

    # ------------------------------------------------------------ Qt overrides
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.source.columnCount()

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in ROLES:
            return None
        row = index.row()
        rows = self._rows
        if not 0 <= row < len(rows):
            return None
        return self.source.cell(rows[row], index.column(), role)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        return self.source.headerData(section, orientation, role)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return ROW_FLAGS

    # ------------------------------------------------------------ sort
    @property
    def sorting(self) -> bool:
        return self._sorting

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort on a worker; the rows switch to the new order in one step (``sorting_finished``)."""
        self._sort = (column, order)
        self._sort_gen += 1
        gen = self._sort_gen
        self._sorting = True
        self.sorting_started.emit()
        if self._sort_task is not None:
            self._sort_task.cancel()  # its order is stale: the newer sort replaces it
        self._sort_task = (
            self.doc.runner.op(
                _sorted_rows,
                list(self.doc.examples),
                column,
                order == Qt.SortOrder.DescendingOrder,
                self._key_source(column),
                cancel=True,
                progress=True,
            )
            .on_result(partial(self._on_sorted, gen, self.doc.structure_version))
            .on_error(partial(self._on_sort_failed, gen))
            .on_cancelled(partial(self._on_sort_cancelled, gen))
            .start(self)
        )

    def _key_source(self, column: int) -> Any:
        doc = self.doc
        if column == COL_TOKENS:
            return doc.tokens_for
        if column == COL_FINDINGS:
            return doc.findings_for
        return None

    def _on_sorted(self, gen: int, version: int, order: list[int]) -> None:
        if gen != self._sort_gen:
            return
        if version != self.doc.structure_version:  # rows moved meanwhile: sort the new rows
            assert self._sort is not None
            self.sort(*self._sort)
            return
        self._sorting = False
        self._set_order(order)
        self.sorting_finished.emit()

    def _on_sort_failed(self, gen: int, _exc: BaseException, _tb: str = "") -> None:
        self._on_sort_cancelled(gen)

    def _on_sort_cancelled(self, gen: int) -> None:
        if gen == self._sort_gen:
            self._sorting = False
            self.sorting_finished.emit()

    def _set_order(self, order: list[int] | None) -> None:
        self.layoutAboutToBeChanged.emit()
        old = self._rows
        self._order = order
        if order is None:
            self._rows = sorted(old)
        elif len(old) == len(order):
            self._rows = list(order)
        else:
            shown = set(old)
            self._rows = [r for r in order if r in shown]
        self._pos = None
        # keep persistent indexes (the selection) on the same examples
        persistent = self.persistentIndexList()
        if persistent:
            pos = dict(zip(self._rows, range(len(self._rows)), strict=True))
            for idx in persistent:
                if idx.row() < len(old):
                    new_row = pos.get(old[idx.row()])
                    self.changePersistentIndex(
                        idx, self.index(new_row, idx.column()) if new_row is not None else QModelIndex()
                    )
        self.layoutChanged.emit()

    # ------------------------------------------------------------ search
    @property
    def filter_text(self) -> str:
        return self._needle

    @property
    def filtering(self) -> bool:
        return self._scan is not None

    def _all_rows(self) -> list[int]:
        return list(self._order) if self._order is not None else list(range(len(self.doc)))

    def set_filter_text(self, text: str) -> None:
        needle = clean_needle(text)
        if needle == self._needle and self._scan is None:
            return
        self._needle = needle
        if not needle:
            self._timer.stop()
            self._scan = None
            self._publish(self._all_rows(), "")
            return
        narrowing = bool(self._applied and self._scan is None and self._applied in needle)
        # (narrowing: only the rows that matched the shorter text can match; typing on, the index looks
        # in each text from where the shorter text was found)
        prior = self._last_index if narrowing and needle.startswith(self._applied) else None
        self._scan = _Scan(needle, self.doc, self._rows if narrowing else None, self._all_rows, prior)
        self.filtering_started.emit()
        self._step()
        if self._scan is not None:
            self._timer.start()

    def _step(self) -> None:
        scan = self._scan
        if scan is None:
            self._timer.stop()
            return
        if scan.run(SLICE_SECONDS):
            self._scan = None
            self._timer.stop()
            self._last_index = scan.index_scan
            self._publish(scan.matches, scan.needle)

    def _publish(self, rows: list[int], needle: str) -> None:
        self.beginResetModel()
        self._rows = rows
        self._pos = None
        self._applied = needle
        self.endResetModel()
        self.filtering_finished.emit(len(rows))

    # ------------------------------------------------------------ source changes
    def _on_about_to_insert(self, parent: QModelIndex, first: int, last: int) -> None:
        self._appending = first == self.source.rowCount()
        if not self._appending:
            self.beginResetModel()

    def _on_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        count = last - first + 1
        added = range(first, last + 1)
        if self._needle:
            matches = self.doc.search_matcher(self._needle)
            text = self.doc.search_text
            new = [r for r in added if matches(text(r))]
        else:
            new = list(added)
        if self._appending:
            self._appending = False
            if self._order is not None:
                self._order.extend(added)
            if self._scan is not None:  # (its search, for this needle, started before these rows came)
                examples = self.doc.examples
                self._scan.add_rows(added, [examples[r].uid for r in new])
            if new:
                n = len(self._rows)
                self.beginInsertRows(QModelIndex(), n, n + len(new) - 1)
                self._rows.extend(new)
                self._pos = None
                self.endInsertRows()
            return
        # inserted in the middle: shift the rows after it; the new rows show at their place (unsorted)
        # or right after their neighbour above (sorted)
        in_order = self._order is not None
        self._rows = _inserted(self._rows, first, count, new, in_order)
        if self._order is not None:
            self._order = _inserted(self._order, first, count, list(added), in_order)
        if self._scan is not None:
            self._scan = _Scan(self._needle, self.doc, None, self._all_rows)
        self._pos = None
        self.endResetModel()

    def _on_about_to_remove(self, parent: QModelIndex, first: int, last: int) -> None:
        self._removing = (first, last)
        self.beginResetModel()

    def _on_removed(self, *args: object) -> None:
        if self._removing is None:
            self.endResetModel()
            return
        first, last = self._removing
        self._removing = None
        if self._order is None and not self._applied and len(self._rows) == len(self.doc) + last - first + 1:
            self._rows = list(range(len(self.doc)))  # all rows in file order (built in C)
        elif self._order is not None and len(self._rows) == len(self._order):
            self._order = _without(self._order, first, last)  # sorted, no search: the same list
            self._rows = list(self._order)
        else:
            self._rows = _without(self._rows, first, last)
            if self._order is not None:
                self._order = _without(self._order, first, last)
        if self._scan is not None:
            self._scan = _Scan(self._needle, self.doc, None, self._all_rows)
        self._pos = None
        self.endResetModel()

    def _on_about_to_reset(self) -> None:
        self.beginResetModel()

    def _on_reset(self) -> None:
        self._sort_gen += 1  # a sort still running is for the old rows
        if self._sort_task is not None:
            self._sort_task.cancel()
            self._sort_task = None
        self._sorting = False
        self._order = None
        self._scan = None
        self._last_index = None
        self._timer.stop()
        self._rows = list(range(len(self.doc)))
        self._applied = ""
        self._pos = None
        self.endResetModel()
        if self._needle:  # search the new rows
            needle, self._needle = self._needle, ""
            self.set_filter_text(needle)
        if self._sort is not None and len(self.doc):
            self.sort(*self._sort)

    def _on_load_finished(self, _ok: bool) -> None:
        """Rows read while loading were appended unsorted: sort them all."""
        if self._sort is not None and len(self.doc):
            self.sort(*self._sort)

    def _on_data_changed(self, top: QModelIndex, bottom: QModelIndex, roles: list[int] | None = None) -> None:
        if not self._rows:
            return
        if bottom.row() - top.row() > 50:
            self.dataChanged.emit(
                self.index(0, top.column()), self.index(len(self._rows) - 1, bottom.column())
            )
            return
        for r in range(top.row(), bottom.row() + 1):
            p = self.proxy_row(r)
            if p is not None:
                self.dataChanged.emit(self.index(p, top.column()), self.index(p, bottom.column()))


def _without(rows: list[int], first: int, last: int) -> list[int]:
    """``rows`` after source rows first..last were removed (the ones after shift up)."""
    n = last - first + 1
    return [r if r < first else r - n for r in rows if r < first or r > last]


def _inserted(rows: list[int], first: int, count: int, new: list[int], sorted_: bool) -> list[int]:
    """``rows`` after ``count`` source rows were inserted at ``first``; ``new`` (the inserted rows to
    show) go where they belong in ascending row order, or (``sorted_``) right after the row that
    precedes them, at the end when that one is not shown."""
    shifted = [r if r < first else r + count for r in rows]
    if not new:
        return shifted
    if not sorted_:
        at = bisect.bisect_left(shifted, first)
    else:
        try:
            at = shifted.index(first - 1) + 1
        except ValueError:
            at = len(shifted)
    return shifted[:at] + new + shifted[at:]


class _Scan:
    """One incremental search; ``run`` returns True when finished, with the matching rows in
    ``matches`` (in display order).

    First every block of the search index (``doc.search_scan``), then, among ``candidates`` (source
    rows in display order; by default all rows at that point), the rows whose example matched.
    """

    def __init__(
        self,
        needle: str,
        doc: Any,
        candidates: list[int] | None,
        all_rows: Callable[[], list[int]],
        prior: IndexScan | None = None,
    ) -> None:
        self.needle = needle
        self.doc = doc
        self.index_scan: IndexScan = doc.search_scan(needle, prior)
        self.candidates = None if candidates is None else list(candidates)
        self._all_rows = all_rows
        self.pos = 0
        self.matches: list[int] = []
        self._matcher: Callable[[bytes], bool] | None = None

    def add_rows(self, rows: Iterable[int], matched_uids: list[int]) -> None:
        """Rows appended meanwhile (``matched_uids``: those of them that match)."""
        self.index_scan.matched.update(matched_uids)
        if self.candidates is not None:
            self.candidates.extend(rows)

    def run(self, budget: float) -> bool:
        deadline = time.perf_counter() + budget
        scan = self.index_scan
        while not scan.done:
            scan.step()
            if time.perf_counter() > deadline:
                return False
        if self.candidates is None:
            self.candidates = self._all_rows()
        matched = scan.matched
        examples = self.doc.examples
        n = len(examples)
        cands = self.candidates
        out = self.matches
        end = len(cands)
        while self.pos < end:
            stop = min(end, self.pos + 5000)
            for r in cands[self.pos : stop]:
                if r >= n:
                    continue
                ex = examples[r]
                if ex.uid in matched or (ex.has_tags and self._tag_matches(ex)):
                    out.append(r)
                elif not ex.released and self._unindexed(ex.uid) and self._matches(r):
                    out.append(r)  # created in the app (or restored) and not in the index yet
            self.pos = stop
            if time.perf_counter() > deadline:
                return self.pos >= end
        return True

    def _tag_matches(self, ex: Example) -> bool:
        """Tags are searchable too ("validation" finds the rows moved to validation)."""
        return any(self.needle in tag.lower() for tag in ex.tag_names())

    def _unindexed(self, uid: int) -> bool:
        return not self.doc.search_indexed(uid)

    def _matches(self, row: int) -> bool:
        if self._matcher is None:
            self._matcher = self.doc.search_matcher(self.needle)
        return self._matcher(self.doc.search_text(row))


def _sorted_rows(
    examples: list[Example],
    column: int,
    descending: bool,
    lookup: Any,
    *,
    cancel: CancelToken,
    progress: ProgressCallback,
) -> list[int]:
    """Runs on a worker: the rows of ``examples`` ordered by ``column`` (ties keep the row order)."""
    n = len(examples)
    with paced() as breathe, gc_paused():
        if column == COL_NUMBER:
            keys: list[Any] = list(range(n))
        else:
            keys = []
            for i, ex in enumerate(examples):
                if i % 500 == 0:
                    cancel.raise_if_cancelled()
                    progress(i, n)
                keys.append(_sort_key(ex, column, lookup))
                breathe()
        return _ordered(keys, descending, breathe)


def _ordered(keys: list[Any], descending: bool, breathe: Callable[[], None]) -> list[int]:
    """``sorted(range(len(keys)), key=keys.__getitem__, reverse=descending)`` in pieces: one C-level
    sort of 100k strings holds the GIL for ~100 ms, and the UI thread cannot run meanwhile. Runs of
    ``SORT_RUN`` are sorted, then merged in Python with pauses (equal keys keep ascending row order:
    both ``sorted(reverse=True)`` and ``heapq.merge`` are stable)."""
    n = len(keys)
    key = keys.__getitem__
    runs = []
    for start in range(0, n, SORT_RUN):
        runs.append(sorted(range(start, min(n, start + SORT_RUN)), key=key, reverse=descending))
        breathe()
    if len(runs) <= 1:
        return runs[0] if runs else []
    out: list[int] = []
    for i, row in enumerate(heapq.merge(*runs, key=key, reverse=descending)):
        out.append(row)
        if not i & 1023:
            breathe()
    return out


def _sort_key(ex: Example, column: int, lookup: Any) -> Any:
    if column == COL_TAGS:
        return ", ".join(ex.tag_names()).lower()
    try:
        if column == COL_TOKENS:
            t = lookup(ex.uid)
            return -1 if t is None else t.total
        if column == COL_FINDINGS:
            return sum(100 if f.severity == Severity.ERROR else 1 for f in lookup(ex.uid))
        s = summarize(ex.data)
        if column == COL_TURNS:
            return s.turns
        if column == COL_USER:
            return s.first_user[:TEXT_KEY_CHARS].lower()
        if column == COL_ASSISTANT:
            return s.last_assistant[:TEXT_KEY_CHARS].lower()
    except Exception:  # noqa: BLE001 - an odd example sorts first, it never stops the sort
        pass
    return "" if column in (COL_USER, COL_ASSISTANT) else -1
