"""JobsPage: the job list beside the selected job's detail, a notice strip, and the new-job form."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelection, QMetaMethod, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QSystemTrayIcon,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from finetune_desktop.core.api.records import Job
from finetune_desktop.core.catalog.models import Catalog, load_catalog
from finetune_desktop.core.jobs.update import JobUpdate
from finetune_desktop.core.validation.findings import Finding
from finetune_desktop.gui.context import AppContext
from finetune_desktop.gui.dataset.document import DatasetDocument
from finetune_desktop.gui.jobs import words
from finetune_desktop.gui.jobs.chart import Run
from finetune_desktop.gui.jobs.detail import JobDetail, run_label
from finetune_desktop.gui.jobs.export import ExportDialog
from finetune_desktop.gui.jobs.form import NewJobDialog
from finetune_desktop.gui.jobs.list_model import COLUMNS, JobListModel
from finetune_desktop.gui.jobs.monitor import History, JobMonitor
from finetune_desktop.gui.jobs.notify import JobNotifier
from finetune_desktop.gui.settings.profile_names import display_name


class JobsPage(QWidget):
    """Signals: ``chat_requested(str model_name)`` (connect the chat / compare screen to it; while
    nothing is connected the name is copied instead), ``finding_activated(Finding)`` (a dataset
    problem the new-job form links to: show it in the editor)."""

    chat_requested = Signal(str)
    finding_activated = Signal(object)

    def __init__(
        self,
        context: AppContext,
        *,
        document: DatasetDocument | None = None,
        monitor: JobMonitor | None = None,
        tray: QSystemTrayIcon | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.document = document
        self.catalog: Catalog | None = None
        self.form: NewJobDialog | None = None
        self.export_dialog: ExportDialog | None = None
        self.monitor = monitor or JobMonitor(context, parent=self)
        self.model = JobListModel(self)
        self.notifier = JobNotifier(self.show_notice, self, tray=tray)
        self._selected: list[str] = []
        self._histories: dict[str, History] = {}
        self._shown_id: str | None = None
        self._pending: dict[str, list[JobUpdate]] = {}  # updates that came while a history was loading

        self.notice = QFrame()
        self.notice.setObjectName("jobsNotice")
        self.notice.setStyleSheet(
            "#jobsNotice { background: #eef5ff; border: 1px solid #9cbbe6; border-radius: 6px; }"
            "#jobsNotice QLabel { color: #1d2b3a; }"
        )
        self.notice_text = QLabel()
        self.notice_text.setWordWrap(True)
        self.notice_close = QPushButton(self.tr("Dismiss"))
        nl = QHBoxLayout(self.notice)
        nl.addWidget(self.notice_text, 1)
        nl.addWidget(self.notice_close)
        self.notice.hide()
        self.state_label = QLabel()
        self.state_label.setWordWrap(True)
        self.new_button = QPushButton(self.tr("New job from the open dataset…"))
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.hint = QLabel(self.tr("Select several jobs (Ctrl+click) to overlay their charts."))
        self.hint.setStyleSheet("color: palette(mid);")

        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(self.tr("Jobs"))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        # sized to the contents when the list is (re)filled, not on every update: with 100 jobs polled,
        # ResizeToContents would measure every row each time one changes
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # except the status badge, whose text grows as a job runs ("Running 8%" -> "Running 26% · about
        # 1 min left"): one column of short texts, never cut off while it waits for the next fit
        header.setSectionResizeMode(COLUMNS.index("status"), QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.model.modelReset.connect(self.view.resizeColumnsToContents)
        # rows change as jobs run (finished time, tokens, cost): re-fit the columns now and then, not
        # on every update of 100 polled jobs
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(2000)
        self._fit_timer.timeout.connect(self.view.resizeColumnsToContents)
        self.model.dataChanged.connect(self._on_model_data_changed)
        self.copy_action = QAction(self.tr("Copy fine-tuned model name"), self.view)
        self.copy_action.setShortcut("Ctrl+C")
        self.copy_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.copy_action.triggered.connect(self._on_copy_triggered)
        self.view.addAction(self.copy_action)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.empty = QLabel(
            self.tr("No jobs yet. Open a dataset and start a job with “New job from the open dataset…”.")
        )
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.detail = JobDetail()
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.view, 1)
        ll.addWidget(self.empty)
        ll.addWidget(self.hint)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        self.view.setMinimumHeight(120)
        self._sized = False
        bar = QHBoxLayout()
        bar.addWidget(self.state_label, 1)
        bar.addWidget(self.refresh_button)
        bar.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)

        self.notice_close.clicked.connect(self.notice.hide)
        self.refresh_button.clicked.connect(self.monitor.refresh_list)
        self.new_button.clicked.connect(self.open_new_job_form)
        self.new_button.setEnabled(False)  # until the catalog is read
        self.new_button.setVisible(document is not None)
        self.view.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.detail.action_requested.connect(self._on_action_requested)
        self.detail.chat_requested.connect(self.request_chat)
        self.detail.export_requested.connect(self.open_export_dialog)
        self.detail.copied.connect(self._on_copied)
        m = self.monitor
        m.jobs_listed.connect(self._on_jobs_listed)
        m.job_updated.connect(self._on_job_updated)
        m.job_ended.connect(self.notifier.notify)
        m.online_changed.connect(self._on_online_changed)
        m.problem.connect(self._on_problem)
        self._update_state()
        self._update_empty()
        self.context.runner.op(load_catalog).on_result(self._on_catalog).on_error(lambda *_: None).start(self)
        QTimer.singleShot(0, self.monitor.start)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._sized:  # once laid out: the list a third, the detail the rest
            self._sized = True
            QTimer.singleShot(0, self._size_splitter)

    def _size_splitter(self) -> None:
        total = max(self.splitter.height(), 400)
        self.splitter.setSizes([total // 3, total - total // 3])

    @Slot()
    def _on_model_data_changed(self, *_args: object) -> None:
        if not self._fit_timer.isActive():
            self._fit_timer.start()

    # -- notices ------------------------------------------------------------------------------------
    def show_notice(self, text: str) -> None:
        """A message inside the window (job finished, name copied...); stays until dismissed."""
        self.notice_text.setText(text)
        self.notice.show()

    def _update_state(self, problem: str = "") -> None:
        if self.monitor.online:
            text = self.tr("Connected: %1. Active jobs update every few seconds.").replace(
                "%1", display_name(self.context.active_profile)
            )
        else:
            text = self.tr(
                "Not connected: showing the jobs recorded on this computer for “%1”. Trying again…"
            ).replace("%1", display_name(self.context.active_profile))
        self.state_label.setText(f"{text} {problem}".strip())

    def _update_empty(self) -> None:
        has = self.model.rowCount() > 0
        self.empty.setVisible(not has)
        self.hint.setVisible(self.model.rowCount() > 1)

    # -- monitor ------------------------------------------------------------------------------------
    @Slot(list, bool)
    def _on_jobs_listed(self, jobs: list[Job], _from_server: bool) -> None:
        if {j.id for j in jobs} == set(self.job_ids()):
            for job in jobs:  # the same jobs: update the rows in place (no reset, no re-measuring)
                self.model.update_job(job)
            return
        selected = list(self._selected)
        self.model.set_jobs(jobs)
        self._update_empty()
        self.select_jobs(selected)

    @Slot(object)
    def _on_job_updated(self, update: JobUpdate) -> None:
        self.model.update_job(update.job)
        for point in reversed(update.metrics):
            if point.step:
                total = self._total_steps(update)
                if total:
                    self.model.set_progress(update.job.id, point.step, total)
                break
        self._update_empty()
        shown = self.detail.job.id if self.detail.job is not None else None
        if update.job.id in self._selected and update.job.id != shown:
            self._pending.setdefault(update.job.id, []).append(update)
        self.detail.append_update(update)

    @staticmethod
    def _total_steps(update: JobUpdate) -> int | None:
        for event in reversed(update.events):
            total = event.data.get("total_steps")
            if isinstance(total, int) and total > 0:
                return total
        return None

    @Slot(bool)
    def _on_online_changed(self, _online: bool) -> None:
        self._update_state()

    @Slot(object)
    def _on_problem(self, error: object) -> None:
        self._update_state(words.service_problem(error) if isinstance(error, BaseException) else "")

    @Slot(object)
    def _on_catalog(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.model.set_catalog(catalog)
        self.new_button.setEnabled(True)

    def open_new_job_form(self) -> NewJobDialog | None:
        """The new-job form for the open dataset (one at a time; shown with open(), never exec())."""
        if self.document is None or self.catalog is None:
            return None
        if self.form is not None:
            self.form.raise_()
            return self.form
        if not len(self.document):
            self.show_notice(self.tr("Open or create a dataset in the Dataset screen first."))
            return None
        form = NewJobDialog(self.document, self.monitor, self.catalog, self)
        form.job_created.connect(self._on_job_created)
        form.finding_activated.connect(self._on_form_finding)
        form.finished.connect(lambda _r: setattr(self, "form", None))
        form.finished.connect(form.deleteLater)
        self.form = form
        form.open()
        return form

    def _on_job_created(self, job: Job) -> None:
        self.model.merge_jobs([job])
        self._update_empty()
        self.select_jobs([job.id])
        self.show_notice(
            self.tr("Job %1 was created; it appears in the list and updates by itself.").replace("%1", job.id)
        )

    def _on_form_finding(self, finding: Finding) -> None:
        if self.form is not None:
            self.form.reject()
        self.finding_activated.emit(finding)

    # -- selection ----------------------------------------------------------------------------------
    def select_jobs(self, job_ids: list[str]) -> None:
        sel = self.view.selectionModel()
        selection = QItemSelection()
        for job_id in job_ids:
            row = self.model.row_of(job_id)
            if row is not None:
                selection.select(self.model.index(row, 0), self.model.index(row, len(COLUMNS) - 1))
        sel.select(selection, sel.SelectionFlag.ClearAndSelect)

    def selected_ids(self) -> list[str]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        return [job.id for job in (self.model.job_at(r) for r in rows) if job is not None]

    @Slot()
    def _on_selection_changed(self, *_args: object) -> None:
        ids = self.selected_ids()
        if ids == self._selected:
            return
        self._selected = ids
        if not ids:
            self._shown_id = None
            self.detail.clear()
            return
        for job_id in ids:
            self.monitor.load_history(job_id, self._on_history, self)

    def _on_history(self, history: History) -> None:
        job = history.job
        if job is None:
            return
        self._histories[job.id] = history
        ids = self._selected
        if not ids or any(i not in self._histories for i in ids):
            return  # wait for every selected run
        main = self._histories[ids[0]]
        current = self.model.job_at(self.model.row_of(ids[0]) or 0) or main.job
        assert current is not None
        others = [Run(run_label(h.job), h.metrics) for h in (self._histories[i] for i in ids[1:]) if h.job]
        self.detail.show_job(current, main.events, main.metrics, main.checkpoints, others)
        self._shown_id = ids[0]
        for update in self._pending.pop(ids[0], []):
            self.detail.append_update(update)
        self._pending.clear()
        for job_id in ids:
            h = self._histories.pop(job_id)
            if h.job is not None and h.job.status.is_terminal and not h.complete and self.monitor.online:
                self.monitor.watch(job_id)  # an ended job never watched here: fetch its results once

    # -- actions ------------------------------------------------------------------------------------
    @Slot(str, str)
    def _on_action_requested(self, action: str, job_id: str) -> None:
        self.state_label.setText(self.tr("Sending the request…"))
        self.monitor.act(action, job_id, self._on_action_done, self._on_action_failed)

    def _on_action_done(self, job: Job) -> None:
        self.model.update_job(job)
        if self.detail.job is not None and self.detail.job.id == job.id:
            self.detail.set_job(job)
        self._update_state()

    def _on_action_failed(self, error: BaseException) -> None:
        self._update_state()
        self.show_notice(self.tr("The request failed: %1").replace("%1", words.service_problem(error)))

    @Slot(list)
    def open_export_dialog(self, models: list[str]) -> ExportDialog:
        """The export dialog for ``models`` (a local fine-tune, then its checkpoints), opened modeless."""
        if self.export_dialog is not None:
            self.export_dialog.close()
        dialog = ExportDialog(models, self.monitor.export_model, self.context.runner, self)
        self.export_dialog = dialog
        dialog.open()
        return dialog

    def request_chat(self, model_name: str) -> None:
        """Hand the model to whoever chats (the compare screen); with nobody listening, copy its name."""
        if self.isSignalConnected(QMetaMethod.fromSignal(self.chat_requested)):
            self.chat_requested.emit(model_name)
            return
        QGuiApplication.clipboard().setText(model_name)
        self.show_notice(
            self.tr(
                "Copied “%1”. This window has no chat screen yet: paste the name into any chat tool, "
                'or run: finetune-desktop chat --model %1 "your question"'
            ).replace("%1", model_name)
        )

    @Slot(str)
    def _on_copied(self, name: str) -> None:
        self.show_notice(self.tr("Copied “%1” to the clipboard.").replace("%1", name))

    @Slot()
    def _on_copy_triggered(self) -> None:
        ids = self.selected_ids()
        row = self.model.row_of(ids[0]) if ids else None
        job = self.model.job_at(row) if row is not None else None
        if job is not None and job.fine_tuned_model:
            QGuiApplication.clipboard().setText(job.fine_tuned_model)
            self._on_copied(job.fine_tuned_model)

    def job_ids(self) -> list[str]:
        return [j.id for j in self.model.jobs()]

    @property
    def store_path(self) -> Path | None:
        return self.monitor.store.path if self.monitor.store is not None else None
