"""check's byte ranges: they cover the file, end at newlines, shrink towards the end; line numbers."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from finetune_desktop.core.check.ranges import LineCounter, byte_ranges, range_sizes


@pytest.mark.parametrize("tail", [b"", b"no newline at the end"])
def test_ranges_cover_the_file_and_end_after_newlines(tmp_path: Path, tail: bytes) -> None:
    data = b"".join(b"x" * (i % 97) + b"\n" for i in range(5000)) + tail
    path = tmp_path / "f.jsonl"
    path.write_bytes(data)
    ranges = byte_ranges(path, len(data), 2)
    assert len(ranges) > 4
    assert ranges[0][0] == 0
    assert ranges[-1][1] == len(data)
    for (_, end), (start, _) in itertools.pairwise(ranges):
        assert end == start
        assert data[end - 1 : end] == b"\n"
    sizes = [e - s for s, e in ranges]
    assert sizes[1] > sizes[-2]  # after a small first one, big ranges first and small ones last
    with LineCounter(path) as lines:
        firsts = [1]
        for start, end in ranges[:-1]:
            firsts.append(lines.advance(start, end))
    assert firsts == [data.count(b"\n", 0, s) + 1 for s, _ in ranges]


def test_one_line_and_empty_files(tmp_path: Path) -> None:
    path = tmp_path / "f.jsonl"
    path.write_bytes(b'{"a": 1}')
    assert byte_ranges(path, 8, 2) == [(0, 8)]
    assert byte_ranges(path, 0, 2) == []


def test_range_sizes_add_up_and_shrink() -> None:
    sizes = range_sizes(142_000_000, 2)
    assert sum(sizes) == 142_000_000
    assert sizes[0] == 2 * 1024 * 1024  # the second worker starts after counting a small range's lines
    assert sizes[1:] == sorted(sizes[1:], reverse=True)
    assert min(sizes[:-1]) >= 2 * 1024 * 1024
