"""The "Local model folders" row of the Settings page: the user's own base models for the local engine.

Each entry is a Hugging Face model folder (config.json and .safetensors weights) or a .gguf file; the
local engine offers it as a base model named after the folder (lower case), and the new-job form lists
it. Saved in the UI settings; ``app.py`` passes them to the engine when it starts the built-in server,
so a change applies at the next start.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QListWidget, QPushButton, QVBoxLayout, QWidget

from finetune_desktop.core.local_models.catalog import folder_model_id, model_path_problem
from finetune_desktop.gui.file_dialogs import size_file_dialog
from finetune_desktop.gui.tasks import TaskRunner

FOLDERS_KEY = "sandbox/local_models"


def saved_model_folders(settings: QSettings) -> list[str]:
    """The saved model paths (whatever they hold now: check them with ``model_path_problem``)."""
    value: Any = settings.value(FOLDERS_KEY, [])
    if isinstance(value, str):  # QSettings gives a lone string for a one-item list on some back-ends
        value = [value]
    return [str(v) for v in value or [] if str(v)]


class ModelFoldersRow(QWidget):
    """Signals: ``looked_at(str path, object problem)`` when a folder to add was looked at (``problem``:
    why it cannot be used, else None); ``folders_changed(list[str])`` after the list was saved."""

    looked_at = Signal(str, object)
    folders_changed = Signal(list)

    def __init__(self, settings: QSettings, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.runner = runner
        self._listed: list[str] = []  # the paths the list shows, in order
        self.label = QLabel(self.tr("Local model folders:"), self)
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Local model folders"))
        self.list.setMaximumHeight(80)
        self.list.setWordWrap(True)  # a long path and its "not usable" reason wrap instead of running off
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.add_button = QPushButton(self.tr("Add folder…"), self)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: palette(placeholder-text);")
        self.dialog: QFileDialog | None = None
        buttons = QVBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label)
        row.addWidget(self.list, 1)
        row.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.note)
        self.add_button.clicked.connect(self._on_add_clicked)
        self.remove_button.clicked.connect(self._on_remove_clicked)
        self.list.currentRowChanged.connect(lambda _r: self._enable())
        self._fill()
        self.note.setText(
            self.tr(
                "Base models of your own for the local engine: a Hugging Face model folder (config.json and "
                ".safetensors weights). Each is offered as a base model named after its folder. Applies "
                "after restarting the app."
            )
        )

    def folders(self) -> list[str]:
        return saved_model_folders(self.settings)

    def _fill(self) -> None:
        """List the saved paths at once; whether each still holds a model is looked at on a worker (a
        folder may sit on a slow or gone network drive) and marked when known."""
        self.list.clear()
        self._listed = self.folders()
        for path in self._listed:
            self.list.addItem(f"{folder_model_id(path)}  —  {path}")
            self.list.item(self.list.count() - 1).setToolTip(path)
        self._enable()
        if self._listed:
            paths = list(self._listed)
            self.runner.op(lambda: [model_path_problem(p) for p in paths]).on_result(
                partial(self._show_problems, paths)
            ).start(self)

    def _show_problems(self, paths: list[str], problems: list[str | None]) -> None:
        if paths != self._listed:  # the list changed meanwhile: its own look is on the way
            return
        for row, problem in enumerate(problems):
            if problem is None:
                continue
            item = self.list.item(row)
            item.setText(
                item.text()
                + "  "
                + self.tr(
                    "(not usable now: not a model folder with config.json and .safetensors weights, nor a "
                    ".gguf file)"
                )
            )
            item.setToolTip(problem)  # core's reason (in English) in full

    def _enable(self) -> None:
        self.remove_button.setEnabled(self.list.currentRow() >= 0)

    @Slot(str)
    def add_folder(self, path: str) -> None:
        """Look at ``path`` on a worker, then save it, or say why it cannot be used (nothing saved)."""
        self.runner.op(model_path_problem, path).on_result(partial(self._on_looked_at, path)).start(self)

    def _on_looked_at(self, path: str, problem: str | None) -> None:
        self.looked_at.emit(path, problem)
        if problem is not None:
            self.note.setText(
                self.tr(
                    "Not added: %1 is not a model folder with config.json and .safetensors weights, nor a "
                    ".gguf file."
                ).replace("%1", path)
            )
            return
        folders = self.folders()
        if str(Path(path)) not in folders:
            folders.append(str(Path(path)))
            self._save(folders)
        self.note.setText(
            self.tr("Added %1. Restart Finetune Desktop to use it.").replace("%1", folder_model_id(path))
        )

    def _save(self, folders: list[str]) -> None:
        self.settings.setValue(FOLDERS_KEY, folders)
        self.settings.sync()
        self._fill()
        self.folders_changed.emit(folders)

    @Slot()
    def _on_add_clicked(self) -> None:
        dialog = QFileDialog(self, self.tr("Model folder"))
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.fileSelected.connect(self.add_folder)
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = size_file_dialog(dialog, self.window())
        dialog.open()

    @Slot()
    def _on_remove_clicked(self) -> None:
        row = self.list.currentRow()
        folders = self.folders()
        if 0 <= row < len(folders):
            del folders[row]
            self._save(folders)
