"""Preference (DPO) examples: ``input`` is a chat prompt, each output exactly one text assistant message."""

from __future__ import annotations

from collections.abc import Hashable

from finetune_desktop.core.validation.chat import check_messages
from finetune_desktop.core.validation.content import check_content
from finetune_desktop.core.validation.context import MISSING, ExampleCheck, clip, json_kind, type_name
from finetune_desktop.core.validation.keys import ExampleKeys, extras, preference_keys
from finetune_desktop.core.validation.tools import check_functions, check_parallel, check_tools

PREFERENCE_KEYS = frozenset({"input", "preferred_output", "non_preferred_output"})
INPUT_KEYS = frozenset({"messages", "tools", "parallel_tool_calls", "functions"})
_OUTPUT_MESSAGE_KEYS = frozenset({"role", "content", "name"})
_FIX_OUTPUT = 'Write it as [{"role": "assistant", "content": "..."}]: one assistant message with text only.'


def check_preference(d: dict[str, object], ck: ExampleCheck) -> ExampleKeys:
    """Check a DPO example; returns its duplicate/conflict keys."""
    input_parts: list[Hashable] | None = None
    ck.text_only = True
    inp = d.get("input", MISSING)
    if type(inp) is not dict:
        found = "missing" if inp is MISSING else type_name(inp)
        ck.add(
            "missing_messages_list",
            f'"input" is {found}; it must be an object with a "messages" list.',
            "input",
            fix='Add "input": {"messages": [{"role": "user", "content": "..."}]}.',
            variant="input",
            found=json_kind(inp),
        )
    else:
        tools = inp.get("tools", MISSING)
        if tools is not MISSING:
            check_tools(tools, "input.tools", ck)
        functions = inp.get("functions", MISSING)
        if functions is not MISSING:
            check_functions(functions, "input.functions", ck)
        parallel = inp.get("parallel_tool_calls", MISSING)
        if parallel is not MISSING:
            check_parallel(parallel, "input.parallel_tool_calls", ck)
        msgs = inp.get("messages", MISSING)
        input_parts = extras(inp, "messages", "input")
        check_messages(msgs, "input.messages", ck, input_parts)
        if type(msgs) is list and msgs:
            if not ck.has_system:
                ck.add(
                    "missing_system_message",
                    "input.messages has no system message.",
                    "input.messages",
                    variant="input",
                )
            if not ck.has_user:
                ck.add(
                    "missing_user_message",
                    "input.messages has no user message.",
                    "input.messages",
                    variant="input",
                )
        if not inp.keys() <= INPUT_KEYS:
            for key in inp:
                if key not in INPUT_KEYS:
                    ck.add(
                        "unknown_top_level_key",
                        f"input has the key {clip(key)}, which DPO does not use.",
                        f"input.{key}",
                        variant="input",
                        key=str(key),
                    )
    preferred = _check_output(d.get("preferred_output", MISSING), "preferred_output", ck)
    rejected = _check_output(d.get("non_preferred_output", MISSING), "non_preferred_output", ck)
    if preferred is not None and preferred == rejected:
        ck.add(
            "identical_preference_outputs",
            "preferred_output and non_preferred_output are identical, so the example teaches nothing.",
            "non_preferred_output[0].content",
        )
    return preference_keys(d, input_parts)


def _check_output(out: object, p: str, ck: ExampleCheck) -> object:
    """Check one output list; return its content when it is well formed (for the identical check)."""
    if type(out) is not list or len(out) != 1:
        if out is MISSING:
            msg, variant = f'The example has no "{p}".', "missing"
        elif type(out) is list:
            msg, variant = (
                f"{p} has {len(out)} messages; it must hold exactly one assistant message.",
                "count",
            )
        else:
            msg, variant = (
                f"{p} is {type_name(out)}; it must be a list holding one assistant message.",
                "not_list",
            )
        count = len(out) if type(out) is list else 0
        ck.add(
            "invalid_preference_output",
            msg,
            p,
            fix=_FIX_OUTPUT,
            variant=variant,
            count=count,
            found=json_kind(out),
        )
        return None
    m = out[0]
    mp = p + "[0]"
    if type(m) is not dict:
        ck.add(
            "invalid_preference_output",
            f"{mp} is {type_name(m)}; it must be a message object.",
            mp,
            fix=_FIX_OUTPUT,
            variant="not_object",
            found=json_kind(m),
        )
        return None
    role = m.get("role", MISSING)
    if role != "assistant":
        found = "missing" if role is MISSING else clip(role)
        ck.add(
            "invalid_preference_output",
            f'{mp}.role is {found}; it must be "assistant".',
            mp + ".role",
            fix=_FIX_OUTPUT,
            variant="no_role" if role is MISSING else "role",
            value="" if role is MISSING else clip(role),
        )
        return None
    ok = True
    for key in m:
        if key not in _OUTPUT_MESSAGE_KEYS:
            ck.add(
                "invalid_preference_output",
                f"{mp} has {clip(key)}; DPO outputs are text only (no tool calls, weights or images).",
                f"{mp}.{key}",
                fix=_FIX_OUTPUT,
                variant="key",
                key=str(key),
            )
            ok = False
    content = m.get("content", MISSING)
    if type(content) is list:
        for j, part in enumerate(content):
            if type(part) is dict and part.get("type") != "text":
                ck.add(
                    "invalid_preference_output",
                    f"{mp}.content[{j}] is not text; DPO outputs are text only.",
                    f"{mp}.content[{j}]",
                    fix=_FIX_OUTPUT,
                    variant="not_text_part",
                )
                return None
    before = len(ck.findings)
    check_content(content, "assistant", mp, ck)
    return content if ok and len(ck.findings) == before else None
