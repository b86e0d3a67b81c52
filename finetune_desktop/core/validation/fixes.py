"""One-click fixes: for a finding whose repair is unambiguous, which examples change and how.

Pure functions over parsed example data (no Qt, nothing is modified in place): the GUI previews the
``FixChange`` list a ``plan`` returns, then applies it as one undoable edit. A fix is offered only where
exactly one repair makes sense: a misspelt role is renamed only when one role is a close match, a system
message is added only when the dataset has one shared system message.
"""

from __future__ import annotations

import copy
import difflib
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from finetune_desktop.core.validation.findings import Finding

ROLES = ("system", "developer", "user", "assistant", "tool", "function")
_MESSAGE = re.compile(r"^(input\.)?messages\[(\d+)\]")


class FixKind(StrEnum):
    ADD_SYSTEM_MESSAGE = "add_system_message"  # missing_system_message: the dataset's shared one
    REMOVE_EMPTY_REPLY = "remove_empty_reply"  # empty_assistant_message on the last message
    DROP_WEIGHT = "drop_weight"  # invalid_weight / weight_not_on_assistant: remove the key (trained)
    SET_WEIGHT_ZERO = "set_weight_zero"  # invalid_weight: skip the reply in training
    DELETE_DUPLICATE = "delete_duplicate"  # duplicate_example: the later copy (the first is kept)
    RENAME_ROLE = "rename_role"  # unrecognized_role with one close match


@dataclass(frozen=True)
class FixContext:
    """Facts about the whole dataset some fixes need, computed once per plan."""

    shared_system: str | None = None


@dataclass(frozen=True)
class FixChange:
    """One example's change: ``after`` is None when the example is deleted."""

    example: int  # 0-based row
    before: Any
    after: Any | None
    params: Mapping[str, Any] = field(default_factory=dict)  # what the GUI shows: text added, old/new role


def context_for(datas: Iterable[Any]) -> FixContext:
    return FixContext(shared_system=shared_system_message(datas))


def shared_system_message(datas: Iterable[Any]) -> str | None:
    """The system message most examples that have one share; None when there is none or a tie."""
    counts: Counter[str] = Counter()
    for data in datas:
        msgs = data.get("messages") if isinstance(data, dict) else None
        if isinstance(msgs, list) and msgs and isinstance(msgs[0], dict):
            first = msgs[0]
            content = first.get("content")
            if first.get("role") == "system" and isinstance(content, str) and content.strip():
                counts[content] += 1
    top = counts.most_common(2)
    if not top or (len(top) == 2 and top[0][1] == top[1][1]):
        return None
    return top[0][0]


def role_guess(value: object) -> str | None:
    """The one role a misspelt role most likely means ("assitant" -> "assistant"), else None."""
    if not isinstance(value, str) or not value.strip():
        return None
    low = value.strip().lower()
    if low in ROLES:
        return low
    close = difflib.get_close_matches(low, ROLES, n=2, cutoff=0.75)
    return close[0] if len(close) == 1 else None


def fixes_for(finding: Finding, data: Any, context: FixContext) -> list[FixKind]:
    """The one-click fixes that apply to ``finding`` on the example ``data`` (often none)."""
    return [
        kind for kind in _KINDS.get(finding.code, ()) if _change(kind, finding, data, context) is not None
    ]


def plan(
    kind: FixKind, findings: Iterable[Finding], datas: Sequence[Any], context: FixContext
) -> list[FixChange]:
    """Every change ``kind`` makes for ``findings`` (one per example, in row order; examples ``datas``).

    Several findings on one example (two bad weights) are applied one after the other to the same copy.
    """
    by_row: dict[int, list[Finding]] = {}
    for f in findings:
        if f.example is not None and 0 <= f.example < len(datas):
            by_row.setdefault(f.example, []).append(f)
    out: list[FixChange] = []
    for row in sorted(by_row):
        before = datas[row]
        current: Any = before
        params: dict[str, Any] = {}
        deleted = False
        # deepest paths first, so removing a message does not shift the index of another fix in it
        for f in sorted(by_row[row], key=_message_index, reverse=True):
            result = _change(kind, f, current, context)
            if result is None:
                continue
            after, change_params = result
            params.update(change_params)
            if after is None:
                deleted = True
                break
            current = after
        if deleted:
            out.append(FixChange(row, before, None, params))
        elif current is not before:
            out.append(FixChange(row, before, current, params))
    return out


def fill_reply(data: Any, path: str | None, text: str) -> Any | None:
    """A copy of ``data`` whose empty assistant message at ``path`` holds ``text``; None when ``path``
    is not an assistant message or ``text`` is blank (the other way to mend an empty reply)."""
    if not isinstance(data, dict) or not text.strip():
        return None
    located = _message(data, path)
    if located is None or located[0][located[1]].get("role") != "assistant":
        return None
    new, (msgs, i) = _copy_at(data, path)
    msgs[i]["content"] = text
    return new


# ------------------------------------------------------------------ the fixes

_KINDS: dict[str, tuple[FixKind, ...]] = {
    "missing_system_message": (FixKind.ADD_SYSTEM_MESSAGE,),
    "empty_assistant_message": (FixKind.REMOVE_EMPTY_REPLY,),
    "invalid_weight": (FixKind.DROP_WEIGHT, FixKind.SET_WEIGHT_ZERO),
    "weight_not_on_assistant": (FixKind.DROP_WEIGHT,),
    "duplicate_example": (FixKind.DELETE_DUPLICATE,),
    "unrecognized_role": (FixKind.RENAME_ROLE,),
}

_Result = tuple[Any | None, dict[str, Any]] | None  # (new data or None to delete, params); None: n/a


def _change(kind: FixKind, f: Finding, data: Any, context: FixContext) -> _Result:
    if kind is FixKind.DELETE_DUPLICATE:
        # (the params name the copy that stays: "other_line" or "other_example")
        return (None, dict(f.params)) if f.code == "duplicate_example" else None
    if not isinstance(data, dict):
        return None
    if kind is FixKind.ADD_SYSTEM_MESSAGE:
        return _add_system(data, context)
    located = _message(data, f.path)
    if located is None:
        return None
    msgs, i = located
    if kind is FixKind.REMOVE_EMPTY_REPLY:
        return _remove_reply(data, f.path, msgs, i)
    if kind in (FixKind.DROP_WEIGHT, FixKind.SET_WEIGHT_ZERO):
        if "weight" not in msgs[i]:
            return None
        new, (new_msgs, j) = _copy_at(data, f.path)
        if kind is FixKind.DROP_WEIGHT:
            del new_msgs[j]["weight"]
        else:
            new_msgs[j]["weight"] = 0
        return new, {"message": i, "old": msgs[i]["weight"]}
    if kind is FixKind.RENAME_ROLE:
        guess = role_guess(msgs[i].get("role"))
        if guess is None:
            return None
        new, (new_msgs, j) = _copy_at(data, f.path)
        new_msgs[j]["role"] = guess
        return new, {"message": i, "old": msgs[i].get("role"), "new": guess}
    return None


def _add_system(data: dict[str, Any], context: FixContext) -> _Result:
    text = context.shared_system
    msgs = data.get("messages")
    if text is None or not isinstance(msgs, list):
        return None
    if msgs and isinstance(msgs[0], dict) and msgs[0].get("role") in ("system", "developer"):
        return None
    new = copy.deepcopy(data)
    new["messages"].insert(0, {"role": "system", "content": text})
    return new, {"text": text}


def _remove_reply(data: dict[str, Any], path: str | None, msgs: list[Any], i: int) -> _Result:
    m = msgs[i]
    if i != len(msgs) - 1 or m.get("role") != "assistant" or m.get("tool_calls") or m.get("function_call"):
        return None
    content = m.get("content")
    if isinstance(content, str):
        if content.strip():
            return None
    elif isinstance(content, list):
        if any(isinstance(p, dict) and p.get("type") != "text" for p in content):
            return None  # an image or another part: not simply empty
        if any(isinstance(p, dict) and str(p.get("text") or "").strip() for p in content):
            return None
    elif content is not None:
        return None
    new, (new_msgs, j) = _copy_at(data, path)
    del new_msgs[j]
    return new, {"message": i}


def _message_index(f: Finding) -> int:
    m = _MESSAGE.match(f.path or "")
    return -1 if m is None else int(m.group(2))


def _message(data: dict[str, Any], path: str | None) -> tuple[list[Any], int] | None:
    """The messages list and index a finding's path points into, when it is a message (an object)."""
    m = _MESSAGE.match(path or "")
    if m is None:
        return None
    holder: Any = data.get("input") if m.group(1) else data
    msgs = holder.get("messages") if isinstance(holder, dict) else None
    i = int(m.group(2))
    if not isinstance(msgs, list) or i >= len(msgs) or not isinstance(msgs[i], dict):
        return None
    return msgs, i


def _copy_at(data: dict[str, Any], path: str | None) -> tuple[dict[str, Any], tuple[list[Any], int]]:
    new = copy.deepcopy(data)
    located = _message(new, path)
    assert located is not None  # the caller found it in the original
    return new, located
