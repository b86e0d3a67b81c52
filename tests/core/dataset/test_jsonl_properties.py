"""Property tests: no input makes loading raise, good lines always load, chunking changes nothing."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import finetune_desktop.core.dataset.jsonl_parse as jsonl_module
from finetune_desktop.core.dataset.jsonl_parse import (
    chunk_boundaries,
    merge_chunks,
    parse_jsonl_bytes,
    parse_jsonl_values,
)
from finetune_desktop.core.dataset.jsonl_reader import load_jsonl
from finetune_desktop.core.dataset.jsonl_writer import save_jsonl

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)
objects = st.dictionaries(st.text(max_size=8), json_values, max_size=5)
line_noise = st.binary(max_size=60) | st.sampled_from(
    [b"", b"\r", b" ", b"\xef\xbb\xbf{}", b"[", b"{", b"}", b"\xff\xfe", b'"\\ud800"', b"NaN", b"1e999"]
)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_raise(buf: bytes) -> None:
    chunk = parse_jsonl_bytes(buf)
    n_lines = len(buf.split(b"\n")) - (1 if buf.endswith(b"\n") or not buf else 0)
    assert chunk.lines == n_lines
    accounted = {e.line for e in chunk.examples} | {r.line for r in chunk.rejected}
    assert len(accounted) == len(chunk.examples) + len(chunk.rejected)
    assert all(isinstance(e.data, dict) for e in chunk.examples)
    assert all(i.fix for i in chunk.issues)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.one_of(objects.map(lambda o: ("obj", o)), line_noise.map(lambda b: ("raw", b))), max_size=12)
)
def test_json_lines_always_load_and_round_trip(items: list[tuple[str, object]]) -> None:
    lines: list[bytes] = []
    expected: dict[int, object] = {}
    for kind, value in items:
        if kind == "obj":
            expected[len(lines) + 1] = value
            lines.append(
                json.dumps(value, ensure_ascii=bool(len(lines) % 2)).encode("utf-8", "surrogatepass")
            )
        else:
            assert isinstance(value, bytes)
            lines.append(value.replace(b"\n", b""))
    buf = b"\n".join(lines)
    chunk = parse_jsonl_bytes(buf)
    got = {e.line: e.data for e in chunk.examples}
    for line, value in expected.items():
        raw = lines[line - 1]
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:  # a lone surrogate written by json.dumps with ensure_ascii=False
            continue
        assert got[line] == value
    for e in chunk.examples:
        assert e.raw is not None
        assert json.loads(e.raw.decode("utf-8")) == e.data


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300), st.integers(min_value=1, max_value=6))
def test_chunked_parse_equals_whole_parse(buf: bytes, parts: int) -> None:
    whole = parse_jsonl_bytes(buf)
    merged = merge_chunks(
        parse_jsonl_bytes(buf[s:e], first_line=line, base_offset=s)
        for s, e, line in chunk_boundaries(buf, parts)
    )
    assert [(e.line, e.raw, e.data) for e in merged.examples] == [
        (e.line, e.raw, e.data) for e in whole.examples
    ]
    assert [(r.line, r.raw) for r in merged.rejected] == [(r.line, r.raw) for r in whole.rejected]
    assert merged.issues == whole.issues


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=300))
@example(b"\x00\r\r")  # a rejected line ending in CR (see test_jsonl_write)
def test_load_save_load_keeps_every_good_example(tmp_path: Path, buf: bytes) -> None:
    p = tmp_path / "in.jsonl"
    p.write_bytes(buf)
    first = load_jsonl(p)
    out = tmp_path / "out.jsonl"
    save_jsonl(first, out, include_rejected=True)
    again = load_jsonl(out)
    assert [e.data for e in again.examples] == [e.data for e in first.examples]
    assert [r.raw for r in again.rejected] == [r.raw for r in first.rejected]


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(line_noise | objects.map(lambda o: json.dumps(o).encode()), max_size=10), st.integers(1, 40))
def test_small_decode_slices_change_nothing(lines: list[bytes], slice_size: int) -> None:
    buf = b"\n".join(x.replace(b"\n", b"") for x in lines)
    whole = parse_jsonl_bytes(buf)
    saved = jsonl_module.DECODE_SLICE
    jsonl_module.DECODE_SLICE = slice_size
    try:
        sliced = parse_jsonl_bytes(buf)
    finally:
        jsonl_module.DECODE_SLICE = saved
    assert [(e.line, e.raw, e.data) for e in sliced.examples] == [
        (e.line, e.raw, e.data) for e in whole.examples
    ]
    assert sliced.issues == whole.issues
    assert [(r.line, r.raw) for r in sliced.rejected] == [(r.line, r.raw) for r in whole.rejected]


def test_lines_that_only_parse_together_are_not_merged() -> None:
    buf = b'{"a": [1\n2]}\n{"x": 1}, {"y": 2}\n{"ok": 1}\n{"b": "\n"}\n'
    chunk = parse_jsonl_bytes(buf)
    assert [(e.line, e.data) for e in chunk.examples] == [(4, {"ok": 1})]
    assert [(i.code, i.line) for i in chunk.issues] == [("invalid_json", n) for n in (1, 2, 3, 5, 6)]


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(line_noise | objects.map(lambda o: json.dumps(o).encode()), max_size=12), st.integers(1, 5))
def test_batched_parse_equals_line_by_line(lines: list[bytes], batch: int) -> None:
    buf = b"\n".join(x.replace(b"\n", b"") for x in lines)
    saved = jsonl_module.BATCH_LINES
    try:
        jsonl_module.BATCH_LINES = 1
        single = parse_jsonl_bytes(buf)
        jsonl_module.BATCH_LINES = batch
        batched = parse_jsonl_bytes(buf)
    finally:
        jsonl_module.BATCH_LINES = saved
    assert [(e.line, e.raw, e.data) for e in batched.examples] == [
        (e.line, e.raw, e.data) for e in single.examples
    ]
    assert batched.issues == single.issues
    assert [(r.line, r.raw) for r in batched.rejected] == [(r.line, r.raw) for r in single.rejected]


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        line_noise
        | objects.map(lambda o: json.dumps(o).encode())
        | objects.map(lambda o: json.dumps(o).encode() + b"\r"),  # CRLF: the fast slice must step aside
        max_size=12,
    ),
    st.integers(1, 60),
    st.booleans(),
)
def test_values_for_check_equal_the_examples(
    lines: list[bytes], slice_size: int, final_newline: bool
) -> None:
    """check's reader (values, clean slices in one go) reports exactly what the editor's reader does."""
    buf = b"\n".join(x.replace(b"\n", b"") for x in lines) + (b"\n" if final_newline else b"")
    whole = parse_jsonl_bytes(buf, first_line=7, base_offset=100)
    saved = jsonl_module.DECODE_SLICE
    jsonl_module.DECODE_SLICE = slice_size
    try:
        chunk, values = parse_jsonl_values(buf, first_line=7, base_offset=100)
    finally:
        jsonl_module.DECODE_SLICE = saved
    assert values == [(e.data, e.line) for e in whole.examples]
    assert chunk.issues == whole.issues
    assert [(r.line, r.raw) for r in chunk.rejected] == [(r.line, r.raw) for r in whole.rejected]
    assert (chunk.lines, chunk.crlf_lines, chunk.first_crlf_line) == (
        whole.lines,
        whole.crlf_lines,
        whole.first_crlf_line,
    )
