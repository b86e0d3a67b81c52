"""Structured validation findings: ``core`` returns codes and places, ``gui`` turns them into words."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

#: A finding's parameters: small JSON-like values (numbers, short text previews, type names).
Params = Mapping[str, Any]

#: Shared by every finding without parameters (never mutated): one dict, not one per finding.
NO_PARAMS: dict[str, Any] = {}


class Severity(StrEnum):
    ERROR = "error"  # OpenAI would reject the file (or the job would fail)
    WARNING = "warning"  # accepted, but likely wastes money or hurts the model


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem at one place.

    ``line`` is 1-based in the source file, ``example`` the 0-based index in the dataset, ``path`` a JSON
    path inside the example such as ``messages[2].content``. Any of them is None when it does not apply
    (a dataset-wide finding has neither line nor example).

    ``message`` and ``fix`` are English (the CLI, ``--json`` and logs); ``variant`` names which of a
    code's message shapes this is and ``params`` holds its values (a role, a key, a count, a preview of
    the bad value), so the GUI can say the same thing in its own language. Neither takes part in
    equality nor appears in ``to_json``.
    """

    code: str
    severity: Severity
    message: str
    fix: str = ""
    line: int | None = None
    example: int | None = None
    path: str | None = None
    file: str | None = None
    variant: str = field(default="", compare=False)
    params: Params = field(default_factory=dict, compare=False)

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "fix": self.fix,
            "line": self.line,
            "example": self.example,
            "path": self.path,
            "file": self.file,
        }
