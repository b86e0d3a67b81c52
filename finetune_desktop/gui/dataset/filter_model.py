"""DatasetFilterModel: search and sort over the example table without stalling on 100k rows.

A ``QSortFilterProxyModel`` calls a Python ``filterAcceptsRow`` once per row on every keystroke, which
takes far longer than a frame at 100k rows. This model keeps a list of visible source rows instead and
scans the document's precomputed lower-case text index in time-boxed slices on the event loop (each
slice stops after ``SLICE_SECONDS``), narrowing from the previous matches when the new search text
extends the old one. The view switches to the new rows in one reset when the scan completes.
"""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal

from finetune_desktop.gui.dataset.table_model import DatasetTableModel, SortRole

_Index = QModelIndex | QPersistentModelIndex
SLICE_SECONDS = 0.008


class DatasetFilterModel(QAbstractTableModel):
    """Signals: ``filtering_started()``, ``filtering_finished(matches)``."""

    filtering_started = Signal()
    filtering_finished = Signal(int)

    def __init__(self, source: DatasetTableModel) -> None:
        super().__init__(source)
        self.source = source
        self.doc = source.doc
        self._rows: list[int] = list(range(source.rowCount()))
        self._pos: dict[int, int] | None = None
        self._needle = ""
        self._applied = ""  # needle whose matches are in _rows
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._scan: _Scan | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._step)
        s = source
        s.rowsAboutToBeInserted.connect(self._on_about_to_insert)
        s.rowsInserted.connect(self._on_inserted)
        s.rowsAboutToBeRemoved.connect(self._on_about_to_change)
        s.rowsRemoved.connect(self._on_structure_changed)
        s.modelAboutToBeReset.connect(self._on_about_to_change)
        s.modelReset.connect(self._on_structure_changed)
        s.dataChanged.connect(self._on_data_changed)
        s.headerDataChanged.connect(self.headerDataChanged)
        self._appending = False

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
        if self._pos is None:
            self._pos = {r: i for i, r in enumerate(self._rows)}
        return self._pos.get(source_row)

    # ------------------------------------------------------------ Qt overrides
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.source.columnCount()

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self.source.data(self.source.index(self._rows[index.row()], index.column()), role)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        return self.source.headerData(section, orientation, role)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return self.source.flags(self.mapToSource(index))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        old = list(self._rows)
        self._apply_sort()
        self._pos = None
        # keep persistent indexes (the selection) on the same examples
        pos = {r: i for i, r in enumerate(self._rows)}
        for idx in self.persistentIndexList():
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

    def set_filter_text(self, text: str) -> None:
        needle = text.strip().lower()
        if needle == self._needle and self._scan is None:
            return
        self._needle = needle
        if not needle:
            self._timer.stop()
            self._scan = None
            self._publish(list(range(len(self.doc))), "")
            return
        if (self._applied and self._scan is None and needle.startswith(self._applied)) or (
            self._applied and self._scan is None and self._applied in needle
        ):
            candidates = sorted(self._rows)  # narrowing: only rows that matched the shorter text
        else:
            candidates = None
        self._scan = _Scan(needle, candidates, len(self.doc))
        self.filtering_started.emit()
        self._step()
        if self._scan is not None:
            self._timer.start()

    def _step(self) -> None:
        scan = self._scan
        if scan is None:
            self._timer.stop()
            return
        if scan.run(self.doc, SLICE_SECONDS):
            self._scan = None
            self._timer.stop()
            self._publish(scan.matches, scan.needle)

    def _publish(self, rows: list[int], needle: str) -> None:
        self.beginResetModel()
        self._rows = rows
        self._pos = None
        self._applied = needle
        if self._sort is not None:
            self._apply_sort()
        self.endResetModel()
        self.filtering_finished.emit(len(rows))

    def _apply_sort(self) -> None:
        if self._sort is None:
            return
        col, order = self._sort
        src = self.source
        keys = {r: src.data(src.index(r, col), SortRole) for r in self._rows}
        self._rows.sort(
            key=lambda r: (keys[r] is None, keys[r] if keys[r] is not None else 0, r),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )

    def _recompute_sync(self) -> list[int]:
        n = len(self.doc)
        if not self._needle:
            return list(range(n))
        scan = _Scan(self._needle, None, n)
        scan.run(self.doc, float("inf"))
        return scan.matches

    # ------------------------------------------------------------ source changes
    def _on_about_to_insert(self, parent: QModelIndex, first: int, last: int) -> None:
        self._appending = first == self.source.rowCount() and self._sort is None
        if not self._appending:
            self.beginResetModel()

    def _on_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        if not self._appending:
            self._rows = self._recompute_sync()
            self._pos = None
            if self._sort is not None:
                self._apply_sort()
            self.endResetModel()
            return
        self._appending = False
        if self._needle:
            needle = self._needle.encode("utf-8", "surrogatepass")
            new = [r for r in range(first, last + 1) if needle in self.doc.search_text(r)]
        else:
            new = list(range(first, last + 1))
        if new:
            n = len(self._rows)
            self.beginInsertRows(QModelIndex(), n, n + len(new) - 1)
            self._rows.extend(new)
            self._pos = None
            self.endInsertRows()
        if self._scan is not None:
            self._scan.total = len(self.doc)

    def _on_about_to_change(self, *args: object) -> None:
        self.beginResetModel()

    def _on_structure_changed(self, *args: object) -> None:
        if self._scan is not None:  # restart a running scan over the new rows
            self._scan = _Scan(self._needle, None, len(self.doc))
        self._rows = self._recompute_sync() if self._scan is None else list(range(len(self.doc)))
        self._pos = None
        if self._sort is not None:
            self._apply_sort()
        self.endResetModel()

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


class _Scan:
    """One incremental search; ``run`` returns True when finished."""

    def __init__(self, needle: str, candidates: list[int] | None, total: int) -> None:
        self.needle = needle
        self.candidates = candidates
        self.total = total
        self.pos = 0
        self.matches: list[int] = []

    def run(self, doc: Any, budget: float) -> bool:
        deadline = time.perf_counter() + budget
        needle = self.needle.encode("utf-8", "surrogatepass")
        text = doc.search_text
        out = self.matches
        cands = self.candidates
        end = len(cands) if cands is not None else min(self.total, len(doc))
        while self.pos < end:
            stop = min(end, self.pos + 2000)
            if cands is None:
                out.extend(r for r in range(self.pos, stop) if needle in text(r))
            else:
                n = len(doc)
                out.extend(r for r in cands[self.pos : stop] if r < n and needle in text(r))
            self.pos = stop
            if time.perf_counter() > deadline:
                return self.pos >= end
        return True
