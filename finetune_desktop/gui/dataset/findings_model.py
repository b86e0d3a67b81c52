"""FindingsModel: a two-level tree (code -> findings) that stays cheap with tens of thousands of findings.

Top-level rows have internal id 0; a finding row carries its group's row + 1 as internal id. Rows show
plain words in the GUI's language (``finding_text``); ``SecondaryRole`` holds the technical part (the
code of a group, the line and JSON path of a finding) that the delegate draws smaller.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from finetune_desktop.core.validation.findings import Finding, Severity
from finetune_desktop.gui.dataset import core_api
from finetune_desktop.gui.finding_text import render_finding

_Index = QModelIndex | QPersistentModelIndex
FindingRole = Qt.ItemDataRole.UserRole + 10
SecondaryRole = Qt.ItemDataRole.UserRole + 11


@dataclass
class FindingGroup:
    code: str
    severity: Severity
    findings: list[Finding]


def group_findings(findings: list[Finding]) -> list[FindingGroup]:
    groups: dict[str, FindingGroup] = {}
    for f in findings:
        g = groups.get(f.code)
        if g is None:
            g = groups[f.code] = FindingGroup(f.code, f.severity, [])
        if f.severity == Severity.ERROR:
            g.severity = Severity.ERROR
        g.findings.append(f)
    return sorted(groups.values(), key=lambda g: (g.severity != Severity.ERROR, g.code))


class FindingsModel(QAbstractItemModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.groups: list[FindingGroup] = []

    def set_findings(self, findings: list[Finding]) -> None:
        self.set_groups(group_findings(findings))

    def set_groups(self, groups: list[FindingGroup]) -> None:
        """Show findings already grouped (``group_findings``, which a worker can run)."""
        self.beginResetModel()
        self.groups = groups
        self.endResetModel()

    def finding(self, index: _Index) -> Finding | None:
        if not index.isValid() or index.internalId() == 0:
            return None
        return self.groups[index.internalId() - 1].findings[index.row()]

    # ------------------------------------------------------------ Qt overrides
    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, 0) if row < len(self.groups) else QModelIndex()
        if parent.internalId() != 0:
            return QModelIndex()
        g = parent.row()
        if g >= len(self.groups) or row >= len(self.groups[g].findings):
            return QModelIndex()
        return self.createIndex(row, 0, g + 1)

    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self.groups)
        if parent.column() != 0 or parent.internalId() != 0:
            return 0
        return len(self.groups[parent.row()].findings)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 1

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        try:
            if index.internalId() == 0:
                return self._group_data(self.groups[index.row()], role)
            return self._finding_data(self.groups[index.internalId() - 1].findings[index.row()], role)
        except (IndexError, KeyError):
            return None

    def _group_data(self, g: FindingGroup, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            icon = "✖" if g.severity == Severity.ERROR else "⚠"
            desc = core_api.finding_description(g.code) or g.findings[0].message
            return f"{icon} ({len(g.findings)}) {desc}"  # the count first: a long title is cut at the edge
        if role == SecondaryRole:
            return g.code
        if role == Qt.ItemDataRole.ToolTipRole:  # the row is cut at the panel's edge: the whole text here
            desc = core_api.finding_description(g.code) or g.findings[0].message
            return f"{desc} ({len(g.findings)})\n{g.code}"
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor("#c62828" if g.severity == Severity.ERROR else "#b26a00"))
        return None

    def _finding_data(self, f: Finding, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return render_finding(f).detail
        if role == SecondaryRole:
            return render_finding(f).where
        if role == Qt.ItemDataRole.ToolTipRole:
            text = render_finding(f)
            return "\n".join(s for s in (text.detail, text.fix, text.where) if s)
        if role == FindingRole:
            return f
        return None
