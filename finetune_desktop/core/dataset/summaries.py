"""Plain-text views of an example: what the editor's table shows and what its search box searches.

Never raises: any JSON value (a broken example included) yields something printable. Pure Python: the
editor's search text is made where the example is parsed, in ``check``'s worker processes when it opens a
file (see ``check.pipeline``), and on the UI side for an edited one; both use :func:`search_entry`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
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


def plain_search_entry(first_role: object, contents: Sequence[str]) -> tuple[bytes, int]:
    """:func:`search_entry` of a chat example whose messages hold only a role and a text content:
    ``contents`` are those texts in order, ``first_role`` the first message's role. The same result
    without walking the example again (``check``'s workers know these texts already)."""
    text = "\n".join(contents).lower().encode("utf-8", "surrogatepass")
    if SEARCH_SEP in text:
        text = text.replace(SEARCH_SEP, b" ")
    if first_role not in ("system", "developer") or not contents:
        return text, 0
    prompt = contents[0].lower().encode("utf-8", "surrogatepass")
    if len(prompt) < SHARED_PROMPT_MIN_BYTES or not text.startswith(prompt):
        return text, 0
    return text, len(prompt)


def search_entry(data: Any) -> tuple[bytes, int]:
    """An example's search text (:func:`search_bytes` without ``SEARCH_SEP``) and the length of its system
    prompt's text at its start (0 when there is none or it is shorter than ``SHARED_PROMPT_MIN_BYTES``),
    which a search index stores once for every example that repeats it."""
    text = search_bytes(data).replace(SEARCH_SEP, b" ")
    msgs = messages_of(data)
    first = msgs[0] if msgs else None
    if not (isinstance(first, dict) and first.get("role") in ("system", "developer")):
        return text, 0
    prompt = content_text(first.get("content")).lower().encode("utf-8", "surrogatepass")
    if len(prompt) < SHARED_PROMPT_MIN_BYTES or not text.startswith(prompt):
        return text, 0
    return text, len(prompt)
