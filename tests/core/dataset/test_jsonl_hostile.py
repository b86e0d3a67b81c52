"""The JSONL reader against hostile lines (issue 13): lone surrogates, pipes, very long lines."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from finetune_desktop.core.dataset.jsonl_parse import parse_jsonl_bytes, parse_jsonl_values
from finetune_desktop.core.dataset.jsonl_reader import DatasetReadError, load_jsonl

GOOD = b'{"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "yo"}]}'
LONE = b'{"messages": [{"role": "user", "content": "x\\ud800"}, {"role": "assistant", "content": "yo"}]}'


@pytest.mark.parametrize("n_good", [0, 3, 600])  # alone, in a small batch, inside a fast slice
def test_a_lone_surrogate_line_is_rejected_with_its_bytes_kept(n_good: int) -> None:
    buf = b"\n".join([GOOD] * n_good + [LONE] + [GOOD] * 2) + b"\n"
    for chunk in (parse_jsonl_bytes(buf), parse_jsonl_values(buf)[0]):
        (rejected,) = chunk.rejected
        assert rejected.line == n_good + 1
        assert rejected.raw == LONE
        assert rejected.issue.code == "invalid_json"
        assert rejected.issue.column == LONE.index(b"\\ud800") + 1
        assert "messages[0].content" in rejected.issue.message
    assert len(parse_jsonl_bytes(buf).examples) == n_good + 2
    assert len(parse_jsonl_values(buf)[1]) == n_good + 2


def test_escaped_backslash_and_pairs_are_not_surrogates() -> None:
    buf = (
        b'{"a": "\\\\ud800 is how you write it", "b": "\\ud83d\\ude00", "c": ["\\uD83D\\uDE00"]}\n'
        + GOOD
        + b"\n"
    )
    chunk = parse_jsonl_bytes(buf)
    assert not chunk.rejected
    assert chunk.examples[0].data["b"] == "\U0001f600"


def test_the_editor_load_keeps_a_surrogate_line_as_rejected(tmp_path: Path) -> None:
    path = tmp_path / "t.jsonl"
    path.write_bytes(GOOD + b"\n" + LONE + b"\n")
    ds = load_jsonl(path)
    assert [r.line for r in ds.rejected] == [2]
    assert len(ds.examples) == 1


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_loading_a_named_pipe_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    with pytest.raises(DatasetReadError, match="named pipe"):
        load_jsonl(fifo)
