"""Plain-text views of an example: what the table shows and what the search box searches.

Never raises: any JSON value (a broken example included) yields something printable.
"""

from __future__ import annotations

import json
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
