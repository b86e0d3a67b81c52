"""Choosing and reading a prompt file (shared by the batch and keep-answers tabs): a non-blocking file
dialog, then the file is read off the UI thread."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from finetune_desktop.core.compare.prompts import PromptSet, read_prompts
from finetune_desktop.gui.tasks import TaskRunner


class PromptFileChooser(QObject):
    """Signals: ``loaded(object)`` (a ``PromptSet``), ``failed(str)`` (translated: what and what to do)."""

    loaded = Signal(object)
    failed = Signal(str)

    def __init__(self, runner: TaskRunner, widget: QWidget) -> None:
        super().__init__(widget)
        self.runner = runner
        self.widget = widget

    def ask(self) -> QFileDialog:
        dlg = QFileDialog(
            self.widget, self.tr("Choose a prompt file"), "", self.tr("JSON Lines (*.jsonl);;All files (*)")
        )
        dlg.setFileMode(QFileDialog.FileMode.ExistingFile)
        dlg.fileSelected.connect(lambda p: self.load(Path(p)))
        dlg.finished.connect(dlg.deleteLater)
        dlg.open()
        return dlg

    def load(self, path: Path) -> None:
        self.runner.op(read_prompts, path).on_result(self._on_read).on_error(
            lambda exc, _tb: self.failed.emit(
                self.tr("%1 could not be read: %2. Save it as UTF-8 JSON Lines and choose it again.")
                .replace("%1", path.name)
                .replace("%2", str(exc))
            )
        ).start(self)

    def _on_read(self, prompts: PromptSet) -> None:
        self.loaded.emit(prompts)
