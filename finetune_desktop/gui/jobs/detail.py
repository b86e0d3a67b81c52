"""JobDetail: one job's state, error explained, actions, live chart, event log, checkpoints and settings."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from finetune_desktop.core.api.records import Checkpoint, Job, JobEvent, JobStatus
from finetune_desktop.core.jobs.metrics import MetricPoint
from finetune_desktop.core.jobs.update import JobUpdate
from finetune_desktop.gui.jobs import words
from finetune_desktop.gui.jobs.chart import LossChart, Run
from finetune_desktop.gui.jobs.download_bar import DownloadBar
from finetune_desktop.gui.jobs.export import is_local_model


def run_label(job: Job) -> str:
    return job.suffix or job.id[-8:]


class JobDetail(QWidget):
    """Signals: ``action_requested(str action, str job_id)`` after the user confirmed cancel / pause /
    resume; ``chat_requested(str model_name)`` for "chat with this checkpoint" (or the final model);
    ``copied(str text)`` after a name went to the clipboard; ``export_requested(list[str] models)`` for
    "Export…" on a job of the built-in server's local engine (the final model, then its checkpoints)."""

    action_requested = Signal(str, str)
    chat_requested = Signal(str)
    copied = Signal(str)
    export_requested = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.job: Job | None = None
        self._event_ids: set[str] = set()
        self.confirm_box: QMessageBox | None = None

        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.title.setFont(font)
        self.badge = QLabel()
        self.badge.setObjectName("jobBadge")
        self.model_name = QLabel()
        self.model_name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.copy_button = QPushButton(self.tr("Copy model name"))
        self.chat_button = QPushButton(self.tr("Chat with this model"))
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.setToolTip(
            self.tr("Write this model into a folder: its adapter, or the merged model for llama.cpp, Ollama")
        )
        self.cancel_button = QPushButton(self.tr("Cancel job…"))
        self.pause_button = QPushButton(self.tr("Pause…"))
        self.resume_button = QPushButton(self.tr("Resume…"))

        self.error_box = QFrame()
        self.error_box.setObjectName("jobError")
        self.error_box.setStyleSheet(
            "#jobError { background: #fdecec; border: 1px solid #e3a1a1; border-radius: 6px; }"
            "#jobError QLabel { color: #4a1212; }"
        )
        self.error_text = QLabel()
        self.error_text.setWordWrap(True)
        self.error_advice = QLabel()
        self.error_advice.setWordWrap(True)
        err_layout = QVBoxLayout(self.error_box)
        err_layout.addWidget(self.error_text)
        err_layout.addWidget(self.error_advice)
        self.error_box.hide()

        self.download_bar = DownloadBar()
        self.chart = LossChart()
        self.events = QPlainTextEdit()
        self.events.setReadOnly(True)
        self.events.setAccessibleName(self.tr("Job events"))
        self.checkpoints = QTableWidget(0, 5)
        self.checkpoints.setHorizontalHeaderLabels(
            [
                self.tr("Step"),
                self.tr("Training loss"),
                self.tr("Validation loss"),
                self.tr("Full validation loss"),
                self.tr("Checkpoint model"),
            ]
        )
        self.checkpoints.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.checkpoints.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.checkpoints.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.checkpoints.verticalHeader().hide()
        ck_header = self.checkpoints.horizontalHeader()
        for col in range(4):
            ck_header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        ck_header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.checkpoint_chat = QPushButton(self.tr("Chat with this checkpoint"))
        self.checkpoint_chat.setEnabled(False)
        self.checkpoints_empty = QLabel(self.tr("Checkpoints appear here when the job has succeeded."))
        ck = QWidget()
        ck_layout = QVBoxLayout(ck)
        ck_layout.addWidget(self.checkpoints_empty)
        ck_layout.addWidget(self.checkpoints, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.checkpoint_chat)
        ck_layout.addLayout(row)
        self.settings = QWidget()
        self.settings_form = QFormLayout(self.settings)

        self.tabs = QTabWidget()
        self.tabs.addTab(self.chart, self.tr("Chart"))
        self.tabs.addTab(self.events, self.tr("Events"))
        self.tabs.addTab(ck, self.tr("Checkpoints"))
        self.tabs.addTab(self.settings, self.tr("Settings"))

        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addWidget(self.badge)
        head.addStretch(1)
        head.addWidget(self.pause_button)
        head.addWidget(self.resume_button)
        head.addWidget(self.cancel_button)
        model_row = QHBoxLayout()
        model_row.addWidget(self.model_name, 1)
        model_row.addWidget(self.copy_button)
        model_row.addWidget(self.chat_button)
        model_row.addWidget(self.export_button)
        self.placeholder = QLabel(self.tr("Choose a job in the list to see its progress, chart and events."))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addLayout(head)
        body.addLayout(model_row)
        body.addWidget(self.error_box)
        body.addWidget(self.download_bar)
        body.addWidget(self.tabs, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.placeholder, 1)
        layout.addWidget(self.body, 1)
        self.body.hide()

        self.copy_button.clicked.connect(self._on_copy_clicked)
        self.chat_button.clicked.connect(self._on_chat_clicked)
        self.export_button.clicked.connect(self._on_export_clicked)
        self.checkpoint_chat.clicked.connect(self._on_checkpoint_chat_clicked)
        self.checkpoints.itemSelectionChanged.connect(self._on_checkpoint_selected)
        self.cancel_button.clicked.connect(lambda: self._confirm("cancel"))
        self.pause_button.clicked.connect(lambda: self._confirm("pause"))
        self.resume_button.clicked.connect(lambda: self._confirm("resume"))

    # -- filling ------------------------------------------------------------------------------------
    def show_job(
        self,
        job: Job,
        events: Sequence[JobEvent],
        metrics: Sequence[MetricPoint],
        checkpoints: Sequence[Checkpoint],
        others: Sequence[Run] = (),
    ) -> None:
        """Show ``job`` from its history; ``others`` are runs overlaid on its chart."""
        self.job = job
        self._event_ids.clear()
        self.events.clear()
        self.download_bar.hide()
        self.append_events(events)
        self.chart.set_runs([Run(run_label(job), list(metrics)), *others])
        self.set_checkpoints(checkpoints)
        self.set_job(job)
        self.placeholder.hide()
        self.body.show()

    def clear(self) -> None:
        self.job = None
        self.body.hide()
        self.placeholder.show()

    def set_job(self, job: Job) -> None:
        self.job = job
        self.title.setText(job.suffix or job.id)
        self.title.setToolTip(job.id)
        self.badge.setText(f" {words.status_text(job)} ")
        self.badge.setStyleSheet(
            f"#jobBadge {{ background: {words.badge_colour(job)}; color: #1d2b3a; border-radius: 4px; }}"
        )
        if job.fine_tuned_model:
            self.model_name.setText(self.tr("Fine-tuned model: %1").replace("%1", job.fine_tuned_model))
        else:
            self.model_name.setText(self.tr("Base model: %1").replace("%1", job.model))
        self.copy_button.setVisible(bool(job.fine_tuned_model))
        self.chat_button.setVisible(bool(job.fine_tuned_model))
        self.export_button.setVisible(is_local_model(job.fine_tuned_model))
        self.cancel_button.setVisible(job.status.can_cancel)
        self.pause_button.setVisible(job.status.can_pause)
        self.resume_button.setVisible(job.status.can_resume)
        if job.status.is_terminal:
            self.download_bar.hide()
        if job.status is JobStatus.FAILED:
            what, todo = words.explain_error(job.error)
            self.error_text.setText(what)
            self.error_advice.setText(self.tr("What to do: %1").replace("%1", todo))
            self.error_box.show()
        else:
            self.error_box.hide()
        self._fill_settings(job)

    def append_update(self, update: JobUpdate) -> None:
        if self.job is None or update.job.id != self.job.id:
            return
        self.set_job(update.job)
        self.append_events(update.events)
        self.chart.append_points(0, update.metrics)
        if update.result_metrics:
            self.chart.append_points(0, update.result_metrics)
        if update.checkpoints is not None:
            self.set_checkpoints(update.checkpoints)

    def append_events(self, events: Sequence[JobEvent]) -> None:
        """Add events not shown yet, oldest first; one shown twice is skipped."""
        lines = []
        for event in events:
            if event.id in self._event_ids:
                continue
            self._event_ids.add(event.id)
            self.download_bar.take(event)
            level = "" if event.level == "info" else f"[{event.level}] "
            lines.append(f"{words.when(event.created_at)}  {level}{event.message}")
        if lines:
            self.events.appendPlainText("\n".join(lines))

    @property
    def event_lines(self) -> list[str]:
        text = self.events.toPlainText()
        return text.splitlines() if text else []

    def set_checkpoints(self, checkpoints: Sequence[Checkpoint]) -> None:
        self.checkpoints.setRowCount(len(checkpoints))
        for row, ck in enumerate(checkpoints):
            values = [
                str(ck.step_number),
                *(
                    f"{ck.metrics[k]:.4f}" if k in ck.metrics else "—"
                    for k in ("train_loss", "valid_loss", "full_valid_loss")
                ),
                ck.model,
            ]
            for col, text in enumerate(values):
                self.checkpoints.setItem(row, col, QTableWidgetItem(text))
        self.checkpoints_empty.setVisible(not checkpoints)
        self._on_checkpoint_selected()

    def _fill_settings(self, job: Job) -> None:
        while self.settings_form.rowCount():
            self.settings_form.removeRow(0)
        hyper = dict(job.hyperparameters)
        rows = [
            (self.tr("Job id"), job.id),
            (self.tr("Method"), job.method),
            (self.tr("Base model"), job.model),
            (self.tr("Epochs"), str(hyper.get("n_epochs", "auto"))),
            (self.tr("Batch size"), str(hyper.get("batch_size", "auto"))),
            (self.tr("Learning-rate multiplier"), str(hyper.get("learning_rate_multiplier", "auto"))),
            (self.tr("Seed"), "—" if job.seed is None else str(job.seed)),
            (self.tr("Suffix"), job.suffix or "—"),
            (self.tr("Training file"), job.training_file or "—"),
            (self.tr("Validation file"), job.validation_file or "—"),
            (self.tr("Created"), words.when(job.created_at)),
            (self.tr("Finished"), words.when(job.finished_at)),
            (
                self.tr("Trained tokens"),
                "—" if job.trained_tokens is None else f"{job.trained_tokens:,}",
            ),
        ]
        for label, value in rows:
            field = QLabel(value)
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.settings_form.addRow(label, field)

    # -- actions ------------------------------------------------------------------------------------
    def _confirm(self, action: str) -> QMessageBox | None:
        job = self.job
        if job is None:
            return None
        questions = {
            "cancel": (
                self.tr("Cancel this job?"),
                self.tr(
                    "Training stops and cannot be resumed; tokens trained so far may still be billed. Job: %1"
                ),
                self.tr("Cancel job"),
            ),
            "pause": (
                self.tr("Pause this job?"),
                self.tr("Training stops at the next checkpoint and can be resumed later. Job: %1"),
                self.tr("Pause"),
            ),
            "resume": (
                self.tr("Resume this job?"),
                self.tr("Training continues from where it was paused. Job: %1"),
                self.tr("Resume"),
            ),
        }
        title, text, verb = questions[action]
        box = QMessageBox(QMessageBox.Icon.Question, title, text.replace("%1", job.id), parent=self)
        yes = box.addButton(verb, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Keep it as it is"), QMessageBox.ButtonRole.RejectRole)
        job_id = job.id

        def answered(_r: int) -> None:
            self.confirm_box = None
            if box.clickedButton() is yes:
                self.action_requested.emit(action, job_id)

        box.finished.connect(answered)
        box.finished.connect(box.deleteLater)
        self.confirm_box = box
        box.open()
        return box

    def _selected_checkpoint(self) -> str | None:
        rows = {i.row() for i in self.checkpoints.selectedIndexes()}
        if len(rows) != 1:
            return None
        item = self.checkpoints.item(rows.pop(), 4)
        return item.text() if item is not None and item.text() else None

    @Slot()
    def _on_checkpoint_selected(self) -> None:
        self.checkpoint_chat.setEnabled(self._selected_checkpoint() is not None)

    @Slot()
    def _on_checkpoint_chat_clicked(self) -> None:
        name = self._selected_checkpoint()
        if name:
            self.chat_requested.emit(name)

    @Slot()
    def _on_chat_clicked(self) -> None:
        if self.job is not None and self.job.fine_tuned_model:
            self.chat_requested.emit(self.job.fine_tuned_model)

    @Slot()
    def _on_export_clicked(self) -> None:
        if self.job is not None and is_local_model(self.job.fine_tuned_model):
            names = [self.job.fine_tuned_model or ""]
            for row in range(self.checkpoints.rowCount()):
                item = self.checkpoints.item(row, 4)
                if item is not None and item.text() and item.text() not in names:
                    names.append(item.text())
            self.export_requested.emit(names)

    @Slot()
    def _on_copy_clicked(self) -> None:
        if self.job is not None and self.job.fine_tuned_model:
            QGuiApplication.clipboard().setText(self.job.fine_tuned_model)
            self.copied.emit(self.job.fine_tuned_model)
