"""A chat comparison: one system prompt and the user's turns, and each column's model and replies.

Each column keeps its own history (its model sees its own earlier replies). Saved as one small JSON file
per conversation in the app's data folder, so conversations reopen after a restart.
"""

from __future__ import annotations

import json
import secrets
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from finetune_desktop.core.compare.batch import ChatParams
from finetune_desktop.core.files.atomic import atomic_write_text
from finetune_desktop.core.paths import app_paths

Message = dict[str, Any]


@dataclass
class Reply:
    text: str = ""
    first_token_s: float | None = None
    total_s: float | None = None
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    stopped: bool = False
    error: str | None = None


@dataclass
class Column:
    profile_id: str
    model: str


@dataclass
class Turn:
    user: str
    replies: list[Reply | None] = field(default_factory=list)


@dataclass
class Conversation:
    id: str = field(default_factory=lambda: time.strftime("%Y%m%d-%H%M%S-") + secrets.token_hex(3))
    system: str = ""
    columns: list[Column] = field(default_factory=list)
    turns: list[Turn] = field(default_factory=list)
    params: ChatParams = field(default_factory=ChatParams)
    blind: bool = False
    #: blind mode: the vote once cast ("a", "b" or "tie"); names stay hidden until then
    vote: str | None = None
    updated: float = field(default_factory=time.time)

    @property
    def title(self) -> str:
        first = (
            self.turns[0].user.strip().splitlines()[0] if self.turns and self.turns[0].user.strip() else ""
        )
        return first[:60]

    def reply(self, turn: int, column: int) -> Reply | None:
        replies = self.turns[turn].replies
        return replies[column] if column < len(replies) else None

    def set_reply(self, turn: int, column: int, reply: Reply | None) -> None:
        replies = self.turns[turn].replies
        while len(replies) <= column:
            replies.append(None)
        replies[column] = reply

    def messages_for(self, column: int, *, upto: int | None = None) -> list[Message]:
        """What column ``column``'s model is sent for turn ``upto`` (default: the last turn)."""
        last = len(self.turns) - 1 if upto is None else upto
        msgs: list[Message] = []
        if self.system.strip():
            msgs.append({"role": "system", "content": self.system})
        for i, turn in enumerate(self.turns[: last + 1]):
            msgs.append({"role": "user", "content": turn.user})
            reply = self.reply(i, column)
            if i < last and reply is not None and reply.text:
                msgs.append({"role": "assistant", "content": reply.text})
        return msgs

    def example_for(self, column: int, last_reply: str | None = None) -> dict[str, Any]:
        """A chat training example: the conversation with this column's replies (the last one as edited)."""
        msgs = self.messages_for(column)
        reply = self.reply(len(self.turns) - 1, column) if self.turns else None
        text = last_reply if last_reply is not None else (reply.text if reply else "")
        msgs.append({"role": "assistant", "content": text})
        return {"messages": msgs}

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["params"] = self.params.to_json()
        return d

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Conversation:
        turns = []
        for t in d.get("turns") or []:
            replies = [Reply(**r) if isinstance(r, dict) else None for r in t.get("replies") or []]
            turns.append(Turn(str(t.get("user", "")), replies))
        return cls(
            id=str(d["id"]),
            system=str(d.get("system") or ""),
            columns=[Column(str(c["profile_id"]), str(c["model"])) for c in d.get("columns") or []],
            turns=turns,
            params=ChatParams.from_json(d.get("params") or {}),
            blind=bool(d.get("blind")),
            vote=d.get("vote") if isinstance(d.get("vote"), str) else None,
            updated=float(d.get("updated") or 0.0),
        )


@dataclass(frozen=True)
class ConversationInfo:
    id: str
    title: str
    updated: float


class ConversationStore:
    """One JSON file per conversation under ``<data>/compare/conversations`` (call off the UI thread)."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or app_paths().data / "compare" / "conversations"

    def _path(self, conv_id: str) -> Path:
        safe = "".join(ch for ch in conv_id if ch.isalnum() or ch in "-_")
        return self.folder / f"{safe}.json"

    def save(self, conv: Conversation) -> None:
        conv.updated = time.time()
        self.folder.mkdir(parents=True, exist_ok=True)
        atomic_write_text(self._path(conv.id), json.dumps(conv.to_json(), ensure_ascii=False, indent=1))

    def load(self, conv_id: str) -> Conversation:
        return Conversation.from_json(json.loads(self._path(conv_id).read_text(encoding="utf-8")))

    def delete(self, conv_id: str) -> None:
        self._path(conv_id).unlink(missing_ok=True)

    def list(self) -> list[ConversationInfo]:
        """Newest first; unreadable files are left alone and not listed."""
        out: list[ConversationInfo] = []
        for path in self.folder.glob("*.json"):
            try:
                conv = Conversation.from_json(json.loads(path.read_text(encoding="utf-8")))
            except (OSError, ValueError, KeyError, TypeError):
                continue
            out.append(ConversationInfo(conv.id, conv.title, conv.updated))
        return sorted(out, key=lambda c: c.updated, reverse=True)
