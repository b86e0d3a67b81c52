"""Per-example accumulator shared by the chat, tool, content and preference checks.

One small object per example instead of many arguments; it also collects the facts that dataset-wide rules
need (system/user present, trainable assistant messages, images) so messages are walked once.
"""

from __future__ import annotations

import json

from finetune_desktop.core.dataset.examples import kind_of
from finetune_desktop.core.validation.codes import make_finding
from finetune_desktop.core.validation.findings import Finding

MISSING: object = object()  # sentinel for "key absent" (distinct from JSON null)


def type_name(value: object) -> str:
    """The JSON name of a value's type, for messages a non-programmer can read."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def json_kind(value: object) -> str:
    """``kind_of`` with this package's MISSING sentinel."""
    return kind_of(value, missing=MISSING)


def clip(value: object, limit: int = 40) -> str:
    """A short preview of a user value for messages: strings quoted, other values as JSON."""
    if isinstance(value, str):
        text = value
    else:
        try:
            text = json.dumps(value, ensure_ascii=False)
        except (TypeError, ValueError, RecursionError):
            text = type_name(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f'"{text}"' if isinstance(value, str) else text


class ExampleCheck:
    __slots__ = (
        "assistants",
        "defined_tools",
        "findings",
        "has_system",
        "has_user",
        "images",
        "index",
        "line",
        "multi_call_path",
        "text_only",
        "tool_call_ids",
        "trainable",
    )

    def __init__(self, index: int | None, line: int | None) -> None:
        self.index = index
        self.line = line
        self.findings: list[Finding] = []
        self.has_system = False
        self.has_user = False
        self.assistants = 0
        self.trainable = 0
        self.images = 0
        self.tool_call_ids: set[str] | None = None
        self.defined_tools: set[str] | None = None
        self.multi_call_path: str | None = None  # first assistant message with several tool calls
        self.text_only = False  # preference (DPO) examples: no images anywhere

    def add(
        self,
        code: str,
        message: str,
        path: str | None,
        fix: str | None = None,
        *,
        variant: str = "",
        **params: object,
    ) -> None:
        """Record a finding; ``variant`` and ``params`` let the GUI word it in its language."""
        self.findings.append(
            make_finding(
                code,
                message,
                index=self.index,
                line=self.line,
                path=path,
                fix=fix,
                variant=variant,
                params=params,
            )
        )
