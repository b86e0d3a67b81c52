"""ExportDialog: write a model trained by the local engine into a folder, and say how to use it elsewhere.

The user picks the fine-tune or one of its checkpoints, a new (or empty) folder and what to write: the
LoRA adapter (small; used on top of the base model) or the merged model (a whole Hugging Face folder).
The built-in server writes it in a child process; the dialog follows it through the task runner on the
network pool, then shows the folder and the exact next steps for llama.cpp and Ollama.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from finetune_desktop.core.api.exports import (
    BASE_FOLDER_PLACEHOLDER,
    HF_ID_PLACEHOLDER,
    OLLAMA_ADAPTER_ARCHITECTURES,
    OLLAMA_BASE_PLACEHOLDER,
    OLLAMA_SAFETENSORS_ARCHITECTURES,
    ExportFailed,
    ExportStatus,
    next_steps,
    ollama_name,
)
from finetune_desktop.gui.jobs import words
from finetune_desktop.gui.tasks import Task, TaskRunner

# ``run(model, folder, merged, progress=..., cancel=...) -> ExportStatus``, run on a worker thread
ExportFn = Callable[..., ExportStatus]


def is_local_model(model: str | None) -> bool:
    """Whether ``model`` was trained by the built-in server's local engine (``ft:<base>:local:...``)."""
    parts = (model or "").split(":")
    return len(parts) > 2 and parts[0] == "ft" and parts[2] == "local"


class ExportDialog(QDialog):
    def __init__(
        self,
        models: Sequence[str],
        run_export: ExportFn,
        runner: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export a model"))
        self._run_export = run_export
        self._runner = runner
        self.task: Task | None = None
        self.exported: ExportStatus | None = None

        self.model = QComboBox()
        self.model.addItems(list(models))
        self.folder = QLineEdit()
        self.folder.setPlaceholderText(self.tr("A new or empty folder"))
        self.choose = QPushButton(self.tr("Choose…"))
        self.adapter_kind = QRadioButton(self.tr("Adapter only (small; used on top of the base model)"))
        self.merged_kind = QRadioButton(
            self.tr("Merged model (a whole Hugging Face folder; for llama.cpp and Ollama)")
        )
        self.merged_kind.setChecked(True)
        kinds = QButtonGroup(self)
        kinds.addButton(self.adapter_kind)
        kinds.addButton(self.merged_kind)
        self.progress = QProgressBar()
        self.progress.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.result_view = QTextBrowser()
        self.result_view.setOpenLinks(False)
        self.result_view.setAccessibleName(self.tr("Export result and next steps"))
        self.result_view.hide()
        self.export_button = QPushButton(self.tr("Export"))
        self.export_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Stop export"))
        self.cancel_button.hide()
        self.close_button = QPushButton(self.tr("Close"))

        form = QFormLayout()
        form.addRow(self.tr("Model"), self.model)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.choose)
        form.addRow(self.tr("Folder"), folder_row)
        kind_box = QVBoxLayout()
        kind_box.addWidget(self.merged_kind)
        kind_box.addWidget(self.adapter_kind)
        form.addRow(self.tr("What"), kind_box)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.result_view, 1)
        layout.addLayout(buttons)
        self.resize(720, 420)

        self.choose.clicked.connect(self._on_choose)
        self.export_button.clicked.connect(self.start_export)
        self.cancel_button.clicked.connect(self._on_cancel)
        self.close_button.clicked.connect(self.reject)
        self.finished.connect(self._on_finished)

    # -- choosing ----------------------------------------------------------------------------------
    def default_name(self) -> str:
        kind = "merged" if self.merged_kind.isChecked() else "adapter"
        return f"{ollama_name(self.model.currentText())}-{kind}"

    @Slot()
    def _on_choose(self) -> None:
        start = str(Path(self.folder.text()).parent) if self.folder.text() else str(Path.home())
        chosen = QFileDialog.getExistingDirectory(
            self, self.tr("Choose where to put the exported folder"), start
        )
        if chosen:
            self.folder.setText(str(Path(chosen) / self.default_name()))

    # -- running -----------------------------------------------------------------------------------
    @Slot()
    def start_export(self) -> None:
        text = self.folder.text().strip()
        if not text or not Path(text).expanduser().is_absolute():
            self.status.setText(self.tr("Choose a folder first (with “Choose…”, or type its full path)."))
            return
        folder = str(Path(text).expanduser())
        merged = self.merged_kind.isChecked()
        self.exported = None
        self.result_view.hide()
        self._set_running(True)
        self.status.setText(
            self.tr("Writing the merged model…") if merged else self.tr("Writing the adapter…")
        )
        self.task = (
            self._runner.op(
                self._run_export,
                self.model.currentText(),
                folder,
                merged,
                pool="net",
                cancel=True,
                progress=True,
            )
            .on_progress(self._on_progress)
            .on_result(self._on_result)
            .on_error(self._on_error)
            .on_cancelled(self._on_cancelled)
            .on_done(lambda: self._set_running(False))
            .start(self)
        )

    def _set_running(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.cancel_button.setVisible(running)
        self.export_button.setEnabled(not running)
        for w in (self.model, self.folder, self.choose, self.adapter_kind, self.merged_kind):
            w.setEnabled(not running)
        if not running:
            self.task = None

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 0))
        self.progress.setValue(done)

    def _on_result(self, status: ExportStatus) -> None:
        self.exported = status
        self.status.setText(self.tr("Done: the export is in %1").replace("%1", status.folder))
        self.result_view.setHtml(self.result_html(status))
        self.result_view.show()
        # room for the next steps (a dozen lines of commands) without scrolling, where the screen has it
        self.resize(max(self.width(), 820), max(self.height(), 680))

    def _on_error(self, error: BaseException, _tb: str) -> None:
        text = error.title if isinstance(error, ExportFailed) else words.service_problem(error)
        self.status.setText(self.tr("The export failed: %1").replace("%1", text))

    def _on_cancelled(self) -> None:
        self.status.setText(self.tr("The export was stopped; nothing was left in the folder."))

    @Slot()
    def _on_cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.status.setText(self.tr("Stopping the export…"))

    def _on_finished(self, _result: int) -> None:
        if self.task is not None:
            self.task.cancel()

    # -- the result --------------------------------------------------------------------------------
    def result_html(self, status: ExportStatus) -> str:
        steps = next_steps(status)
        heading = self.tr("Next steps")  # (not inside the f-string below: lupdate would not see it)
        # what only the user knows, inside the commands: in the GUI's language
        placeholders = {
            HF_ID_PLACEHOLDER: self.tr("<the base model's Hugging Face id>"),
            BASE_FOLDER_PLACEHOLDER: self.tr("<the base model's folder>"),
            OLLAMA_BASE_PLACEHOLDER: self.tr("<the same base model, in Ollama>"),
        }

        def shown(line: str) -> str:
            for placeholder, said in placeholders.items():
                line = line.replace(placeholder, said)
            return html.escape(line)

        def code(lines: Sequence[str]) -> str:
            return "<pre>" + "\n".join(shown(line) for line in lines) + "</pre>"

        def para(text: str) -> str:
            return f"<p>{html.escape(text)}</p>"

        parts: list[Any] = [
            para(self.tr("Folder: %1").replace("%1", status.folder)),
            para(self.tr("Files: %1").replace("%1", ", ".join(status.files))),
            f"<h3>{html.escape(heading)}</h3>",
        ]
        if status.kind == "merged":
            parts += [
                para(
                    self.tr(
                        "llama.cpp: in a llama.cpp checkout (after pip install -r requirements.txt), convert "
                        "the folder to one GGUF file, then chat with it:"
                    )
                ),
                code(steps.gguf),
                para(self.tr("Ollama: put a file named Modelfile beside model.gguf, containing:")),
                code(steps.modelfile),
                para(self.tr("then run:")),
                code(steps.ollama),
                para(
                    self.tr(
                        "Ollama imports a safetensors model folder directly (FROM <folder>) only for the "
                        "architectures its MLX engine implements, such as %1; for other models, convert to "
                        "GGUF first as above."
                    ).replace("%1", OLLAMA_SAFETENSORS_ARCHITECTURES)
                ),
                para(self.tr("Python (transformers):")),
                code(steps.python),
            ]
        else:
            parts += [
                para(
                    self.tr(
                        "llama.cpp: in a llama.cpp checkout (after pip install -r requirements.txt), convert "
                        "the adapter to GGUF and load it on top of the base model:"
                    )
                ),
                code(steps.gguf),
                para(
                    self.tr(
                        "Ollama (%1 architectures): write a file named Modelfile containing the lines below, "
                        "with the same base model the adapter was trained on:"
                    ).replace("%1", OLLAMA_ADAPTER_ARCHITECTURES)
                ),
                code(steps.modelfile),
                para(self.tr("then run:")),
                code(steps.ollama),
                para(self.tr("Python (transformers + peft):")),
                code(steps.python),
            ]
        return "".join(parts)
