"""Keep a model's answers: the connection's fine-tunes with the day their base model shuts down, and
"Record answers", which saves a model's replies to a prompt set as a chat training file that passes the
check, ready to train a replacement on another backend.

OpenAI does not let anyone download a fine-tuning file again, so the prompts come from a local file or
the open dataset (usually the training file the model was made from).
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from finetune_desktop.core.catalog.model_names import base_model
from finetune_desktop.core.check.run import CheckReport
from finetune_desktop.core.compare.batch import MAX_CONCURRENCY
from finetune_desktop.core.compare.models import ModelChoice, ModelKind
from finetune_desktop.core.compare.prompts import PromptSet, prompts_from_examples
from finetune_desktop.core.compare.record import Recording
from finetune_desktop.gui.compare.error_text import error_text
from finetune_desktop.gui.compare.model_picker import ModelDirectory
from finetune_desktop.gui.compare.prompt_file import PromptFileChooser
from finetune_desktop.gui.compare.work import check_recording, record_with
from finetune_desktop.gui.context import AppContext
from finetune_desktop.gui.dataset.document import DatasetDocument
from finetune_desktop.gui.settings.profile_names import display_name
from finetune_desktop.gui.tasks import Task


class KeepAnswersPane(QWidget):
    """Signals: ``models_shown()``, ``prompts_loaded(int)``, ``recorded(object)`` (the ``Recording``),
    ``checked(object)`` (the ``CheckReport`` of the written file)."""

    models_shown = Signal()
    prompts_loaded = Signal(int)
    recorded = Signal(object)
    checked = Signal(object)

    def __init__(
        self,
        context: AppContext,
        directory: ModelDirectory,
        document: DatasetDocument | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.directory = directory
        self.document = document
        self.prompts: PromptSet | None = None
        self.task: Task | None = None
        self._shown_once = False
        self.chooser = PromptFileChooser(context.runner, self)
        self.chooser.loaded.connect(self._on_prompts)
        self.today = dt.date.today()

        intro = QLabel(
            self.tr(
                "Fine-tuned models stop answering when their base model shuts down. Record what a model "
                "answers to your prompts and keep it as a training file for a replacement on any backend."
            )
        )
        intro.setWordWrap(True)
        self.profile_combo = QComboBox()
        self.profile_combo.setAccessibleName(self.tr("Connection"))
        self.refresh_button = QPushButton(self.tr("Refresh"))
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Connection")))
        top.addWidget(self.profile_combo)
        top.addWidget(self.refresh_button)
        top.addStretch(1)

        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Fine-tuned model"), self.tr("Base model"), self.tr("Shuts down"), self.tr("Days left")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in (1, 2, 3):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)

        self.file_button = QPushButton(self.tr("Prompt file…"))
        self.dataset_button = QPushButton(self.tr("Prompts of the open dataset"))
        self.dataset_button.setToolTip(
            self.tr("Usually the training file the model was made from (OpenAI does not give it back)")
        )
        self.source_label = QLabel(self.tr("No prompts chosen yet."))
        self.source_label.setWordWrap(True)
        source = QHBoxLayout()
        source.addWidget(self.file_button)
        source.addWidget(self.dataset_button)
        source.addWidget(self.source_label, 1)

        self.concurrency = QSpinBox()
        self.concurrency.setRange(1, MAX_CONCURRENCY)
        self.concurrency.setValue(4)
        self.concurrency.setAccessibleName(self.tr("Requests at once"))
        self.record_button = QPushButton(self.tr("Record answers…"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.progress = QProgressBar()
        run = QHBoxLayout()
        run.addWidget(QLabel(self.tr("Requests at once")))
        run.addWidget(self.concurrency)
        run.addWidget(self.record_button)
        run.addWidget(self.cancel_button)
        run.addWidget(self.progress, 1)
        self.status = QLabel()
        self.chooser.failed.connect(self.status.setText)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addLayout(source)
        layout.addLayout(run)
        layout.addWidget(self.status)

        self._fill_profiles()
        self.profile_combo.currentIndexChanged.connect(self._on_profile_changed)
        self.refresh_button.clicked.connect(lambda: self.directory.load(self.profile_id(), again=True))
        directory.models_loaded.connect(self._on_models_loaded)
        directory.models_failed.connect(self._on_models_failed)
        context.profiles_changed.connect(self._fill_profiles)
        self.file_button.clicked.connect(self.ask_prompt_file)
        self.dataset_button.clicked.connect(self.use_open_dataset)
        self.record_button.clicked.connect(self.ask_record)
        self.cancel_button.clicked.connect(self.cancel)
        self.table.itemSelectionChanged.connect(self._update_controls)
        self._update_controls()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            self.directory.start()
            self.directory.load(self.profile_id())
            self._show_models()

    # models ------------------------------------------------------------------------------------------------
    @Slot()
    def _fill_profiles(self) -> None:
        current = self.profile_id() or self.context.active_id
        self.profile_combo.blockSignals(True)
        self.profile_combo.clear()
        for profile in self.context.store.list():
            self.profile_combo.addItem(display_name(profile), profile.id)
        self.profile_combo.setCurrentIndex(max(0, self.profile_combo.findData(current)))
        self.profile_combo.blockSignals(False)

    def profile_id(self) -> str:
        data = self.profile_combo.currentData()
        return str(data) if data else ""

    @Slot()
    def _on_profile_changed(self) -> None:
        self.directory.load(self.profile_id())
        self._show_models()

    @Slot(str)
    def _on_models_loaded(self, profile_id: str) -> None:
        if profile_id == self.profile_id():
            self._show_models()

    @Slot(str, str)
    def _on_models_failed(self, profile_id: str, reason: str) -> None:
        if profile_id == self.profile_id():
            self.empty_label.setText(self.tr("The models could not be listed: %1").replace("%1", reason))

    def fine_tunes(self) -> list[ModelChoice]:
        return [c for c in self.directory.choices(self.profile_id()) if c.kind is not ModelKind.BASE]

    def _show_models(self) -> None:
        models = self.fine_tunes()
        self.table.setRowCount(len(models))
        for row, choice in enumerate(models):
            days = choice.days_left(self.today)
            when = choice.shutdown_date.isoformat() if choice.shutdown_date else self.tr("not announced")
            if days is None:
                left = "–"
            elif days < 0:
                left = self.tr("shut down")
            else:
                left = self.tr("%n day(s)", "", days)
            for col, text in enumerate((choice.name, base_model(choice.name), when, left)):
                item = QTableWidgetItem(text)
                if col == 3 and days is not None and days <= 45:
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.table.setItem(row, col, item)
        if models:
            self.empty_label.setText("")
            if not self.table.selectedItems():
                self.table.selectRow(0)
        else:
            self.empty_label.setText(
                self.tr("This connection has no fine-tuned models yet. Train one first.")
            )
        self._update_controls()
        self.models_shown.emit()

    def selected_model(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 0)
        return item.text() if item is not None else None

    def select_model(self, name: str) -> None:
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.text() == name:
                self.table.selectRow(row)

    # prompts -----------------------------------------------------------------------------------------------
    def ask_prompt_file(self) -> QFileDialog:
        return self.chooser.ask()

    def load_prompt_file(self, path: Path) -> None:
        self.chooser.load(path)

    @Slot()
    def use_open_dataset(self) -> None:
        if self.document is None or not len(self.document):
            self.status.setText(self.tr("The open dataset is empty. Open the model's training file first."))
            return
        examples = self.document.examples
        prompts = prompts_from_examples([ex.data for ex in examples], lines=[ex.line for ex in examples])
        prompts.source = self.document.path.name if self.document.path else self.tr("the open dataset")
        self._on_prompts(prompts)

    def _on_prompts(self, prompts: PromptSet) -> None:
        self.prompts = prompts
        text = self.tr("%n prompt(s) from %1", "", len(prompts.rows)).replace("%1", prompts.source or "")
        if prompts.skipped:
            text += " " + self.tr("(%n line(s) without a question skipped)", "", len(prompts.skipped))
        self.source_label.setText(text)
        self._update_controls()
        self.prompts_loaded.emit(len(prompts.rows))

    # recording ---------------------------------------------------------------------------------------------
    def ask_record(self) -> QFileDialog:
        dlg = QFileDialog(self, self.tr("Save the recorded answers as"), "", self.tr("JSON Lines (*.jsonl)"))
        dlg.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dlg.setDefaultSuffix("jsonl")
        dlg.fileSelected.connect(lambda p: self.record_to(Path(p)))
        dlg.finished.connect(dlg.deleteLater)
        dlg.open()
        return dlg

    def record_to(self, out: Path) -> None:
        model = self.selected_model()
        if self.busy or model is None or self.prompts is None or not self.prompts.rows:
            self.status.setText(self.tr("Choose a model and prompts first."))
            return
        if self.prompts.source and Path(self.prompts.source).resolve() == out.resolve():
            self.status.setText(self.tr("Choose a new file: the prompt file itself must not be overwritten."))
            return
        self.progress.setValue(0)
        self.status.setText(self.tr("Recording the answers of %1…").replace("%1", model))
        self.task = (
            self.context.runner.op(
                record_with,
                self.context,
                self.profile_id(),
                model,
                self.prompts.rows,
                out,
                self.concurrency.value(),
                pool="net",
                cancel=True,
                progress=True,
            )
            .on_progress(self._on_progress)
            .on_result(partial(self._on_recorded, model=model))
            .on_error(lambda exc, _tb: self.status.setText(error_text(exc)))
            .on_cancelled(
                lambda: self.status.setText(
                    self.tr("Cancelled. Record into the same file again to continue where it stopped.")
                )
            )
            .on_done(self._on_done)
            .start(self)
        )
        self._update_controls()

    @property
    def busy(self) -> bool:
        return self.task is not None

    @Slot()
    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(1, total))
        self.progress.setValue(done)

    def _on_done(self) -> None:
        self.task = None
        self._update_controls()

    def _on_recorded(self, recording: Recording, *, model: str) -> None:
        text = self.tr("%n example(s) written to %1.", "", recording.written).replace(
            "%1", str(recording.path)
        )
        if recording.failed:
            text += " " + self.tr(
                "%n prompt(s) have no answer yet: record into the same file again to ask only for those.",
                "",
                recording.failed,
            )
        self.status.setText(text)
        self.recorded.emit(recording)
        self.context.runner.op(check_recording, recording.path, base_model(model)).on_result(
            lambda report: self._on_checked(report, text)
        ).on_error(lambda exc, _tb: self.status.setText(text + " " + str(exc))).start(self)

    def _on_checked(self, report: CheckReport, text: str) -> None:
        if report.errors:
            verdict = self.tr(
                "The check found %n problem(s) a server would refuse; open the file on the Dataset screen.",
                "",
                len(report.errors),
            )
        else:
            verdict = self.tr("The check found no errors: the file is ready to train on.")
        self.status.setText(text + " " + verdict)
        self.checked.emit(report)

    def _update_controls(self) -> None:
        busy = self.busy
        ready = self.selected_model() is not None and bool(self.prompts and self.prompts.rows)
        self.record_button.setEnabled(not busy and ready)
        self.cancel_button.setEnabled(busy)
        for w in (self.file_button, self.dataset_button, self.profile_combo, self.table):
            w.setEnabled(not busy)
