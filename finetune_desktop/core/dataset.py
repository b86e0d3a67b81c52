"""The in-memory training set: examples as parsed JSON plus what is needed to write them back untouched.

CONTRACT (shared by validation, tokens, the editor and the sandbox; extend, do not rename):

- ``Example.data`` is the parsed JSON value of one line (normally a dict, key order preserved). Editors
  replace or mutate it and then call ``Example.touch()``, which drops ``raw`` so the writer re-serialises it.
- ``Example.raw`` holds the original line bytes (no newline) while the example is unchanged, so an
  unchanged example is written back byte for byte.
- ``Example.uid`` is stable for the example's life (reorders, edits) and keys every per-example cache.
- ``Dataset.issues`` lists every problem met while reading (bad JSON, bad UTF-8, BOM, CRLF, blank
  lines, non-object lines). A line that could not be parsed is kept in ``Dataset.rejected`` with its raw
  bytes so nothing the user loaded is lost.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

_uids = itertools.count(1)


class DatasetFormat(StrEnum):
    CHAT = "chat"  # {"messages": [...], "tools"?, "parallel_tool_calls"?, "functions"?}
    PREFERENCE = "preference"  # {"input": {...}, "preferred_output": [...], "non_preferred_output": [...]}
    UNKNOWN = "unknown"


@dataclass(eq=False)
class Example:
    data: Any
    line: int | None = None
    raw: bytes | None = None
    tags: set[str] = field(default_factory=set)
    uid: int = field(default_factory=lambda: next(_uids))

    def touch(self) -> None:
        """Mark as edited: the writer re-serialises ``data`` instead of copying ``raw``."""
        self.raw = None


@dataclass(frozen=True, slots=True)
class LoadIssue:
    """A problem found while reading; ``fatal`` means the line could not become an example."""

    code: str  # invalid_json, invalid_utf8, bom, crlf, blank_line, not_an_object, ...
    line: int
    message: str
    fix: str = ""
    column: int | None = None
    byte_offset: int | None = None
    fatal: bool = False


@dataclass(eq=False)
class RejectedLine:
    line: int
    raw: bytes
    issue: LoadIssue


@dataclass(eq=False)
class Dataset:
    examples: list[Example] = field(default_factory=list)
    path: Path | None = None
    issues: list[LoadIssue] = field(default_factory=list)
    rejected: list[RejectedLine] = field(default_factory=list)
    format: DatasetFormat = DatasetFormat.UNKNOWN

    def __len__(self) -> int:
        return len(self.examples)

    def __iter__(self) -> Iterator[Example]:
        return iter(self.examples)
