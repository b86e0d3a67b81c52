"""One example, whatever its shape: detect chat or preference, run the checks, never raise."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import NamedTuple

from finetune_desktop.core.dataset.examples import DatasetFormat
from finetune_desktop.core.validation.chat import check_messages
from finetune_desktop.core.validation.codes import make_finding
from finetune_desktop.core.validation.context import MISSING, ExampleCheck, clip, json_kind, type_name
from finetune_desktop.core.validation.findings import Finding
from finetune_desktop.core.validation.keys import ExampleKeys, chat_keys, extras, whole_keys
from finetune_desktop.core.validation.preference import PREFERENCE_KEYS, check_preference
from finetune_desktop.core.validation.tools import (
    check_functions,
    check_parallel,
    check_parallel_conflict,
    check_tools,
)

CHAT_KEYS = frozenset({"messages", "tools", "parallel_tool_calls", "functions"})
MAX_IMAGES = 10


def detect_example_format(data: object) -> DatasetFormat:
    """Chat when it has ``messages``, preference when it has any DPO key, else unknown."""
    if type(data) is not dict:
        return DatasetFormat.UNKNOWN
    if "messages" in data:
        return DatasetFormat.CHAT
    if "input" in data or "preferred_output" in data or "non_preferred_output" in data:
        return DatasetFormat.PREFERENCE
    return DatasetFormat.UNKNOWN


def validate_example(
    data: object,
    *,
    index: int | None,
    line: int | None = None,
    fmt: DatasetFormat | None = None,
    training_context: int | None = None,
    tokens: int | None = None,
) -> list[Finding]:
    """Every per-example finding for one parsed JSON value (any value: this never raises).

    ``fmt`` is the file's format: it decides how an example of neither shape is reported. ``tokens`` (the
    example's total) with ``training_context`` enables the too-long warning.
    """
    findings = check_example(data, index=index, line=line, fmt=fmt).findings
    if tokens is not None and training_context is not None and tokens > training_context:
        findings.append(too_long(tokens, training_context, index=index, line=line))
    return findings


def too_long(tokens: int, context: int, *, index: int | None, line: int | None) -> Finding:
    return make_finding(
        "example_too_long",
        f"The example has {tokens:,} tokens; the model trains on at most {context:,}, so the last "
        f"{tokens - context:,} are cut off.",
        index=index,
        line=line,
        path=None,
        params={"tokens": tokens, "context": context, "over": tokens - context},
    )


class ExampleResult(NamedTuple):
    findings: list[Finding]
    fmt: DatasetFormat
    images: int
    keys: ExampleKeys | None  # None for a value that is not an object


_new_result = tuple.__new__  # see keys._new_keys


def check_example(
    data: object, *, index: int | None, line: int | None, fmt: DatasetFormat | None = None
) -> ExampleResult:
    """Findings, detected format, image count and duplicate keys of one example, in one walk.

    An internal failure becomes a ``validator_error`` finding: validation never raises.
    """
    try:
        return _check(data, index, line, fmt)
    except Exception as exc:  # noqa: BLE001 - the promise is that validation never raises
        finding = make_finding(
            "validator_error",
            f"The validator failed on this example ({type(exc).__name__}).",
            index=index,
            line=line,
            path=None,
            params={"error": type(exc).__name__},
        )
        return ExampleResult([finding], detect_example_format(data), 0, None)


def example_keys(data: object) -> ExampleKeys | None:
    """The duplicate/conflict/overlap keys of one example (see ``keys.py``)."""
    return check_example(data, index=None, line=None).keys


def _check(data: object, index: int | None, line: int | None, fmt: DatasetFormat | None) -> ExampleResult:
    ck = ExampleCheck(index, line)
    if type(data) is not dict:
        ck.add("data_type", f"The line is {type_name(data)}, not a JSON object.", None, found=json_kind(data))
        return ExampleResult(ck.findings, DatasetFormat.UNKNOWN, 0, None)
    detected = DatasetFormat.CHAT if "messages" in data else detect_example_format(data)
    if detected is DatasetFormat.PREFERENCE or (
        detected is DatasetFormat.UNKNOWN and fmt is DatasetFormat.PREFERENCE
    ):
        keys = check_preference(data, ck)
        _unknown_top_keys(data, PREFERENCE_KEYS, "preference (DPO)", ck)
    else:
        keys = _check_chat(data, ck)
    if ck.images > MAX_IMAGES:
        where = "input.messages" if detected is DatasetFormat.PREFERENCE else "messages"
        ck.add(
            "too_many_images",
            f"The example has {ck.images} images; at most {MAX_IMAGES} are allowed.",
            where,
            count=ck.images,
            limit=MAX_IMAGES,
        )
    return _new_result(ExampleResult, (ck.findings, detected, ck.images, keys))


def _check_chat(d: dict[str, object], ck: ExampleCheck) -> ExampleKeys:
    msgs = d.get("messages", MISSING)
    parallel: object = MISSING
    if len(d) == 1 and msgs is not MISSING:  # the common case: nothing but messages
        parts: list[Hashable] = ["chat"]
    else:
        tools = d.get("tools", MISSING)
        if tools is not MISSING:
            check_tools(tools, "tools", ck)
        functions = d.get("functions", MISSING)
        if functions is not MISSING:
            check_functions(functions, "functions", ck)
        parallel = d.get("parallel_tool_calls", MISSING)
        if parallel is not MISSING:
            check_parallel(parallel, "parallel_tool_calls", ck)
        parts = extras(d, "messages", "chat")
        _unknown_top_keys(d, CHAT_KEYS, "chat", ck)
    last = check_messages(msgs, "messages", ck, parts)
    if type(msgs) is not list or not msgs:
        return whole_keys(d)
    if ck.assistants == 0:
        ck.add(
            "example_missing_assistant_message",
            "messages has no assistant message, so there is nothing to learn.",
            "messages",
        )
    elif ck.trainable == 0:
        ck.add(
            "no_trainable_assistant_message",
            "The only assistant message has weight 0, so nothing is trained."
            if ck.assistants == 1
            else f"All {ck.assistants} assistant messages have weight 0, so nothing is trained.",
            "messages",
            variant="one" if ck.assistants == 1 else "all",
            count=ck.assistants,
        )
    if not ck.has_system:
        ck.add("missing_system_message", "The example has no system message.", "messages")
    if not ck.has_user:
        ck.add("missing_user_message", "The example has no user message.", "messages")
    if parallel is False:
        check_parallel_conflict(parallel, "parallel_tool_calls", ck)
    return chat_keys(parts, len(msgs), last)


def _unknown_top_keys(d: Mapping[str, object], allowed: frozenset[str], kind: str, ck: ExampleCheck) -> None:
    if d.keys() <= allowed:
        return
    for key in d:
        if key not in allowed:
            ck.add(
                "unknown_top_level_key",
                f"The example has the key {clip(key)}, which {kind} fine-tuning does not use.",
                str(key),
                key=str(key),
            )
