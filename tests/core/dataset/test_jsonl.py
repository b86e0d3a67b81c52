"""JSONL reading: every load issue code from a small fixture, positions, fixes, and nothing lost."""

from __future__ import annotations

import itertools
import json
import pickle
from pathlib import Path

import pytest

from finetune_desktop.core.cancel import Cancelled, CancelToken
from finetune_desktop.core.dataset.examples import LOAD_ISSUE_CODES, DatasetFormat
from finetune_desktop.core.dataset.jsonl_parse import chunk_boundaries, merge_chunks, parse_jsonl_bytes
from finetune_desktop.core.dataset.jsonl_reader import DatasetReadError, load_jsonl

FIX = Path(__file__).parents[1] / "fixtures" / "io"


def codes(ds_or_chunk: object) -> list[str]:
    return [i.code for i in ds_or_chunk.issues]  # type: ignore[attr-defined]


def test_good_file_has_no_issues() -> None:
    ds = load_jsonl(FIX / "good.jsonl")
    assert len(ds) == 2
    assert ds.issues == []
    assert ds.rejected == []
    assert [ex.line for ex in ds] == [1, 2]
    assert ds.format is DatasetFormat.CHAT
    assert ds.path == FIX / "good.jsonl"


def test_bom_is_reported_and_line_still_loaded() -> None:
    ds = load_jsonl(FIX / "bom.jsonl")
    assert len(ds) == 2
    (issue,) = ds.issues
    assert (issue.code, issue.line, issue.byte_offset, issue.fatal) == ("bom", 1, 0, False)
    assert "UTF-8" in issue.fix
    assert ds.examples[0].raw is not None
    assert not ds.examples[0].raw.startswith(b"\xef\xbb\xbf")
    assert ds.examples[0].data["messages"][0]["content"] == "Hi"


def test_crlf_is_reported_once_for_the_file() -> None:
    ds = load_jsonl(FIX / "crlf.jsonl")
    assert len(ds) == 3
    (issue,) = ds.issues
    assert issue.code == "crlf"
    assert issue.line == 1
    assert not issue.fatal
    assert "1 more line" in issue.message
    assert all(not ex.raw.endswith(b"\r") for ex in ds)  # type: ignore[union-attr]


def test_blank_lines_each_reported() -> None:
    ds = load_jsonl(FIX / "blank_line.jsonl")
    assert len(ds) == 2
    assert [(i.code, i.line) for i in ds.issues] == [("blank_line", 2), ("blank_line", 3)]
    assert [ex.line for ex in ds] == [1, 4]


def test_invalid_json_has_line_column_offset_and_keeps_bytes() -> None:
    ds = load_jsonl(FIX / "invalid_json.jsonl")
    assert [ex.line for ex in ds] == [1, 3]
    (issue,) = ds.issues
    bad = b'{"messages": [{"role": "user", "content": "Hi"},]}'
    assert issue.code == "invalid_json"
    assert issue.line == 2
    assert issue.fatal
    assert issue.column == bad.index(b"]") + 1
    first_len = len((FIX / "invalid_json.jsonl").read_bytes().split(b"\n")[0]) + 1
    assert issue.byte_offset == first_len + bad.index(b"]")
    assert "column" in issue.message
    assert issue.fix
    (rej,) = ds.rejected
    assert (rej.line, rej.raw, rej.issue) == (2, bad, issue)


def test_invalid_utf8_has_byte_offset_and_keeps_bytes() -> None:
    raw_file = (FIX / "invalid_utf8.jsonl").read_bytes()
    ds = load_jsonl(FIX / "invalid_utf8.jsonl")
    assert len(ds) == 2
    (issue,) = ds.issues
    assert issue.code == "invalid_utf8"
    assert issue.line == 2
    assert issue.fatal
    assert issue.byte_offset == raw_file.index(b"\xe9")
    assert "0xe9" in issue.message
    assert "UTF-8" in issue.fix
    assert ds.rejected[0].raw == raw_file.split(b"\n")[1]


def test_not_an_object_lines_are_rejected() -> None:
    ds = load_jsonl(FIX / "not_an_object.jsonl")
    assert len(ds) == 2
    assert [(i.code, i.line) for i in ds.issues] == [("not_an_object", 2), ("not_an_object", 3)]
    assert "an array" in ds.issues[0].message
    assert "a string" in ds.issues[1].message
    assert [r.raw for r in ds.rejected] == [b"[1, 2, 3]", b'"just text"']


def test_missing_final_newline_is_fine() -> None:
    ds = load_jsonl(FIX / "no_final_newline.jsonl")
    assert len(ds) == 2
    assert ds.issues == []


def test_pretty_printed_json_gets_a_specific_fix() -> None:
    ds = load_jsonl(FIX / "pretty_printed.jsonl")
    assert len(ds) == 0
    assert codes(ds) == ["invalid_json"] * 3
    assert "one" in ds.issues[0].fix
    assert "per line" in ds.issues[0].fix


def test_nan_and_infinity_are_invalid_json() -> None:
    chunk = parse_jsonl_bytes(b'{"a": NaN}\n{"a": -Infinity}\n{"a": 1}\n')
    assert codes(chunk) == ["invalid_json", "invalid_json"]
    assert len(chunk.examples) == 1


def test_deep_nesting_does_not_raise() -> None:
    chunk = parse_jsonl_bytes(b"[" * 100_000 + b"\n" + b'{"messages": []}\n')
    assert codes(chunk) == ["invalid_json"]
    assert len(chunk.examples) == 1


def test_every_jsonl_issue_code_is_documented() -> None:
    for name in ("bom", "crlf", "blank_line", "invalid_json", "invalid_utf8", "not_an_object"):
        assert name in LOAD_ISSUE_CODES


def test_preference_format_majority() -> None:
    ds = load_jsonl(FIX / "preference.jsonl")
    assert ds.format is DatasetFormat.PREFERENCE
    assert [ex.format for ex in ds].count(DatasetFormat.CHAT) == 1


def test_unreadable_file_raises_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DatasetReadError, match="does not exist"):
        load_jsonl(tmp_path / "nope.jsonl")
    with pytest.raises(DatasetReadError, match="folder"):
        load_jsonl(tmp_path)


def test_empty_file(tmp_path: Path) -> None:
    (tmp_path / "e.jsonl").write_bytes(b"")
    ds = load_jsonl(tmp_path / "e.jsonl")
    assert len(ds) == 0
    assert ds.issues == []
    assert ds.format is DatasetFormat.UNKNOWN


def _many_lines(n: int) -> bytes:
    return b"".join(
        json.dumps({"messages": [{"role": "user", "content": f"q{i} 中文"}]}, ensure_ascii=False).encode()
        + b"\n"
        for i in range(n)
    )


def test_progress_and_blocks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from finetune_desktop.core.dataset import jsonl_parse, jsonl_reader

    monkeypatch.setattr(jsonl_reader, "READ_BLOCK", 1000)
    monkeypatch.setattr(jsonl_parse, "RAW_BLOCK", 300)
    data = _many_lines(500) + b"not json\n" + _many_lines(3)
    p = tmp_path / "big.jsonl"
    p.write_bytes(data)
    seen: list[tuple[int, int]] = []
    ds = load_jsonl(p, progress=lambda d, t: seen.append((d, t)))
    assert len(ds) == 503
    assert [ex.line for ex in ds] == [*range(1, 501), 502, 503, 504]
    assert [(i.code, i.line) for i in ds.issues] == [("invalid_json", 501)]
    assert ds.issues[0].byte_offset == len(_many_lines(500))
    assert seen[0] == (0, len(data))
    assert seen[-1] == (len(data), len(data))
    assert all(a[0] <= b[0] for a, b in itertools.pairwise(seen))
    assert b"\n".join(ex.raw for ex in ds) + b"\n" == data.replace(b"not json\n", b"")  # type: ignore[misc]


def test_cancel_stops_loading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from finetune_desktop.core.dataset import jsonl_reader

    monkeypatch.setattr(jsonl_reader, "READ_BLOCK", 1000)
    p = tmp_path / "big.jsonl"
    p.write_bytes(_many_lines(300))
    token = CancelToken()

    def progress(done: int, total: int) -> None:
        if done > 2000:
            token.cancel()

    with pytest.raises(Cancelled):
        load_jsonl(p, progress=progress, cancel=token)


def test_a_line_longer_than_a_read_block(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from finetune_desktop.core.dataset import jsonl_reader

    monkeypatch.setattr(jsonl_reader, "READ_BLOCK", 64)
    line = json.dumps({"messages": [{"role": "user", "content": "x" * 1000}]}).encode()
    p = tmp_path / "long.jsonl"
    p.write_bytes(line + b"\n" + line)
    ds = load_jsonl(p)
    assert [ex.raw for ex in ds] == [line, line]
    assert ds.issues == []


def test_chunks_in_worker_processes_give_the_same_result() -> None:
    from concurrent.futures import ProcessPoolExecutor

    buf = _many_lines(200) + b"\xff\n\r\n" + _many_lines(100).replace(b"\n", b"\r\n")
    whole = parse_jsonl_bytes(buf)
    bounds = chunk_boundaries(buf, 2)
    assert len(bounds) == 2
    assert bounds[0][0] == 0
    assert bounds[-1][1] == len(buf)
    assert all(buf[s - 1 : s] == b"\n" for s, _, _ in bounds[1:])
    with ProcessPoolExecutor(2) as pool:
        parts = list(
            pool.map(
                _parse_range,
                [(buf[s:e], line, s) for s, e, line in bounds],  # bytes cross the process boundary
            )
        )
    merged = merge_chunks(parts)
    assert [(e.line, e.raw, e.data) for e in merged.examples] == [
        (e.line, e.raw, e.data) for e in whole.examples
    ]
    assert merged.issues == sorted(whole.issues, key=lambda i: i.line)
    assert sum(1 for i in merged.issues if i.code == "crlf") == 1


def _parse_range(args: tuple[bytes, int, int]) -> object:
    buf, line, offset = args
    return parse_jsonl_bytes(buf, first_line=line, base_offset=offset)


def test_parsed_chunk_pickles_with_raw_bytes() -> None:
    chunk = parse_jsonl_bytes(_many_lines(20))
    back = pickle.loads(pickle.dumps(chunk))
    assert [e.raw for e in back.examples] == [e.raw for e in chunk.examples]
    assert [e.uid for e in back.examples] == [e.uid for e in chunk.examples]


@pytest.mark.parametrize("parts", [1, 2, 3, 7, 50])
def test_chunk_boundaries_cover_the_buffer(parts: int) -> None:
    buf = _many_lines(10)
    bounds = chunk_boundaries(buf, parts)
    assert bounds[0][0] == 0
    assert bounds[-1][1] == len(buf)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(bounds))
    for s, _, line in bounds:
        assert line == buf.count(b"\n", 0, s) + 1
    assert chunk_boundaries(b"", 2) == []


def test_chunks_arrive_while_the_file_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from finetune_desktop.core.dataset import jsonl_reader

    monkeypatch.setattr(jsonl_reader, "READ_BLOCK", 2000)
    p = tmp_path / "big.jsonl"
    p.write_bytes(_many_lines(300) + b"[]")
    chunks = list(jsonl_reader.iter_jsonl_chunks(p))
    assert len(chunks) > 5
    assert chunks[0].examples[0].line == 1
    merged = merge_chunks(chunks)
    assert [e.line for e in merged.examples] == list(range(1, 301))
    assert [(i.code, i.line) for i in merged.issues] == [("not_an_object", 301)]


def test_a_workbook_opened_as_jsonl_gets_one_clear_hint(tmp_path: Path) -> None:
    import openpyxl

    p = tmp_path / "data.jsonl"
    openpyxl.Workbook().save(p)
    ds = load_jsonl(p)
    assert len(ds) == 0
    assert ds.issues[0].code == "not_jsonl"
    assert "Excel" in ds.issues[0].message
    assert "Import" in ds.issues[0].fix
    assert ds.rejected  # its lines are kept aside, not dropped


def test_utf16_file_gets_one_clear_hint(tmp_path: Path) -> None:
    p = tmp_path / "u16.jsonl"
    p.write_bytes('{"messages": []}\n'.encode("utf-16"))
    ds = load_jsonl(p)
    assert ds.issues[0].code == "not_jsonl"
    assert "UTF-8" in ds.issues[0].fix
