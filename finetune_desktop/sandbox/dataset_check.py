"""Validate an uploaded training/validation file the way the fine-tuning service does, using core's rules.

Uses ``core.jsonl.parse_jsonl_bytes`` and ``core.validation.validate_dataset`` when present; while those
modules are still being written it falls back to a thin built-in check (JSON per line, a ``messages`` list
with an assistant reply, or the preference format), so the sandbox works either way.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

MIN_EXAMPLES = 10


@dataclass
class CheckOutcome:
    rows: list[Any] = field(default_factory=list)
    #: OpenAI-style job error ``{code, message, param}``, or None when the file is usable.
    error: dict[str, Any] | None = None


def _error(code: str, message: str, param: str) -> dict[str, Any]:
    return {"code": code, "message": message, "param": param}


def _where(line: int | None, example: int | None, path: str | None) -> str:
    parts = []
    if line is not None:
        parts.append(f"line {line}")
    elif example is not None:
        parts.append(f"example {example + 1}")
    if path:
        parts.append(path)
    return (", ".join(parts) + ": ") if parts else ""


def _core_check(data: bytes, *, training: bool) -> tuple[list[Any], str | None] | None:
    """(rows, first blocking problem) from core, or None if core's modules are not available yet."""
    try:
        from finetune_desktop.core.dataset import Dataset
        from finetune_desktop.core.findings import Severity
        from finetune_desktop.core.jsonl import parse_jsonl_bytes
        from finetune_desktop.core.validation import validate_dataset
    except ImportError:
        return None
    chunk = parse_jsonl_bytes(data)
    rows = [ex.data for ex in chunk.examples]
    for rejected in chunk.rejected:
        return rows, f"line {rejected.line}: {rejected.issue.message}"
    for issue in chunk.issues:
        if issue.fatal:
            return rows, f"line {issue.line}: {issue.message}"
    dataset = Dataset(examples=list(chunk.examples), issues=list(chunk.issues), rejected=list(chunk.rejected))
    for finding in validate_dataset(dataset, check_counts=training):
        if finding.severity == Severity.ERROR:
            if finding.code in {"too_few_examples", "min_examples"}:
                continue  # reported below with OpenAI's own code and wording
            return rows, _where(finding.line, finding.example, finding.path) + finding.message
    return rows, None


def _fallback_check(data: bytes) -> tuple[list[Any], str | None]:
    rows: list[Any] = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return rows, f"the file is not UTF-8 text (byte {exc.start})"
    for line_no, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            return rows, f"line {line_no}: not valid JSON ({exc.msg})"
        if not isinstance(obj, dict):
            return rows, f"line {line_no}: each line must be a JSON object"
        rows.append(obj)
        problem = _fallback_example_problem(obj)
        if problem:
            return rows, f"line {line_no}: {problem}"
    return rows, None


def _fallback_example_problem(obj: dict[str, Any]) -> str | None:
    if "input" in obj and "preferred_output" in obj:
        if not obj.get("non_preferred_output"):
            return "a preference example needs non_preferred_output"
        return None
    messages = obj.get("messages")
    if not isinstance(messages, list) or not messages:
        return "missing 'messages' list"
    for i, msg in enumerate(messages):
        if not isinstance(msg, dict) or "role" not in msg:
            return f"messages[{i}] has no role"
        if msg["role"] not in {"system", "developer", "user", "assistant", "tool", "function"}:
            return f"messages[{i}].role: unrecognized role {msg['role']!r}"
    if not any(isinstance(m, dict) and m.get("role") == "assistant" for m in messages):
        return "example has no assistant message"
    return None


def check_file(data: bytes, *, param: str) -> CheckOutcome:
    """Check ``data`` (a JSONL file) for use as ``param`` (``training_file`` or ``validation_file``)."""
    code = "invalid_training_file" if param == "training_file" else "invalid_validation_file"
    label = "training" if param == "training_file" else "validation"
    result = _core_check(data, training=param == "training_file")
    rows, problem = result if result is not None else _fallback_check(data)
    if problem:
        message = (
            f"The job failed due to an invalid {label} file. Invalid file format: {problem.rstrip('.')}. "
            "Fix the file and start a new job."
        )
        return CheckOutcome(rows, _error(code, message, param))
    if param == "training_file" and len(rows) < MIN_EXAMPLES:
        message = (
            f"Training file has {len(rows)} example(s), but must have at least {MIN_EXAMPLES} examples. "
            "Add examples and start a new job."
        )
        return CheckOutcome(rows, _error("invalid_n_examples", message, param))
    if not rows:
        return CheckOutcome(rows, _error(code, f"The {label} file has no examples.", param))
    return CheckOutcome(rows)
