"""Hashable keys for duplicate, conflict and overlap detection.

A key is a flat tuple built from the parsed example (so an edited example and an untouched one compare
alike, and key order inside objects does not matter). The common message ``{"role", "content": str}``
adds its two strings as they are (their hashes are cached by Python); anything else is added as canonical
JSON after a marker, so the two kinds can never be confused.

``prompt`` is everything before the last assistant message (plus tools), ``answer`` that message (for
chat) or the preferred output (for DPO), ``full`` the whole example.
"""

from __future__ import annotations

import json
from collections.abc import Hashable
from dataclasses import dataclass


class _Marker:
    __slots__ = ()

    def __repr__(self) -> str:
        return "<complex>"


_COMPLEX = _Marker()


@dataclass(frozen=True, slots=True)
class ExampleKeys:
    prompt: tuple[Hashable, ...]
    answer: tuple[Hashable, ...] | None  # None: no answer to compare (no assistant message)
    full: tuple[Hashable, ...]


def canonical(value: object) -> Hashable:
    """Canonical JSON text of a value; a unique object when even that fails (never equal to anything)."""
    try:
        return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    except (TypeError, ValueError, RecursionError):
        return object()


def _add_message(parts: list[Hashable], m: object) -> None:
    if type(m) is dict and len(m) == 2:
        role = m.get("role")
        content = m.get("content")
        if type(role) is str and type(content) is str:
            parts.append(role)
            parts.append(content)
            return
    parts.append(_COMPLEX)
    parts.append(canonical(m))


def example_keys(data: object) -> ExampleKeys | None:
    """Keys for a dict example of either format; None for anything that is not an object."""
    if type(data) is not dict:
        return None
    msgs = data.get("messages")
    if type(msgs) is list:
        return _chat_keys(data, msgs)
    if "input" in data or "preferred_output" in data or "non_preferred_output" in data:
        return _preference_keys(data)
    full = ("?", canonical(data))
    return ExampleKeys(full, None, full)


def _extras(data: dict[str, object], skip: str, tag: str) -> list[Hashable]:
    parts: list[Hashable] = [tag]
    if len(data) > 1:
        for key in sorted(k for k in data if k != skip):
            parts.append(key)
            parts.append(canonical(data[key]))
    return parts


def _chat_keys(data: dict[str, object], msgs: list[object]) -> ExampleKeys:
    parts = _extras(data, "messages", "chat")
    last = -1
    for i in range(len(msgs) - 1, -1, -1):
        m = msgs[i]
        if type(m) is dict and m.get("role") == "assistant":
            last = i
            break
    for m in msgs:
        _add_message(parts, m)
    if last < 0:
        full = tuple(parts)
        return ExampleKeys(full, None, full)
    start = len(parts) - 2 * (len(msgs) - last)
    answer: list[Hashable] = []
    _add_message(answer, msgs[last])
    return ExampleKeys(tuple(parts[:start]), tuple(answer), tuple(parts))


def _preference_keys(data: dict[str, object]) -> ExampleKeys:
    parts: list[Hashable] = ["preference"]
    inp = data.get("input")
    msgs = inp.get("messages") if type(inp) is dict else None
    if type(inp) is dict and type(msgs) is list:
        for m in msgs:
            _add_message(parts, m)
        for key in sorted(k for k in inp if k != "messages"):
            parts.append(key)
            parts.append(canonical(inp[key]))
    else:
        parts.append(canonical(inp))
    extra = [k for k in data if k not in ("input", "preferred_output", "non_preferred_output")]
    for key in sorted(extra):
        parts.append(key)
        parts.append(canonical(data[key]))
    prompt = tuple(parts)
    answer = ("preferred", canonical(data.get("preferred_output")))
    full = (*prompt, *answer, canonical(data.get("non_preferred_output")))
    return ExampleKeys(prompt, answer, full)
