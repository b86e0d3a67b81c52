"""Chat compare: two or three columns answer the same conversation at once, token by token.

One system prompt and one conversation; each column has its own model (from any connection profile) and
its own history. Send streams every column through the task runner; Stop cancels them all and keeps the
partial text, marked as stopped. Blind mode shuffles two columns and hides their names until a vote.
"""

from __future__ import annotations

import random
from functools import partial

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from finetune_desktop.core.compare.conversation import (
    Column,
    Conversation,
    ConversationInfo,
    ConversationStore,
    Reply,
    Turn,
)
from finetune_desktop.core.compare.streaming import Delta, ReplyStats
from finetune_desktop.core.compare.tally import PairTally, Tally
from finetune_desktop.core.dataset.examples import Example
from finetune_desktop.gui.compare.error_text import error_text
from finetune_desktop.gui.compare.model_picker import ModelDirectory
from finetune_desktop.gui.compare.params_bar import ParamsBar
from finetune_desktop.gui.compare.reply_column import ReplyColumn
from finetune_desktop.gui.compare.work import stream_column
from finetune_desktop.gui.context import AppContext
from finetune_desktop.gui.dataset.commands import InsertExamplesCommand
from finetune_desktop.gui.dataset.document import DatasetDocument
from finetune_desktop.gui.tasks import Task

LETTERS = "ABC"


class CompareUndoText(QObject):
    """The Edit menu's name for an example added from the Compare screen (its own tr context)."""

    def add_from_compare(self) -> str:
        return self.tr("Add example from Compare")


def _save(store: ConversationStore, snapshot: dict[str, object]) -> None:
    store.save(Conversation.from_json(snapshot))


class ChatComparePane(QWidget):
    """Signals: ``reply_grew(int)`` and ``reply_ended(int)`` (a column), ``replies_finished()`` (every
    column of a send or regenerate has ended),
    ``example_added(int)`` (its row in the dataset), ``vote_recorded(object)`` (a ``PairTally``),
    ``conversations_listed()``, ``conversation_opened()``."""

    reply_grew = Signal(int)
    reply_ended = Signal(int)
    replies_finished = Signal()
    example_added = Signal(int)
    vote_recorded = Signal(object)
    conversations_listed = Signal()
    conversation_opened = Signal()

    def __init__(
        self,
        context: AppContext,
        directory: ModelDirectory,
        document: DatasetDocument | None = None,
        *,
        store: ConversationStore | None = None,
        tally: Tally | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.directory = directory
        self.document = document
        self.store = store or ConversationStore()
        self.tally = tally or Tally()
        self.undo_text = CompareUndoText(self)
        self.conv = Conversation()
        self.columns: list[ReplyColumn] = []
        self.tasks: dict[int, Task] = {}
        self._generation = [0, 0, 0]
        self._saved: list[ConversationInfo] = []

        self.columns_spin = QSpinBox()
        self.columns_spin.setRange(2, 3)
        self.columns_spin.setAccessibleName(self.tr("Number of columns"))
        self.blind_check = QCheckBox(self.tr("Blind"))
        self.blind_check.setToolTip(
            self.tr("Shuffle two columns and hide their model names until you vote for the better reply")
        )
        self.params_bar = ParamsBar()
        self.new_button = QPushButton(self.tr("New conversation"))
        self.history_combo = QComboBox()
        self.history_combo.setAccessibleName(self.tr("Saved conversations"))
        self.history_combo.setMinimumContentsLength(16)
        self.history_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        top = QHBoxLayout()
        columns_label = QLabel(self.tr("Columns"))
        columns_label.setBuddy(self.columns_spin)
        top.addWidget(columns_label)
        top.addWidget(self.columns_spin)
        top.addWidget(self.blind_check)
        top.addSpacing(12)
        top.addWidget(self.params_bar)
        top.addStretch(1)
        top.addWidget(self.history_combo)
        top.addWidget(self.new_button)

        self.system_edit = QPlainTextEdit()
        self.system_edit.setPlaceholderText(self.tr("System prompt, shared by every column (optional)"))
        self.system_edit.setAccessibleName(self.tr("System prompt"))
        self.system_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)

        self.vote_bar = QWidget()
        vote_row = QHBoxLayout(self.vote_bar)
        vote_row.setContentsMargins(0, 0, 0, 0)
        self.vote_label = QLabel(self.tr("Which reply is better?"))
        self.vote_a = QPushButton(self.tr("A is better"))
        self.vote_b = QPushButton(self.tr("B is better"))
        self.vote_tie = QPushButton(self.tr("Tie"))
        vote_row.addWidget(self.vote_label)
        for b in (self.vote_a, self.vote_b, self.vote_tie):
            vote_row.addWidget(b)
        vote_row.addStretch(1)
        self.tally_label = QLabel()
        self.tally_label.setWordWrap(True)
        self.tally_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.input_edit = QPlainTextEdit()
        self.input_edit.setPlaceholderText(self.tr("Type a message and press Send (Ctrl+Enter)"))
        self.input_edit.setAccessibleName(self.tr("Message"))
        self.input_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.send_button = QPushButton(self.tr("Send"))
        # Ctrl+Enter in the message box sends; taken there so the editor's Ctrl+Enter action does not fire
        self.input_edit.installEventFilter(self)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setShortcut("Escape")
        send_col = QVBoxLayout()
        send_col.addWidget(self.send_button)
        send_col.addWidget(self.stop_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.input_edit, 1)
        bottom.addLayout(send_col)
        self.status = QLabel()
        self.status.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.system_edit)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.vote_bar)
        layout.addWidget(self.tally_label)
        layout.addLayout(bottom)
        layout.addWidget(self.status)

        self.columns_spin.valueChanged.connect(self._on_columns_changed)
        self.blind_check.toggled.connect(self._on_blind_toggled)
        self.new_button.clicked.connect(self.new_conversation)
        self.send_button.clicked.connect(self.send)
        self.stop_button.clicked.connect(self.stop)
        self.vote_a.clicked.connect(lambda: self.vote("a"))
        self.vote_b.clicked.connect(lambda: self.vote("b"))
        self.vote_tie.clicked.connect(lambda: self.vote("tie"))
        self.history_combo.activated.connect(self._on_history_activated)
        self._build_columns(2)
        self._update_controls()
        self._shown_once = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.input_edit and event.type() in (
            QEvent.Type.ShortcutOverride,
            QEvent.Type.KeyPress,
        ):
            assert isinstance(event, QKeyEvent)
            send = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and bool(
                event.modifiers() & Qt.KeyboardModifier.ControlModifier
            )
            if send:
                event.accept()
                if event.type() == QEvent.Type.KeyPress:
                    self.send()
                return True
        return super().eventFilter(watched, event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:  # nothing is read or asked for until the screen is first seen
            self._shown_once = True
            self.directory.start()
            self.refresh_history(open_latest=True)

    # columns ---------------------------------------------------------------------------------------
    def _build_columns(self, n: int) -> None:
        old = [(c.picker.profile_id(), c.picker.model()) for c in self.columns]
        for col in self.columns:
            col.setParent(None)
            col.deleteLater()
        self.columns = []
        for i in range(n):
            col = ReplyColumn(LETTERS[i], self.directory)
            if i < len(old):
                col.picker.set_profile(old[i][0])
                col.picker.set_model(old[i][1])
            col.regenerate_requested.connect(partial(self.regenerate, i))
            col.add_requested.connect(partial(self.add_to_dataset, i))
            col.picker.changed.connect(self._update_controls)
            self.splitter.addWidget(col)
            self.columns.append(col)
        self.splitter.setSizes([1000] * n)

    @Slot(int)
    def _on_columns_changed(self, n: int) -> None:
        if n != len(self.columns):
            self._build_columns(n)
            self._update_controls()

    @Slot(bool)
    def _on_blind_toggled(self, on: bool) -> None:
        if on:
            self.columns_spin.setValue(2)
        self._update_controls()

    def set_model(self, column: int, model: str, profile_id: str | None = None) -> None:
        col = self.columns[column]
        if profile_id:
            col.picker.set_profile(profile_id)
        col.picker.set_model(model)

    # state --------------------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return bool(self.tasks)

    def _update_controls(self) -> None:
        started = bool(self.conv.turns)
        blind = self.blind_check.isChecked()
        self.columns_spin.setEnabled(not started and not blind)
        self.blind_check.setEnabled(not started)
        self.send_button.setEnabled(not self.busy)
        self.stop_button.setEnabled(self.busy)
        self.new_button.setEnabled(not self.busy)
        self.history_combo.setEnabled(not self.busy)
        hide_names = self.conv.blind and started and self.conv.vote is None
        for i, col in enumerate(self.columns):
            col.picker.setEnabled(not started)
            if started and self.conv.blind:
                col.set_blind(True)
                if not hide_names and i < len(self.conv.columns):
                    col.reveal(self.conv.columns[i].model)
            elif started:
                col.set_blind(False)
                col.picker.setVisible(True)
            else:
                col.set_blind(False)
            col.set_has_turn(started and not self.busy)
        can_vote = self.conv.blind and started and not self.busy and self.conv.vote is None
        self.vote_bar.setVisible(self.conv.blind and started)
        for b in (self.vote_a, self.vote_b, self.vote_tie):
            b.setEnabled(can_vote)
        if self.conv.blind and self.conv.vote is not None:
            self.vote_label.setText(self.tr("Your vote is counted; the names are shown."))
        else:
            self.vote_label.setText(self.tr("Which reply is better?"))
        self._show_tally()

    def _show_tally(self) -> None:
        pairs = [p for p in self.tally.pairs() if p.votes]
        if not pairs or not (self.blind_check.isChecked() or self.conv.blind):
            self.tally_label.setText("")
            return
        lines = [
            self.tr("%1 won %2 · %3 won %4 · ties %5")
            .replace("%1", p.first)
            .replace("%2", str(p.first_wins))
            .replace("%3", p.second)
            .replace("%4", str(p.second_wins))
            .replace("%5", str(p.ties))
            for p in pairs
        ]
        self.tally_label.setText(self.tr("Blind votes so far:") + "\n" + "\n".join(lines))

    # sending ------------------------------------------------------------------------------------------
    @Slot()
    def send(self) -> None:
        if self.busy:
            return
        text = self.input_edit.toPlainText().strip()
        if not text:
            self.status.setText(self.tr("Type a message first."))
            return
        if not self.conv.turns:
            specs = []
            for col in self.columns:
                if not col.picker.model():
                    self.status.setText(
                        self.tr("Choose a model for Model %1 first.").replace("%1", col.letter)
                    )
                    return
                specs.append(Column(col.picker.profile_id(), col.picker.model()))
            self.conv.columns = specs
            self.conv.blind = self.blind_check.isChecked()
            if self.conv.blind:
                random.shuffle(self.conv.columns)
        self.conv.system = self.system_edit.toPlainText()
        self.conv.params = self.params_bar.params()
        first = not self.conv.turns
        self.conv.turns.append(Turn(text))
        self.input_edit.clear()
        self.status.setText("")
        if first:
            self._render()
        else:
            last = len(self.conv.turns) - 2
            for i, col in enumerate(self.columns):
                reply = self.conv.reply(last, i)
                col.add_turn(reply.text if reply else "", text)
        for i in range(len(self.columns)):
            self._start(i)
        self._update_controls()

    @Slot(int)
    def regenerate(self, column: int) -> None:
        if column in self.tasks or not self.conv.turns:
            return
        self.conv.params = self.params_bar.params()
        self._start(column)
        self._update_controls()

    def _start(self, i: int) -> None:
        spec = self.conv.columns[i]
        self._generation[i] += 1
        gen = self._generation[i]
        col = self.columns[i]
        col.begin()
        self.tasks[i] = (
            self.context.runner.op(
                stream_column,
                self.context,
                spec.profile_id,
                spec.model,
                self.conv.messages_for(i),
                self.conv.params,
                pool="net",
                cancel=True,
            )
            .on_item(partial(self._on_delta, i, gen))
            .on_result(partial(self._on_finished, i, gen))
            .on_error(partial(self._on_failed, i, gen))
            .on_cancelled(partial(self._on_cancelled, i, gen))
            .start(self)
        )

    def _current(self, i: int, gen: int) -> bool:
        return self._generation[i] == gen and i in self.tasks and i < len(self.columns)

    def _on_delta(self, i: int, gen: int, delta: Delta) -> None:
        if self._current(i, gen):
            self.columns[i].append(delta.text)
            self.reply_grew.emit(i)

    def _on_finished(self, i: int, gen: int, stats: ReplyStats) -> None:
        if self._current(i, gen):
            reply = self.columns[i].finish(stats, self.conv.columns[i].model, self.directory.catalog)
            self._ended(i, reply)

    def _on_failed(self, i: int, gen: int, exc: BaseException, _tb: str) -> None:
        if self._current(i, gen):
            self._ended(i, self.columns[i].fail(error_text(exc)))

    def _on_cancelled(self, i: int, gen: int) -> None:
        if self._current(i, gen):
            self._ended(i, self.columns[i].stop())

    @Slot()
    def stop(self) -> None:
        """Cancel every column now; what arrived stays, marked as stopped."""
        for i in list(self.tasks):
            self.tasks[i].cancel()
            self._generation[i] += 1  # later pieces of this stream are ignored
            self._ended(i, self.columns[i].stop())

    def _ended(self, i: int, reply: Reply) -> None:
        self.tasks.pop(i, None)
        self.conv.set_reply(len(self.conv.turns) - 1, i, reply)
        self.reply_ended.emit(i)
        if not self.tasks:
            self._save_conversation()
            self._update_controls()
            self.replies_finished.emit()

    def _render(self) -> None:
        """Each column's transcript (earlier turns plus the message being answered) and last reply."""
        for i, col in enumerate(self.columns):
            turns = [
                (t.user, (r.text if (r := self.conv.reply(n, i)) else ""))
                for n, t in enumerate(self.conv.turns[:-1])
            ]
            col.set_transcript(turns, self.conv.turns[-1].user if self.conv.turns else None)
            last = self.conv.reply(len(self.conv.turns) - 1, i) if self.conv.turns else None
            model = self.conv.columns[i].model if i < len(self.conv.columns) else ""
            col.set_reply(last, model, self.directory.catalog)

    # blind vote ----------------------------------------------------------------------------------------
    def vote(self, choice: str) -> None:
        if not self.conv.blind or self.conv.vote is not None or self.busy or len(self.conv.columns) < 2:
            return
        a, b = self.conv.columns[0].model, self.conv.columns[1].model
        winner = {"a": a, "b": b}.get(choice)
        self.conv.vote = choice
        self._update_controls()
        self.context.runner.op(self.tally.vote, a, b, winner).on_result(self._on_voted).on_error(
            self._on_vote_failed
        ).start(self)
        self._save_conversation()

    def _on_voted(self, pair: PairTally) -> None:
        self._show_tally()
        self.vote_recorded.emit(pair)

    def _on_vote_failed(self, exc: BaseException, _tb: str) -> None:
        self.status.setText(self.tr("The vote could not be saved: %1").replace("%1", str(exc)))

    # dataset -------------------------------------------------------------------------------------------
    @Slot(int)
    def add_to_dataset(self, column: int) -> None:
        if self.document is None or not self.conv.turns:
            self.status.setText(self.tr("Open the Dataset screen's dataset first."))
            return
        text = self.columns[column].reply_text()
        reply = self.conv.reply(len(self.conv.turns) - 1, column)
        if reply is not None:
            reply.text = text  # an edit made in the column is kept with the conversation too
        data = self.conv.example_for(column, text)
        row = len(self.document)
        self.document.undo_stack.push(
            InsertExamplesCommand(
                self.document, [(row, Example(data=data))], self.undo_text.add_from_compare()
            )
        )
        self.status.setText(
            self.tr("Added as example %1 of the dataset. Edit > Undo takes it out again.").replace(
                "%1", str(row + 1)
            )
        )
        self._save_conversation()
        self.example_added.emit(row)

    # saved conversations -------------------------------------------------------------------------------
    @Slot()
    def new_conversation(self) -> None:
        if self.busy:
            return
        self.conv = Conversation()
        self._render()
        for col in self.columns:
            col.set_transcript([], None)
        self.status.setText("")
        self._update_controls()

    def _save_conversation(self) -> None:
        if not self.conv.turns:
            return
        self.context.runner.op(_save, self.store, self.conv.to_json()).on_result(
            lambda _r: self.refresh_history()
        ).on_error(
            lambda exc, _tb: self.status.setText(
                self.tr("The conversation could not be saved: %1").replace("%1", str(exc))
            )
        ).start(self)

    def refresh_history(self, *, open_latest: bool = False) -> None:
        self.context.runner.op(self.store.list).on_result(
            lambda items: self._on_listed(items, open_latest)
        ).start(self)

    def _on_listed(self, items: list[ConversationInfo], open_latest: bool) -> None:
        self._saved = items
        self.history_combo.blockSignals(True)
        self.history_combo.clear()
        self.history_combo.addItem(self.tr("Saved conversations (%n)", "", len(items)), None)
        for info in items:
            self.history_combo.addItem(info.title or self.tr("(empty)"), info.id)
        self.history_combo.blockSignals(False)
        self.conversations_listed.emit()
        if open_latest and items and not self.conv.turns:
            self.open_conversation(items[0].id)

    @Slot(int)
    def _on_history_activated(self, index: int) -> None:
        conv_id = self.history_combo.itemData(index)
        self.history_combo.setCurrentIndex(0)
        if conv_id and not self.busy:
            self.open_conversation(str(conv_id))

    def open_conversation(self, conv_id: str) -> None:
        self.context.runner.op(self.store.load, conv_id).on_result(self._on_opened).on_error(
            lambda exc, _tb: self.status.setText(
                self.tr("The conversation could not be opened: %1").replace("%1", str(exc))
            )
        ).start(self)

    def _on_opened(self, conv: Conversation) -> None:
        if self.busy:
            return
        self.blind_check.blockSignals(True)
        self.blind_check.setChecked(conv.blind)
        self.blind_check.blockSignals(False)
        n = max(2, min(3, len(conv.columns)))
        self.columns_spin.blockSignals(True)
        self.columns_spin.setValue(n)
        self.columns_spin.blockSignals(False)
        self._build_columns(n)
        self.conv = conv
        if not conv.blind:
            for i, spec in enumerate(conv.columns[:n]):
                self.set_model(i, spec.model, spec.profile_id)
        self.system_edit.setPlainText(conv.system)
        self.params_bar.set_params(conv.params)
        self._render()
        self._update_controls()
        self.conversation_opened.emit()
