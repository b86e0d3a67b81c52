"""Token counts for chat ``usage``: core's counter (itself an estimate without a vocabulary), or a
length-based estimate when no counter can be built for the model."""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from typing import Any


@functools.lru_cache(maxsize=8)
def _counter(model: str) -> Callable[[str], int] | None:
    from finetune_desktop.core.tokens import TokenCounter

    try:
        return TokenCounter(model, training_context=0).count_string
    except Exception:  # noqa: BLE001 - any tokenizer problem falls back to the estimate
        return None


def count_text(text: str, model: str) -> int:
    counter = _counter(model)
    if counter is not None:
        return counter(text)
    return math.ceil(len(text.encode("utf-8")) / 4) if text else 0


def _content_text(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return " ".join(str(p.get("text", "")) for p in content if isinstance(p, dict))
    return ""


def count_prompt(messages: list[Any], model: str) -> int:
    """The chat formula: 3 tokens per message plus its role and content, plus 3 to prime the reply."""
    total = 3
    for msg in messages:
        if not isinstance(msg, dict):
            continue
        total += 3 + count_text(str(msg.get("role", "")), model)
        total += count_text(_content_text(msg.get("content")), model)
        if msg.get("name"):
            total += 1 + count_text(str(msg["name"]), model)
    return total
