"""run_check against hostile files (issue 13): findings are counted in full but kept per code, so memory
stays bounded; lines longer than a read block are read once, and their findings point at the right line."""

from __future__ import annotations

from pathlib import Path

import pytest

import finetune_desktop.core.check.pipeline as pipeline
import finetune_desktop.core.check.run as check_mod
from finetune_desktop.core.check.run import run_check
from tests.core.check.test_check import chat, write_lines


@pytest.fixture
def keep_3(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "KEEP_PER_CODE", 3)
    monkeypatch.setattr(check_mod, "KEEP_PER_CODE", 3)


@pytest.mark.usefixtures("keep_3")
@pytest.mark.parametrize("workers", [1, 2])
def test_findings_are_counted_in_full_and_kept_per_code(
    tmp_path: Path, workers: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(check_mod, "PARALLEL_MIN_BYTES", 0)
    lines: list[object | bytes] = [b"{}"] * 40 + [b"[1]"] * 7 + [chat(i) for i in range(12)]
    path = write_lines(tmp_path / "t.jsonl", lines)
    r = run_check(path, workers=workers)
    counts = r.counts_by_code()
    assert counts["missing_messages_list"] == 40
    assert counts["duplicate_example"] == 39
    assert counts["not_an_object"] == 7
    kept = [f.code for f in r.findings]
    assert kept.count("missing_messages_list") == 3
    assert kept.count("duplicate_example") == 3
    assert kept.count("not_an_object") == 3
    assert r.error_count == 40 + 7
    assert r.warning_count == 39
    assert [f.line for f in r.findings if f.code == "missing_messages_list"] == [1, 2, 3]
    j = r.to_json()
    assert j["finding_counts"]["duplicate_example"] == 39
    assert len([e for e in j["errors"] if e["code"] == "missing_messages_list"]) == 3


@pytest.mark.usefixtures("keep_3")
def test_the_report_says_how_many_more_there_are(tmp_path: Path) -> None:
    from finetune_desktop.cli.check_render import render

    path = write_lines(tmp_path / "t.jsonl", [b"{}"] * 30)
    text = render(run_check(path, workers=1), per_code=20)
    assert "Findings: 30 errors, 30 warnings" in text  # 29 duplicates and "fewer than 50 examples"
    assert "... and 27 more missing_messages_list (only the first 3 of each kind are kept)" in text


@pytest.mark.parametrize("block", [7, 64, 1000])
def test_a_line_longer_than_the_read_block(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, block: int
) -> None:
    monkeypatch.setattr(pipeline, "BLOCK", block)
    long_line = {"messages": [{"role": "user", "content": "x" * 5000}, {"role": "assistant", "content": "y"}]}
    lines: list[object | bytes] = [chat(0), long_line, b"{oops", chat(1), long_line, chat(2)]
    path = write_lines(tmp_path / "t.jsonl", lines)
    r = run_check(path, workers=1)
    assert r.examples == 5
    (bad,) = [f for f in r.findings if f.code == "invalid_json"]
    assert bad.line == 3
    assert [f.line for f in r.findings if f.code == "duplicate_example"] == [5]
    monkeypatch.setattr(pipeline, "BLOCK", 1 << 20)
    assert run_check(path, workers=1).tokens == r.tokens
