"""SplitDialog: train/validation split (random with a seed, or the examples moved to validation by hand),
both files written in the background, and a warning when the two files share examples."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from finetune_desktop.core.dataset.examples import Example
from finetune_desktop.gui.dataset import core_api
from finetune_desktop.gui.dataset.commands import VALIDATION_TAG
from finetune_desktop.gui.dataset.document import DatasetDocument
from finetune_desktop.gui.dataset.error_warning import warning_label
from finetune_desktop.gui.tasks import TaskRunner


def split_and_export(
    examples: list[Example], mode: str, percent: int, seed: int, train_path: Path, val_path: Path
) -> tuple[int, int, int]:
    """Returns (train count, validation count, examples found in both)."""
    if mode == "manual":
        val = [e for e in examples if VALIDATION_TAG in e.tags]
        train = [e for e in examples if VALIDATION_TAG not in e.tags]
    else:
        train, val = core_api.split_random(examples, percent / 100, seed)
    core_api.save_examples(train, train_path, backup=True)
    core_api.save_examples(val, val_path, backup=True)
    return len(train), len(val), core_api.overlap_count(train, val)


class SplitDialog(QDialog):
    """Signals: ``exported(str, str, int)`` (train path, validation path, overlapping examples)."""

    exported = Signal(str, str, int)

    def __init__(self, document: DatasetDocument, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = document
        self.runner = runner
        self.setWindowTitle(self.tr("Split into training and validation"))
        self.setMinimumWidth(560)
        self.random_mode = QRadioButton(self.tr("Random"))
        self.manual_mode = QRadioButton(self.tr("Examples I moved to validation"))
        self.random_mode.setChecked(True)
        manual_count = sum(1 for e in document.examples if VALIDATION_TAG in e.tags)
        self.manual_mode.setText(self.manual_mode.text() + f" ({manual_count:,})")
        self.manual_mode.setEnabled(manual_count > 0)
        self.percent = QSpinBox()
        self.percent.setRange(1, 50)
        self.percent.setValue(10)
        self.percent.setSuffix(" %")
        self.seed = QSpinBox()
        self.seed.setRange(0, 2_000_000_000)
        self.seed.setValue(42)
        self.seed.setToolTip(self.tr("The same seed gives the same split every time."))
        base = document.path or Path.home() / "dataset.jsonl"
        self.train_path = QLineEdit(str(base.with_name(base.stem + "_train.jsonl")))
        self.val_path = QLineEdit(str(base.with_name(base.stem + "_validation.jsonl")))
        self.counts = QLabel()
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("How"), self.random_mode)
        form.addRow("", self.manual_mode)
        form.addRow(self.tr("Validation share"), self.percent)
        form.addRow(self.tr("Seed"), self.seed)
        form.addRow(self.tr("Training file"), self.train_path)
        form.addRow(self.tr("Validation file"), self.val_path)
        form.addRow("", self.counts)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Close
        )
        self.export_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.export_button.setText(self.tr("Export both files"))
        self.buttons.accepted.connect(self.export)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        self.errors_label = warning_label(document)  # before anything is written
        layout.addWidget(self.errors_label)
        layout.addLayout(form)
        layout.addWidget(self.result_label)
        layout.addWidget(self.buttons)
        for w in (self.percent,):
            w.valueChanged.connect(self._update_counts)
        self.random_mode.toggled.connect(self._update_counts)
        self._update_counts()

    @Slot()
    def _update_counts(self) -> None:
        n = len(self.doc)
        if self.random_mode.isChecked():
            val = round(n * self.percent.value() / 100)
        else:
            val = sum(1 for e in self.doc.examples if VALIDATION_TAG in e.tags)
        self.percent.setEnabled(self.random_mode.isChecked())
        self.seed.setEnabled(self.random_mode.isChecked())
        self.counts.setText(
            self.tr("%1 for training, %2 for validation")
            .replace("%1", f"{n - val:,}")
            .replace("%2", f"{val:,}")
        )

    @Slot()
    def export(self) -> None:
        train, val = Path(self.train_path.text()).expanduser(), Path(self.val_path.text()).expanduser()
        if train == val:
            self._show(self.tr("Choose two different file names."), error=True)
            return
        self.export_button.setEnabled(False)
        self._show(self.tr("Writing both files…"))
        mode = "random" if self.random_mode.isChecked() else "manual"
        (
            self.runner.op(
                split_and_export,
                list(self.doc.examples),
                mode,
                self.percent.value(),
                self.seed.value(),
                train,
                val,
            )
            .on_result(lambda r: self._on_exported(train, val, r))
            .on_error(lambda exc, _tb: self._on_failed(exc))
            .start(self)
        )

    def _on_exported(self, train: Path, val: Path, result: tuple[int, int, int]) -> None:
        n_train, n_val, overlap = result
        text = (
            self.tr("Wrote %1 training examples to %2 and %3 validation examples to %4.")
            .replace("%1", f"{n_train:,}")
            .replace("%2", str(train))
            .replace("%3", f"{n_val:,}")
            .replace("%4", str(val))
        )
        if overlap:
            text += "\n" + self.tr(
                "Warning: %n validation example(s) also appear in the training file, so the "
                "validation loss will look better than it is. Remove the duplicates "
                "(the Findings tab lists them) and split again.",
                "",
                overlap,
            )
        self._show(text, warning=bool(overlap))
        self.export_button.setEnabled(True)
        self.exported.emit(str(train), str(val), overlap)

    def _on_failed(self, exc: BaseException) -> None:
        self._show(
            self.tr("Could not write the files: %1. Choose another folder.").replace("%1", str(exc)),
            error=True,
        )
        self.export_button.setEnabled(True)

    def _show(self, text: str, *, error: bool = False, warning: bool = False) -> None:
        self.result_label.setText(text)
        color = "#c62828" if error else "#b26a00" if warning else ""
        self.result_label.setStyleSheet(f"color: {color};" if color else "")
