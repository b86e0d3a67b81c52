"""Validate an uploaded training/validation file the way the fine-tuning service does, using core's rules
(``core.dataset.jsonl_parse.parse_jsonl_bytes`` and ``core.validation.validate_dataset``), so the sandbox
rejects what the app's own checks call errors, with OpenAI's error codes and wording.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from finetune_desktop.core.dataset.examples import Dataset
from finetune_desktop.core.dataset.jsonl_parse import parse_jsonl_bytes
from finetune_desktop.core.validation.findings import Severity
from finetune_desktop.core.validation.incremental import validate_dataset

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


def _core_check(data: bytes, *, training: bool) -> tuple[list[Any], str | None]:
    """(rows, first blocking problem, or None)."""
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


def check_file(data: bytes, *, param: str) -> CheckOutcome:
    """Check ``data`` (a JSONL file) for use as ``param`` (``training_file`` or ``validation_file``)."""
    code = "invalid_training_file" if param == "training_file" else "invalid_validation_file"
    label = "training" if param == "training_file" else "validation"
    rows, problem = _core_check(data, training=param == "training_file")
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
