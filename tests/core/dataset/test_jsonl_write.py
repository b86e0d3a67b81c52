"""JSONL writing: unchanged lines byte for byte, edited ones compact with order and unknown fields kept."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from finetune_desktop.core.dataset.examples import Example
from finetune_desktop.core.dataset.jsonl_reader import load_jsonl
from finetune_desktop.core.dataset.jsonl_writer import SerializeError, save_jsonl, serialize_example

FIX = Path(__file__).parents[1] / "fixtures" / "io"


def test_unchanged_file_round_trips_byte_for_byte(tmp_path: Path) -> None:
    src = FIX / "roundtrip.jsonl"
    ds = load_jsonl(src)
    assert len(ds) == 3
    assert ds.issues == []
    out = tmp_path / "out.jsonl"
    save_jsonl(ds, out)
    assert out.read_bytes() == src.read_bytes()


def test_edited_example_is_compact_utf8_with_key_order_and_unknown_fields(tmp_path: Path) -> None:
    src = FIX / "roundtrip.jsonl"
    original_lines = src.read_bytes().split(b"\n")
    ds = load_jsonl(src)
    ex = ds.examples[1]
    ex.data["messages"].append({"role": "user", "content": "再见 👋", "x-unknown": [1, {"b": 2, "a": 1}]})
    ex.touch()
    out = tmp_path / "out.jsonl"
    save_jsonl(ds, out)
    lines = out.read_bytes().split(b"\n")
    assert lines[0] == original_lines[0]
    assert lines[2] == original_lines[2]
    assert lines[3] == b""  # ends with \n
    edited = lines[1].decode("utf-8")
    assert edited == json.dumps(ex.data, ensure_ascii=False, separators=(",", ":"))
    assert "再见 👋" in edited  # not \u-escaped
    assert "中文 escaped" in edited  # the file's \u escapes become plain UTF-8 once edited
    assert list(json.loads(edited)) == ["messages", "zz_unknown"]
    assert list(json.loads(edited)["messages"][0]) == ["content", "role"]
    assert '"b":2,"a":1' in edited


def test_bom_crlf_and_blank_lines_are_normalised_on_save(tmp_path: Path) -> None:
    for name in ("bom.jsonl", "crlf.jsonl", "blank_line.jsonl"):
        ds = load_jsonl(FIX / name)
        out = tmp_path / name
        save_jsonl(ds, out)
        data = out.read_bytes()
        assert not data.startswith(b"\xef\xbb\xbf")
        assert b"\r" not in data
        assert b"\n\n" not in data
        assert load_jsonl(out).issues == []


def test_rejected_lines_can_be_kept_verbatim(tmp_path: Path) -> None:
    ds = load_jsonl(FIX / "invalid_utf8.jsonl")
    out = tmp_path / "out.jsonl"
    save_jsonl(ds, out, include_rejected=True)
    lines = out.read_bytes().split(b"\n")
    assert lines[-2] == ds.rejected[0].raw
    save_jsonl(ds, out)
    assert b"caf\xe9" not in out.read_bytes()


def test_a_rejected_line_ending_in_cr_comes_back_whole(tmp_path: Path) -> None:
    """Hypothesis found b"\\x00\\r\\r": the line's own bytes end in CR, and written with a plain LF that
    CR became the CR of a CRLF line end when read back, so the kept line lost it."""
    src = tmp_path / "in.jsonl"
    src.write_bytes(b"\x00\r\r\nnot json\r\n")
    first = load_jsonl(src)
    assert [r.raw for r in first.rejected] == [b"\x00\r", b"not json"]
    out = tmp_path / "out.jsonl"
    save_jsonl(first, out, include_rejected=True)
    assert [r.raw for r in load_jsonl(out).rejected] == [b"\x00\r", b"not json"]
    assert out.read_bytes().endswith(b"\nnot json\n")  # other lines still end with a plain LF


def test_save_keeps_previous_file_as_bak(tmp_path: Path) -> None:
    p = tmp_path / "train.jsonl"
    shutil.copy(FIX / "roundtrip.jsonl", p)
    before = p.read_bytes()
    ds = load_jsonl(p)
    del ds.examples[0]
    save_jsonl(ds, p)
    assert (tmp_path / "train.jsonl.bak").read_bytes() == before
    assert len(load_jsonl(p)) == 2
    save_jsonl(ds, p, backup=False)
    assert (tmp_path / "train.jsonl.bak").read_bytes() == before


def test_adopt_makes_examples_describe_the_new_file(tmp_path: Path) -> None:
    ds = load_jsonl(FIX / "blank_line.jsonl")
    ds.examples[1].data["messages"][0]["content"] = "changed"
    ds.examples[1].touch()
    out = tmp_path / "new.jsonl"
    save_jsonl(ds, out, adopt=True)
    assert ds.path == out
    assert [ex.line for ex in ds] == [1, 2]
    assert all(ex.raw is not None for ex in ds)
    assert b"\n".join(ex.raw for ex in ds if ex.raw) + b"\n" == out.read_bytes()


def test_progress_reaches_total(tmp_path: Path) -> None:
    examples = [Example({"messages": [{"role": "user", "content": str(i)}]}) for i in range(5000)]
    seen: list[tuple[int, int]] = []
    save_jsonl(examples, tmp_path / "x.jsonl", progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (5000, 5000)
    assert len(load_jsonl(tmp_path / "x.jsonl")) == 5000


def test_lone_surrogate_is_written_as_escape() -> None:
    ex = Example({"messages": [{"role": "user", "content": "bad \ud800 half"}]})
    line = serialize_example(ex)
    assert b"\\ud800" in line
    assert json.loads(line) == ex.data


def test_unserialisable_edit_raises_clear_error_and_leaves_file_alone(tmp_path: Path) -> None:
    p = tmp_path / "train.jsonl"
    shutil.copy(FIX / "good.jsonl", p)
    before = p.read_bytes()
    ds = load_jsonl(p)
    ds.examples[1].data["weight"] = float("nan")
    ds.examples[1].touch()
    with pytest.raises(SerializeError, match="line 2"):
        save_jsonl(ds, p)
    assert p.read_bytes() == before
    assert sorted(x.name for x in tmp_path.iterdir()) == ["train.jsonl"]


def test_save_in_shuffled_order_writes_each_original_line(tmp_path: Path) -> None:
    import random

    src = tmp_path / "src.jsonl"
    lines = [
        json.dumps({"messages": [{"role": "user", "content": f"第{i}行 {'x' * (i % 50)}"}]})
        for i in range(3000)
    ]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    ds = load_jsonl(src)
    random.Random(4).shuffle(ds.examples)
    out = tmp_path / "out.jsonl"
    save_jsonl(ds, out, adopt=True)
    assert out.read_bytes() == b"".join(ex.raw + b"\n" for ex in ds if ex.raw)
    assert sorted(out.read_text(encoding="utf-8").splitlines()) == sorted(lines)
    assert [ex.line for ex in ds] == list(range(1, 3001))


def test_without_raw_every_example_is_serialised(tmp_path: Path) -> None:
    ds = load_jsonl(FIX / "roundtrip.jsonl", keep_raw=False)
    assert all(not ex.has_raw for ex in ds)
    out = tmp_path / "out.jsonl"
    save_jsonl(ds, out)
    assert [json.loads(x) for x in out.read_bytes().splitlines()] == [ex.data for ex in ds]
