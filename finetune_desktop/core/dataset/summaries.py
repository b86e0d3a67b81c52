"""Plain-text views of an example: what the editor's table shows and what its search box searches.

Never raises: any JSON value (a broken example included) yields something printable. Pure Python: the
editor's search text is made where the example is parsed, in ``check``'s worker processes when it opens a
file (see ``check.pipeline``), and on the UI side for an edited one; both use :func:`search_entry`.
"""

from __future__ import annotations

import json
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any


def messages_of(data: Any) -> list[Any]:
    """The conversation of a chat or preference example (prompt messages plus the preferred reply)."""
    if not isinstance(data, dict):
        return []
    msgs = data.get("messages")
    if isinstance(msgs, list):
        return msgs
    inp = data.get("input")
    if isinstance(inp, dict) and isinstance(inp.get("messages"), list):
        out = list(inp["messages"])
        pref = data.get("preferred_output")
        if isinstance(pref, list):
            out.extend(pref)
        return out
    return []


def content_text(content: Any) -> str:
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        parts = []
        for p in content:
            if isinstance(p, dict):
                if p.get("type") == "text":
                    parts.append(str(p.get("text", "")))
                elif p.get("type") == "image_url":
                    parts.append("[image]")
                else:
                    parts.append(f"[{p.get('type', 'part')}]")
            else:
                parts.append(str(p))
        return " ".join(parts)
    return json.dumps(content, ensure_ascii=False)


def tool_calls_text(calls: Any) -> str:
    if not isinstance(calls, list):
        return ""
    out = []
    for c in calls:
        fn = c.get("function", {}) if isinstance(c, dict) else {}
        name = fn.get("name", "?") if isinstance(fn, dict) else "?"
        args = fn.get("arguments", "") if isinstance(fn, dict) else ""
        out.append(f"{name}({args})")
    return "; ".join(out)


def message_text(msg: Any) -> str:
    if not isinstance(msg, dict):
        return str(msg)
    text = content_text(msg.get("content"))
    calls = tool_calls_text(msg.get("tool_calls"))
    return f"{text} {calls}".strip() if calls else text


@dataclass(frozen=True, slots=True)
class RowSummary:
    first_user: str
    last_assistant: str
    turns: int


def _one_line(text: str, limit: int = 200) -> str:
    text = " ".join(text[: limit * 2].split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def summarize(data: Any) -> RowSummary:
    msgs = messages_of(data)
    first_user = next((m for m in msgs if isinstance(m, dict) and m.get("role") == "user"), None)
    last_asst = next(
        (m for m in reversed(msgs) if isinstance(m, dict) and m.get("role") == "assistant"), None
    )
    turns = sum(1 for m in msgs if isinstance(m, dict) and m.get("role") == "user")
    if not msgs and not isinstance(data, dict):
        return RowSummary(_one_line(str(data)), "", 0)
    return RowSummary(
        _one_line(message_text(first_user)) if first_user is not None else "",
        _one_line(message_text(last_asst)) if last_asst is not None else "",
        turns,
    )


def search_text(data: Any) -> str:
    """Lower-cased text of every message (content, tool calls, names), for substring search."""
    msgs = messages_of(data)
    if not msgs:
        return json.dumps(data, ensure_ascii=False).lower()
    parts = []
    for m in msgs:
        parts.append(message_text(m))
        if isinstance(m, dict) and isinstance(m.get("name"), str):
            parts.append(m["name"])
    if isinstance(data, dict) and isinstance(data.get("non_preferred_output"), list):
        parts.extend(message_text(m) for m in data["non_preferred_output"])
    return "\n".join(parts).lower()


def search_bytes(data: Any) -> bytes:
    """:func:`search_text` as UTF-8: a str holding one CJK character stores every character in 2+ bytes."""
    return search_text(data).encode("utf-8", "surrogatepass")


#: What separates examples in a search index's text (``search_entry`` never returns it).
SEARCH_SEP = b"\x00"
#: System prompts at least this long (in bytes) are worth sharing between examples' search texts.
SHARED_PROMPT_MIN_BYTES = 48


def lower_text(text: str) -> bytes:
    """``text`` as a search text holds it: lower-case UTF-8 without ``SEARCH_SEP``."""
    out = text.lower().encode("utf-8", "surrogatepass")
    return out.replace(SEARCH_SEP, b" ") if SEARCH_SEP in out else out


def search_entry(data: Any) -> tuple[bytes, int]:
    """An example's search text (:func:`search_bytes` without ``SEARCH_SEP``) and the length of its system
    prompt's text at its start (0 when there is none or it is shorter than ``SHARED_PROMPT_MIN_BYTES``),
    which a search index stores once for every example that repeats it."""
    text = search_bytes(data).replace(SEARCH_SEP, b" ")
    msgs = messages_of(data)
    first = msgs[0] if msgs else None
    if not (isinstance(first, dict) and first.get("role") in ("system", "developer")):
        return text, 0
    prompt = lower_text(content_text(first.get("content")))
    if len(prompt) < SHARED_PROMPT_MIN_BYTES or not text.startswith(prompt):
        return text, 0
    return text, len(prompt)


#: Distinct system prompts one ``SearchTexts`` keeps apart (a file where every prompt differs gains nothing).
MAX_PROMPTS = 512
#: Prompts (kept apart or too short to be) that ``SearchTexts`` remembers by their text.
_MAX_KNOWN = 4096


class SearchTexts:
    """The search texts of consecutive examples (:func:`search_entry`), as ``check``'s worker processes
    hand them to the editor: each long system prompt once, in ``prompts``, and each example's text after
    its prompt in ``texts``; ``prompt_ids[i]`` is the index of example ``i``'s prompt in ``prompts``, or -1
    when ``texts[i]`` is its whole text. The editor puts its own marker for a prompt in front
    (``SearchIndex.join_shared``), so a prompt is lowered, encoded and hashed once per range instead of
    once per example, and crosses between the processes once.
    """

    def __init__(self) -> None:
        self.texts: list[bytes] = []
        self.prompts: list[bytes] = []
        self.prompt_ids: array[int] = array("i")
        self._known: dict[str | bytes, int] = {}  # a prompt's text (str or lowered) -> its id, or -1

    def __len__(self) -> int:
        return len(self.texts)

    def __getstate__(self) -> tuple[list[bytes], list[bytes], array[int]]:
        return self.texts, self.prompts, self.prompt_ids  # (what is known of prompts stays in the worker)

    def __setstate__(self, state: tuple[list[bytes], list[bytes], array[int]]) -> None:
        self.texts, self.prompts, self.prompt_ids = state
        self._known = {}

    def entries(self) -> Iterator[tuple[bytes, int]]:
        """Each example's :func:`search_entry` (a prompt not kept apart, past ``MAX_PROMPTS``, with the
        length 0: it is in the text)."""
        prompts = self.prompts
        for text, i in zip(self.texts, self.prompt_ids, strict=True):
            yield (text, 0) if i < 0 else (prompts[i] + text, len(prompts[i]))

    def add(self, data: Any) -> None:
        """The search text of any example (walks it: :func:`search_entry`)."""
        text, n = search_entry(data)
        prompt = text[:n]
        i = self._prompt_id(prompt, prompt) if n else -1
        self.texts.append(text if i < 0 else text[n:])
        self.prompt_ids.append(i)

    def add_parts(self, first_role: object, parts: Sequence[str]) -> None:
        """The search text of a chat example whose messages hold a role, a text content and maybe a name:
        ``parts`` are those texts in order (a message's name after its content), ``first_role`` the first
        message's role. The same text as :meth:`add`, without walking the example again (``check``'s
        workers hold these texts already)."""
        if parts and (first_role == "system" or first_role == "developer"):
            prompt = parts[0]
            i = self._known.get(prompt)
            if i is None:
                i = self._prompt_id(prompt, lower_text(prompt))
            if i >= 0:
                # (lower() of the whole equals lower() of its parts split at a newline: the one letter
                # lower-cased by its context, a final sigma, looks no further than a newline)
                self.texts.append(lower_text("\n" + "\n".join(parts[1:])) if len(parts) > 1 else b"")
                self.prompt_ids.append(i)
                return
        self.texts.append(lower_text("\n".join(parts)))
        self.prompt_ids.append(-1)

    def _prompt_id(self, key: str | bytes, prompt: bytes) -> int:
        """The id of the system prompt whose search text is ``prompt``, or -1 when it stays in the texts
        (too short, or too many prompts); remembered under ``key`` too."""
        known = self._known
        i = known.get(prompt)
        if i is None:
            i = -1
            if len(prompt) >= SHARED_PROMPT_MIN_BYTES and len(self.prompts) < MAX_PROMPTS:
                i = len(self.prompts)
                self.prompts.append(prompt)
            if len(known) < _MAX_KNOWN:
                known[prompt] = i
        if key is not prompt and len(known) < _MAX_KNOWN:
            known[key] = i
        return i
