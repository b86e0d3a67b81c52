"""Examples' raw bytes in a compact, picklable form, for rows read in one process and kept in another.

When the editor opens a file, ``check``'s worker processes parse every line (see ``check.pipeline``); the
editor keeps each example only as its raw bytes in compressed blocks (``RawBlock``) and parses a row again
when it is shown. So a worker hands back exactly that: its compressed blocks and each example's line and
place in them (``parse_jsonl_packed``), and the editor makes released examples of it without parsing a
line itself.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from finetune_desktop.core.dataset.examples import Example, RawBlock


@dataclass
class PackedRows:
    """Consecutive examples: ``blocks``, ``ends[k]`` the number of examples in blocks ``0..k``, and per
    example its line and ``(start << 32) | length`` in its block."""

    blocks: list[RawBlock] = field(default_factory=list)
    ends: array[int] = field(default_factory=lambda: array("q"))
    lines: array[int] = field(default_factory=lambda: array("q"))
    spans: array[int] = field(default_factory=lambda: array("q"))

    def __len__(self) -> int:
        return len(self.lines)

    def add_block(self, block: RawBlock, rows: Sequence[tuple[Any, int, int, int]], base: int) -> None:
        """Append the examples of one block: ``(data, line, start, end)`` with offsets counted from where
        the block starts, ``base``, in the buffer they were read from."""
        self.blocks.append(block)
        self.lines.extend(line for _, line, _, _ in rows)
        self.spans.extend(((s - base) << 32) | (e - s) for _, _, s, e in rows)
        self.ends.append(len(self.lines))

    def extend(self, other: PackedRows) -> None:
        """Append the examples of ``other`` (which come right after these)."""
        known = len(self.lines)
        self.blocks += other.blocks
        self.ends.extend(end + known for end in other.ends)
        self.lines += other.lines
        self.spans += other.spans

    def unpack(self) -> list[Example]:
        """The examples, released (each parses its raw bytes when its data is asked for), new uids."""
        out: list[Example] = []
        make = Example.released_from_block
        lines, spans = self.lines, self.spans
        i = 0
        for block, end in zip(self.blocks, self.ends, strict=True):
            for k in range(i, end):
                span = spans[k]
                start = span >> 32
                out.append(make(lines[k], block, start, start + (span & 0xFFFFFFFF)))
            i = end
        return out
