"""The ``messages`` list: the cookbook notebook's checks, minus its false alarms on tools and vision.

Kept on a hot path (100k examples x several messages per ``check``): the common message, a dict with a
known role and string content, costs a handful of dict lookups and no allocations.
"""

from __future__ import annotations

from collections.abc import Hashable

from finetune_desktop.core.validation.content import check_content
from finetune_desktop.core.validation.context import MISSING, ExampleCheck, clip, json_kind, type_name
from finetune_desktop.core.validation.keys import COMPLEX, canonical
from finetune_desktop.core.validation.tools import (
    check_function_call,
    check_tool_calls,
    check_tool_message,
)

ROLES = frozenset({"system", "developer", "user", "assistant", "tool", "function"})
MESSAGE_KEYS = frozenset({"role", "content", "name", "weight", "tool_calls", "tool_call_id", "function_call"})
# keys valid only on some roles: key -> roles that may carry it
_ROLE_ONLY = {
    "weight": ("assistant",),
    "tool_calls": ("assistant",),
    "function_call": ("assistant",),
    "tool_call_id": ("tool",),
}


def check_messages(msgs: object, p: str, ck: ExampleCheck, parts: list[Hashable] | None = None) -> int:
    """Check a messages list at path ``p`` (``messages`` or ``input.messages``).

    When ``parts`` is given, the messages' key material is appended to it (see ``keys.py``), so the list is
    walked once for both validation and duplicate detection. Returns the index of the last assistant
    message, or -1.
    """
    if type(msgs) is not list or not msgs:
        if msgs is MISSING:
            msg, variant = f'The example has no "{p}" list.', "missing"
        elif type(msgs) is list:
            msg, variant = f"{p} is an empty list.", "empty"
        else:
            msg, variant = f"{p} is {type_name(msgs)}; it must be a list of messages.", "wrong_type"
        ck.add("missing_messages_list", msg, p, variant=variant, found=json_kind(msgs))
        return -1
    last_assistant = -1
    has_user = has_system = False
    assistants = trainable = 0
    append = parts.append if parts is not None else None
    for i, m in enumerate(msgs):
        if type(m) is not dict:
            mp = f"{p}[{i}]"
            ck.add(
                "message_not_object",
                f"{mp} is {type_name(m)}; each message must be an object.",
                mp,
                found=json_kind(m),
            )
            if append is not None:
                append(COMPLEX)
                append(canonical(m))
            continue
        role = m.get("role", MISSING)
        content = m.get("content", MISSING)
        if len(m) == 2 and type(content) is str and type(role) is str:
            # hot path: exactly role + string content
            if append is not None:
                append(role)
                append(content)
            if content and not content.isspace():
                if role == "user":
                    has_user = True
                    continue
                if role == "assistant":
                    last_assistant = i
                    assistants += 1
                    trainable += 1
                    continue
                if role == "system":
                    has_system = True
                    continue
        elif append is not None:
            append(COMPLEX)
            append(canonical(m))
        if role == "assistant":
            last_assistant = i
        # slow path: anything unusual, with the counters kept on ``ck`` meanwhile
        ck.has_user, ck.has_system, ck.assistants, ck.trainable = has_user, has_system, assistants, trainable
        _check_message(m, role, content, f"{p}[{i}]", ck)
        has_user, has_system, assistants, trainable = ck.has_user, ck.has_system, ck.assistants, ck.trainable
    ck.has_user, ck.has_system, ck.assistants, ck.trainable = has_user, has_system, assistants, trainable
    return last_assistant


def _check_message(m: dict[str, object], role: object, content: object, mp: str, ck: ExampleCheck) -> None:
    if not m.keys() <= MESSAGE_KEYS:
        _unknown_keys(m, mp, ck)
    if type(role) is not str or role not in ROLES:
        if role is MISSING:
            ck.add(
                "message_missing_key",
                f'{mp} has no "role".',
                mp + ".role",
                fix='Add "role": "user", "assistant", "system" or "tool".',
                variant="role",
            )
        else:
            ck.add(
                "unrecognized_role",
                f"{mp}.role is {clip(role)}, which fine-tuning does not accept.",
                mp + ".role",
                value=clip(role),
            )
        return
    if len(m) > 2 or content is MISSING:  # keys besides role and content
        _misplaced_keys(m, role, mp, ck)
        name = m.get("name", MISSING)
        if name is not MISSING and (type(name) is not str or not name):
            ck.add(
                "invalid_name",
                f"{mp}.name is {clip(name)}; it must be a non-empty string.",
                mp + ".name",
                value=clip(name),
            )
    if role == "user":
        ck.has_user = True
        check_content(content, role, mp, ck)
    elif role == "assistant":
        _check_assistant(m, content, mp, ck)
    elif role == "system" or role == "developer":
        ck.has_system = True
        check_content(content, role, mp, ck)
    elif role == "tool":
        check_tool_message(m.get("tool_call_id", MISSING), mp, ck)
        check_content(content, role, mp, ck)
    else:  # legacy "function" result
        if "name" not in m:
            ck.add(
                "message_missing_key",
                f'{mp} is a function message without "name".',
                mp + ".name",
                fix='Add "name" with the function whose result this is.',
                variant="function_name",
            )
        check_content(content, role, mp, ck)


def _check_assistant(m: dict[str, object], content: object, mp: str, ck: ExampleCheck) -> None:
    ck.assistants += 1
    weight = m.get("weight", MISSING)
    if weight is MISSING or (weight == 1 and type(weight) is int):
        ck.trainable += 1
    elif type(weight) is not int or weight != 0:
        ck.trainable += 1  # counted as trainable so a bad weight does not also raise "nothing to train"
        ck.add(
            "invalid_weight",
            f"{mp}.weight is {clip(weight)}; it must be 0 or 1.",
            mp + ".weight",
            value=clip(weight),
        )
    # null means "no calls": chat-completion exports write "tool_calls": null, "function_call": null
    calls = m.get("tool_calls")
    fc = m.get("function_call")
    if calls is not None:
        check_tool_calls(calls, mp, ck)
    if fc is not None:
        check_function_call(fc, mp, ck)
    check_content(content, "assistant", mp, ck, has_calls=calls is not None or fc is not None)


def _unknown_keys(m: dict[str, object], mp: str, ck: ExampleCheck) -> None:
    for key in m:
        if key not in MESSAGE_KEYS:
            ck.add(
                "message_unrecognized_key",
                f"{mp} has the key {clip(key)}, which fine-tuning does not accept.",
                f"{mp}.{key}",
                variant="unknown",
                key=str(key),
            )


def _misplaced_keys(m: dict[str, object], role: str, mp: str, ck: ExampleCheck) -> None:
    for key, roles in _ROLE_ONLY.items():
        if key in m and role not in roles:
            if key == "weight":
                ck.add(
                    "weight_not_on_assistant",
                    f"{mp}.weight is set on a {role} message; only assistant messages take a weight.",
                    mp + ".weight",
                    role=role,
                )
            else:
                ck.add(
                    "message_unrecognized_key",
                    f'{mp} ({role}) has "{key}", which only {roles[0]} messages may carry.',
                    f"{mp}.{key}",
                    fix=f'Remove "{key}" from this message, or change its role to {roles[0]}.',
                    variant="role_only",
                    key=key,
                    role=role,
                    allowed=roles[0],
                )
