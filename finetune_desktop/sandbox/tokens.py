"""Token counts for chat ``usage``: core's counter and core's per-example formula (the same numbers the
editor and ``check`` show), itself an estimate when no vocabulary can be loaded."""

from __future__ import annotations

import functools
from typing import Any

from finetune_desktop.core.tokens.counter import TokenCounter


@functools.lru_cache(maxsize=8)
def _counter(model: str) -> TokenCounter:
    try:
        return TokenCounter(model, training_context=0)
    except Exception:  # noqa: BLE001 - any tokenizer problem falls back to core's estimate
        return TokenCounter(model, training_context=0, estimate=True)


def count_text(text: str, model: str) -> int:
    return _counter(model).count_string(text) if text else 0


def count_prompt(messages: list[Any], model: str, tools: list[Any] | None = None) -> int:
    """Core's chat formula: per message 3 tokens plus every value (content parts and ``tool_calls`` as
    their compact JSON, ``name`` 1 more), the ``tools`` definitions, and 3 to prime the reply."""
    example: dict[str, Any] = {"messages": messages}
    if tools:
        example["tools"] = tools
    return _counter(model).count_example(example).total
