"""ExampleEditor: the selected example as a vertical list of message cards, with live token count and
the findings shown next to the message they concern. Every change is an undo command."""

from __future__ import annotations

import copy
import json
import re
from functools import partial
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from finetune_desktop.core.validation.findings import Finding, Severity
from finetune_desktop.gui.dataset.commands import ReplaceDataCommand
from finetune_desktop.gui.dataset.document import DatasetDocument
from finetune_desktop.gui.dataset.message_card import MessageCard
from finetune_desktop.gui.dataset.pacing import ui_busy
from finetune_desktop.gui.finding_text import finding_sentence

#: message cards built per event-loop pass (5-10 ms each while workers run)
CARDS_PER_PASS = 1
FIRST_CARDS = 1
CARD_PAUSE_MS = 2
_MSG_PATH = re.compile(r"messages\[(\d+)\]")


def _message_index(path: str | None) -> int | None:
    if not path:
        return None
    m = _MSG_PATH.search(path)
    return int(m.group(1)) if m and not path.startswith("input.") else None


class ExampleEditor(QWidget):
    """Signals: ``example_shown(int)`` (uid, or -1 when empty)."""

    example_shown = Signal(int)

    def __init__(self, document: DatasetDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = document
        self.uid: int | None = None
        self._data: Any = None  # the value this editor last wrote or showed
        self._shown: tuple[int, int] | None = None  # (uid, revision) of a released example shown as loaded
        self._cards: list[MessageCard] = []  # built so far (see ``cards``)
        self._card_findings: dict[int, list[Finding]] = {}
        self._build_gen = 0

        self.title = QLabel()
        self.title.setStyleSheet("font-weight: 600;")
        self.tokens_label = QLabel()
        self.tokens_label.setObjectName("exampleTokens")
        self.example_findings = QLabel()
        self.example_findings.setWordWrap(True)
        self.example_findings.setVisible(False)
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.tokens_label)

        self.card_box = QWidget()
        self.card_layout = QVBoxLayout(self.card_box)
        self.card_layout.setContentsMargins(0, 0, 4, 0)
        self.card_layout.setSpacing(8)
        self.card_layout.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(self.card_box)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)

        self.json_edit = QPlainTextEdit()
        self.json_edit.setVisible(False)
        self.json_edit.textChanged.connect(self._on_json_edited)
        self.json_error = QLabel()
        self.json_error.setStyleSheet("color: #c62828;")
        self.json_error.setVisible(False)

        self.add_button = QPushButton(self.tr("Add message"))
        self.add_button.clicked.connect(self.add_turn)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)

        self.empty_label = QLabel(self.tr("Select an example in the list, or press Ctrl+N to add one."))
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(top)
        layout.addWidget(self.example_findings)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.json_edit, 1)
        layout.addWidget(self.json_error)
        layout.addLayout(buttons)
        layout.addWidget(self.empty_label, 1)

        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.setInterval(150)
        self._count_timer.timeout.connect(self._update_tokens)
        document.example_changed.connect(self._on_example_changed)
        document.reset_done.connect(self._on_reset)
        document.rows_removed.connect(self._on_rows_removed)
        document.tokens_changed.connect(self._update_tokens)
        self.set_example(None)
        # The first card built pays for Qt flag and enum types PySide creates on first use (~15 ms):
        # pay it now rather than when the first example of a big file shows up mid-load.
        MessageCard({"role": "user", "content": ""}, 0, 1).deleteLater()

    # ------------------------------------------------------------ public
    @property
    def cards(self) -> list[MessageCard]:
        """One card per message (builds any still waiting for their event-loop pass)."""
        self._build_cards(None)
        return self._cards

    def set_example(self, uid: int | None) -> None:
        self.uid = uid
        ex = self.doc.example_by_uid(uid) if uid is not None else None
        if ex is None:
            self.uid = None
        self._data = ex.data if ex is not None else None
        self._shown = (ex.uid, ex.revision) if ex is not None and ex.released else None
        self._rebuild()
        self.example_shown.emit(-1 if self.uid is None else self.uid)

    def add_turn(self) -> None:
        """Append a message whose role continues the conversation (user after assistant and so on)."""
        if self.uid is None or not self._is_chat():
            return
        msgs = self._data.get("messages", [])
        last = msgs[-1].get("role") if msgs and isinstance(msgs[-1], dict) else "assistant"
        role = "assistant" if last in ("user", "tool") else "user"
        self._apply_structure(lambda m: m.append({"role": role, "content": ""}), self.tr("Add message"))
        if self.cards:
            self.cards[-1].focus_text()

    def focus_path(self, path: str | None) -> None:
        idx = _message_index(path)
        if idx is not None and 0 <= idx < len(self.cards):
            card = self.cards[idx]
            card.focus_text()
            # new cards are laid out on the next event-loop pass; focus and scroll again then
            QTimer.singleShot(0, lambda: self._focus_card(card))
        elif self.json_edit.isVisible():
            self.json_edit.setFocus()

    def _focus_card(self, card: MessageCard) -> None:
        if card in self._cards:
            self.scroll_area.ensureWidgetVisible(card)
            card.focus_text()

    # ------------------------------------------------------------ building
    def _is_chat(self) -> bool:
        return isinstance(self._data, dict) and isinstance(self._data.get("messages"), list)

    def _rebuild(self) -> None:
        ui_busy()  # many widget calls: background checking waits until they are built and painted
        self._build_gen += 1
        for card in self._cards:
            self.card_layout.removeWidget(card)
            card.hide()  # (cheaper than setParent(None), which makes it a window first)
            card.deleteLater()
        self._cards = []
        has = self.uid is not None
        chat = has and self._is_chat()
        self.empty_label.setVisible(not has)
        self.scroll_area.setVisible(chat)
        self.add_button.setVisible(chat)
        self.json_edit.setVisible(has and not chat)
        self.json_error.setVisible(False)
        self.title.setVisible(has)
        self.tokens_label.setVisible(has)
        if not has:
            self.example_findings.setVisible(False)
            return
        row = self.doc.row_of(self.uid) if self.uid is not None else None
        ex = self.doc.example_by_uid(self.uid) if self.uid is not None else None
        title = self.tr("Example %1").replace("%1", str((row or 0) + 1))
        if ex is not None and ex.line:
            title += " · " + self.tr("line %1").replace("%1", str(ex.line))
        if ex is not None and ex.tags:
            title += " · " + ", ".join(sorted(ex.tags))
        self.title.setText(title)
        if chat:
            self._build_cards(FIRST_CARDS)  # (the rest on the next passes: selecting stays one short frame)
        else:
            self.json_edit.blockSignals(True)
            self.json_edit.setPlainText(json.dumps(self._data, ensure_ascii=False, indent=2))
            self.json_edit.blockSignals(False)
        self._show_findings()
        self._update_tokens()

    def _build_cards(self, count: int | None) -> None:
        """Build ``count`` more message cards (None: all); the rest follow on later event-loop passes, so
        a long conversation never holds the UI for one long frame."""
        if not self._is_chat():
            return
        msgs = self._data["messages"]
        stop = len(msgs) if count is None else min(len(msgs), len(self._cards) + count)
        for i in range(len(self._cards), stop):
            card = MessageCard(msgs[i], i, len(msgs))
            card.changed.connect(lambda m, i=i: self._on_card_text(i, m))
            card.structure_changed.connect(lambda m, i=i: self._on_card_structure(i, m))
            card.remove_requested.connect(lambda i=i: self._remove_message(i))
            card.move_requested.connect(lambda d, i=i: self._move_message(i, d))
            card.set_findings(self._card_findings.get(i, []))
            self.card_layout.insertWidget(self.card_layout.count() - 1, card)
            card.show()  # a layout only shows a new child on the next event-loop pass
            self._cards.append(card)
        if len(self._cards) < len(msgs):
            # a real timer (a 0 ms one would run in the same pass): paints and timers get their turn
            QTimer.singleShot(CARD_PAUSE_MS, partial(self._build_more, self._build_gen))

    def _build_more(self, gen: int) -> None:
        if gen == self._build_gen:
            ui_busy()
            self._build_cards(CARDS_PER_PASS)

    def _show_findings(self) -> None:
        if self.uid is None:
            return
        findings = self.doc.findings_for(self.uid)
        n_msgs = len(self._data["messages"]) if self._is_chat() else 0
        per_card: dict[int, list[Finding]] = {}
        general: list[Finding] = []
        for f in findings:
            idx = _message_index(f.path)
            if idx is not None and idx < n_msgs:
                per_card.setdefault(idx, []).append(f)
            else:
                general.append(f)
        self._card_findings = per_card
        for i, card in enumerate(self._cards):
            card.set_findings(per_card.get(i, []))
        if general:
            error = any(f.severity == Severity.ERROR for f in general)
            self.example_findings.setStyleSheet(f"color: {'#c62828' if error else '#b26a00'};")
            self.example_findings.setText(
                "\n".join(f"⚠ {finding_sentence(f)}" for f in general)
            )
        self.example_findings.setVisible(bool(general))

    @Slot()
    def _update_tokens(self) -> None:
        if self.uid is None:
            return
        live = self.doc.count_tokens_now(self._data)
        info = live or self.doc.tokens_for(self.uid)
        if info is None:
            self.tokens_label.setText(self.tr("Tokens: counting…"))
        else:
            prefix = "≈" if info.estimated else ""
            self.tokens_label.setText(self.tr("Tokens: %1").replace("%1", f"{prefix}{info.total:,}"))

    # ------------------------------------------------------------ edits
    def _push(self, new: Any, text: str, merge_key: tuple[Any, ...] | None = None) -> None:
        assert self.uid is not None
        old = self._data
        self._data = new
        self.doc.undo_stack.push(ReplaceDataCommand(self.doc, {self.uid: (old, new)}, text, merge_key))

    def _on_card_text(self, index: int, message: dict[str, Any]) -> None:
        new = copy.deepcopy(self._data)
        new["messages"][index] = message
        self._push(
            new, self.tr("Edit message %1").replace("%1", str(index + 1)), (self.uid, index, "content")
        )
        self._count_timer.start()

    def _on_card_structure(self, index: int, message: dict[str, Any]) -> None:
        self._apply_structure(
            lambda m: m.__setitem__(index, message),
            self.tr("Change message %1").replace("%1", str(index + 1)),
        )

    def _remove_message(self, index: int) -> None:
        self._apply_structure(
            lambda m: m.pop(index), self.tr("Remove message %1").replace("%1", str(index + 1))
        )

    def _move_message(self, index: int, delta: int) -> None:
        j = index + delta

        def move(m: list[Any]) -> None:
            if 0 <= j < len(m):
                m[index], m[j] = m[j], m[index]

        self._apply_structure(move, self.tr("Move message %1").replace("%1", str(index + 1)))

    def _apply_structure(self, fn: Any, text: str) -> None:
        new = copy.deepcopy(self._data)
        fn(new["messages"])
        self._push(new, text)
        self._rebuild()

    @Slot()
    def _on_json_edited(self) -> None:
        if self.uid is None:
            return
        try:
            new = json.loads(self.json_edit.toPlainText())
        except ValueError as exc:
            self.json_error.setText(self.tr("Not valid JSON yet: %1").replace("%1", str(exc)))
            self.json_error.setVisible(True)
            return
        self.json_error.setVisible(False)
        self._push(new, self.tr("Edit example"), (self.uid, "json"))

    # ------------------------------------------------------------ document changes
    @Slot(int)
    def _on_example_changed(self, uid: int) -> None:
        if uid != self.uid:
            return
        ex = self.doc.example_by_uid(uid)
        if ex is None:
            self.set_example(None)
            return
        # unchanged: the same object, or a released example still as loaded (its data is parsed anew)
        same = self._shown == (ex.uid, ex.revision) if ex.released else ex.data is self._data
        if same:
            self._show_findings()
            self._update_tokens()
            return
        focus_card = next(
            (i for i, c in enumerate(self._cards) if c.text_edit is not None and c.text_edit.hasFocus()), None
        )
        self._data = ex.data
        self._shown = (ex.uid, ex.revision) if ex.released else None
        self._rebuild()  # undo/redo or a bulk action changed what we show
        if focus_card is not None and focus_card < len(self.cards):
            self.cards[focus_card].focus_text()

    @Slot()
    def _on_reset(self) -> None:
        if self.uid is not None and self.doc.example_by_uid(self.uid) is None:
            self.set_example(None)

    @Slot()
    def _on_rows_removed(self) -> None:
        self._on_reset()
