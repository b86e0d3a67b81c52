"""Structured validation findings: ``core`` returns codes and places, ``gui`` turns them into words."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    ERROR = "error"  # OpenAI would reject the file (or the job would fail)
    WARNING = "warning"  # accepted, but likely wastes money or hurts the model


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem at one place.

    ``line`` is 1-based in the source file, ``example`` the 0-based index in the dataset, ``path`` a JSON
    path inside the example such as ``messages[2].content``. Any of them is None when it does not apply
    (a dataset-wide finding has neither line nor example).
    """

    code: str
    severity: Severity
    message: str
    fix: str = ""
    line: int | None = None
    example: int | None = None
    path: str | None = None
    file: str | None = None

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["severity"] = self.severity.value
        return d
