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
from typing import NamedTuple


class _Marker:
    __slots__ = ()

    def __repr__(self) -> str:
        return "<complex>"


COMPLEX = _Marker()


class ExampleKeys(NamedTuple):
    prompt: tuple[Hashable, ...]
    answer: tuple[Hashable, ...] | None  # None: no answer to compare (no assistant message)
    full: tuple[Hashable, ...]


# NamedTuple's generated __new__ is Python code; building through tuple.__new__ halves the cost (hot path)
_new_keys = tuple.__new__


# One encoder: json.dumps with options builds a new one per call (a third of the cost on small values).
_CANONICAL = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def canonical(value: object) -> Hashable:
    """Canonical JSON text of a value; a unique object when even that fails (never equal to anything)."""
    try:
        return _CANONICAL.encode(value)
    except (TypeError, ValueError, RecursionError):
        return object()


def extras(data: dict[str, object], skip: str, tag: str) -> list[Hashable]:
    """Key material of everything but ``skip`` (top-level tools, settings, unknown keys), by sorted key."""
    parts: list[Hashable] = [tag]
    if len(data) > 1:
        for key in sorted(str(k) for k in data if k != skip):
            parts.append(key)
            parts.append(canonical(data.get(key)))
    return parts


def chat_keys(parts: list[Hashable], n_msgs: int, last: int) -> ExampleKeys:
    """Keys from ``parts`` = extras + two items per message; ``last`` is the last assistant message or -1."""
    full = tuple(parts)
    if last < 0:
        return _new_keys(ExampleKeys, (full, None, full))
    start = len(full) - 2 * (n_msgs - last)
    return _new_keys(ExampleKeys, (full[:start], full[start : start + 2], full))


def whole_keys(data: object) -> ExampleKeys:
    """Keys for an example with no usable messages: only exact duplicates are detected."""
    full = ("?", canonical(data))
    return ExampleKeys(full, None, full)


def preference_keys(data: dict[str, object], input_parts: list[Hashable] | None) -> ExampleKeys:
    """DPO keys: ``input_parts`` is the key material of ``input`` (None when it is not an object)."""
    parts: list[Hashable] = ["preference"]
    if input_parts is None:
        parts.append(canonical(data.get("input")))
    else:
        parts.extend(input_parts)
    for key in sorted(str(k) for k in data if k not in ("input", "preferred_output", "non_preferred_output")):
        parts.append(key)
        parts.append(canonical(data.get(key)))
    prompt = tuple(parts)
    answer = ("preferred", canonical(data.get("preferred_output")))
    full = (*prompt, *answer, canonical(data.get("non_preferred_output")))
    return ExampleKeys(prompt, answer, full)
