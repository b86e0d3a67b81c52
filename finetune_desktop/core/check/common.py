"""The common example, checked in one walk: tokens, findings and duplicate keys together.

Nearly every line of a real chat file is ``{"messages": [...]}`` where every message is
``{"role": "system" | "user" | "assistant", "content": <non-blank text>}``, maybe with a non-empty text
``name`` or (assistant only) a ``weight`` of 0 or 1, with a system, a user and a trainable assistant
message. For such an example the general code (the token formula in ``tokens.formula``, the checks in
``validation``) finds nothing and computes only three things, which this module computes in a single loop
without building findings, results or per-message calls:

* tokens: 3 per message + tokens of role, content and name (+1 for a name), + 3 for the reply priming
  (no ``tools`` here; ``weight`` is not counted); assistant tokens are the assistant messages' content;
* duplicate keys: ``("chat", role, content, ...)`` with a message of other keys as ``COMPLEX`` and its
  canonical JSON, split before the last assistant message (what ``validation.keys.chat_keys`` builds from
  ``check_messages``'s parts);
* no findings (``check_example`` would return none, the format is chat and there are no images).

Anything else (another key, another role, blank content, a missing system/user/assistant message) returns
``None`` and the caller runs the general code, so the results are identical by construction; the tests
compare both on generated examples.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from finetune_desktop.core.tokens.formula import PER_MESSAGE, PER_NAME, REPLY_PRIMING
from finetune_desktop.core.validation.keys import COMPLEX, canonical

#: (total tokens, assistant tokens, full key, prompt key, answer key)
Common = tuple[int, int, tuple[Hashable, ...], tuple[Hashable, ...], tuple[Hashable, ...]]


def common_example(
    data: dict[str, Any],
    cached: Callable[[str], int | None],
    count: Callable[[str], int],
    role_tokens: tuple[int, int, int],
) -> Common | None:
    """Tokens and keys of a common chat example (see the module doc), or None for any other example.

    ``cached`` looks a string's token count up without counting (a dict's ``get``); ``count`` counts a
    string ``cached`` did not know (and remembers it); ``role_tokens`` are the tokens of "system", "user"
    and "assistant" (see ``role_tokens``).
    """
    if len(data) != 1:
        return None
    msgs = data.get("messages")
    if type(msgs) is not list or not msgs:
        return None
    r_system, r_user, r_assistant = role_tokens
    total = REPLY_PRIMING + PER_MESSAGE * len(msgs)
    assistant = 0
    trainable = 0
    last = -1
    has_system = has_user = False
    parts: list[Hashable] = ["chat"]
    append = parts.append
    for i, m in enumerate(msgs):
        if type(m) is not dict:
            return None
        content = m.get("content")
        if type(content) is not str or not content or content.isspace():
            return None
        role = m.get("role")  # compared with str below: anything else is not common
        c = cached(content)
        if c is None:
            c = count(content)
        if len(m) == 2:
            append(role)
            append(content)
            weight = 1
        else:
            extra = _extra_keys(m, role, cached, count)
            if extra is None:
                return None
            total += extra
            append(COMPLEX)
            append(canonical(m))
            weight = m.get("weight", 1)
        if role == "assistant":
            total += r_assistant + c
            assistant += c
            last = i
            if weight == 1:
                trainable += 1
        elif role == "user":
            total += r_user + c
            has_user = True
        elif role == "system":
            total += r_system + c
            has_system = True
        else:
            return None
    if not trainable or not has_user or not has_system:
        return None
    full = tuple(parts)
    start = 2 * last + 1
    return total, assistant, full, full[:start], full[start : start + 2]


def role_tokens(count: Callable[[str], int]) -> tuple[int, int, int]:
    """The ``role_tokens`` argument of :func:`common_example` for a counter's ``count_string``."""
    return count("system"), count("user"), count("assistant")


def _extra_keys(
    m: dict[str, Any], role: object, cached: Callable[[str], int | None], count: Callable[[str], int]
) -> int | None:
    """Tokens of a message's keys besides role and content when they are a valid ``name`` and/or
    ``weight`` (assistant only, the int 0 or 1); None for any other key or value."""
    n = 0
    for key, value in m.items():
        if key == "role" or key == "content":
            continue
        if key == "name":
            if type(value) is not str or not value:
                return None
            c = cached(value)
            n += (count(value) if c is None else c) + PER_NAME
        elif key == "weight":
            if role != "assistant" or type(value) is not int or (value != 0 and value != 1):
                return None
        else:
            return None
    return n
