"""ImportDialog: turn a CSV/TSV/XLSX table into chat examples by choosing which columns hold what."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from finetune_desktop.core.dataset.examples import Example, LoadIssue
from finetune_desktop.core.dataset.summaries import summarize
from finetune_desktop.gui.dataset import core_api
from finetune_desktop.gui.dataset.commands import InsertExamplesCommand
from finetune_desktop.gui.dataset.document import DatasetDocument
from finetune_desktop.gui.tasks import Task, TaskRunner

PREVIEW_ROWS = 8


def _read(path: Path, sheet: str | None) -> tuple[list[str], core_api.TableData]:
    table = core_api.read_table(path, sheet)
    sheets = table.sheets if table.sheets is not None else core_api.table_sheets(path)
    return sheets, table


class ImportDialog(QDialog):
    """Signals: ``table_loaded()`` (the file was read and the mapping guessed), ``imported(int)``."""

    table_loaded = Signal()
    imported = Signal(int)

    def __init__(
        self, document: DatasetDocument, path: Path, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.doc = document
        self.path = path
        self.runner = runner
        self.table: core_api.TableData | None = None
        self._read_task: Task | None = None
        self.examples: list[Example] = []
        self.issues: list[LoadIssue] = []
        self.setWindowTitle(self.tr("Import %1").replace("%1", path.name))
        self.resize(860, 600)

        self.status = QLabel(self.tr("Reading %1…").replace("%1", path.name))
        self.status.setWordWrap(True)
        self.sheet_box = QComboBox()
        self.sheet_box.currentTextChanged.connect(self._on_sheet_changed)
        self.system_column = QComboBox()
        self.system_column.currentIndexChanged.connect(self._update_preview)
        self.system_text = QLineEdit()
        self.system_text.setPlaceholderText(self.tr("Optional: the same system message for every row"))
        self.system_text.textChanged.connect(self._update_preview)
        self.turn_rows: list[tuple[QComboBox, QComboBox, QWidget]] = []
        self.turn_box = QVBoxLayout()
        self.add_turn_button = QPushButton(self.tr("Add another turn"))
        self.add_turn_button.clicked.connect(lambda: self._add_turn_row(None, None))

        form = QFormLayout()
        form.addRow(self.tr("Sheet"), self.sheet_box)
        form.addRow(self.tr("System message column"), self.system_column)
        form.addRow(self.tr("…or fixed system message"), self.system_text)
        form.addRow(self.tr("Turns (user → assistant)"), self.turn_box)
        form.addRow("", self.add_turn_button)
        self.form = form

        self.preview = QTableWidget(0, 3)
        self.preview.setHorizontalHeaderLabels(
            [self.tr("System"), self.tr("First user message"), self.tr("Last assistant reply")]
        )
        self.preview.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.preview.verticalHeader().setVisible(False)
        self.preview.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Preview")))
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.buttons)
        self._load(None)

    # ------------------------------------------------------------ reading
    def _load(self, sheet: str | None) -> None:
        self.ok_button.setEnabled(False)
        if self._read_task is not None:
            self._read_task.cancel()  # another sheet was chosen: the newer read wins
        self._read_task = (
            self.runner.op(_read, self.path, sheet)
            .on_result(self._on_read)
            .on_error(self._on_read_failed)
            .start(self)
        )

    @Slot(str)
    def _on_sheet_changed(self, sheet: str) -> None:
        if sheet and self.table is not None:
            self._load(sheet)

    def _on_read(self, result: tuple[list[str], core_api.TableData]) -> None:
        sheets, table = result
        self.table = table
        self.sheet_box.blockSignals(True)
        if self.sheet_box.count() == 0 and sheets:
            self.sheet_box.addItems(sheets)
        self.sheet_box.blockSignals(False)
        self.form.setRowVisible(self.sheet_box, bool(sheets))  # CSV/TSV have no sheets
        headers = self._header_labels()
        self.system_column.blockSignals(True)
        self.system_column.clear()
        self.system_column.addItem(self.tr("(none)"), None)
        for i, h in enumerate(headers):
            self.system_column.addItem(h, i)
        guess = core_api.guess_mapping(table.headers)
        if guess.system_column is not None:
            self.system_column.setCurrentIndex(guess.system_column + 1)
        self.system_column.blockSignals(False)
        for _u, _a, w in self.turn_rows:
            w.setParent(None)
        self.turn_rows.clear()
        turns: list[tuple[int | None, int | None]] = list(guess.turns) or [(None, None)]
        for u, a in turns:
            self._add_turn_row(u, a)
        if table.core.sheet:
            self.sheet_box.blockSignals(True)
            self.sheet_box.setCurrentText(table.core.sheet)
            self.sheet_box.blockSignals(False)
        self._update_preview()
        self.table_loaded.emit()

    def _on_read_failed(self, exc: BaseException, _tb: str) -> None:
        self.status.setText(
            self.tr("Could not read %1: %2\nCheck that it is a CSV, TSV or Excel (.xlsx) file.")
            .replace("%1", str(self.path))
            .replace("%2", str(exc))
        )
        self.status.setStyleSheet("color: #c62828;")

    def _header_labels(self) -> list[str]:
        assert self.table is not None
        return [
            f"{chr(65 + i) if i < 26 else i + 1}: {h}" if h else chr(65 + i) if i < 26 else str(i + 1)
            for i, h in enumerate(self.table.headers)
        ]

    # ------------------------------------------------------------ mapping
    def _add_turn_row(self, user: int | None, assistant: int | None) -> None:
        if self.table is None:
            return
        row = QWidget()
        h = QHBoxLayout(row)
        h.setContentsMargins(0, 0, 0, 0)
        boxes = []
        for label, value in ((self.tr("User"), user), (self.tr("Assistant"), assistant)):
            h.addWidget(QLabel(label))
            box = QComboBox()
            box.addItem(self.tr("(none)"), None)
            for i, name in enumerate(self._header_labels()):
                box.addItem(name, i)
            if value is not None:
                box.setCurrentIndex(value + 1)
            box.currentIndexChanged.connect(self._update_preview)
            h.addWidget(box, 1)
            boxes.append(box)
        remove = QPushButton(self.tr("Remove"))
        h.addWidget(remove)
        entry = (boxes[0], boxes[1], row)
        remove.clicked.connect(lambda: self._remove_turn_row(entry))
        self.turn_rows.append(entry)
        self.turn_box.addWidget(row)
        self._update_preview()

    def _remove_turn_row(self, entry: tuple[QComboBox, QComboBox, QWidget]) -> None:
        if entry in self.turn_rows and len(self.turn_rows) > 1:
            self.turn_rows.remove(entry)
            entry[2].setParent(None)
            self._update_preview()

    def mapping(self) -> core_api.TableMapping:
        turns = [
            (u.currentData(), a.currentData())
            for u, a, _w in self.turn_rows
            if u.currentData() is not None or a.currentData() is not None
        ]
        return core_api.TableMapping(self.system_column.currentData(), self.system_text.text(), turns)

    def set_turn(self, index: int, user: int | None, assistant: int | None) -> None:
        """Choose the columns of turn ``index`` (0-based column numbers)."""
        u, a, _w = self.turn_rows[index]
        u.setCurrentIndex(0 if user is None else user + 1)
        a.setCurrentIndex(0 if assistant is None else assistant + 1)

    @Slot()
    def _update_preview(self) -> None:
        if self.table is None:
            return
        try:
            self.examples, self.issues = core_api.table_to_examples(self.table, self.mapping())
        except ValueError as exc:
            self.examples, self.issues = [], []
            self.status.setText(str(exc))
            self.ok_button.setEnabled(False)
            return
        self.preview.setRowCount(min(PREVIEW_ROWS, len(self.examples)))
        for r, ex in enumerate(self.examples[:PREVIEW_ROWS]):
            msgs = ex.data.get("messages", []) if isinstance(ex.data, dict) else []
            system = next((str(x.get("content", "")) for x in msgs if x.get("role") == "system"), "")
            s = summarize(ex.data)
            for c, text in enumerate((system, s.first_user, s.last_assistant)):
                self.preview.setItem(r, c, QTableWidgetItem(text))
        n = len(self.examples)
        text = self.tr("%n row(s) become examples.", "", n)
        if self.issues:
            text += " " + self.tr(
                "%n row(s) need attention (listed under Findings after import).", "", len(self.issues)
            )
        self.status.setText(text)
        self.status.setStyleSheet("" if not self.issues else "color: #b26a00;")
        self.ok_button.setText(self.tr("Import %n example(s)", "", n))
        self.ok_button.setEnabled(n > 0)

    def accept(self) -> None:
        if not self.examples:
            return
        start = len(self.doc)
        items = [(start + i, ex) for i, ex in enumerate(self.examples)]
        self.doc.undo_stack.push(
            InsertExamplesCommand(
                self.doc,
                items,
                self.tr("Import %n example(s) from %1", "", len(items)).replace("%1", self.path.name),
            )
        )
        if self.issues:
            self.doc.load_findings.extend(
                core_api.issue_findings(self.issues, str(self.path), cookbook=False)
            )
            self.doc.findings_changed.emit()
        self.imported.emit(len(items))
        super().accept()
