"""The Compare page: chat side by side, batch comparison, and keeping a model's answers (one tab each)."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from finetune_desktop.gui.compare.batch_pane import BatchComparePane
from finetune_desktop.gui.compare.chat_pane import ChatComparePane
from finetune_desktop.gui.compare.keep_pane import KeepAnswersPane
from finetune_desktop.gui.compare.model_picker import ModelDirectory
from finetune_desktop.gui.context import AppContext
from finetune_desktop.gui.dataset.document import DatasetDocument


class ComparePage(QWidget):
    def __init__(
        self, context: AppContext, document: DatasetDocument | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.document = document
        self.directory = ModelDirectory(context, self)
        self.tabs = QTabWidget()
        self.chat = ChatComparePane(context, self.directory, document)
        self.batch = BatchComparePane(context, self.directory, document)
        self.tabs.addTab(self.chat, self.tr("Chat"))
        self.keep = KeepAnswersPane(context, self.directory, document)
        self.tabs.addTab(self.batch, self.tr("Batch"))
        self.tabs.addTab(self.keep, self.tr("Keep answers"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    def open_with_model(self, model_name: str) -> None:
        """Put ``model_name`` (a fine-tune or checkpoint of the active connection) in the chat's first
        column and show the chat tab, e.g. from the Jobs screen (which then calls
        ``MainWindow.show_page("compare")``). A finished conversation is set aside (it stays saved);
        one still streaming is left alone."""
        self.tabs.setCurrentWidget(self.chat)
        if self.chat.conv.turns and not self.chat.busy:
            self.chat.new_conversation()
        if not self.chat.conv.turns:
            self.chat.set_model(0, model_name, self.context.active_id)
