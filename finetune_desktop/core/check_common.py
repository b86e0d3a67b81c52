"""The common example, checked in one walk: tokens, findings and duplicate keys together.

Nearly every line of a real chat file is ``{"messages": [...]}`` where every message is exactly
``{"role": "system" | "user" | "assistant", "content": <non-blank text>}``, with a system, a user and an
assistant message. For such an example the general code (the token formula in ``tokens.formula``, the
checks in ``validation``) finds nothing and computes only three things, which this module computes in a
single loop without building findings, results or per-message calls:

* tokens: 3 per message + tokens of role and content, + 3 for the reply priming (no ``tools`` here);
  assistant tokens are the assistant messages' content;
* duplicate keys: ``("chat", role, content, role, content, ...)`` split before the last assistant message
  (what ``validation.keys.chat_keys`` builds from ``check_messages``'s parts);
* no findings (``check_example`` would return none, the format is chat and there are no images).

Anything else (another key, another role, blank content, a missing system/user/assistant message) returns
``None`` and the caller runs the general code, so the results are identical by construction; the tests
compare both on generated examples.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from finetune_desktop.core.tokens.formula import PER_MESSAGE, REPLY_PRIMING

#: (total tokens, assistant tokens, full key, prompt key, answer key)
Common = tuple[int, int, tuple[Hashable, ...], tuple[Hashable, ...], tuple[Hashable, ...]]


def common_example(
    data: dict[str, Any], cached: Callable[[str], int | None], count: Callable[[str], int]
) -> Common | None:
    """Tokens and keys of a common chat example (see the module doc), or None for any other example.

    ``cached`` looks a string's token count up without counting (a dict's ``get``); ``count`` counts it.
    """
    if len(data) != 1:
        return None
    msgs = data.get("messages")
    if type(msgs) is not list or not msgs:
        return None
    total = REPLY_PRIMING + PER_MESSAGE * len(msgs)
    assistant = 0
    last = -1
    has_system = has_user = False
    parts: list[Hashable] = ["chat"]
    append = parts.append
    for i, m in enumerate(msgs):
        if type(m) is not dict or len(m) != 2:
            return None
        role = m.get("role")
        content = m.get("content")
        if type(content) is not str or type(role) is not str or not content or content.isspace():
            return None
        c = cached(content)
        if c is None:
            c = count(content)
        r = cached(role)
        if r is None:
            r = count(role)
        total += r + c
        if role == "assistant":
            assistant += c
            last = i
        elif role == "user":
            has_user = True
        elif role == "system":
            has_system = True
        else:
            return None
        append(role)
        append(content)
    if last < 0 or not has_user or not has_system:
        return None
    full = tuple(parts)
    start = 2 * last + 1
    return total, assistant, full, full[:start], full[start : start + 2]
