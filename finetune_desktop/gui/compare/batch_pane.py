"""Batch compare: every prompt of a file (or of the dataset's validation split) through two models.

A bounded number of requests in flight, a progress bar with the time left, Cancel, and Start again to
resume (runs are kept in the app's data folder, so this also works after a crash or a restart: nothing
already answered is sent twice). The table shows both answers with latency and tokens; the user marks a
preference per row, filters, and exports what is shown as JSON Lines or CSV.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from finetune_desktop.core.compare.batch import MAX_CONCURRENCY, BatchSummary
from finetune_desktop.core.compare.conversation import Column
from finetune_desktop.core.compare.judge import JUDGE_SLOT, verdict_counts
from finetune_desktop.core.compare.prompts import PromptSet, prompts_from_examples
from finetune_desktop.core.compare.results import Answer
from finetune_desktop.core.compare.runs import Run, RunInfo, RunStore
from finetune_desktop.gui.compare.batch_model import BatchFilterModel, BatchTableModel, Col, Filter
from finetune_desktop.gui.compare.error_text import error_text
from finetune_desktop.gui.compare.judge_dialog import JudgeDialog
from finetune_desktop.gui.compare.model_picker import ModelDirectory, ModelPicker
from finetune_desktop.gui.compare.params_bar import ParamsBar
from finetune_desktop.gui.compare.prompt_file import PromptFileChooser
from finetune_desktop.gui.compare.work import (
    duration_text,
    export_rows,
    judge_with,
    run_columns,
    slots_shown,
    write_results,
)
from finetune_desktop.gui.context import AppContext
from finetune_desktop.gui.dataset.commands import VALIDATION_TAG
from finetune_desktop.gui.dataset.document import DatasetDocument
from finetune_desktop.gui.tasks import Task


class BatchComparePane(QWidget):
    """Signals: ``prompts_loaded(int)``, ``run_opened()``, ``run_finished(object)`` (a ``BatchSummary``),
    ``run_cancelled()``, ``runs_listed()``, ``exported(str)`` (the path), ``judged(object)`` (the judge's
    ``BatchSummary``)."""

    prompts_loaded = Signal(int)
    run_opened = Signal()
    run_finished = Signal(object)
    run_cancelled = Signal()
    runs_listed = Signal()
    exported = Signal(str)
    judged = Signal(object)

    def __init__(
        self,
        context: AppContext,
        directory: ModelDirectory,
        document: DatasetDocument | None = None,
        *,
        runs: RunStore | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.directory = directory
        self.document = document
        self.runs = runs or RunStore()
        self.prompts: PromptSet | None = None
        self.run: Run | None = None
        self.task: Task | None = None
        self._started_at = 0.0
        self._done_at_start = 0
        self._shown_once = False
        self.chooser = PromptFileChooser(context.runner, self)
        self.chooser.loaded.connect(self._on_prompts)

        self.file_button = QPushButton(self.tr("Prompt file…"))
        self.validation_button = QPushButton(self.tr("Dataset's validation split"))
        self.validation_button.setToolTip(
            self.tr("The examples marked for validation in the open dataset, with their answers as expected")
        )
        self.source_label = QLabel(self.tr("No prompts chosen yet."))
        self.source_label.setWordWrap(True)
        self.runs_combo = QComboBox()
        self.runs_combo.setAccessibleName(self.tr("Saved runs"))
        self.runs_combo.setMinimumContentsLength(18)
        self.runs_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        source_row = QHBoxLayout()
        source_row.addWidget(self.file_button)
        source_row.addWidget(self.validation_button)
        source_row.addWidget(self.source_label, 1)
        source_row.addWidget(self.runs_combo)

        self.picker_a = ModelPicker(directory)
        self.picker_b = ModelPicker(directory)
        models_row = QHBoxLayout()
        for letter, picker in (("A", self.picker_a), ("B", self.picker_b)):
            label = QLabel(self.tr("Model %1").replace("%1", letter))
            models_row.addWidget(label)
            models_row.addWidget(picker, 1)

        self.concurrency = QSpinBox()
        self.concurrency.setRange(1, MAX_CONCURRENCY)
        self.concurrency.setValue(4)
        self.concurrency.setToolTip(self.tr("Requests in flight at most"))
        self.concurrency.setAccessibleName(self.tr("Requests at once"))
        self.params_bar = ParamsBar()
        self.start_button = QPushButton(self.tr("Start"))
        self.new_run_button = QPushButton(self.tr("New run"))
        self.new_run_button.setToolTip(
            self.tr("Keep these prompts and choose other models or settings for a new run")
        )
        self.cancel_button = QPushButton(self.tr("Cancel"))
        run_row = QHBoxLayout()
        conc_label = QLabel(self.tr("Requests at once"))
        conc_label.setBuddy(self.concurrency)
        run_row.addWidget(conc_label)
        run_row.addWidget(self.concurrency)
        run_row.addSpacing(12)
        run_row.addWidget(self.params_bar)
        run_row.addStretch(1)
        run_row.addWidget(self.new_run_button)
        run_row.addWidget(self.start_button)
        run_row.addWidget(self.cancel_button)

        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.time_left = QLabel()
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.time_left)

        self.filter_combo = QComboBox()
        self.filter_combo.setAccessibleName(self.tr("Show rows"))
        for mode, text in (
            (Filter.ALL, self.tr("All rows")),
            (Filter.MISSING, self.tr("Without both answers")),
            (Filter.FAILED, self.tr("Failed")),
            (Filter.DIFFERENT, self.tr("Answers differ")),
            (Filter.PREFER_A, self.tr("A preferred")),
            (Filter.PREFER_B, self.tr("B preferred")),
            (Filter.TIE, self.tr("Ties")),
            (Filter.NO_PREFERENCE, self.tr("No preference yet")),
        ):
            self.filter_combo.addItem(text, int(mode))
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Find in prompts and answers"))
        self.search.setClearButtonEnabled(True)
        self.prefer_a = QPushButton(self.tr("Prefer A"))
        self.prefer_b = QPushButton(self.tr("Prefer B"))
        self.prefer_tie = QPushButton(self.tr("Tie"))
        self.prefer_clear = QPushButton(self.tr("Clear"))
        self.prefer_clear.setToolTip(self.tr("Remove the preference of the selected rows"))
        self.judge_button = QPushButton(self.tr("Judge…"))
        self.judge_button.setToolTip(
            self.tr("Optional: let a model say which answer is better (its cost is estimated first)")
        )
        self.judge_dialog: JudgeDialog | None = None
        self.export_jsonl_button = QPushButton(self.tr("Export JSONL…"))
        self.export_csv_button = QPushButton(self.tr("Export CSV…"))
        table_row = QHBoxLayout()
        table_row.addWidget(self.filter_combo)
        table_row.addWidget(self.search, 1)
        for b in (self.prefer_a, self.prefer_b, self.prefer_tie, self.prefer_clear):
            table_row.addWidget(b)
        table_row.addSpacing(12)
        table_row.addWidget(self.judge_button)
        table_row.addWidget(self.export_jsonl_button)
        table_row.addWidget(self.export_csv_button)

        self.model = BatchTableModel(self)
        self.proxy = BatchFilterModel(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, width in (
            (Col.NUMBER, 40),
            (Col.PROMPT, 180),
            (Col.EXPECTED, 110),
            (Col.ANSWER_A, 200),
            (Col.ANSWER_B, 200),
            (Col.LATENCY, 105),
            (Col.TOKENS, 165),
            (Col.PREFERENCE, 70),
        ):
            self.table.setColumnWidth(col, width)
        header.setStretchLastSection(True)
        self.status = QLabel()
        self.chooser.failed.connect(self.status.setText)
        self.status.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addLayout(source_row)
        layout.addLayout(models_row)
        layout.addLayout(run_row)
        layout.addLayout(progress_row)
        layout.addLayout(table_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)

        self.file_button.clicked.connect(self.ask_prompt_file)
        self.validation_button.clicked.connect(self.use_validation_split)
        self.start_button.clicked.connect(self.start)
        self.new_run_button.clicked.connect(self.new_run)
        self.cancel_button.clicked.connect(self.cancel)
        self.filter_combo.currentIndexChanged.connect(self._apply_filter)
        self.search.textChanged.connect(self._apply_filter)
        self.prefer_a.clicked.connect(lambda: self.set_preference("a"))
        self.prefer_b.clicked.connect(lambda: self.set_preference("b"))
        self.prefer_tie.clicked.connect(lambda: self.set_preference("tie"))
        self.prefer_clear.clicked.connect(lambda: self.set_preference(None))
        self.judge_button.clicked.connect(self.open_judge)
        self.export_jsonl_button.clicked.connect(lambda: self.ask_export("jsonl"))
        self.export_csv_button.clicked.connect(lambda: self.ask_export("csv"))
        self.runs_combo.activated.connect(self._on_run_activated)
        self._update_controls()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            self.directory.start()
            self.refresh_runs()

    # prompts ---------------------------------------------------------------------------------------------
    def ask_prompt_file(self) -> QFileDialog:
        return self.chooser.ask()

    def load_prompt_file(self, path: Path) -> None:
        self.chooser.load(path)

    @Slot()
    def use_validation_split(self) -> None:
        if self.document is None:
            return
        examples = [ex for ex in self.document.examples if VALIDATION_TAG in ex.tags]
        if not examples:
            self.status.setText(
                self.tr(
                    "The open dataset has no validation examples. Select rows on the Dataset screen and "
                    "use Edit > Move to validation, or choose a prompt file."
                )
            )
            return
        prompts = prompts_from_examples([ex.data for ex in examples], lines=[ex.line for ex in examples])
        prompts.source = self.tr("validation split of %1").replace(
            "%1", self.document.path.name if self.document.path else self.tr("the open dataset")
        )
        self._on_prompts(prompts)

    def _on_prompts(self, prompts: PromptSet) -> None:
        self.prompts = prompts
        self.run = None
        self.model.set_run(prompts.rows, None, {})
        text = self.tr("%n prompt(s) from %1", "", len(prompts.rows)).replace("%1", prompts.source or "")
        if prompts.skipped:
            lines = ", ".join(str(s.line) for s in prompts.skipped[:8])
            text += " " + self.tr("(skipped lines without a question: %1)").replace("%1", lines)
        self.source_label.setText(text)
        self.progress.setValue(0)
        self.time_left.setText("")
        self.status.setText("" if prompts.rows else self.tr("No line of it holds a user message to send."))
        self._update_controls()
        self.prompts_loaded.emit(len(prompts.rows))

    # running ---------------------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self.task is not None

    def _columns(self) -> list[Column]:
        return [Column(p.profile_id(), p.model()) for p in (self.picker_a, self.picker_b)]

    @Slot()
    def start(self) -> None:
        """Start a new run, or resume the open one (only prompts without an answer are sent)."""
        if self.busy:
            return
        if self.run is None:
            if self.prompts is None or not self.prompts.rows:
                self.status.setText(self.tr("Choose a prompt file or the validation split first."))
                return
            columns = self._columns()
            if not all(c.model for c in columns):
                self.status.setText(self.tr("Choose both models first."))
                return
            prompts = self.prompts
            self.context.runner.op(
                self.runs.create,
                prompts.rows,
                prompts.source or "",
                columns,
                concurrency=self.concurrency.value(),
                params=self.params_bar.params(),
            ).on_result(self._on_created).on_error(self._on_run_failed).start(self)
            self.start_button.setEnabled(False)
            return
        self._launch()

    def _on_created(self, run: Run) -> None:
        self._open(run)
        self.refresh_runs()
        self._launch()

    def _launch(self) -> None:
        run = self.run
        assert run is not None
        run.info.concurrency = self.concurrency.value()
        self._started_at = time.monotonic()
        self._done_at_start = -1
        self.status.setText(self.tr("Asking both models…"))
        self.task = (
            self.context.runner.op(
                run_columns,
                self.context,
                run.rows,
                run.info.columns,
                run.store,
                run.info.concurrency,
                run.info.params,
                pool="net",
                cancel=True,
                progress=True,
            )
            .on_item(self._on_answer)
            .on_progress(self._on_progress)
            .on_result(self._on_finished)
            .on_error(self._on_run_failed)
            .on_cancelled(self._on_cancelled)
            .on_done(self._on_done)
            .start(self)
        )
        self._update_controls()

    @Slot()
    def new_run(self) -> None:
        """Leave the open run as it is saved; the next Start makes a new one with the same prompts."""
        if self.busy or self.run is None:
            return
        self.run = None
        self.model.set_run(self.prompts.rows if self.prompts else [], None, {})
        self.progress.setValue(0)
        self.time_left.setText("")
        self.status.setText("")
        self._update_controls()

    @Slot()
    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.status.setText(self.tr("Cancelling: waiting for the requests already sent…"))

    def _on_answer(self, answer: Answer) -> None:
        self.model.answer_arrived(answer)

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(1, total))
        self.progress.setValue(done)
        if self._done_at_start < 0:
            self._done_at_start = done
            self._started_at = time.monotonic()
        new = done - self._done_at_start
        if new > 0 and done < total:
            left = (total - done) * (time.monotonic() - self._started_at) / new
            self.time_left.setText(self.tr("about %1 left").replace("%1", duration_text(left)))
        elif done >= total:
            self.time_left.setText(self.tr("done"))

    def _on_finished(self, summary: BatchSummary) -> None:
        if summary.failed:
            self.status.setText(
                self.tr(
                    "%n answer(s) are still missing: the server kept failing. Start again to ask for them.",
                    "",
                    summary.failed,
                )
            )
        else:
            self.status.setText(
                self.tr("Every prompt has both answers (%1 new, %2 from before).")
                .replace("%1", str(summary.sent))
                .replace("%2", str(summary.reused))
            )
        self._save_results(lambda: self.run_finished.emit(summary))

    def _on_cancelled(self) -> None:
        self.status.setText(self.tr("Cancelled. The answers received are kept; Start continues the run."))
        self._save_results(self.run_cancelled.emit)

    def _on_run_failed(self, exc: BaseException, _tb: str) -> None:
        self.status.setText(self.tr("The run stopped: %1").replace("%1", error_text(exc)))
        self._update_controls()

    def _on_done(self) -> None:
        self.task = None
        self.model.set_run(self.model.rows, self.model.store, self.model.slots)  # answers kept on cancel
        self._update_controls()

    def _save_results(self, then: Callable[[], None] | None) -> None:
        """Write the results file off the UI thread (one line per prompt, preferences included)."""
        run = self.run
        if run is None:
            return
        op = self.context.runner.op(write_results, run)
        if then is not None:
            op.on_result(lambda _n: then())
        op.on_error(
            lambda exc, _tb: self.status.setText(
                self.tr("The results could not be saved: %1").replace("%1", str(exc))
            )
        ).start(self)

    # preferences, filters, export -------------------------------------------------------------------------
    def selected_rows(self) -> list[int]:
        rows = {self.proxy.mapToSource(i).row() for i in self.table.selectionModel().selectedRows()}
        return sorted(rows)

    def set_preference(self, choice: str | None) -> None:
        rows = self.selected_rows()
        if not rows or self.run is None:
            return
        self.model.set_preference(rows, choice)
        self._apply_filter()
        if not self.busy:
            self._save_results(None)

    @Slot()
    def _apply_filter(self) -> None:
        mode = Filter(int(self.filter_combo.currentData() or 0))
        self.proxy.set_filter(mode, self.search.text())

    def ask_export(self, kind: str) -> QFileDialog:
        name = self.tr("CSV (*.csv)") if kind == "csv" else self.tr("JSON Lines (*.jsonl)")
        dlg = QFileDialog(self, self.tr("Export the rows shown"), "", name)
        dlg.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dlg.setDefaultSuffix(kind)
        dlg.fileSelected.connect(lambda p: self.export_to(kind, Path(p)))
        dlg.finished.connect(dlg.deleteLater)
        dlg.open()
        return dlg

    def export_to(self, kind: str, path: Path) -> None:
        if self.run is None:
            self.status.setText(self.tr("Start a run first: there is nothing to export yet."))
            return
        self.context.runner.op(export_rows, kind, path, self.run, self.proxy.shown_rows()).on_result(
            lambda n: self._on_exported(path, n)
        ).on_error(
            lambda exc, _tb: self.status.setText(self.tr("Could not export: %1").replace("%1", str(exc)))
        ).start(self)

    def _on_exported(self, path: Path, n: int) -> None:
        self.status.setText(self.tr("Exported %n row(s) to %1", "", n).replace("%1", str(path)))
        self.exported.emit(str(path))

    # judge ------------------------------------------------------------------------------------------------
    def open_judge(self) -> JudgeDialog | None:
        if self.run is None or self.busy:
            return None
        dlg = JudgeDialog(self.context, self.directory, self.run, self)
        dlg.run_requested.connect(self.start_judge)
        dlg.finished.connect(dlg.deleteLater)
        dlg.finished.connect(lambda _r: setattr(self, "judge_dialog", None))
        self.judge_dialog = dlg
        dlg.open()
        return dlg

    @Slot(str, str, str)
    def start_judge(self, profile_id: str, model: str, rubric: str) -> None:
        run = self.run
        if run is None or self.busy:
            return
        self.model.set_run(run.rows, run.store, {**run.info.slots, JUDGE_SLOT: model})
        self.status.setText(self.tr("The judge is reading the answers…"))
        self._started_at = time.monotonic()
        self._done_at_start = -1
        self.task = (
            self.context.runner.op(
                judge_with,
                self.context,
                profile_id,
                model,
                run.rows,
                run.store,
                run.info.slots,
                rubric,
                self.concurrency.value(),
                pool="net",
                cancel=True,
                progress=True,
            )
            .on_item(self._on_answer)
            .on_progress(self._on_progress)
            .on_result(self._on_judged)
            .on_error(self._on_run_failed)
            .on_cancelled(self._on_cancelled)
            .on_done(self._on_done)
            .start(self)
        )
        self._update_controls()

    def _on_judged(self, summary: BatchSummary) -> None:
        run = self.run
        model = self.model.slots.get(JUDGE_SLOT, "")
        counts = verdict_counts(run.rows, run.store, model) if run is not None else {}
        self.status.setText(
            self.tr("The judge found A better %1 times, B better %2, a tie %3; %4 unclear.")
            .replace("%1", str(counts.get("a", 0)))
            .replace("%2", str(counts.get("b", 0)))
            .replace("%3", str(counts.get("tie", 0)))
            .replace("%4", str(counts.get("unclear", 0)))
        )
        self._save_results(lambda: self.judged.emit(summary))

    # saved runs --------------------------------------------------------------------------------------------
    def refresh_runs(self) -> None:
        self.context.runner.op(self.runs.list).on_result(self._on_runs_listed).start(self)

    def _on_runs_listed(self, runs: list[RunInfo]) -> None:
        self.runs_combo.blockSignals(True)
        self.runs_combo.clear()
        self.runs_combo.addItem(self.tr("Saved runs (%n)", "", len(runs)), None)
        for info in runs:
            when = time.strftime("%Y-%m-%d %H:%M", time.localtime(info.created))
            models = " / ".join(c.model for c in info.columns)
            self.runs_combo.addItem(f"{when} · {models}", info.id)
        self.runs_combo.blockSignals(False)
        self.runs_listed.emit()

    @Slot(int)
    def _on_run_activated(self, index: int) -> None:
        run_id = self.runs_combo.itemData(index)
        self.runs_combo.setCurrentIndex(0)
        if run_id and not self.busy:
            self.open_run(str(run_id))

    def open_run(self, run_id: str) -> None:
        self.context.runner.op(self.runs.load, run_id).on_result(self._open).on_error(
            lambda exc, _tb: self.status.setText(
                self.tr("The run could not be opened: %1").replace("%1", str(exc))
            )
        ).start(self)

    def _open(self, run: Run) -> None:
        self.run = run
        self.prompts = PromptSet(run.rows, source=run.info.source)
        self.model.set_run(run.rows, run.store, slots_shown(run))
        for picker, col in zip((self.picker_a, self.picker_b), run.info.columns, strict=False):
            picker.set_profile(col.profile_id)
            picker.set_model(col.model)
        self.concurrency.setValue(run.info.concurrency)
        self.params_bar.set_params(run.info.params)
        done = sum(1 for a in run.store.answers() if a.ok)
        total = len(run.rows) * len(run.info.columns)
        self.progress.setMaximum(max(1, total))
        self.progress.setValue(min(done, total))
        self.source_label.setText(
            self.tr("%n prompt(s) from %1", "", len(run.rows)).replace("%1", run.info.source)
        )
        self._update_controls()
        self.run_opened.emit()

    def _update_controls(self) -> None:
        busy = self.busy
        has_run = self.run is not None
        self.start_button.setEnabled(not busy and (has_run or bool(self.prompts and self.prompts.rows)))
        self.start_button.setText(self.tr("Continue") if has_run and not busy else self.tr("Start"))
        self.cancel_button.setEnabled(busy)
        self.new_run_button.setEnabled(not busy and has_run)
        for w in (self.file_button, self.validation_button, self.runs_combo):
            w.setEnabled(not busy)
        self.picker_a.setEnabled(not busy and not has_run)
        self.picker_b.setEnabled(not busy and not has_run)
        self.validation_button.setEnabled(not busy and self.document is not None)
        for b in (self.export_jsonl_button, self.export_csv_button):
            b.setEnabled(has_run)
        self.judge_button.setEnabled(has_run and not busy)
