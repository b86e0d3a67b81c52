"""Prompt sets: what to send (the messages up to the answer) and what was expected, from any dataset line.

A chat training line gives its messages before the last assistant message as the prompt and that message as
the expected answer; a preference line gives its input and preferred output; ``{"prompt": "..."}`` is a bare
question. Lines that hold no question are reported by line number, never silently dropped.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Message = dict[str, Any]


@dataclass(frozen=True)
class PromptRow:
    index: int  # position in the prompt set, from 0: the key results are stored under
    messages: tuple[Message, ...]
    expected: str | None = None
    line: int | None = None  # line in the source file, from 1

    @property
    def digest(self) -> str:
        """A short hash of what is sent, so a stored answer is reused only for the same question."""
        raw = json.dumps(list(self.messages), sort_keys=True, ensure_ascii=False).encode("utf-8")
        return hashlib.sha256(raw).hexdigest()[:16]

    @property
    def question(self) -> str:
        """The last user message's text (what a table shows as "prompt")."""
        for m in reversed(self.messages):
            if m.get("role") == "user":
                return content_text(m.get("content"))
        return content_text(self.messages[-1].get("content")) if self.messages else ""

    def to_json(self) -> dict[str, Any]:
        return {"index": self.index, "messages": list(self.messages), "expected": self.expected}


@dataclass(frozen=True)
class Skipped:
    line: int
    reason: str  # "invalid_json" | "no_question"


@dataclass
class PromptSet:
    rows: list[PromptRow]
    skipped: list[Skipped] = field(default_factory=list)
    source: str | None = None

    def __len__(self) -> int:
        return len(self.rows)


def content_text(content: Any) -> str:
    """Text of a message's content (a string or a list of text parts)."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(
            str(p.get("text", "")) for p in content if isinstance(p, Mapping) and p.get("type") == "text"
        )
    return ""


def _clean(messages: Sequence[Any]) -> list[Message] | None:
    out: list[Message] = []
    for m in messages:
        if not isinstance(m, Mapping) or not isinstance(m.get("role"), str):
            return None
        msg: Message = {"role": m["role"], "content": m.get("content")}
        for key in ("name", "tool_calls", "tool_call_id"):
            if key in m:
                msg[key] = m[key]
        out.append(msg)
    return out


def split_example(data: Any) -> tuple[list[Message], str | None] | None:
    """(prompt messages, expected answer) of one dataset line, or None when it holds no question."""
    if not isinstance(data, Mapping):
        return None
    if isinstance(data.get("prompt"), str) and data["prompt"].strip():
        msgs: list[Message] = []
        if isinstance(data.get("system"), str) and data["system"]:
            msgs.append({"role": "system", "content": data["system"]})
        msgs.append({"role": "user", "content": data["prompt"]})
        given = data.get("expected", data.get("completion"))
        return msgs, given if isinstance(given, str) else None
    expected: str | None = None
    raw = data.get("messages")
    inp = data.get("input")
    if raw is None and isinstance(inp, Mapping):
        raw = inp.get("messages")
        preferred = data.get("preferred_output")
        if isinstance(preferred, list) and preferred and isinstance(preferred[0], Mapping):
            expected = content_text(preferred[0].get("content"))
    if not isinstance(raw, list):
        return None
    cleaned = _clean(raw)
    if cleaned is None:
        return None
    if cleaned and cleaned[-1]["role"] == "assistant" and expected is None:
        expected = content_text(cleaned[-1].get("content"))
        cleaned = cleaned[:-1]
    if not any(m["role"] == "user" for m in cleaned):
        return None
    return cleaned, expected


def prompts_from_examples(values: Iterable[Any], *, lines: Iterable[int | None] | None = None) -> PromptSet:
    """A prompt set from already parsed dataset lines (the editor's validation split, a training file)."""
    rows: list[PromptRow] = []
    skipped: list[Skipped] = []
    line_iter = iter(lines) if lines is not None else None
    for n, data in enumerate(values, start=1):
        line = next(line_iter, n) if line_iter is not None else n
        split = split_example(data)
        if split is None:
            skipped.append(Skipped(line or n, "no_question"))
            continue
        msgs, expected = split
        rows.append(PromptRow(len(rows), tuple(msgs), expected, line))
    return PromptSet(rows, skipped)


def read_prompts(path: str | Path) -> PromptSet:
    """Read a JSONL prompt set. Raises OSError / UnicodeDecodeError when the file cannot be read at all."""
    p = Path(path)
    values: list[Any] = []
    line_numbers: list[int] = []
    bad: list[Skipped] = []
    with p.open("r", encoding="utf-8-sig") as fh:
        for n, text in enumerate(fh, start=1):
            if not text.strip():
                continue
            try:
                values.append(json.loads(text))
            except json.JSONDecodeError:
                bad.append(Skipped(n, "invalid_json"))
                continue
            line_numbers.append(n)
    result = prompts_from_examples(values, lines=line_numbers)
    result.skipped = sorted([*bad, *result.skipped], key=lambda s: s.line)
    result.source = str(p)
    return result
