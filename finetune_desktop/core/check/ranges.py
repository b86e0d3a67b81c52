"""Cutting a file into byte ranges for check's workers, without reading it first.

Ends are found by seeking near each cut and reading to the next newline, so workers can start at once.
Sizes shrink as the file goes ("guided" scheduling): the big ranges go first and the last ones are small,
so both workers finish at about the same time. A range's first line number is the newline count before
it, which the parent counts range by range while the workers already run (see ``LineCounter``); the very
first range is a small one, so the second worker waits for the count of a few MB, not of the biggest range.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

#: The smallest range worth a task (about 0.1 s of work).
MIN_RANGE = 2 * 1024 * 1024
#: Each range takes this share of what is left per worker (guided scheduling).
GUIDED_SHARE = 0.5
_SEEK_READ = 64 * 1024
#: small: ``bytes.count`` holds the GIL for its whole block, and in the editor the line counting runs on
#: a thread beside the UI thread (4 MB blocks, ~3 ms each back to back, made a 90 ms frame at the start)
_COUNT_BLOCK = 256 * 1024


def range_sizes(size: int, workers: int) -> list[int]:
    """Target range sizes: a small first one, then ``remaining * GUIDED_SHARE / workers`` each, at least
    ``MIN_RANGE`` (or, for a small file, an eighth of a worker's share)."""
    smallest = max(1, min(MIN_RANGE, size // (workers * 8)))
    out: list[int] = [min(smallest, size)] if size else []
    left = size - (out[0] if out else 0)
    while left > 0:
        n = max(smallest, int(left * GUIDED_SHARE / workers))
        n = min(n, left)
        out.append(n)
        left -= n
    return out


#: With ``check``'s rows (the editor): the first range is this small, so the first rows show at once,
FIRST_ROWS = 96 * 1024
#: and no range is bigger than this, so rows keep coming in file order while both workers run.
ROWS_RANGE = 4 * 1024 * 1024


def row_range_sizes(size: int) -> list[int]:
    """Range sizes for a file whose rows are kept as they come (see ``FIRST_ROWS``)."""
    out: list[int] = [min(FIRST_ROWS, size)] if size else []
    left = size - (out[0] if out else 0)
    while left > 0:
        out.append(min(ROWS_RANGE, left))
        left -= out[-1]
    return out


def _next_line_start(f: BinaryIO, pos: int, size: int) -> int:
    """The offset just after the first newline at or after ``pos`` (``size`` when there is none)."""
    f.seek(pos)
    while pos < size:
        block = f.read(_SEEK_READ)
        if not block:
            break
        nl = block.find(b"\n")
        if nl >= 0:
            return pos + nl + 1
        pos += len(block)
    return size


def byte_ranges(path: Path, size: int, workers: int, sizes: list[int] | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` ranges that cover the file and end just after a newline (or at the end), of about
    ``sizes`` bytes each when given (else one per worker, or ``range_sizes``)."""
    if size == 0:
        return []
    if workers <= 1 and sizes is None:
        return [(0, size)]
    out: list[tuple[int, int]] = []
    start = 0
    target = 0
    with open(path, "rb", buffering=0) as f:
        for n in range_sizes(size, workers) if sizes is None else sizes:
            target += n
            if target >= size:
                break
            end = _next_line_start(f, max(target - 1, start), size)
            if end >= size:
                break
            if end > start:
                out.append((start, end))
                start = end
    out.append((start, size))
    return out


class LineCounter:
    """Counts newlines range by range (in order), reusing one buffer: the first line of each range."""

    def __init__(self, path: Path) -> None:
        self._f = open(path, "rb", buffering=0)  # noqa: SIM115 - closed by close()
        self._buf = bytearray(_COUNT_BLOCK)
        self.line = 1

    def advance(self, start: int, end: int) -> int:
        """Count the newlines of ``[start, end)``; returns the line number right after it."""
        f, buf = self._f, self._buf
        f.seek(start)
        pos = start
        while pos < end:
            want = min(len(buf), end - pos)
            got = f.readinto(memoryview(buf)[:want])
            if not got:
                break
            self.line += buf.count(b"\n", 0, got)
            pos += got
        return self.line

    def close(self) -> None:
        self._f.close()

    def __enter__(self) -> LineCounter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
