"""Fuzz ``finetune-desktop check`` (issue 13): whatever bytes a file holds, the command ends with exit
0, 1 or 2 and a report or a message, never a traceback (SQLite and curl treat any such case as a bug)."""

from __future__ import annotations

import json
import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.cli.test_check_cli import chat, run_cli

# Pieces hostile files are made of: broken JSON, surrogate escapes, BOMs, CR, NUL, long blanks, NaN...
FRAGMENTS = [
    b"{",
    b"}",
    b"[",
    b'"',
    b"\\",
    b"\\ud800",
    b"\\udfff",
    b"\\ud83d\\ude00",
    b"\\u0000",
    b"\xef\xbb\xbf",
    b"\r",
    b"\r\n",
    b"\n",
    b"\x00",
    b"\xff\xfe",
    b"\xc3",
    b"NaN",
    b"Infinity",
    b"-1e999",
    b"9" * 400,
    b" " * 3000,
    b"\t" * 500,
    b'"messages"',
    b'"role"',
    b'"content"',
    b'"assistant"',
    b'"user"',
    b'"tool_calls"',
    b":",
    b",",
    b"null",
    b"true",
    b"[" * 300,
]

# Any code point, lone surrogates included (json.dumps writes them as \ud800 escapes), and blanks.
json_text = st.text(
    alphabet=st.characters(exclude_categories=()) | st.sampled_from(list(string.whitespace)), max_size=30
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | json_text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(json_text, inner, max_size=4),
    max_leaves=12,
)
roles = st.sampled_from(["system", "user", "assistant", "tool", "function", "", "\ud800", 3, None])
messages = st.lists(
    st.fixed_dictionaries(
        {"role": roles},
        optional={
            "content": json_text | json_values,
            "name": json_text,
            "weight": json_values,
            "tool_calls": json_values,
        },
    ),
    max_size=4,
)
examples = st.one_of(
    st.builds(lambda m: {"messages": m}, messages),
    st.dictionaries(
        st.sampled_from(["messages", "input", "preferred_output", "tools"]), json_values, max_size=3
    ),
    json_values,
)


def _line(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogateescape")


lines = st.one_of(
    examples.map(lambda v: json.dumps(v).encode()),  # ensure_ascii: surrogates become \ud800 escapes
    st.lists(st.sampled_from(FRAGMENTS), max_size=8).map(b"".join),
    st.binary(max_size=40),
    st.just(_line(chat(1))),
)
files = st.lists(lines, max_size=14).map(lambda ls: b"\n".join(ls))
options = st.lists(
    st.sampled_from(
        [["--json"], ["--all"], ["--epochs", "3"], ["--model", "gpt-4o-mini-2024-07-18"], ["--rate", "7.1"]]
    ),
    max_size=3,
)


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=files, opts=options)
def test_check_never_crashes_on_any_bytes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes, opts: list[list[str]]
) -> None:
    from finetune_desktop.cli import main

    path = tmp_path / "fuzz.jsonl"
    path.write_bytes(data)
    argv = ["check", str(path), "--workers", "1", *[a for o in opts for a in o]]
    code = main(argv)  # any exception (a PanicException too) fails the test
    out = capsys.readouterr()
    assert code in (0, 1, 2)
    assert "Traceback" not in out.err
    if ["--json"] in opts:
        json.loads(out.out)  # the JSON report (or error object) stays valid JSON, escapes included


@pytest.mark.parametrize(
    "data",
    [
        b'{"messages": [{"role": "\\ud800", "content": "\\udc00"}]}\n' * 3,
        b"\xff\xfe{\x00}\x00",
        b"\x00" * 1000,
        b"[" * 200_000,
        b'{"messages": [{"role": "user", "content": "' + b" " * 1_200_000 + b'x"}]}',
    ],
    ids=["surrogates", "utf16", "nul", "deep", "spaces"],
)
def test_check_as_a_real_process_on_hostile_bytes(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "hostile.jsonl"
    path.write_bytes(data)
    for extra in ([], ["--json"]):
        out = run_cli(path, *extra)
        assert out.returncode in (0, 1, 2), out.stderr
        assert "Traceback" not in out.stderr
        assert "PanicException" not in out.stderr
