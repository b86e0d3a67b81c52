"""The Example / Dataset contract: raw bytes until touched, lazy tags, format detection."""

from __future__ import annotations

import copy
import json
import pickle

import pytest

from finetune_desktop.core.dataset.examples import (
    Dataset,
    DatasetFormat,
    Example,
    detect_format,
    majority_format,
)
from finetune_desktop.core.dataset.jsonl_parse import DECODE_SLICE, FAST_BATCH, RAW_BLOCK, parse_jsonl_bytes

CHAT = {"messages": [{"role": "user", "content": "hi"}]}
PREF = {
    "input": {"messages": [{"role": "user", "content": "hi"}]},
    "preferred_output": [{"role": "assistant", "content": "a"}],
    "non_preferred_output": [{"role": "assistant", "content": "b"}],
}


def test_constructor_keeps_the_contract_names() -> None:
    ex = Example(data=CHAT, line=3, raw=b"{}", tags={"x"})
    assert (ex.data, ex.line, ex.raw, ex.tags) == (CHAT, 3, b"{}", {"x"})
    assert ex.has_raw
    assert Example(CHAT).uid != ex.uid
    assert Example(CHAT) != Example(CHAT)  # identity semantics


def test_touch_drops_raw_and_bumps_revision() -> None:
    (ex,) = parse_jsonl_bytes(b'{"messages": [] }\n').examples
    assert ex.raw == b'{"messages": [] }'
    ex.touch()
    assert ex.raw is None
    assert not ex.has_raw
    assert ex.revision == 1
    ex.raw = b"{}"
    assert ex.raw == b"{}"


def test_tags_are_created_on_demand() -> None:
    ex = Example(CHAT)
    assert ex.tags == set()
    ex.tags.add("greeting")
    assert ex.tags == {"greeting"}
    ex.tags = {"a"}
    assert ex.tags == {"a"}


def test_examples_copy_and_pickle() -> None:
    (ex,) = parse_jsonl_bytes(b'{"messages": []}').examples
    ex.tags.add("t")
    for clone in (pickle.loads(pickle.dumps(ex)), copy.deepcopy(ex)):
        assert (clone.raw, clone.data, clone.tags, clone.uid, clone.line) == (
            ex.raw,
            ex.data,
            {"t"},
            ex.uid,
            1,
        )


def test_detect_format() -> None:
    assert detect_format(CHAT) is DatasetFormat.CHAT
    assert detect_format({"messages": [], "tools": [], "parallel_tool_calls": False}) is DatasetFormat.CHAT
    assert detect_format(PREF) is DatasetFormat.PREFERENCE
    assert detect_format({"input": {}}) is DatasetFormat.UNKNOWN
    assert detect_format({"prompt": "x", "completion": "y"}) is DatasetFormat.UNKNOWN
    assert detect_format([1]) is DatasetFormat.UNKNOWN
    assert Example(PREF).format is DatasetFormat.PREFERENCE


def test_majority_format() -> None:
    assert majority_format([CHAT, PREF, PREF, {}]) is DatasetFormat.PREFERENCE
    assert majority_format([CHAT, PREF]) is DatasetFormat.CHAT  # tie: chat
    assert majority_format([{}, 3]) is DatasetFormat.UNKNOWN
    ds = Dataset([Example(PREF), Example(CHAT), Example(PREF)])
    assert ds.refresh_format() is DatasetFormat.PREFERENCE
    assert ds.by_uid(ds.examples[1].uid) is ds.examples[1]
    assert ds.by_uid(-1) is None


def test_many_lines_share_compressed_blocks() -> None:
    buf = b"".join(b'{"messages": [{"role": "user", "content": "%d"}]}\n' % i for i in range(3000))
    chunk = parse_jsonl_bytes(buf)
    assert b"\n".join(e.raw for e in chunk.examples if e.raw) + b"\n" == buf
    # strings every example repeats are shared, not stored once per example
    roles = {id(e.data["messages"][0]["role"]) for e in chunk.examples}
    assert len(roles) == 1
    keys = {id(k) for e in chunk.examples for k in e.data["messages"][0]}
    assert len(keys) <= 2 * (3000 // FAST_BATCH + 4)  # one copy per parse batch, not per line


def test_sharing_strings_keeps_order_and_values() -> None:
    line = (
        b'{"z": 1, "input": {"messages": [{"content": "c", "role": "user"}], "b": 2}, '
        b'"preferred_output": [{"role": "assistant", "content": "p"}], "non_preferred_output": [], "a": [3]}'
    )
    (ex,) = parse_jsonl_bytes(line).examples

    assert json.dumps(ex.data) == json.dumps(json.loads(line))  # same keys, same order, same values


def test_raw_lines_in_any_order() -> None:
    import random

    from finetune_desktop.core.dataset.examples import raw_lines

    buf = b"".join(b'{"n": %d, "pad": "%s"}\n' % (i, b"y" * (i % 300)) for i in range(2000))
    exs = parse_jsonl_bytes(buf).examples
    exs.append(Example({"n": -1}, raw=b"own"))
    exs.append(Example({"n": -2}))
    random.Random(1).shuffle(exs)
    assert raw_lines(exs) == [ex.raw for ex in exs]


def test_released_examples_parse_raw_on_each_access() -> None:
    buf = b'{"messages": [{"role": "user", "content": "a"}]}\n{"messages": []}\n'
    examples = parse_jsonl_bytes(buf).examples
    first, second = examples
    assert first.release_data()
    assert second.release_data()
    assert first.released
    assert first.data == {"messages": [{"role": "user", "content": "a"}]}
    assert first.data is not first.data  # parsed again, nothing kept
    for clone in (pickle.loads(pickle.dumps(first)), copy.deepcopy(first)):
        assert clone.released
        assert clone.data == first.data
    second.data = {"messages": [{"role": "user", "content": "new"}]}  # editing means assigning
    second.touch()
    assert not second.released
    assert second.raw is None
    assert second.data["messages"][0]["content"] == "new"
    first.touch()  # touching a released example keeps its value
    assert first.data == {"messages": [{"role": "user", "content": "a"}]}
    assert first.data is first.data
    assert not Example(CHAT).release_data()  # no raw bytes: the value stays
    (third,) = parse_jsonl_bytes(b'{"messages": []}').examples
    third.release_data()
    assert "data=<released>" in repr(third)


@pytest.mark.parametrize("share_strings", [True, False])
def test_clean_slices_parsed_in_one_go_keep_every_line_and_its_raw_bytes(share_strings: bool) -> None:
    """Slices of clean lines are parsed in one go; the examples, their line numbers and raw bytes must be
    those the line-by-line path gives, across slices and raw blocks, and around a slice that is not clean."""
    rows = [
        {"messages": [{"role": "user", "content": f"question {i} " + "x" * (i % 97)}]} for i in range(20000)
    ]
    lines = [json.dumps(r).encode() for r in rows]
    lines[6000] += b"\r"  # one CRLF line: its slice goes line by line
    lines.insert(7000, b"")  # a blank line: reported, not an example
    buf = b"\n".join(lines) + b"\n"
    assert len(buf) > 2 * DECODE_SLICE
    chunk = parse_jsonl_bytes(buf, share_strings=share_strings)
    assert [ex.data for ex in chunk.examples] == rows
    expected_lines = [i + 1 for i in range(20001) if i != 7000]
    assert [ex.line for ex in chunk.examples] == expected_lines
    assert [ex.raw for ex in chunk.examples] == [ln.rstrip(b"\r") for ln in lines if ln]
    assert [(i.code, i.line) for i in chunk.issues] == [("crlf", 6001), ("blank_line", 7001)]
    blocks = {id(ex._block) for ex in chunk.examples}
    assert len(blocks) <= len(buf) // RAW_BLOCK + 3  # raw bytes shared in blocks, not one per line
