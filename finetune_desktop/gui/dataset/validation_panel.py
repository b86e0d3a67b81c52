"""ValidationPanel: every finding (and every unreadable line) grouped by code; a click goes to the place.

The selected finding is shown in full below the list (``FindingDetailBox``) with its one-click fixes
(``FixActions``): on this example, or on every example with the same finding.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QSplitter, QTreeView, QVBoxLayout, QWidget

from finetune_desktop.core.dataset.examples import RejectedLine
from finetune_desktop.core.validation.findings import Finding
from finetune_desktop.core.validation.fixes import fill_reply
from finetune_desktop.gui.dataset.commands import ReplaceDataCommand
from finetune_desktop.gui.dataset.document import DatasetDocument
from finetune_desktop.gui.dataset.finding_delegate import FindingDelegate
from finetune_desktop.gui.dataset.finding_detail import FindingDetailBox
from finetune_desktop.gui.dataset.findings_model import FindingsModel
from finetune_desktop.gui.dataset.fix_actions import FixActions, FixOffer
from finetune_desktop.gui.dataset.fix_preview import fix_label
from finetune_desktop.gui.dataset.line_mender import LineMender, MendLineCommand, rejected_line_of
from finetune_desktop.gui.dataset.reply_filler import ReplyFiller

AUTO_EXPAND_MAX = 1000


class ValidationPanel(QWidget):
    """Signals: ``finding_activated(object)`` (a Finding), ``line_mended(int)`` (an unreadable line, by
    its number, became an example)."""

    finding_activated = Signal(object)
    line_mended = Signal(int)

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
        self.view.setItemDelegate(FindingDelegate(self.view))
        self.view.clicked.connect(self._on_view_clicked)
        self.view.activated.connect(self._on_view_clicked)
        self.view.selectionModel().currentChanged.connect(self._on_current_changed)
        self.detail = FindingDetailBox()
        self.fixes = FixActions(document, self)
        self.fixes.offers_ready.connect(self._on_offers_ready)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.view)
        scroll = QScrollArea()  # a long finding or the line editor scrolls instead of being cut
        scroll.setWidget(self.detail)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumHeight(190)
        scroll.setVisible(False)
        self.detail.shown.connect(scroll.setVisible)  # no empty box while nothing is selected
        split.addWidget(scroll)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self._refresh_if_shown)
        self._stale = False
        self._shown_version = -1  # the structure_version the shown findings are numbered for
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
        was, _group = self.selected()
        was_group = was is not None and self.model.finding(self.view.currentIndex()) is None
        same_rows = view.version == self._shown_version
        self.model.set_groups(view.groups)
        self._shown_version = view.version
        few = len(self.model.groups) <= 3
        for i, g in enumerate(self.model.groups):
            # (laying out a group of 100k expanded rows takes a while: only small ones open by themselves)
            if g.code in expanded or (few and len(g.findings) <= AUTO_EXPAND_MAX):
                self.view.expand(self.model.index(i, 0))
        again = self._index_of(was, was_group) if same_rows and was is not None else QModelIndex()
        if again.isValid():
            # the same finding still there at the same rows: keep it selected, and the box as it is
            # (a correction being typed into an unreadable line survives a refresh)
            selection = self.view.selectionModel()
            blocked = selection.blockSignals(True)
            self.view.setCurrentIndex(again)
            selection.blockSignals(blocked)
            self.view.viewport().update()
        else:
            self.detail.show_finding(None)  # the rows it spoke of may have moved: select again
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
                    "%n line(s) could not be read and are listed below: correct them here, and "
                    "when you save, choose to keep them in the file or move them to a side file",
                    "",
                    unreadable,
                )
            )
        if self.doc.analysing:
            parts.append(self.tr("still checking…"))
        if not count and not self.doc.analysing:
            return self.tr("No problems found.")
        return " · ".join(parts)

    def _index_of(self, finding: Finding | None, group_row: bool) -> QModelIndex:
        """Where ``finding`` (equal place and code; its group row when ``group_row``) is shown now."""
        if finding is None:
            return QModelIndex()
        for g, group in enumerate(self.model.groups):
            if group.code != finding.code:
                continue
            parent = self.model.index(g, 0)
            if group_row:
                return parent
            for r, f in enumerate(group.findings):
                if f == finding:
                    return self.model.index(r, 0, parent)
        return QModelIndex()

    def selected(self) -> tuple[Finding | None, list[Finding]]:
        """The current finding (a group's first one for a group row) and the findings of its group."""
        index = self.view.currentIndex()
        if not index.isValid():
            return None, []
        f = self.model.finding(index)
        group_row = index.row() if f is None else index.parent().row()
        if not 0 <= group_row < len(self.model.groups):
            return None, []
        group = self.model.groups[group_row].findings
        return (f if f is not None else (group[0] if group else None)), group

    @Slot(QModelIndex, QModelIndex)
    def _on_current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        finding, group = self.selected()
        is_group = finding is not None and self.model.finding(self.view.currentIndex()) is None
        self.detail.show_finding(finding, len(group) if is_group else 1)
        if finding is None:
            return
        rejected = None if is_group else rejected_line_of(self.doc, finding)
        if rejected is not None:
            mender = LineMender(rejected, finding.params.get("column"))
            mender.mended.connect(lambda data: self._on_line_mended(rejected, data))
            self.detail.set_extra(mender)
        elif finding.code == "empty_assistant_message" and not is_group:
            filler = ReplyFiller()
            filler.filled.connect(lambda text: self._on_reply_filled(finding, text))
            self.detail.set_extra(filler)
        self.fixes.request_offers(finding, group, self._shown_version)

    def _on_reply_filled(self, finding: Finding, text: str) -> None:
        row = finding.example
        if row is None or self._shown_version != self.doc.structure_version or not 0 <= row < len(self.doc):
            return  # rows moved since: select the finding again
        ex = self.doc.examples[row]
        new = fill_reply(ex.data, finding.path, text)
        if new is not None:
            undo_text = self.tr("Write the reply of example %1").replace("%1", str(row + 1))
            self.doc.undo_stack.push(ReplaceDataCommand(self.doc, {ex.uid: (ex.data, new)}, undo_text))

    def _on_line_mended(self, rejected: RejectedLine, data: object) -> None:
        if not any(r is rejected for r in self.doc.dataset.rejected):
            return  # already mended (a second click), or the file was reopened meanwhile
        text = self.tr("Use line %1 as an example").replace("%1", str(rejected.line))
        self.doc.undo_stack.push(MendLineCommand(self.doc, rejected, data, text))
        self.line_mended.emit(rejected.line)

    @Slot(object, list)
    def _on_offers_ready(self, finding: Finding, offers: list[FixOffer]) -> None:
        current, _group = self.selected()
        if current is not finding:
            return
        is_group = self.model.finding(self.view.currentIndex()) is None
        self.detail.clear_buttons()
        for offer in offers:
            if not is_group:
                one = self.detail.add_button(fix_label(offer.kind, 1) + "…")
                one.clicked.connect(self._previewer(offer, [offer.finding]))
            if len(offer.same) > 1 or is_group:
                every = self.detail.add_button(fix_label(offer.kind, len(offer.same)) + "…")
                every.clicked.connect(self._previewer(offer, offer.same))

    def _previewer(self, offer: FixOffer, findings: list[Finding]) -> Callable[[], None]:
        """A slot for a fix button (``clicked`` passes ``checked``, which the preview does not take)."""

        def preview() -> None:
            if not self.fixes.preview(offer.kind, findings, offer.context, offer.version):
                self.detail.show_finding(None)  # stale: the list is being renumbered

        return preview

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
