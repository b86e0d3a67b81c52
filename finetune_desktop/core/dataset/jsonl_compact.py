"""Keeping a loaded file small in memory: repeated strings shared (raw lines are compressed in
``examples.RawBlock``)."""

from __future__ import annotations

from typing import Any


class Interner:
    """Share the string values every example repeats: role names and system prompts.

    Python keeps each parsed string separately; for a chat file with one system prompt the repeats
    cost ~0.3x the file size. Only values under known keys are shared, and the table is bounded.
    """

    MAX_ENTRIES = 20_000

    def __init__(self) -> None:
        self._seen: dict[str, str] = {}

    def _share(self, value: str) -> str:
        seen = self._seen
        hit = seen.get(value)
        if hit is not None:
            return hit
        if len(seen) < self.MAX_ENTRIES:
            seen[value] = value
        return value

    def _messages(self, messages: list[Any]) -> None:
        share = self._share
        for m in messages:
            if type(m) is not dict:
                continue
            role = m.get("role")
            if isinstance(role, str):
                m["role"] = share(role)
                if role in ("system", "developer"):
                    content = m.get("content")
                    if isinstance(content, str):
                        m["content"] = share(content)

    def compact(self, data: dict[str, Any]) -> dict[str, Any]:
        for key in ("messages", "preferred_output", "non_preferred_output"):
            value = data.get(key)
            if type(value) is list:
                self._messages(value)
        inp = data.get("input")
        if type(inp) is dict:
            value = inp.get("messages")
            if type(value) is list:
                self._messages(value)
        return data
