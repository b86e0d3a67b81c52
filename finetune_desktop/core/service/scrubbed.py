"""Every server-supplied text the service hands out passes the key redactor first.

A hostile or buggy server may echo the key it was sent (in an error, an event message, a job field, a
model id, a chat answer); the GUI and the CLI both get their data from :class:`FineTuningService`, so
redacting its results here keeps the key off every screen without touching each one.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from typing import Any, TypeVar, cast

from finetune_desktop.core.accounts.redact import StreamRedactor, redact
from finetune_desktop.core.service.chat import ChatChunk

T = TypeVar("T")


def scrubbed(value: T) -> T:
    """``value`` with every plain string inside it (dataclass fields, lists, tuples, mappings) redacted;
    unchanged objects are returned as they are. String subclasses (enums) are left alone."""
    return cast(T, _scrub(value))


def _scrub(value: Any) -> Any:
    if type(value) is str:
        return redact(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes: dict[str, Any] = {}
        for f in dataclasses.fields(value):
            if not f.init:
                continue
            old = getattr(value, f.name)
            new = _scrub(old)
            if new is not old and new != old:
                changes[f.name] = new
        return dataclasses.replace(value, **changes) if changes else value
    if type(value) is list:
        return [_scrub(v) for v in value]
    if type(value) is tuple:
        return tuple(_scrub(v) for v in value)
    if isinstance(value, Mapping):
        return {_scrub(k): _scrub(v) for k, v in value.items()}
    return value


def scrubbed_stream(chunks: Iterator[ChatChunk]) -> Iterator[ChatChunk]:
    """A streamed answer with keys redacted even when one arrives split over two chunks (the end of a
    word may come one chunk late; the chunk that ends the answer carries everything held back)."""
    redactor = StreamRedactor()
    for chunk in chunks:
        text = redactor.feed(chunk.text)
        ends = chunk.finish_reason is not None or chunk.usage is not None
        if ends:
            text += redactor.finish()
        if text or ends:
            yield dataclasses.replace(scrubbed(chunk), text=text)
    rest = redactor.finish()
    if rest:
        yield ChatChunk(rest)
