"""Tool and function calling: `tool_calls`, tool answers, legacy `function_call`, and the top-level
`tools` / `functions` / `parallel_tool_calls` definitions.
"""

from __future__ import annotations

import json

from finetune_desktop.core.validation.context import MISSING, ExampleCheck, clip, json_kind, type_name


def check_tool_calls(calls: object, p: str, ck: ExampleCheck) -> None:
    """Check an assistant message's ``tool_calls`` (``p`` is the message path) and record call ids."""
    tp = p + ".tool_calls"
    if type(calls) is not list or not calls:
        found = "an empty list" if calls == [] else type_name(calls)
        ck.add(
            "invalid_tool_call",
            f"{tp} is {found}; it must be a non-empty list of tool calls.",
            tp,
            fix='Remove "tool_calls", or list the calls the assistant makes.',
            variant="calls_not_list",
            found=json_kind(calls),
        )
        return
    if len(calls) > 1 and ck.multi_call_path is None:
        ck.multi_call_path = tp
    for j, call in enumerate(calls):
        cp = f"{tp}[{j}]"
        if type(call) is not dict:
            ck.add(
                "invalid_tool_call",
                f"{cp} is {type_name(call)}; a tool call must be an object.",
                cp,
                variant="not_object",
                found=json_kind(call),
            )
            continue
        cid = call.get("id", MISSING)
        if type(cid) is not str or not cid:
            found = "missing" if cid is MISSING else clip(cid)
            ck.add(
                "invalid_tool_call",
                f'{cp}.id is {found}; every tool call needs an id such as "call_1".',
                cp + ".id",
                variant="no_id",
                found=json_kind(cid),
            )
        else:
            ids = ck.tool_call_ids
            if ids is None:
                ids = ck.tool_call_ids = set()
            if cid in ids:
                ck.add(
                    "duplicate_tool_call_id",
                    f"{cp}.id {clip(cid)} is used by an earlier tool call too.",
                    cp + ".id",
                    value=clip(cid),
                )
            ids.add(cid)
        kind = call.get("type", MISSING)
        if kind != "function":
            found = "missing" if kind is MISSING else clip(kind)
            ck.add(
                "invalid_tool_call",
                f'{cp}.type is {found}; it must be "function".',
                cp + ".type",
                variant="no_type" if kind is MISSING else "bad_type",
                value="" if kind is MISSING else clip(kind),
            )
        fn = call.get("function", MISSING)
        fp = cp + ".function"
        if type(fn) is not dict:
            found = "missing" if fn is MISSING else type_name(fn)
            ck.add(
                "invalid_tool_call",
                f'{fp} is {found}; it must be {{"name": ..., "arguments": "..."}}.',
                fp,
                variant="no_function",
                found=json_kind(fn),
            )
            continue
        name = fn.get("name", MISSING)
        if type(name) is not str or not name:
            found = "missing" if name is MISSING else clip(name)
            ck.add(
                "invalid_tool_call",
                f"{fp}.name is {found}; it must be the function's name.",
                fp + ".name",
                variant="no_name",
                found=json_kind(name),
            )
        elif ck.defined_tools is not None and name not in ck.defined_tools:
            ck.add(
                "undefined_tool",
                f"{fp}.name {clip(name)} is not among the example's tools.",
                fp + ".name",
                value=clip(name),
            )
        check_arguments(fn.get("arguments", MISSING), fp + ".arguments", ck)


def check_arguments(args: object, ap: str, ck: ExampleCheck) -> None:
    if type(args) is not str:
        found = "missing" if args is MISSING else type_name(args)
        ck.add(
            "tool_call_arguments_not_string",
            f'{ap} is {found}; it must be a string holding JSON, e.g. "{{}}" for no arguments.',
            ap,
            found=json_kind(args),
        )
        return
    try:
        json.loads(args)
    except ValueError as exc:
        column = exc.colno if isinstance(exc, json.JSONDecodeError) else None
        ck.add(
            "tool_call_arguments_invalid_json",
            f"{ap} is not valid JSON ({exc}).",
            ap,
            variant="syntax" if column is not None else "value",
            column=column,
        )
    except RecursionError:
        ck.add("tool_call_arguments_invalid_json", f"{ap} is nested too deeply to read.", ap, variant="deep")


def check_function_call(fc: object, p: str, ck: ExampleCheck) -> None:
    """Legacy ``function_call`` on an assistant message."""
    fp = p + ".function_call"
    if type(fc) is not dict:
        ck.add(
            "invalid_function_call",
            f"{fp} is {type_name(fc)}; it must be an object.",
            fp,
            variant="not_object",
            found=json_kind(fc),
        )
        return
    name = fc.get("name", MISSING)
    if type(name) is not str or not name:
        found = "missing" if name is MISSING else clip(name)
        ck.add(
            "invalid_function_call",
            f"{fp}.name is {found}; it must be the function's name.",
            fp + ".name",
            variant="no_name",
            found=json_kind(name),
        )
    check_arguments(fc.get("arguments", MISSING), fp + ".arguments", ck)


def check_tool_message(call_id: object, p: str, ck: ExampleCheck) -> None:
    """A ``tool`` message must answer a tool call made earlier in the example."""
    ip = p + ".tool_call_id"
    if call_id is MISSING:
        ck.add(
            "message_missing_key",
            f'{p} is a tool message without "tool_call_id".',
            ip,
            fix='Add "tool_call_id" with the id of the tool call this message answers.',
            variant="tool_call_id",
        )
        return
    if type(call_id) is not str or not call_id:
        ck.add(
            "unmatched_tool_message",
            f"{ip} is {clip(call_id)}; it must be the id of an earlier tool call.",
            ip,
            variant="bad_id",
            value=clip(call_id),
        )
        return
    if ck.tool_call_ids is None or call_id not in ck.tool_call_ids:
        ck.add(
            "unmatched_tool_message",
            f"{ip} {clip(call_id)} answers no tool call made by an earlier assistant message.",
            ip,
            variant="no_match",
            value=clip(call_id),
        )


def _check_parameters(params: object, pp: str, code: str, ck: ExampleCheck) -> None:
    if params is not MISSING and type(params) is not dict:
        ck.add(
            code,
            f"{pp} is {type_name(params)}; it must be a JSON Schema object.",
            pp,
            variant="bad_parameters",
            found=json_kind(params),
        )


def check_tools(tools: object, p: str, ck: ExampleCheck) -> None:
    """Top-level ``tools``; the names it defines are remembered for ``undefined_tool``."""
    if type(tools) is not list:
        ck.add(
            "invalid_tools",
            f"{p} is {type_name(tools)}; it must be a list of tool definitions.",
            p,
            variant="not_list",
            found=json_kind(tools),
        )
        return
    names: set[str] = set()
    for j, tool in enumerate(tools):
        tp = f"{p}[{j}]"
        if type(tool) is not dict:
            ck.add(
                "invalid_tools",
                f"{tp} is {type_name(tool)}; a tool must be an object.",
                tp,
                variant="not_object",
                found=json_kind(tool),
            )
            return
        if tool.get("type", MISSING) != "function":
            ck.add(
                "invalid_tools",
                f'{tp}.type is {clip(tool.get("type"))}; it must be "function".',
                tp + ".type",
                variant="bad_type",
                value=clip(tool.get("type")),
            )
        fn = tool.get("function", MISSING)
        if type(fn) is not dict:
            found = "missing" if fn is MISSING else type_name(fn)
            ck.add(
                "invalid_tools",
                f"{tp}.function is {found}; it must be an object with a name.",
                tp + ".function",
                variant="no_function",
                found=json_kind(fn),
            )
            return
        name = fn.get("name", MISSING)
        if type(name) is not str or not name:
            found = "missing" if name is MISSING else clip(name)
            ck.add(
                "invalid_tools",
                f"{tp}.function.name is {found}; give the function a name.",
                tp + ".function.name",
                variant="no_name",
                found=json_kind(name),
            )
            return
        names.add(name)
        _check_parameters(fn.get("parameters", MISSING), tp + ".function.parameters", "invalid_tools", ck)
    ck.defined_tools = names


def check_functions(functions: object, p: str, ck: ExampleCheck) -> None:
    """Legacy top-level ``functions``."""
    if type(functions) is not list:
        ck.add(
            "invalid_functions",
            f"{p} is {type_name(functions)}; it must be a list of functions.",
            p,
            variant="not_list",
            found=json_kind(functions),
        )
        return
    for j, fn in enumerate(functions):
        fp = f"{p}[{j}]"
        if type(fn) is not dict:
            ck.add(
                "invalid_functions",
                f"{fp} is {type_name(fn)}; a function must be an object.",
                fp,
                variant="not_object",
                found=json_kind(fn),
            )
            continue
        name = fn.get("name", MISSING)
        if type(name) is not str or not name:
            found = "missing" if name is MISSING else clip(name)
            ck.add(
                "invalid_functions",
                f"{fp}.name is {found}; give the function a name.",
                fp + ".name",
                variant="no_name",
                found=json_kind(name),
            )
        _check_parameters(fn.get("parameters", MISSING), fp + ".parameters", "invalid_functions", ck)


def check_parallel(value: object, p: str, ck: ExampleCheck) -> None:
    if type(value) is not bool:
        ck.add(
            "invalid_parallel_tool_calls",
            f"{p} is {clip(value)}; it must be true or false.",
            p,
            value=clip(value),
        )


def check_parallel_conflict(parallel: object, p: str, ck: ExampleCheck) -> None:
    """Called after the messages: ``parallel_tool_calls: false`` contradicts a multi-call message."""
    if parallel is False and ck.multi_call_path is not None:
        ck.add(
            "parallel_tool_calls_conflict",
            f"{p} is false but {ck.multi_call_path} makes several calls at once.",
            p,
            calls_at=ck.multi_call_path,
        )
