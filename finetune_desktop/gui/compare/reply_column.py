"""One column of the chat comparison: its model, the conversation as its model saw it, and the reply
being streamed (editable once finished, so an improved answer can go into the dataset)."""

from __future__ import annotations

import html

from PySide6.QtCore import QElapsedTimer, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication, QTextCursor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from finetune_desktop.core.catalog.models import Catalog
from finetune_desktop.core.compare.conversation import Reply
from finetune_desktop.core.compare.streaming import ReplyStats, reply_price
from finetune_desktop.gui.compare.model_picker import ModelDirectory, ModelPicker

#: Streamed text is added to the view at most this often (ms): three fast streams stay smooth.
FLUSH_MS = 30


class ReplyColumn(QFrame):
    """Signals: ``regenerate_requested()``, ``add_requested()``."""

    regenerate_requested = Signal()
    add_requested = Signal()

    def __init__(self, letter: str, directory: ModelDirectory, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.letter = letter
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.streaming = False
        self._pending: list[str] = []
        self._clock = QElapsedTimer()
        self._flush = QTimer(self)
        self._flush.setInterval(FLUSH_MS)
        self._flush.timeout.connect(self.flush)

        self.title = QLabel()
        self.title.setObjectName("columnTitle")
        self.title.setStyleSheet("#columnTitle { font-weight: bold; }")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.picker = ModelPicker(directory)
        self.transcript = QTextBrowser()
        self.transcript.setAccessibleName(self.tr("Earlier turns"))
        self.transcript.setPlaceholderText(self.tr("Earlier turns of the conversation appear here."))
        self.reply = QPlainTextEdit()
        self.reply.setAccessibleName(self.tr("Reply"))
        self.reply.setPlaceholderText(self.tr("The reply streams in here."))
        self.stats = QLabel()
        self.stats.setWordWrap(True)
        self.stats.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.copy_button = QPushButton(self.tr("Copy"))
        self.copy_button.setToolTip(self.tr("Copy the reply"))
        self.regenerate_button = QPushButton(self.tr("Regenerate"))
        self.regenerate_button.setToolTip(self.tr("Ask this column's model again for the last turn"))
        self.add_button = QPushButton(self.tr("Add to dataset"))
        self.add_button.setToolTip(
            self.tr(
                "Add the conversation with this reply (as edited here) as a new example in the open dataset"
            )
        )
        self.copy_button.clicked.connect(self.copy_reply)
        self.regenerate_button.clicked.connect(self.regenerate_requested)
        self.add_button.clicked.connect(self.add_requested)

        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.regenerate_button)
        buttons.addStretch(1)
        buttons.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.picker)
        layout.addWidget(self.transcript, 1)
        layout.addWidget(self.reply, 2)
        layout.addWidget(self.stats)
        layout.addLayout(buttons)
        self.set_blind(False)
        self.set_reply(None)

    @property
    def title_text(self) -> str:
        return self.title.text()

    # naming ---------------------------------------------------------------------------------------------
    def set_blind(self, hidden: bool) -> None:
        """Blind mode: a letter instead of the model's name, and no chooser to give it away."""
        self.picker.setVisible(not hidden)
        self.title.setText(self.tr("Model %1").replace("%1", self.letter))

    def reveal(self, model: str) -> None:
        """After the vote: the name of the model that wrote this column."""
        self.title.setText(self.tr("Model %1: %2").replace("%1", self.letter).replace("%2", model))

    # streaming -----------------------------------------------------------------------------------------
    def begin(self) -> None:
        self.flush()
        self.streaming = True
        self._pending.clear()
        self.reply.clear()
        self.reply.setReadOnly(True)
        self.stats.setText(self.tr("Waiting for the first token…"))
        self._clock.start()
        self._flush.start()
        self._update_buttons()

    def append(self, text: str) -> None:
        if self.streaming:
            self._pending.append(text)

    @Slot()
    def flush(self) -> None:
        if not self._pending:
            return
        text = "".join(self._pending)
        self._pending.clear()
        if self.streaming and not self.reply.document().characterCount() > 1:
            first = self._clock.elapsed() / 1000.0
            self.stats.setText(self.tr("first token %1 s · receiving…").replace("%1", f"{first:.2f}"))
        cursor = self.reply.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText(text)
        bar = self.reply.verticalScrollBar()
        bar.setValue(bar.maximum())

    def finish(self, stats: ReplyStats, model: str, catalog: Catalog | None) -> Reply:
        self.flush()
        self._end()
        reply = Reply(
            text=self.reply.toPlainText(),
            first_token_s=stats.first_token_s,
            total_s=stats.total_s,
            prompt_tokens=stats.prompt_tokens,
            completion_tokens=stats.completion_tokens,
            stopped=stats.stopped,
        )
        self.show_stats(reply, model, catalog)
        return reply

    def stop(self) -> Reply:
        """The user pressed Stop: keep what arrived, marked as stopped."""
        self.flush()
        elapsed = self._clock.elapsed() / 1000.0 if self._clock.isValid() else None
        self._end()
        reply = Reply(text=self.reply.toPlainText(), total_s=elapsed, stopped=True)
        self.show_stats(reply, "", None)
        return reply

    def fail(self, message: str) -> Reply:
        self.flush()
        self._end()
        reply = Reply(text=self.reply.toPlainText(), error=message)
        self.stats.setText(self.tr("No reply: %1").replace("%1", message))
        return reply

    def _end(self) -> None:
        self.streaming = False
        self._flush.stop()
        self._pending.clear()
        self.reply.setReadOnly(False)
        self._update_buttons()

    def _update_buttons(self) -> None:
        has_text = bool(self.reply.toPlainText()) and not self.streaming
        self.copy_button.setEnabled(has_text)
        self.add_button.setEnabled(has_text)
        self.regenerate_button.setEnabled(not self.streaming and self._has_turn)

    # showing a stored reply ----------------------------------------------------------------------------
    _has_turn = False

    def set_transcript(self, turns: list[tuple[str, str]], current: str | None) -> None:
        """Earlier turns as (user text, this column's reply), then the message being answered."""
        you = html.escape(self.tr("You"))
        parts = []
        for user, answer in turns:
            parts.append(f"<p><b>{you}:</b> {html.escape(user)}</p>")
            parts.append(f"<p>{html.escape(answer)}</p>")
        if current is not None:
            parts.append(f"<p><b>{you}:</b> {html.escape(current)}</p>")
        self.transcript.setHtml("".join(parts))
        bar = self.transcript.verticalScrollBar()
        bar.setValue(bar.maximum())

    def add_turn(self, previous_reply: str | None, user: str) -> None:
        """A new turn: the last reply moves up into the transcript, under it the new message (appended,
        so a long conversation is not laid out again on every send)."""
        you = html.escape(self.tr("You"))
        parts = []
        if previous_reply is not None:
            parts.append(f"<p>{html.escape(previous_reply)}</p>")
        parts.append(f"<p><b>{you}:</b> {html.escape(user)}</p>")
        cursor = self.transcript.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertHtml("".join(parts))
        bar = self.transcript.verticalScrollBar()
        bar.setValue(bar.maximum())
        self.set_reply(None)

    def set_reply(self, reply: Reply | None, model: str = "", catalog: Catalog | None = None) -> None:
        self._has_turn = reply is not None
        self.reply.setPlainText(reply.text if reply else "")
        self.reply.setReadOnly(False)
        if reply is None:
            self.stats.setText("")
        elif reply.error:
            self.stats.setText(self.tr("No reply: %1").replace("%1", reply.error))
        else:
            self.show_stats(reply, model, catalog)
        self._update_buttons()

    def set_has_turn(self, value: bool) -> None:
        self._has_turn = value
        self._update_buttons()

    def show_stats(self, reply: Reply, model: str, catalog: Catalog | None) -> None:
        parts: list[str] = []
        if reply.stopped:
            parts.append(self.tr("Stopped"))
        if reply.first_token_s is not None:
            parts.append(self.tr("first token %1 s").replace("%1", f"{reply.first_token_s:.2f}"))
        if reply.total_s is not None:
            parts.append(self.tr("total %1 s").replace("%1", f"{reply.total_s:.2f}"))
        if reply.prompt_tokens is not None and reply.completion_tokens is not None:
            parts.append(
                self.tr("%1 tokens in, %2 out")
                .replace("%1", f"{reply.prompt_tokens:,}")
                .replace("%2", f"{reply.completion_tokens:,}")
            )
            price = (
                reply_price(model, reply.prompt_tokens, reply.completion_tokens, catalog)
                if catalog is not None
                else None
            )
            if price is not None:
                parts.append(
                    self.tr("about %1 USD (%2 %3) at the catalog's rates")
                    .replace("%1", f"{price.usd:.5f}")
                    .replace("%2", f"{price.local:.4f}")
                    .replace("%3", price.currency)
                )
            elif model and not model.startswith("ft:"):
                parts.append(self.tr("no catalog price for base models"))
        self.stats.setText(" · ".join(parts))

    def reply_text(self) -> str:
        return self.reply.toPlainText()

    @Slot()
    def copy_reply(self) -> None:
        QGuiApplication.clipboard().setText(self.reply.toPlainText())
