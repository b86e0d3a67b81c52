"""The per-example token formula (the OpenAI cookbook's, made total and safe for every example shape).

Chat (SFT) example: for each message 3 tokens, plus the tokens of every value of the message (role and
content alike; ``name`` adds 1 more), plus 3 for the reply priming. Where the cookbook crashes we extend it:
non-string values (``tool_calls``, ``function_call``, content-part lists) are counted from their compact
JSON, ``weight`` and ``null`` values are not counted (they are not sent to the model), and the example's
``tools`` / ``functions`` definitions are counted from their compact JSON.

Preference (DPO) example: the input counted like a chat example (messages, tools, reply priming), plus
each message of both ``preferred_output`` and ``non_preferred_output`` (3 + values each). We count the prompt
once because that is what the file holds; OpenAI does not publish how DPO tokens are billed.

Assistant tokens: content, ``tool_calls`` and ``function_call`` of assistant messages (for DPO, of both
outputs): what the model is trained to write.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

CountStr = Callable[[str], int]

PER_MESSAGE = 3
REPLY_PRIMING = 3
PER_NAME = 1
_EMPTY: dict[str, int] = {}
_ASSISTANT_KEYS = frozenset({"content", "tool_calls", "function_call"})
# One encoder: json.dumps with options builds a new one per call (a third of the cost on small values).
_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def compact_json(value: Any) -> str:
    """The compact JSON text a non-string value is counted from."""
    try:
        return _COMPACT.encode(value)
    except (TypeError, ValueError):
        return str(value)


def _value_tokens(value: Any, count: CountStr) -> int:
    if isinstance(value, str):
        return count(value)
    if value is None:
        return 0
    return count(compact_json(value))


def message_tokens(message: Any, count: CountStr, cache: dict[str, int] | None = None) -> tuple[int, int]:
    """(tokens, assistant tokens) of one message, in one pass over its values.

    ``cache`` (string -> tokens) is looked up inline before calling ``count``: this loop runs for every
    value of every message, so each call saved is time saved on big files.
    """
    if not isinstance(message, dict):
        return PER_MESSAGE + _value_tokens(message, count), 0
    n = PER_MESSAGE
    a = 0
    get = (cache if cache is not None else _EMPTY).get
    for key, value in message.items():
        if type(value) is str:
            c = get(value)
            if c is None:
                c = count(value)
        elif key == "weight" or value is None:
            continue
        else:
            c = count(compact_json(value))
        n += c
        if key == "name":
            n += PER_NAME
        elif key in _ASSISTANT_KEYS:
            a += c
    return n, (a if message.get("role") == "assistant" else 0)


def _messages_tokens(messages: Any, count: CountStr, cache: dict[str, int] | None) -> tuple[int, int]:
    if not isinstance(messages, list):
        return _value_tokens(messages, count), 0
    total = assistant = 0
    for m in messages:
        t, a = message_tokens(m, count, cache)
        total += t
        assistant += a
    return total, assistant


def _definitions_tokens(obj: dict[str, Any], count: CountStr) -> int:
    n = 0
    for key in ("tools", "functions"):
        value = obj.get(key)
        if value is not None:
            n += _value_tokens(value, count)
    return n


def example_tokens(data: Any, count: CountStr, cache: dict[str, int] | None = None) -> tuple[int, int]:
    """(total, assistant) tokens of one example of any shape; never raises for JSON-shaped input.

    ``count`` counts one string; ``cache`` is an optional read-only view of its memo (a speed-up only)."""
    if not isinstance(data, dict):
        return _value_tokens(data, count), 0
    if "messages" in data:
        total, assistant = _messages_tokens(data["messages"], count, cache)
        return total + REPLY_PRIMING + _definitions_tokens(data, count), assistant
    if "input" in data or "preferred_output" in data or "non_preferred_output" in data:
        inp = data.get("input")
        if isinstance(inp, dict):
            total, _ = _messages_tokens(inp.get("messages", []), count, cache)
            total += _definitions_tokens(inp, count)
        else:
            total = _value_tokens(inp, count)
        total += REPLY_PRIMING
        assistant = 0
        for key in ("preferred_output", "non_preferred_output"):
            t, a = _messages_tokens(data.get(key, []), count, cache)
            total += t
            assistant += a
        return total, assistant
    # Anything else (e.g. legacy prompt/completion): every top-level value.
    total = 0
    for value in data.values():
        total += _value_tokens(value, count)
    completion = data.get("completion")
    return total, _value_tokens(completion, count) if completion is not None else 0
