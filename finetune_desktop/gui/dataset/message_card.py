"""MessageCard: one message of a conversation as an editable card (role, text, weight, tool calls)."""

from __future__ import annotations

import copy
import json
from typing import Any

from PySide6.QtCore import QRect, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QFontMetrics, QTextOption
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from finetune_desktop.core.dataset.summaries import content_text
from finetune_desktop.core.validation.findings import Finding, Severity
from finetune_desktop.gui.finding_text import finding_sentence

ROLES = ("system", "user", "assistant", "tool", "developer")
ROLE_COLORS = {
    "system": "#6a1b9a",
    "user": "#1565c0",
    "assistant": "#2e7d32",
    "tool": "#795548",
    "developer": "#6a1b9a",
}


class GrowingTextEdit(QPlainTextEdit):
    """A plain-text field whose height follows its content (2 to 24 lines), so a card never scrolls."""

    MIN_LINES, MAX_LINES = 2, 24

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)  # Chinese has no spaces
        self.textChanged.connect(self._fit)
        self._refit = QTimer(self)  # owned: never fires after the field is gone
        self._refit.setSingleShot(True)
        self._refit.setInterval(0)
        self._refit.timeout.connect(self._fit)
        self._fit()

    def _fit(self) -> None:
        fm = QFontMetrics(self.font())
        margin = int(self.document().documentMargin())
        width = max(50, self.viewport().width() - 2 * margin - 4)
        flags = Qt.TextFlag.TextWordWrap | Qt.TextFlag.TextWrapAnywhere
        text = self.toPlainText() or " "
        rect = fm.boundingRect(QRect(0, 0, width, 1_000_000), int(flags), text)
        lines = round(rect.height() / fm.lineSpacing())
        if lines >= 2:
            lines += 1  # fallback fonts (CJK) have taller lines than the primary font's metrics
        lines = max(self.MIN_LINES, min(self.MAX_LINES, lines))
        margins = self.contentsMargins()
        h = lines * fm.lineSpacing() + 2 * margin + margins.top() + margins.bottom() + 2
        if self.height() != h:
            self.setFixedHeight(h)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._refit.start()  # wrapping follows the new width on the next pass

    def sizeHint(self) -> QSize:
        return QSize(300, self.height())


class MessageCard(QFrame):
    """Signals: ``changed(object)`` (the new message dict; text edits), ``structure_changed(object)`` (role or
    weight: a new message dict), ``remove_requested()``, ``move_requested(int)`` (-1 up, +1 down)."""

    changed = Signal(object)
    structure_changed = Signal(object)
    remove_requested = Signal()
    move_requested = Signal(int)

    def __init__(self, message: Any, index: int, count: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.message = message if isinstance(message, dict) else {"role": "user", "content": str(message)}
        self.index = index
        role = str(self.message.get("role", "user"))
        color = ROLE_COLORS.get(role, "#777")
        self.setStyleSheet(
            "#messageCard { border: 1px solid palette(mid); "
            f"border-left: 4px solid {color}; border-radius: 4px; }}"
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 8)
        layout.setSpacing(4)

        header = QHBoxLayout()
        self.role_box = QComboBox()
        self.role_box.setAccessibleName(self.tr("Role of message %1").replace("%1", str(index + 1)))
        for r in ROLES:
            self.role_box.addItem(self._role_label(r), r)
        if role not in ROLES:
            self.role_box.addItem(role, role)
        self.role_box.setCurrentIndex(self.role_box.findData(role))
        self.role_box.currentIndexChanged.connect(self._on_role_changed)
        header.addWidget(self.role_box)
        self.weight_box = QCheckBox(self.tr("Train on this reply"))
        self.weight_box.setToolTip(
            self.tr("Unticked sets weight 0: the model sees this reply but does not learn from it.")
        )
        self.weight_box.setChecked(self.message.get("weight", 1) != 0)
        self.weight_box.setVisible(role == "assistant")
        self.weight_box.toggled.connect(self._on_weight_toggled)
        header.addWidget(self.weight_box)
        header.addStretch(1)
        self.up_button = self._tool_button("↑", self.tr("Move up"), lambda: self.move_requested.emit(-1))
        self.up_button.setEnabled(index > 0)
        self.down_button = self._tool_button("↓", self.tr("Move down"), lambda: self.move_requested.emit(1))
        self.down_button.setEnabled(index < count - 1)
        self.remove_button = self._tool_button("✕", self.tr("Remove message"), self.remove_requested.emit)
        for b in (self.up_button, self.down_button, self.remove_button):
            header.addWidget(b)
        layout.addLayout(header)

        content = self.message.get("content")
        self.text_edit: GrowingTextEdit | None = None
        if content is None or isinstance(content, str):
            self.text_edit = GrowingTextEdit()
            self.text_edit.setPlaceholderText(
                self.tr("Type the %1 message…").replace("%1", self._role_label(role).lower())
            )
            self.text_edit.setPlainText(content or "")
            self.text_edit.textChanged.connect(self._on_text_changed)
            layout.addWidget(self.text_edit)
        else:
            parts = QLabel(
                self.tr("Content in %n part(s): ", "", len(content) if isinstance(content, list) else 1)
                + content_text(content)
            )
            parts.setWordWrap(True)
            parts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(parts)

        calls = self.message.get("tool_calls")
        if isinstance(calls, list) and calls:
            layout.addWidget(self._tool_calls_label(calls))
        if role == "tool" and self.message.get("tool_call_id"):
            ref = QLabel(self.tr("Answer to tool call %1").replace("%1", str(self.message["tool_call_id"])))
            ref.setStyleSheet("color: palette(mid);")
            layout.addWidget(ref)

        self.findings_label = QLabel()
        self.findings_label.setWordWrap(True)
        self.findings_label.setVisible(False)
        layout.addWidget(self.findings_label)

    # ------------------------------------------------------------ public
    def set_findings(self, findings: list[Finding]) -> None:
        if not findings:
            self.findings_label.setVisible(False)
            return
        error = any(f.severity == Severity.ERROR for f in findings)
        self.findings_label.setStyleSheet(f"color: {'#c62828' if error else '#b26a00'};")
        self.findings_label.setText(
            "\n".join(f"⚠ {finding_sentence(f)}" for f in findings)
        )
        self.findings_label.setVisible(True)

    def focus_text(self) -> None:
        if self.text_edit is not None:
            self.text_edit.setFocus()

    # ------------------------------------------------------------ internals
    def _role_label(self, role: str) -> str:
        labels = {
            "system": self.tr("System"),
            "user": self.tr("User"),
            "assistant": self.tr("Assistant"),
            "tool": self.tr("Tool result"),
            "developer": self.tr("Developer"),
        }
        return labels.get(role, role)

    def _tool_button(self, text: str, tip: str, slot: Any) -> QToolButton:
        b = QToolButton()
        b.setText(text)
        b.setToolTip(tip)
        b.setAccessibleName(tip)
        b.setAutoRaise(True)
        b.clicked.connect(slot)
        return b

    def _tool_calls_label(self, calls: list[Any]) -> QLabel:
        lines = []
        for c in calls:
            fn = c.get("function", {}) if isinstance(c, dict) else {}
            name = fn.get("name", "?") if isinstance(fn, dict) else "?"
            args = fn.get("arguments", "") if isinstance(fn, dict) else ""
            try:
                pretty = (
                    json.dumps(json.loads(args), ensure_ascii=False, indent=2)
                    if isinstance(args, str)
                    else json.dumps(args, ensure_ascii=False, indent=2)
                )
            except ValueError:
                pretty = str(args)
            lines.append(self.tr("Calls tool “%1” with:").replace("%1", str(name)) + "\n" + pretty)
        label = QLabel("\n\n".join(lines))
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setStyleSheet("font-family: monospace; background: palette(alternate-base); padding: 4px;")
        return label

    def _copy(self) -> dict[str, Any]:
        return copy.deepcopy(self.message)

    @Slot()
    def _on_text_changed(self) -> None:
        assert self.text_edit is not None
        msg = self._copy()
        msg["content"] = self.text_edit.toPlainText()
        self.message = msg
        self.changed.emit(msg)

    @Slot(int)
    def _on_role_changed(self, _i: int) -> None:
        msg = self._copy()
        msg["role"] = self.role_box.currentData()
        if msg["role"] != "assistant":
            msg.pop("weight", None)
        self.message = msg
        self.structure_changed.emit(msg)

    @Slot(bool)
    def _on_weight_toggled(self, on: bool) -> None:
        msg = self._copy()
        if on:
            msg.pop("weight", None) if msg.get("weight") is None else msg.__setitem__("weight", 1)
        else:
            msg["weight"] = 0
        self.message = msg
        self.structure_changed.emit(msg)
