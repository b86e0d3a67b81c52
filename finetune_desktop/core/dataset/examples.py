"""The in-memory training set: examples as parsed JSON plus what is needed to write them back untouched.

CONTRACT (shared by validation, tokens, the editor and the sandbox; extend, do not rename):

- ``Example.data`` is the parsed JSON value of one line (normally a dict, key order preserved). Editors
  replace or mutate it and then call ``Example.touch()``, which drops ``raw`` so the writer re-serialises it.
  An unchanged example may be *released* (``release_data()``): it then keeps only its raw bytes and
  ``data`` parses them again on every access (a fresh object each time, so a released example must be
  edited by assigning ``data``, not by mutating what ``data`` returned). The editor releases every loaded
  example: parsed JSON costs ~2.5x the file size, the compressed raw bytes ~0.25x.
- ``Example.raw`` holds the original line bytes (no newline, no CR, no BOM) while the example is
  unchanged, so an unchanged example is written back byte for byte.
- ``Example.line`` is the 1-based line in the source JSONL file (for a CSV/XLSX import: the 1-based
  spreadsheet row, header = row 1); None for an example created in the app.
- ``Example.uid`` is stable for the example's life (reorders, edits) and keys every per-example cache.
- ``Dataset.issues`` lists every problem met while reading (bad JSON, bad UTF-8, BOM, CRLF, blank
  lines, non-object lines). A line that could not become an example is kept in ``Dataset.rejected`` with
  its raw bytes so nothing the user loaded is lost.
"""

from __future__ import annotations

import itertools
import json
import threading
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

import lz4.block

_uids = itertools.count(1)


class _Released:
    __slots__ = ()

    def __repr__(self) -> str:
        return "<released>"

    def __reduce__(self) -> str:
        return "_RELEASED"  # copies and pickles stay the one marker


_RELEASED: Any = _Released()


class DatasetFormat(StrEnum):
    CHAT = "chat"  # {"messages": [...], "tools"?, "parallel_tool_calls"?, "functions"?}
    PREFERENCE = "preference"  # {"input": {...}, "preferred_output": [...], "non_preferred_output": [...]}
    UNKNOWN = "unknown"


#: Every ``LoadIssue.code`` (JSONL and table import) with a one-line description, for the GUI and docs.
LOAD_ISSUE_CODES: dict[str, str] = {
    "invalid_json": "The line is not valid JSON; it was not loaded (kept as a rejected line).",
    "invalid_utf8": "The line holds bytes that are not UTF-8; it was not loaded (kept as rejected).",
    "bom": "The line starts with a UTF-8 byte order mark; it was loaded, saving removes the mark.",
    "crlf": "Lines end with Windows line endings (CRLF); they were loaded, saving writes plain LF.",
    "blank_line": "An empty line; it holds no example and saving drops it.",
    "not_an_object": "The line is valid JSON but not an object {...}; it was not loaded (kept as rejected).",
    "unreadable_file": "The file could not be read at all.",
    "not_jsonl": "The whole file is of another kind (Excel, zip, UTF-16 text), not JSON Lines.",
    "bad_row": "A table row could not be read as expected (wrong number of cells or broken quoting).",
    "encoding": "The table was not UTF-8; it was decoded with another encoding.",
    "no_assistant": "A table row has no assistant reply in any mapped column.",
    "missing_user": "A turn has an assistant reply but no user message.",
    "missing_reply": "A turn has a user message but no assistant reply.",
    "empty_row": "A table row has no text in any mapped column; it was skipped.",
    "empty_turn": "A turn in the middle of a table row is empty; it was skipped.",
}


def compress(data: bytes) -> bytes:
    """``data`` as a ``RawBlock`` stores it (releases the GIL while it works)."""
    return lz4.block.compress(data, store_size=True)  # type: ignore[no-any-return]


class RawBlock:
    """The original bytes of a run of consecutive lines, LZ4-compressed.

    Keeping every line's bytes as they are would cost as much memory as the file itself on top of the
    parsed JSON (itself ~2-2.5x the file for chat data), breaking the 3x budget; compressed they cost
    ~0.2-0.4x. LZ4 rather than zlib: on a 142 MB chat file zlib's fastest level took 0.94 CPU-s for a
    ratio of 0.217, LZ4 0.17 s for 0.274, and it decompresses a block 3x faster (``benchmarks/README.md``,
    "LZ4"). The last block read is cached per thread, so reading lines in order decompresses each block
    once.
    """

    __slots__ = ("__weakref__", "_blob")
    _cache = threading.local()

    def __init__(self, data: bytes | None = None) -> None:
        self._blob = b"" if data is None else compress(data)

    def __len__(self) -> int:
        return len(self._blob)

    def unpacked(self) -> bytes:
        """The block's bytes, decompressed now (no cache)."""
        return lz4.block.decompress(self._blob) if self._blob else b""

    def data(self) -> bytes:
        """All the block's bytes (decompressed; uses and refreshes the per-thread cache)."""
        cache = RawBlock._cache
        if getattr(cache, "block", None) is not self:
            cache.data = self.unpacked()
            cache.block = self
        data: bytes = cache.data
        return data

    def slice(self, start: int, end: int) -> bytes:
        return self.data()[start:end]


class Example:
    """One training example (identity semantics: two examples are never ``==`` unless the same object).

    ``raw`` is a property: it returns the bytes given to the constructor, or slices them out of a
    compressed ``RawBlock`` shared with neighbouring lines. ``revision`` grows on every ``touch()``, so
    caches can key on ``(uid, revision)`` instead of holding ``raw`` bytes (which are rebuilt per access).
    """

    __slots__ = ("__weakref__", "_block", "_data", "_raw", "_span", "_tags", "line", "revision", "uid")

    def __init__(
        self,
        data: Any,
        line: int | None = None,
        raw: bytes | None = None,
        tags: set[str] | None = None,
        uid: int | None = None,
    ) -> None:
        self._data = data
        self.line = line
        self._raw = raw
        self._block: RawBlock | None = None
        self._span = 0
        self._tags = tags
        self.uid = next(_uids) if uid is None else uid
        self.revision = 0

    @classmethod
    def _from_block(cls, data: Any, line: int, block: RawBlock, start: int, end: int) -> Example:
        ex = cls(data, line)
        ex._attach(block, start, end)
        return ex

    @classmethod
    def released_from_block(cls, line: int, block: RawBlock, start: int, end: int) -> Example:
        """An unchanged example whose raw bytes are ``block[start:end]``, not parsed yet (see
        ``release_data``): what the editor makes of lines another process parsed."""
        ex = cls(_RELEASED, line)
        ex._attach(block, start, end)
        return ex

    def _attach(self, block: RawBlock, start: int, end: int) -> None:
        """``raw`` is now ``block[start:end]`` (the reader and an adopting save set this)."""
        self._raw = None
        self._block = block
        self._span = (start << 32) | (end - start)

    @property
    def data(self) -> Any:
        value = self._data
        if value is _RELEASED:
            raw = self.raw
            if raw is None:  # cannot happen: release_data() requires raw bytes
                raise RuntimeError(f"example {self.uid} lost both its data and its raw bytes")
            return json.loads(raw)
        return value

    @data.setter
    def data(self, value: Any) -> None:
        self._data = value

    @property
    def released(self) -> bool:
        """True while ``data`` is parsed from ``raw`` on each access (see ``release_data``)."""
        return self._data is _RELEASED

    def release_data(self) -> bool:
        """Drop the parsed value of an unchanged example (``data`` then re-parses ``raw`` on each access).

        Returns False, keeping the value, when there are no raw bytes to parse again (an edited or
        created example).
        """
        if self._raw is None and self._block is None:
            return False
        self._data = _RELEASED
        return True

    @property
    def raw(self) -> bytes | None:
        if self._raw is not None:
            return self._raw
        if self._block is not None:
            start = self._span >> 32
            return self._block.slice(start, start + (self._span & 0xFFFFFFFF))
        return None

    @raw.setter
    def raw(self, value: bytes | None) -> None:
        if value is None and self._data is _RELEASED:
            self._data = self.data
        self._raw = value
        self._block = None

    def _raw_from(self, block_data: bytes) -> bytes:
        start = self._span >> 32
        return block_data[start : start + (self._span & 0xFFFFFFFF)]

    @property
    def has_raw(self) -> bool:
        """True while the example is unchanged since loading (cheaper than ``raw is not None``)."""
        return self._raw is not None or self._block is not None

    @property
    def tags(self) -> set[str]:
        if self._tags is None:  # most examples never get a tag: an empty set costs 216 bytes each
            self._tags = set()
        return self._tags

    @tags.setter
    def tags(self, value: set[str]) -> None:
        self._tags = value

    @property
    def has_tags(self) -> bool:
        return bool(self._tags)

    def tag_names(self) -> tuple[str, ...]:
        """The tags, sorted, without giving an untagged example a set (what a table row shows)."""
        return tuple(sorted(self._tags)) if self._tags else ()

    def touch(self) -> None:
        """Mark as edited: the writer re-serialises ``data`` instead of copying ``raw``."""
        if self._data is _RELEASED:
            self._data = self.data  # nothing left to parse once raw is gone
        self._raw = None
        self._block = None
        self.revision += 1

    @property
    def format(self) -> DatasetFormat:
        return detect_format(self.data)

    def __repr__(self) -> str:
        shown = "<released>" if self._data is _RELEASED else repr(self._data)
        return f"Example(uid={self.uid}, line={self.line}, revision={self.revision}, data={shown:.80})"


@dataclass(frozen=True, slots=True)
class LoadIssue:
    """A problem found while reading; ``fatal`` means the line could not become an example.

    ``line`` is 1-based (a table row for CSV/XLSX imports), ``column`` 1-based in characters,
    ``byte_offset`` 0-based from the start of the file. ``fix`` tells the user what to do.
    """

    code: str  # see LOAD_ISSUE_CODES
    line: int
    message: str
    fix: str = ""
    column: int | None = None
    byte_offset: int | None = None
    fatal: bool = False
    #: which of the code's message shapes, and its values, for the GUI's own words (see ``Finding``)
    variant: str = field(default="", compare=False)
    params: Mapping[str, Any] = field(default_factory=dict, compare=False)


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

    def refresh_format(self) -> DatasetFormat:
        """Recompute ``format`` as the majority of the examples' formats (after edits or imports)."""
        self.format = majority_format(ex.data for ex in self.examples)
        return self.format

    def by_uid(self, uid: int) -> Example | None:
        for ex in self.examples:
            if ex.uid == uid:
                return ex
        return None


def kind_of(value: object, *, missing: object = None) -> str:
    """A language-neutral name of a JSON value's type for ``params`` ("null", "text", "list", ...).

    ``missing`` is the caller's sentinel for an absent key; that value is named "missing".
    """
    if missing is not None and value is missing:
        return "missing"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "empty_list" if not value else "list"
    if isinstance(value, dict):
        return "object"
    return "other"


def detect_format(data: Any) -> DatasetFormat:
    """The format one example is written in; UNKNOWN for anything that is neither (validation says why)."""
    if not isinstance(data, dict):
        return DatasetFormat.UNKNOWN
    if "messages" in data:
        return DatasetFormat.CHAT
    if "input" in data and ("preferred_output" in data or "non_preferred_output" in data):
        return DatasetFormat.PREFERENCE
    return DatasetFormat.UNKNOWN


def majority_format(values: Iterable[Any]) -> DatasetFormat:
    """The most common known format; chat wins a tie; UNKNOWN only when no example has a known format."""
    counts: Counter[DatasetFormat] = Counter()
    for data in values:
        counts[detect_format(data)] += 1
    chat, pref = counts[DatasetFormat.CHAT], counts[DatasetFormat.PREFERENCE]
    if chat == 0 and pref == 0:
        return DatasetFormat.UNKNOWN
    return DatasetFormat.CHAT if chat >= pref else DatasetFormat.PREFERENCE


def raw_lines(examples: Sequence[Example]) -> list[bytes | None]:
    """``[ex.raw for ex in examples]``, but decompressing each shared block once even when the examples
    are in any order (after a sort or shuffle, one by one would decompress a block per example)."""
    out: list[bytes | None] = [None] * len(examples)
    by_block: dict[int, tuple[RawBlock, list[int]]] = {}
    for i, ex in enumerate(examples):
        if ex._raw is not None:
            out[i] = ex._raw
        elif ex._block is not None:
            by_block.setdefault(id(ex._block), (ex._block, []))[1].append(i)
    for block, indices in by_block.values():
        data = block.unpacked()
        for i in indices:
            out[i] = examples[i]._raw_from(data)
    return out
