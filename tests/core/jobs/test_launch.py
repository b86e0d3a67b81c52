"""Suffix rules, upload files written from examples, and the transfer rate behind the progress bar."""

from __future__ import annotations

import json
from pathlib import Path

from finetune_desktop.core.dataset.examples import Example
from finetune_desktop.core.jobs.launch import TransferRate, suffix_problem, write_upload_files


def test_suffix_rules() -> None:
    assert suffix_problem("") is None
    assert suffix_problem("crab-bot_2") is None
    assert suffix_problem("x" * 64) is None
    assert suffix_problem("x" * 65) == "too_long"
    assert suffix_problem("has space") == "bad_character"
    assert suffix_problem("émoji") == "bad_character"


def test_upload_files_hold_the_examples(tmp_path: Path) -> None:
    train = [Example({"messages": [{"role": "user", "content": str(i)}]}) for i in range(3)]
    valid = [Example({"messages": [{"role": "user", "content": "v"}]})]
    t, v = write_upload_files(train, valid, tmp_path, "my data/set")
    assert t.name == "my-data-set-train.jsonl"
    assert [json.loads(line)["messages"][0]["content"] for line in t.read_text().splitlines()] == [
        "0",
        "1",
        "2",
    ]
    assert v is not None
    assert len(v.read_text().splitlines()) == 1
    assert write_upload_files(train, None, tmp_path, "x")[1] is None


def test_transfer_rate() -> None:
    now = [0.0]
    rate = TransferRate(window=10.0, clock=lambda: now[0])
    rate.add(0)
    assert rate.bytes_per_second is None
    now[0] = 2.0
    rate.add(2000)
    assert rate.bytes_per_second == 1000.0
    assert rate.seconds_left(10_000) == 8.0
