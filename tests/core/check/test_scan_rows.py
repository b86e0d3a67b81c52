"""scan_examples with ``rows`` (what the editor opens a file with): each range's rows come in file order
and are exactly what the app's own reader makes of the file (examples with their raw bytes and lines,
rejected lines, issues), each example with the search text the editor's index makes of it, whether the
ranges run in process or on worker processes; the columns are those of a scan without rows."""

from __future__ import annotations

import json
import pickle
from pathlib import Path
from typing import Any

import pytest

import finetune_desktop.core.check.ranges as ranges_mod
import finetune_desktop.core.check.run as check_mod
from finetune_desktop.core.catalog.models import load_catalog
from finetune_desktop.core.check.pipeline import RangeResult, RangeRows
from finetune_desktop.core.check.run import scan_examples
from finetune_desktop.core.dataset.jsonl_parse import parse_jsonl_bytes
from finetune_desktop.core.dataset.summaries import search_entry
from tests.core.check.test_scan_examples import _columns

MODEL = load_catalog().default_model
SYSTEM = "You are a careful assistant who answers questions about Greek words such as ΟΔΟΣ."


def _line(i: int) -> bytes:
    """A mix of what real files hold: the common chat example (check's fast path), names, weights, tool
    calls, content parts, preference pairs, NUL bytes and CJK text in contents, and bad lines."""
    common = {
        "messages": [
            {"role": "system", "content": SYSTEM},
            {"role": "user", "content": f"Question {i}: ΣΟΦΟΣ\x00 or 中文 {i % 7}?"},
            {"role": "assistant", "content": f"Answer {i % 13}."},
        ]
    }
    kind = i % 11
    if kind == 1:
        common["messages"][1]["name"] = "Ann"
    elif kind == 2:
        common["messages"][2]["weight"] = 0
        common["messages"].append({"role": "assistant", "content": "More."})
        common["messages"].insert(3, {"role": "user", "content": "And?"})
    elif kind == 3:
        common["messages"][1]["content"] = [{"type": "text", "text": "Look"}, {"type": "image_url"}]
    elif kind == 4:
        common = {
            "input": {"messages": [{"role": "user", "content": f"Pick {i}"}]},
            "preferred_output": [{"role": "assistant", "content": "A"}],
            "non_preferred_output": [{"role": "assistant", "content": "B"}],
        }
    elif kind == 5:
        common["messages"][2] = {
            "role": "assistant",
            "tool_calls": [{"id": "c", "type": "function", "function": {"name": "f", "arguments": "{}"}}],
        }
    raw = json.dumps(common, ensure_ascii=i % 2 == 0).encode()
    if i % 97 == 13:
        return b'{"messages": [broken'
    if i % 89 == 7:
        return b"[1, 2]"
    if i % 83 == 5:
        return b'{"messages": "\xff\xfe"}'
    if i % 79 == 3:
        return b""
    if i % 7 == 6:
        return raw + b"\r"
    return raw


def _file(path: Path, n: int) -> Path:
    path.write_bytes(b"\xef\xbb\xbf" + b"\n".join(_line(i) for i in range(n)) + b"\n")
    return path


def _scan(path: Path, workers: int) -> tuple[Any, list[RangeResult]]:
    got: list[RangeResult] = []

    def keep(result: RangeResult) -> None:
        assert result.rows is not None
        got.append(pickle.loads(pickle.dumps(result)))  # (as it crosses from a worker process)

    return scan_examples(path, model=MODEL, workers=workers, rows=keep), got


@pytest.mark.parametrize("workers", [1, 2])
def test_rows_are_what_the_reader_makes_of_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    path = _file(tmp_path / "t.jsonl", 1500)
    monkeypatch.setattr(ranges_mod, "FIRST_ROWS", 3000)  # (several small ranges)
    monkeypatch.setattr(ranges_mod, "ROWS_RANGE", 40_000)
    monkeypatch.setattr(check_mod, "PARALLEL_MIN_BYTES", 0)
    columns, got = _scan(path, workers)
    assert len(got) > 5
    rows: list[RangeRows] = [r.rows for r in got if r.rows is not None]
    examples = [ex for r in rows for ex in r.packed.unpack()]
    reader = parse_jsonl_bytes(path.read_bytes())

    assert [ex.line for ex in examples] == [ex.line for ex in reader.examples] == list(columns.result.lines)
    assert [ex.raw for ex in examples] == [ex.raw for ex in reader.examples]
    assert all(ex.released for ex in examples)
    assert [ex.data for ex in examples] == [ex.data for ex in reader.examples]
    assert len({ex.uid for ex in examples}) == len(examples)
    rejected = [r for rr in rows for r in rr.rejected]
    assert [(r.line, r.raw, r.issue) for r in rejected] == [(r.line, r.raw, r.issue) for r in reader.rejected]
    assert len(rejected) > 10
    issues = [i for rr in rows for i in rr.issues]
    assert issues == [i for i in reader.issues if i.code != "crlf"]
    assert sum(r.crlf_lines for r in got) == reader.crlf_lines > 0
    assert min(r.first_crlf_line for r in got if r.first_crlf_line) == reader.first_crlf_line

    entries = [e for rr in rows for e in rr.search.entries()]
    assert entries == [search_entry(ex.data) for ex in reader.examples]
    assert any(n for _, n in entries)  # (the system prompt is long enough to be shared)

    # the ranges came in file order, each saying where it ends; the columns are a plain scan's
    assert [r.end for r in got] == sorted(r.end for r in got)
    assert got[-1].end == path.stat().st_size
    assert got[-1].next_line == reader.lines + 1
    plain = scan_examples(path, model=MODEL, workers=workers)
    assert _columns(columns.result) == _columns(plain.result)


def test_a_file_with_no_utf8_line_comes_as_rejected_rows(tmp_path: Path) -> None:
    path = tmp_path / "latin1.jsonl"
    path.write_bytes('{"text": "café"}\n{"text": "naïve"}\n'.encode("latin-1"))
    with pytest.raises(OSError, match="UTF-8"):
        scan_examples(path, model=MODEL, workers=1)
    _columns, got = _scan(path, 1)
    rows = got[0].rows
    assert rows is not None
    assert [(r.line, r.issue.code) for r in rows.rejected] == [(1, "invalid_utf8"), (2, "invalid_utf8")]
