"""NewJobDialog: start a fine-tuning job from the dataset open in the editor.

Model (catalog names with their dates; refused models explained), method, hyperparameters (each
automatic or set), suffix checked as you type, seed, validation (the editor's split, a file or none),
the price for exactly these settings, findings that block the start (each a link), then upload with a
real progress bar and the job's creation. Start is disabled while a start runs, and a retry after a
failure reuses the uploaded files and the request's marker, so no click or dropped connection makes a
second job.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QSignalBlocker, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from finetune_desktop.core.accounts.profiles import ProfileKind
from finetune_desktop.core.api.errors import OutcomeUncertain
from finetune_desktop.core.api.records import Hyperparameters, Job, JobRequest, new_marker
from finetune_desktop.core.catalog.models import Catalog, ModelInfo, local_model_info
from finetune_desktop.core.catalog.pricing import default_epochs, estimate_cost, money
from finetune_desktop.core.dataset.examples import DatasetFormat, Example, detect_format
from finetune_desktop.core.jobs.launch import TransferRate, suffix_problem, write_upload_files
from finetune_desktop.core.local_models.catalog import folder_model_id
from finetune_desktop.core.paths import app_paths
from finetune_desktop.core.validation.findings import Finding, Severity
from finetune_desktop.gui.dataset.commands import VALIDATION_TAG
from finetune_desktop.gui.dataset.document import DatasetDocument
from finetune_desktop.gui.jobs import words
from finetune_desktop.gui.jobs.model_fit import ModelFitMarks
from finetune_desktop.gui.jobs.monitor import JobMonitor
from finetune_desktop.gui.settings.model_folders_row import saved_model_folders
from finetune_desktop.gui.tasks import Task

MAX_FINDING_LINKS = 20


def _size(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} GB"


class _AutoOrValue(QWidget):
    """A spin box with an "Automatic" tick (the server decides)."""

    def __init__(self, spin: QSpinBox | QDoubleSpinBox, auto_text: str) -> None:
        super().__init__()
        self.spin = spin
        self.auto = QCheckBox(auto_text)
        self.auto.setChecked(True)
        spin.setEnabled(False)
        self.auto.toggled.connect(lambda on: spin.setEnabled(not on))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(spin)
        row.addWidget(self.auto)
        row.addStretch(1)

    def value(self) -> int | float | str:
        return "auto" if self.auto.isChecked() else self.spin.value()


class NewJobDialog(QDialog):
    """Signals: ``job_created(Job)``, ``finding_activated(Finding)`` (a link to a blocking finding)."""

    job_created = Signal(object)
    finding_activated = Signal(object)

    def __init__(
        self,
        document: DatasetDocument,
        monitor: JobMonitor,
        catalog: Catalog,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New fine-tuning job"))
        self.doc = document
        self.monitor = monitor
        self.catalog = catalog
        self.today = today or date.today()
        self.task: Task | None = None
        self.rate = TransferRate()
        self._marker = new_marker()
        self._attempted = False
        self._uploaded: dict[tuple[str, ...], list[str]] = {}
        self._validation_file: Path | None = None
        examples = list(document.examples)
        self.train_examples = [e for e in examples if VALIDATION_TAG not in e.tags]
        self.split_examples = [e for e in examples if VALIDATION_TAG in e.tags]
        self.data_format = detect_format(examples[0].data) if examples else DatasetFormat.UNKNOWN
        self.findings = document.all_findings()
        # (billed tokens, examples counted) of the training examples: summed once, not on every keystroke
        # (a loop over every example), again after the document's counts changed
        self._billed: tuple[int, int] | None = None
        document.tokens_changed.connect(self._forget_billed)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.model_box = QComboBox()
        self.model_box.setAccessibleName(self.tr("Base model"))
        self.model_note = QLabel()
        self.model_note.setWordWrap(True)
        self._folder_models: dict[str, tuple[Path, ModelInfo]] = {}
        self._first_choice: str | None = None
        folders = self._fill_models()
        # the saved model folders are looked at on a worker, then added (see _add_folder_models)
        self.fit_marks = ModelFitMarks(self.model_box, self, folders=folders)
        self.method_box = QComboBox()
        self.method_box.addItem(self.tr("Supervised (chat examples)"), "supervised")
        self.method_box.addItem(self.tr("DPO (preference pairs)"), "dpo")
        self.method_note = QLabel()
        self.method_note.setWordWrap(True)
        self._choose_method()

        epochs = QSpinBox()
        epochs.setRange(1, 50)
        epochs.setValue(3)
        batch = QSpinBox()
        batch.setRange(1, 256)
        batch.setValue(1)
        lr = QDoubleSpinBox()
        lr.setRange(0.01, 10.0)
        lr.setSingleStep(0.1)
        lr.setValue(1.0)
        auto = self.tr("Automatic")
        self.epochs = _AutoOrValue(epochs, auto)
        self.batch = _AutoOrValue(batch, auto)
        self.lr = _AutoOrValue(lr, auto)
        self.suffix = QLineEdit()
        self.suffix.setMaxLength(80)  # longer than allowed, so the message can say why
        self.suffix.setPlaceholderText(self.tr("e.g. support-bot-v1"))
        self.suffix_note = QLabel()
        self.suffix_note.setWordWrap(True)
        seed = QSpinBox()
        seed.setRange(0, 2_147_483_647)
        seed.setValue(42)
        self.seed = _AutoOrValue(seed, self.tr("Random"))

        self.valid_split = QRadioButton(
            self.tr("The editor's validation split (%1 examples)").replace(
                "%1", f"{len(self.split_examples):,}"
            )
        )
        self.valid_file = QRadioButton(self.tr("A file…"))
        self.valid_none = QRadioButton(self.tr("None"))
        self.valid_group = QButtonGroup(self)
        for b in (self.valid_split, self.valid_file, self.valid_none):
            self.valid_group.addButton(b)
        (self.valid_split if self.split_examples else self.valid_none).setChecked(True)
        self.valid_split.setEnabled(bool(self.split_examples))
        self.valid_path = QLabel()
        self.file_dialog: QFileDialog | None = None
        valid_box = QVBoxLayout()
        for b in (self.valid_split, self.valid_file, self.valid_none):
            valid_box.addWidget(b)
        valid_box.addWidget(self.valid_path)

        self.price = QLabel()
        self.price.setWordWrap(True)
        self.price.setStyleSheet("font-weight: 600;")
        self.blockers = QLabel()
        self.blockers.setWordWrap(True)
        self.blockers.setTextFormat(Qt.TextFormat.RichText)
        self.blockers.setOpenExternalLinks(False)
        self.blockers.linkActivated.connect(self._on_finding_link)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.hide()
        self.progress_text = QLabel()
        self.progress_text.setWordWrap(True)
        self.start_button = QPushButton(self.tr("Upload and start"))
        self.start_button.setDefault(True)
        self.cancel_upload = QPushButton(self.tr("Cancel upload"))
        self.cancel_upload.hide()
        self.close_button = QPushButton(self.tr("Close"))

        form = QFormLayout()
        form.addRow(self.tr("Base model"), self.model_box)
        form.addRow("", self.model_note)
        form.addRow(self.tr("Method"), self.method_box)
        form.addRow("", self.method_note)
        form.addRow(self.tr("Epochs"), self.epochs)
        form.addRow(self.tr("Batch size"), self.batch)
        form.addRow(self.tr("Learning-rate multiplier"), self.lr)
        form.addRow(self.tr("Suffix"), self.suffix)
        form.addRow("", self.suffix_note)
        form.addRow(self.tr("Seed"), self.seed)
        form.addRow(self.tr("Validation"), valid_box)
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.addWidget(self.summary)
        inner_layout.addLayout(form)
        inner_layout.addWidget(self.price)
        inner_layout.addWidget(self.blockers)
        inner_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress_text, 1)
        buttons.addWidget(self.cancel_upload)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.start_button)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.progress)
        layout.addLayout(buttons)
        self.resize(760, 720)

        for signal in (
            self.model_box.currentIndexChanged,
            self.method_box.currentIndexChanged,
            self.suffix.textChanged,
            self.epochs.auto.toggled,
            self.epochs.spin.valueChanged,
            self.batch.auto.toggled,
            self.batch.spin.valueChanged,
            self.valid_group.buttonToggled,
        ):
            signal.connect(self._update)
        self.valid_file.toggled.connect(self._on_valid_file_toggled)
        self.start_button.clicked.connect(self.start)
        self.cancel_upload.clicked.connect(self._on_cancel_upload)
        self.close_button.clicked.connect(self.reject)
        self.fit_marks.folders_found.connect(self._add_folder_models)
        self.fit_marks.changed.connect(self._update)
        self.fit_marks.start(self.monitor.context.runner)
        self._update()

    # -- choices ------------------------------------------------------------------------------------
    def _trains_locally(self) -> bool:
        """Whether this connection trains on this computer: the built-in sandbox with its local engine."""
        context = self.monitor.context
        return context.active_profile.kind is ProfileKind.SANDBOX and context.sandbox_trains_locally()

    def _fill_models(self) -> dict[str, Path]:
        """The catalog's models; returns the user's saved model folders (by model id) to look at on a
        worker when this connection trains locally (none otherwise)."""
        local = self._trains_locally()
        for info in self.catalog.models.values():
            if info.status != "available" and not info.new_jobs_until:
                continue
            if info.local and not local:  # an open model no other server here trains
                continue
            self.model_box.addItem(info.id, info.id)
            index = self.model_box.count() - 1
            if not info.accepts_new_jobs(self.today):
                item = self.model_box.model().item(index)  # type: ignore[attr-defined]
                item.setEnabled(False)
                self.model_box.setItemData(index, self._refusal(info), Qt.ItemDataRole.ToolTipRole)
        folders: dict[str, Path] = {}
        for path in saved_model_folders(self.monitor.context.ui_settings()) if local else ():
            model_id = folder_model_id(path)
            if self.model_box.findData(model_id) < 0:
                folders.setdefault(model_id, Path(path))
        want = self.doc.model if self.model_box.findData(self.doc.model) >= 0 else self.catalog.default_model
        self.model_box.setCurrentIndex(max(0, self.model_box.findData(want)))
        self._first_choice = self.model_box.currentData()
        return folders

    @Slot(object)
    def _add_folder_models(self, found: dict[str, Path]) -> None:
        """The saved folders that hold a usable model; the document's model is chosen if it is one of
        them and the choice was not changed meanwhile."""
        for model_id, path in found.items():
            if self.model_box.findData(model_id) >= 0:
                continue
            self._folder_models[model_id] = (path, local_model_info(model_id, str(path)))
            self.model_box.addItem(model_id, model_id)
            self.model_box.setItemData(self.model_box.count() - 1, str(path), Qt.ItemDataRole.ToolTipRole)
        if self.doc.model in found and self.model_box.currentData() == self._first_choice:
            self.model_box.setCurrentIndex(self.model_box.findData(self.doc.model))

    def _refusal(self, info: ModelInfo) -> str:
        if info.new_jobs_until is not None and self.today > info.new_jobs_until:
            return self.tr("No new jobs since %1: the provider stopped fine-tuning this model.").replace(
                "%1", info.new_jobs_until.isoformat()
            )
        return self.tr("This model is retired and takes no new jobs.")

    def _choose_method(self) -> None:
        model = self.method_box.model()
        preference = self.data_format is DatasetFormat.PREFERENCE
        model.item(0).setEnabled(not preference)  # type: ignore[attr-defined]
        model.item(1).setEnabled(preference)  # type: ignore[attr-defined]
        self.method_box.setCurrentIndex(1 if preference else 0)
        self.method_note.setText(
            self.tr("The dataset holds preference pairs, so it trains with DPO.")
            if preference
            else self.tr("DPO needs preference pairs (input, preferred and non-preferred answer).")
        )

    @property
    def model_info(self) -> ModelInfo | None:
        model_id = str(self.model_box.currentData() or "")
        folder = self._folder_models.get(model_id)
        return folder[1] if folder else self.catalog.get(model_id)

    def validation_examples(self) -> list[Example] | None:
        return self.split_examples if self.valid_split.isChecked() else None

    def request_fields(self) -> dict[str, object]:
        hyper = Hyperparameters(
            n_epochs=self.epochs.value(),  # type: ignore[arg-type]
            batch_size=self.batch.value(),  # type: ignore[arg-type]
            learning_rate_multiplier=self.lr.value(),  # type: ignore[arg-type]
        )
        seed = self.seed.value()
        return {
            "model": str(self.model_box.currentData()),
            "method": str(self.method_box.currentData()),
            "hyperparameters": hyper,
            "suffix": self.suffix.text() or None,
            "seed": None if seed == "auto" else int(seed),
        }

    # -- checks and price ---------------------------------------------------------------------------
    def problems(self) -> list[str]:
        """Why the job cannot start now (empty: it can)."""
        out: list[str] = []
        if not self.train_examples:
            out.append(self.tr("The dataset has no training examples."))
        info = self.model_info
        if info is None or not info.accepts_new_jobs(self.today):
            out.append(self._refusal(info) if info else self.tr("Choose a base model."))
        if suffix_problem(self.suffix.text()):
            out.append(self.tr("The suffix is not valid (see the note under it)."))
        if self.valid_file.isChecked() and self._validation_file is None:
            out.append(self.tr("Choose the validation file."))
        if self.errors:
            out.append(self.tr("The dataset has %n error(s) the server would refuse.", "", len(self.errors)))
        return out

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @Slot()
    def _update(self, *_args: object) -> None:
        info = self.model_info
        if info is not None:
            dates = [
                self.tr("new jobs until %1").replace("%1", info.new_jobs_until.isoformat())
                if info.new_jobs_until
                else "",
                self.tr("shuts down %1").replace("%1", info.shutdown_date.isoformat())
                if info.shutdown_date
                else "",
            ]
            note = "; ".join(d for d in dates if d)
            if not info.accepts_new_jobs(self.today):
                note = self._refusal(info)
            batch = self.batch.value()
            self.fit_marks.set_batch_size(batch if isinstance(batch, int) else 1)
            fits = self.fit_marks.note(info.id)
            self.model_note.setText(" ".join(t for t in (note, fits) if t))
        code = suffix_problem(self.suffix.text())
        if code == "too_long":
            self.suffix_note.setText(
                self.tr("Too long: %1 characters, at most 64 allowed.").replace(
                    "%1", str(len(self.suffix.text()))
                )
            )
        elif code == "bad_character":
            self.suffix_note.setText(self.tr("Use only letters A–Z, digits, “-” and “_” (no spaces)."))
        else:
            self.suffix_note.setText(
                self.tr("Optional; becomes part of the model's name (up to 64 characters).")
            )
        self.suffix_note.setStyleSheet("color: #b00020;" if code else "color: palette(mid);")
        n_valid = len(self.split_examples) if self.valid_split.isChecked() else 0
        self.summary.setText(
            self.tr("Dataset: %1 training examples, %2 for validation.")
            .replace("%1", f"{len(self.train_examples):,}")
            .replace("%2", f"{n_valid:,}")
        )
        if self.epochs.auto.isChecked():
            # the greyed box shows the number the price is for (OpenAI's rule for this many examples),
            # not a fixed 3 beside a price for another number
            auto_epochs = default_epochs(len(self.train_examples))
            if self.epochs.spin.value() != auto_epochs:
                blocker = QSignalBlocker(self.epochs.spin)
                self.epochs.spin.setValue(auto_epochs)
                blocker.unblock()
        self.price.setText(self._price_text(info))
        self._show_blockers()
        self.start_button.setEnabled(self.task is None and not self.problems())

    def _price_text(self, info: ModelInfo | None) -> str:
        if info is None:
            return ""
        billed, counted = self._billed_tokens()
        epochs_value = self.epochs.value()
        epochs = default_epochs(len(self.train_examples)) if epochs_value == "auto" else int(epochs_value)
        cost = estimate_cost(
            billed,
            epochs,
            info,
            rate=self.catalog.currency.rate_per_usd,
            currency=self.catalog.currency.code,
            rate_date=self.catalog.currency.rate_date,
        )
        if cost.usd is None:
            return self.tr("The catalog has no training price for this model.")
        if info.local:  # trained on this computer: no price, and no date of one
            return (
                self.tr("Free: trained on this computer (%1 billed tokens × %2 epochs).")
                .replace("%1", f"{billed:,}")
                .replace("%2", str(epochs))
            )
        text = (
            self.tr("Estimated price: $%1 (≈ %2 %3) for %4 billed tokens × %5 epochs, prices of %6.")
            .replace("%1", str(money(cost.usd)))
            .replace("%2", str(money(cost.local or cost.usd)))
            .replace("%3", cost.currency)
            .replace("%4", f"{billed:,}")
            .replace("%5", str(epochs))
            .replace("%6", cost.prices_date or "—")
        )
        if counted < len(self.train_examples):
            text += " " + self.tr("Tokens are still being counted; the price grows until they are.")
        return text

    def _billed_tokens(self) -> tuple[int, int]:
        if self._billed is None:
            billed = counted = 0
            tokens_for = self.doc.tokens_for
            for example in self.train_examples:
                tokens = tokens_for(example.uid)
                if tokens is not None:
                    billed += tokens.billed
                    counted += 1
            self._billed = (billed, counted)
        return self._billed

    @Slot()
    def _forget_billed(self) -> None:
        self._billed = None

    def _show_blockers(self) -> None:
        parts: list[str] = []
        errors = self.errors
        if errors:
            parts.append("<b>" + self.tr("Fix these errors in the dataset before starting:") + "</b><br>")
            for i, finding in enumerate(errors[:MAX_FINDING_LINKS]):
                where = (
                    self.tr("line %1").replace("%1", str(finding.line))
                    if finding.line
                    else self.tr("dataset")
                )
                parts.append(f'<a href="finding:{i}">{where}</a>: {_html(finding.message)}<br>')
            if len(errors) > MAX_FINDING_LINKS:
                parts.append(
                    self.tr("… and %1 more in the Findings tab.").replace(
                        "%1", str(len(errors) - MAX_FINDING_LINKS)
                    )
                )
        warnings = [f for f in self.findings if f.severity is Severity.WARNING]
        if warnings:
            parts.append(
                "<br>"
                + self.tr("%n warning(s): the job can start, but see the Findings tab.", "", len(warnings))
            )
        self.blockers.setText("".join(parts))
        self.blockers.setVisible(bool(parts))

    @Slot(str)
    def _on_finding_link(self, href: str) -> None:
        index = int(href.split(":", 1)[1])
        errors = self.errors
        if 0 <= index < len(errors):
            self.finding_activated.emit(errors[index])

    @Slot(bool)
    def _on_valid_file_toggled(self, on: bool) -> None:
        if not on or self.file_dialog is not None:
            return
        dialog = QFileDialog(self, self.tr("Validation file"))
        dialog.setNameFilter(self.tr("JSON Lines (*.jsonl)"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)

        def chosen(path: str) -> None:
            self._validation_file = Path(path)
            self.valid_path.setText(path)
            self._update()

        dialog.fileSelected.connect(chosen)
        dialog.finished.connect(lambda _r: setattr(self, "file_dialog", None))
        dialog.finished.connect(dialog.deleteLater)
        self.file_dialog = dialog
        dialog.open()

    # -- starting -----------------------------------------------------------------------------------
    @Slot()
    def start(self) -> None:
        """Write, upload, create; a second call while one runs does nothing."""
        if self.task is not None or self.problems():
            return
        self.start_button.setEnabled(False)
        train, valid = self.train_examples, self.validation_examples()
        other = self._validation_file if self.valid_file.isChecked() else None
        # the same examples (and edits) upload once, however often the user tries
        key = (
            *(f"{e.uid}.{e.revision}" for e in train),
            "|",
            *(f"{e.uid}.{e.revision}" for e in valid or ()),
            str(other or ""),
        )
        if key in self._uploaded:
            self._on_uploaded(self._uploaded[key], has_validation=bool(valid) or other is not None)
            return
        self.progress_text.setText(self.tr("Writing the files to upload…"))
        stem = self.doc.path.stem if self.doc.path else "dataset"
        folder = app_paths().cache / "uploads"
        self.task = (
            self.monitor.context.runner.op(write_upload_files, train, valid, folder, stem)
            .on_result(lambda paths: self._on_written(key, paths, other))
            .on_error(lambda e, _tb: self._failed(e))
            .start(self)
        )

    def _on_written(self, key: tuple[str, ...], paths: tuple[Path, Path | None], other: Path | None) -> None:
        train_path, valid_path = paths
        valid_path = other or valid_path
        files = [train_path] + ([valid_path] if valid_path else [])
        self.rate = TransferRate()
        self.progress.setValue(0)
        self.progress.show()
        self.cancel_upload.show()

        def uploaded(ids: list[str]) -> None:
            self._uploaded[key] = ids
            self._on_uploaded(ids, has_validation=valid_path is not None)

        self.task = self.monitor.upload(files, self._on_progress, uploaded, self._failed, self._on_cancelled)

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        self.rate.add(done)
        self.progress.setValue(int(1000 * done / total) if total else 0)
        parts = [self.tr("Uploading: %1 of %2").replace("%1", _size(done)).replace("%2", _size(total))]
        speed = self.rate.bytes_per_second
        if speed:
            parts.append(self.tr("%1/s").replace("%1", _size(speed)))
        left = self.rate.seconds_left(total)
        if left is not None and done < total:
            parts.append(self.tr("%1 s left").replace("%1", str(round(left))))
        self.progress_text.setText(" · ".join(parts))

    def _on_uploaded(self, ids: list[str], *, has_validation: bool) -> None:
        self.cancel_upload.hide()
        self.progress.setValue(1000)
        self.progress_text.setText(self.tr("Files uploaded. Creating the job…"))
        fields = self.request_fields()
        request = JobRequest(
            training_file=ids[0],
            validation_file=ids[1] if has_validation and len(ids) > 1 else None,
            **fields,  # type: ignore[arg-type]
        )
        again = self._attempted
        self._attempted = True
        self.task = self.monitor.create_job(
            request, self._on_created, self._failed, marker=self._marker, again=again
        )

    def _on_created(self, job: Job) -> None:
        self.task = None
        self.progress_text.setText(self.tr("Job %1 created.").replace("%1", job.id))
        self.job_created.emit(job)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.task = None
        self.cancel_upload.hide()
        if not isinstance(error, OutcomeUncertain) and self._attempted:
            # a definite refusal: the next attempt is a new request
            self._marker, self._attempted = new_marker(), False
        self.progress_text.setText(
            self.tr("Not started: %1 You can try again; nothing is created twice.").replace(
                "%1", words.service_problem(error)
            )
        )
        self._update()

    def _on_cancelled(self) -> None:
        self.task = None
        self.progress.hide()
        self.cancel_upload.hide()
        self.progress_text.setText(self.tr("Upload cancelled. Nothing was started."))
        self._update()

    @Slot()
    def _on_cancel_upload(self) -> None:
        if self.task is not None:
            self.task.cancel()


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
