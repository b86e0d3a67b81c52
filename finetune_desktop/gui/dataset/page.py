"""DatasetPage: the example list with search and bulk actions, and the editor / findings / cost tabs."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QProgressBar,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from finetune_desktop.core.dataset.examples import Example
from finetune_desktop.core.validation.findings import Finding
from finetune_desktop.gui.dataset import commands
from finetune_desktop.gui.dataset.cost_panel import CostPanel
from finetune_desktop.gui.dataset.document import DatasetDocument
from finetune_desktop.gui.dataset.example_editor import ExampleEditor
from finetune_desktop.gui.dataset.filter_model import DatasetFilterModel
from finetune_desktop.gui.dataset.shared_system import shared_system_hint
from finetune_desktop.gui.dataset.table_model import (
    COL_ASSISTANT,
    COL_FINDINGS,
    COL_NUMBER,
    COL_TAGS,
    COL_TOKENS,
    COL_TURNS,
    COL_USER,
    DatasetTableModel,
)
from finetune_desktop.gui.dataset.validation_panel import ValidationPanel


class DatasetPage(QWidget):
    """Signals: ``selection_changed(int)`` (number of selected examples)."""

    selection_changed = Signal(int)

    def __init__(self, document: DatasetDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = document
        self.table_model = DatasetTableModel(document)
        self.filter_model = DatasetFilterModel(self.table_model)

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search all messages…"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search"))
        self.search.textChanged.connect(self.filter_model.set_filter_text)
        self.match_label = QLabel()
        self.filter_model.filtering_finished.connect(self._on_filtered)
        # sorting 100k rows by text parses every example on a worker: show that something is coming
        self.filter_model.sorting_started.connect(lambda: self.setCursor(Qt.CursorShape.BusyCursor))
        self.filter_model.sorting_finished.connect(self.unsetCursor)

        self.view = QTableView()
        self.view.setModel(self.filter_model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setSortingEnabled(False)
        self.view.horizontalHeader().setSortIndicatorShown(True)
        self.view.horizontalHeader().sectionClicked.connect(self._on_header_clicked)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        vh = self.view.verticalHeader()
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vh.setDefaultSectionSize(self.fontMetrics().height() + 8)
        hh = self.view.horizontalHeader()
        hh.moveSection(hh.visualIndex(COL_NUMBER), 0)  # the row number shows first
        hh.setSortIndicator(COL_NUMBER, Qt.SortOrder.AscendingOrder)  # unsorted: in file order
        hh.setSectionResizeMode(COL_USER, QHeaderView.ResizeMode.Stretch)
        hh.setSectionResizeMode(COL_ASSISTANT, QHeaderView.ResizeMode.Stretch)
        fm = self.fontMetrics()
        self.view.setColumnWidth(COL_NUMBER, fm.horizontalAdvance("000000") + 12)
        self.view.setColumnWidth(COL_TURNS, fm.horizontalAdvance(self.tr("Turns")) + 24)
        self.view.setColumnWidth(COL_TOKENS, fm.horizontalAdvance("000,000") + 24)
        self.view.setColumnWidth(
            COL_FINDINGS,
            max(fm.horizontalAdvance("✖ 99  ⚠ 99"), fm.horizontalAdvance(self.tr("Findings"))) + 20,
        )
        self.view.setColumnWidth(COL_TAGS, fm.horizontalAdvance(self.tr("Tags")) + 28)  # widened by hand
        self.view.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.view.setAccessibleName(self.tr("Examples"))

        self.editor = ExampleEditor(document)
        self.validation = ValidationPanel(document)
        self.validation.finding_activated.connect(self.go_to_finding)
        self.cost = CostPanel(document)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.editor, self.tr("Example"))
        self.tabs.addTab(self.validation, self.tr("Findings"))
        self.tabs.addTab(self.cost, self.tr("Tokens and cost"))
        document.findings_changed.connect(self._update_tab_titles)

        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.match_label)
        bar = QHBoxLayout()
        self.bulk_buttons: list[QToolButton] = []
        for text, slot in (
            (self.tr("New"), self.new_example),
            (self.tr("Duplicate"), self.duplicate_selected),
            (self.tr("Delete"), self.delete_selected),
            (self.tr("System message…"), self.ask_system_message),
            (self.tr("Tag…"), self.ask_tag),
            (self.tr("To validation"), self.move_to_validation),
        ):
            b = QToolButton()
            b.setText(text)
            b.clicked.connect(slot)
            bar.addWidget(b)
            self.bulk_buttons.append(b)
        bar.addStretch(1)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(search_row)
        left_layout.addLayout(bar)
        self.empty_hint = QLabel()
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setMargin(24)
        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.view)
        self.list_stack.addWidget(self.empty_hint)
        left_layout.addWidget(self.list_stack, 1)
        for sig in (
            self.filter_model.modelReset,
            self.filter_model.rowsInserted,
            self.filter_model.rowsRemoved,
            document.load_finished,
        ):
            sig.connect(self._update_empty_hint)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([600, 420])
        self.splitter.setChildrenCollapsible(False)

        self.progress = QProgressBar()
        self.progress.setMaximumHeight(fm.height() + 4)
        self.progress.setVisible(False)
        # Showing the bar must not re-lay out the page: QProgressBar.setValue repaints at once, and a
        # layout change would make that a repaint of the whole window (~25 ms while a file loads).
        keep = self.progress.sizePolicy()
        keep.setRetainSizeWhenHidden(True)
        self.progress.setSizePolicy(keep)
        self.activity_label = QLabel()
        bottom = QHBoxLayout()
        bottom.addWidget(self.activity_label)
        bottom.addWidget(self.progress, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(bottom)
        self._activity = ("", 0, 0)
        self._activity_timer = QTimer(self)
        self._activity_timer.setSingleShot(True)
        self._activity_timer.setInterval(150)  # progress repaints at most ~7 times a second
        self._activity_timer.timeout.connect(self._show_activity)
        document.activity.connect(self._on_activity)
        self._update_bulk_buttons()
        self._update_empty_hint()

    # ------------------------------------------------------------ selection
    def selected_rows(self) -> list[int]:
        """Selected examples as document rows, ascending."""
        rows = {self.filter_model.source_row(i.row()) for i in self.view.selectionModel().selectedRows()}
        return sorted(rows)

    def current_uid(self) -> int | None:
        return self.editor.uid

    def select_rows(self, rows: list[int], *, current: int | None = None) -> None:
        sm = self.view.selectionModel()
        selection = QItemSelection()
        last = self.filter_model.columnCount() - 1
        for r in rows:
            p = self.filter_model.proxy_row(r)
            if p is not None:
                selection.select(self.filter_model.index(p, 0), self.filter_model.index(p, last))
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        sm.select(selection, flags)
        focus = current if current is not None else (rows[0] if rows else None)
        if focus is not None:
            p = self.filter_model.proxy_row(focus)
            if p is not None:
                idx = self.filter_model.index(p, 0)
                sm.setCurrentIndex(idx, QItemSelectionModel.SelectionFlag.NoUpdate)
                self.view.scrollTo(idx)
        if len(rows) == 1 and 0 <= rows[0] < len(self.doc):
            uid = self.doc.examples[rows[0]].uid
            if self.editor.uid != uid:  # (the selection change usually showed it already)
                self.editor.set_example(uid)

    def step(self, delta: int) -> None:
        """Next/previous example in the list as shown (search and sort applied)."""
        n = self.filter_model.rowCount()
        if not n:
            return
        cur = self.view.currentIndex()
        row = cur.row() + delta if cur.isValid() else (0 if delta > 0 else n - 1)
        row = max(0, min(n - 1, row))
        self.select_rows([self.filter_model.source_row(row)])

    @Slot(QItemSelection, QItemSelection)
    def _on_selection_changed(self, *_args: object) -> None:
        rows = self.selected_rows()
        if len(rows) == 1:
            self.editor.set_example(self.doc.examples[rows[0]].uid)
        self._update_bulk_buttons()
        self.selection_changed.emit(len(rows))

    def _update_bulk_buttons(self) -> None:
        has = bool(self.view.selectionModel().selectedRows())
        for b in self.bulk_buttons[1:]:
            b.setEnabled(has)

    # ------------------------------------------------------------ actions
    def new_example(self) -> None:
        rows = self.selected_rows()
        at = rows[-1] + 1 if rows else len(self.doc)
        messages: list[dict[str, str]] = [
            {"role": "user", "content": ""},
            {"role": "assistant", "content": ""},
        ]
        system = shared_system_hint(self.doc)  # a new example starts like the others
        if system is not None:
            messages.insert(0, {"role": "system", "content": system})
        ex = Example(data={"messages": messages})
        self.doc.undo_stack.push(commands.InsertExamplesCommand(self.doc, [(at, ex)], self.tr("New example")))
        self.select_rows([at])
        self.tabs.setCurrentWidget(self.editor)
        if len(self.editor.cards) >= 2:
            self.editor.cards[-2].focus_text()  # the user message (after the system message, if any)

    def delete_selected(self) -> None:
        rows = self.selected_rows()
        if not rows:
            return
        self.doc.undo_stack.push(
            commands.RemoveExamplesCommand(self.doc, rows, self.tr("Delete %n example(s)", "", len(rows)))
        )
        if len(self.doc):
            self.select_rows([min(rows[0], len(self.doc) - 1)])

    def duplicate_selected(self) -> None:
        rows = self.selected_rows()
        if rows:
            cmd = commands.duplicate(self.doc, rows)
            self.doc.undo_stack.push(cmd)
            self.select_rows([r for r, _ex in cmd.items])

    def bulk_set_system_message(self, text: str, rows: list[int] | None = None) -> None:
        rows = self.selected_rows() if rows is None else rows
        if rows:
            self.doc.undo_stack.push(commands.set_system_message(self.doc, rows, text))

    def add_tag(self, tag: str, rows: list[int] | None = None) -> None:
        rows = self.selected_rows() if rows is None else rows
        tag = tag.strip()
        if rows and tag:
            self.doc.undo_stack.push(commands.add_tag(self.doc, rows, tag))

    def move_to_validation(self) -> None:
        rows = self.selected_rows()
        if rows:
            self.doc.undo_stack.push(commands.move_to_validation(self.doc, rows))

    def ask_system_message(self) -> QInputDialog | None:
        rows = self.selected_rows()
        if not rows:
            return None
        dlg = QInputDialog(self)
        dlg.setWindowTitle(self.tr("Set system message"))
        dlg.setLabelText(
            self.tr(
                "System message for the %n selected example(s). An existing system message "
                "is replaced; you can undo this.",
                "",
                len(rows),
            )
        )
        dlg.setOption(QInputDialog.InputDialogOption.UsePlainTextEditForTextInput)
        first = self.doc.examples[rows[0]].data
        msgs = first.get("messages") if isinstance(first, dict) else None
        if isinstance(msgs, list) and msgs and isinstance(msgs[0], dict) and msgs[0].get("role") == "system":
            dlg.setTextValue(str(msgs[0].get("content") or ""))
        else:
            dlg.setTextValue(shared_system_hint(self.doc) or "")
        dlg.textValueSelected.connect(lambda text, rows=rows: self.bulk_set_system_message(text, rows))
        dlg.finished.connect(dlg.deleteLater)
        dlg.resize(520, 300)
        dlg.open()
        return dlg

    def ask_tag(self) -> QInputDialog | None:
        rows = self.selected_rows()
        if not rows:
            return None
        dlg = QInputDialog(self)
        dlg.setWindowTitle(self.tr("Tag examples"))
        dlg.setLabelText(self.tr("Tag for the %n selected example(s):", "", len(rows)))
        dlg.textValueSelected.connect(lambda text, rows=rows: self.add_tag(text, rows))
        dlg.finished.connect(dlg.deleteLater)
        dlg.open()
        return dlg

    @Slot(object)
    def go_to_finding(self, finding: Finding) -> None:
        if finding.example is None or not 0 <= finding.example < len(self.doc):
            return
        if self.filter_model.proxy_row(finding.example) is None:
            self.search.clear()
        self.select_rows([finding.example])
        self.tabs.setCurrentWidget(self.editor)
        self.editor.focus_path(finding.path)

    # ------------------------------------------------------------ feedback
    @Slot(int)
    def _on_header_clicked(self, column: int) -> None:
        hh = self.view.horizontalHeader()
        order = hh.sortIndicatorOrder()
        self.filter_model.sort(column, order)

    @Slot()
    def _update_empty_hint(self, *_args: object) -> None:
        if self.filter_model.rowCount() > 0 or self.doc.loading:
            self.list_stack.setCurrentWidget(self.view)
            return
        if len(self.doc):
            text = self.tr("No example contains “%1”.").replace("%1", self.search.text().strip())
        else:
            text = self.tr(
                "No examples yet.\n\nOpen a JSONL file (File ▸ Open), import a spreadsheet "
                "(File ▸ Import CSV or Excel), or add an example with New."
            )
        self.empty_hint.setText(text)
        self.list_stack.setCurrentWidget(self.empty_hint)

    @Slot(int)
    def _on_filtered(self, matches: int) -> None:
        if self.filter_model.filter_text:
            self.match_label.setText(self.tr("%n match(es)", "", matches))
        else:
            self.match_label.clear()

    @Slot()
    def _update_tab_titles(self) -> None:
        n = len(self.doc.findings_view().findings)  # what the panel's summary counts (errors + warnings)
        self.tabs.setTabText(1, self.tr("Findings (%1)").replace("%1", str(n)) if n else self.tr("Findings"))

    @Slot(str, int, int)
    def _on_activity(self, text: str, done: int, total: int) -> None:
        self._activity = (text, done, total)
        if not text:
            self._activity_timer.stop()
            self._show_activity()
        elif not self._activity_timer.isActive():
            self._activity_timer.start()

    @Slot()
    def _show_activity(self) -> None:
        text, done, total = self._activity
        if not text:
            self.progress.setVisible(False)
            self.activity_label.setText(self.tr("%n example(s)", "", len(self.doc)))
            return
        self.progress.setVisible(True)
        self.progress.setRange(0, 0 if total <= 0 else 1000)
        if total > 0:
            self.progress.setValue(int(1000 * done / total))
        label = text + " · " + self.tr("%n example(s)", "", len(self.doc))
        if self.activity_label.text() != label:
            self.activity_label.setText(label)


STANDARD = QKeySequence.StandardKey
