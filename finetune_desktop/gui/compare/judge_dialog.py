"""The optional judge for a batch run: a model, an editable rubric, and its cost estimated before it runs.

Run stays disabled until an estimate has been shown for the model and rubric as they are now, so nobody
starts a paid judge without having seen what it would send.
"""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from finetune_desktop.core.catalog.models import Catalog
from finetune_desktop.core.compare.judge import DEFAULT_RUBRIC, JudgeEstimate, estimate, judge_rows
from finetune_desktop.core.compare.runs import Run
from finetune_desktop.gui.compare.error_text import error_text
from finetune_desktop.gui.compare.model_picker import ModelDirectory, ModelPicker
from finetune_desktop.gui.context import AppContext


def _estimate(run: Run, model: str, rubric: str, catalog: Catalog) -> JudgeEstimate:
    return estimate(judge_rows(run.rows, run.store, run.info.slots, rubric), run.store, model, catalog)


class JudgeDialog(QDialog):
    """Signals: ``estimated(object)`` (a ``JudgeEstimate``), ``run_requested(str, str, str)`` (profile id,
    model, rubric)."""

    estimated = Signal(object)
    run_requested = Signal(str, str, str)

    def __init__(
        self, context: AppContext, directory: ModelDirectory, run: Run, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Judge the answers"))
        self.context = context
        self.directory = directory
        self.run = run
        self._estimated_for: tuple[str, str, str] | None = None
        intro = QLabel(
            self.tr(
                "A model reads each prompt, its expected answer and both answers, and says which is "
                "better. It is paid like any request: see the estimate before you run it."
            )
        )
        intro.setWordWrap(True)
        self.picker = ModelPicker(directory)
        self.rubric = QPlainTextEdit(DEFAULT_RUBRIC)
        self.rubric.setAccessibleName(self.tr("Rubric"))
        self.estimate_label = QLabel()
        self.estimate_label.setWordWrap(True)
        self.estimate_button = QPushButton(self.tr("Estimate"))
        self.run_button = QPushButton(self.tr("Run the judge"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.estimate_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.run_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(QLabel(self.tr("Judge model")))
        layout.addWidget(self.picker)
        layout.addWidget(QLabel(self.tr("Rubric")))
        layout.addWidget(self.rubric, 1)
        layout.addWidget(self.estimate_label)
        layout.addWidget(buttons)
        self.estimate_button.clicked.connect(self.ask_estimate)
        self.run_button.clicked.connect(self._on_run_clicked)
        self.picker.changed.connect(self._update)
        self.rubric.textChanged.connect(self._update)
        self.resize(640, 480)
        self._update()

    def _key(self) -> tuple[str, str, str]:
        return (self.picker.profile_id(), self.picker.model(), self.rubric.toPlainText().strip())

    @Slot()
    def _update(self) -> None:
        self.estimate_button.setEnabled(bool(self.picker.model()))
        self.run_button.setEnabled(self._estimated_for == self._key())

    @Slot()
    def ask_estimate(self) -> None:
        catalog = self.directory.catalog
        key = self._key()
        if not key[1] or catalog is None:
            return
        self.estimate_label.setText(self.tr("Counting…"))
        self.context.runner.op(_estimate, self.run, key[1], key[2] or DEFAULT_RUBRIC, catalog).on_result(
            lambda est: self._on_estimated(key, est)
        ).on_error(lambda exc, _tb: self.estimate_label.setText(error_text(exc))).start(self)

    def _on_estimated(self, key: tuple[str, str, str], est: JudgeEstimate) -> None:
        about = self.tr("about ") if est.estimated else ""
        text = (
            self.tr("%1 rows to judge: %2%3 prompt tokens and at most %4 answer tokens.")
            .replace("%1", f"{est.requests:,}")
            .replace("%2", about)
            .replace("%3", f"{est.prompt_tokens:,}")
            .replace("%4", f"{est.max_output_tokens:,}")
        )
        if est.price is not None:
            text += " " + self.tr("At most %1 USD (%2 %3) at the catalog's rates.").replace(
                "%1", f"{est.price.usd:.4f}"
            ).replace("%2", f"{est.price.local:.2f}").replace("%3", est.price.currency)
        else:
            text += " " + self.tr("The catalog has no price for this model: check its rates yourself.")
        self.estimate_label.setText(text)
        self._estimated_for = key if est.requests else None
        self._update()
        self.estimated.emit(est)

    @Slot()
    def _on_run_clicked(self) -> None:
        if self._estimated_for != self._key():
            return
        pid, model, rubric = self._key()
        self.run_requested.emit(pid, model, rubric or DEFAULT_RUBRIC)
        self.accept()
