"""ValidationPanel: every finding (and every unreadable line) grouped by code; a click goes to the place."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QTimer, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QTreeView, QVBoxLayout, QWidget

from finetune_desktop.gui.dataset.document import DatasetDocument
from finetune_desktop.gui.dataset.findings_model import FindingsModel

AUTO_EXPAND_MAX = 1000


class ValidationPanel(QWidget):
    """Signals: ``finding_activated(object)`` (a Finding)."""

    finding_activated = Signal(object)

    def __init__(self, document: DatasetDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = document
        self.model = FindingsModel(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.view = QTreeView()
        self.view.setModel(self.model)
        self.view.setHeaderHidden(True)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.clicked.connect(self._on_view_clicked)
        self.view.activated.connect(self._on_view_clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self._refresh_if_shown)
        self._stale = False
        document.findings_changed.connect(self._timer.start)
        document.reset_done.connect(self._timer.start)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        view = self.doc.findings_view()  # (grouped on the checking worker)
        expanded = {
            self.model.groups[i].code
            for i in range(len(self.model.groups))
            if self.view.isExpanded(self.model.index(i, 0))
        }
        self.model.set_groups(view.groups)
        few = len(self.model.groups) <= 3
        for i, g in enumerate(self.model.groups):
            # (laying out a group of 100k expanded rows takes a while: only small ones open by themselves)
            if g.code in expanded or (few and len(g.findings) <= AUTO_EXPAND_MAX):
                self.view.expand(self.model.index(i, 0))
        self.summary.setText(self._summary_text(len(view.findings), view.errors))

    def _summary_text(self, count: int, errors: int) -> str:
        if not len(self.doc) and not count:
            return self.tr("Open or import a dataset to check it.")
        warnings = count - errors
        parts = [self.tr("%n error(s)", "", errors), self.tr("%n warning(s)", "", warnings)]
        unreadable = len(self.doc.dataset.rejected)
        if unreadable:
            parts.append(
                self.tr(
                    "%n line(s) could not be read and are listed below; they are kept in "
                    "a side file when you save",
                    "",
                    unreadable,
                )
            )
        if self.doc.analysing:
            parts.append(self.tr("still checking…"))
        if not count and not self.doc.analysing:
            return self.tr("No problems found.")
        return " · ".join(parts)

    @Slot(QModelIndex)
    def _on_view_clicked(self, index: QModelIndex) -> None:
        f = self.model.finding(index)
        if f is not None:
            self.finding_activated.emit(f)

    @Slot()
    def _refresh_if_shown(self) -> None:
        """Hidden tabs only note the change: summing 100k examples for nobody costs a frame."""
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.refresh()
