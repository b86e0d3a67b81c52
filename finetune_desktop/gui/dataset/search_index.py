"""SearchIndex: the lower-case text of every example, compact enough to keep for 100k examples.

Each example's message text is kept as lower-case UTF-8 bytes (a ``str`` holding a single CJK character
stores every character in 2-4 bytes). A long system prompt repeated in many examples (typical: one
prompt for the whole file) is stored once; each example's text holds a short marker for it instead.
Markers are made of control bytes that a search needle never contains (``clean_needle`` strips them),
so a needle can neither match inside a marker nor across one. Pure Python, no Qt: the loader fills it
from a worker while the UI thread reads it (single dict operations, atomic under the GIL).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from finetune_desktop.gui.dataset.summaries import content_text, messages_of, search_bytes

#: System prompts at least this long (in bytes) are shared between examples.
SHARED_MIN_BYTES = 48
#: At most this many distinct shared prompts (a file where every prompt differs gains nothing).
MAX_SHARED = 512


def _marker(number: int) -> bytes:
    digits = bytes(0x10 + int(d) for d in str(number))  # 0x10-0x19: never in a cleaned needle
    return b"\x01" + digits + b"\x02"


def clean_needle(text: str) -> str:
    """The search text as matched: trimmed, lower-case, without control characters."""
    return "".join(ch for ch in text if ch >= " ").strip().lower()


class SearchIndex:
    def __init__(self) -> None:
        self._texts: dict[int, bytes] = {}
        self._shared: dict[bytes, bytes] = {}  # prompt text -> marker

    def __len__(self) -> int:
        return len(self._texts)

    def clear(self) -> None:
        self._texts.clear()
        self._shared.clear()

    def make(self, data: Any) -> bytes:
        """The index text of one example's data (shares its system prompt when long)."""
        text = search_bytes(data)
        msgs = messages_of(data)
        first = msgs[0] if msgs else None
        if not (isinstance(first, dict) and first.get("role") in ("system", "developer")):
            return text
        prompt = content_text(first.get("content")).lower().encode("utf-8", "surrogatepass")
        if len(prompt) < SHARED_MIN_BYTES or not text.startswith(prompt):
            return text
        marker = self._shared.get(prompt)
        if marker is None:
            if len(self._shared) >= MAX_SHARED:
                return text
            marker = self._shared.setdefault(prompt, _marker(len(self._shared)))
        return marker + text[len(prompt) :]

    def set(self, uid: int, text: bytes) -> None:
        self._texts[uid] = text

    def update(self, uid: int, data: Any) -> None:
        self._texts[uid] = self.make(data)

    def get(self, uid: int) -> bytes | None:
        return self._texts.get(uid)

    def discard(self, uid: int) -> None:
        self._texts.pop(uid, None)

    def matcher(self, needle: str) -> Callable[[bytes], bool]:
        """A test ``text -> bool`` for one search (``needle`` already cleaned)."""
        raw = needle.encode("utf-8", "surrogatepass")
        markers = tuple(m for prompt, m in list(self._shared.items()) if raw in prompt)
        if not markers:
            return lambda text: raw in text
        return lambda text: raw in text or any(m in text for m in markers)
