"""The editor's per-example findings and token counts come from ``check``'s engine (its worker processes
for a big file): what the user edits while that runs is kept, and a check that fails is made up for."""

from __future__ import annotations

import json
import threading
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

import finetune_desktop.core.check.ranges as ranges_mod
from finetune_desktop.cli import main as cli_main
from finetune_desktop.gui.dataset import core_api
from finetune_desktop.gui.main_window import MainWindow
from tests.gui.editor_helpers import chat, open_and_wait, window, write_jsonl

__all__ = ["window"]


def _rows() -> list[Any]:
    rows: list[Any] = [
        chat(f"Question {i}: " + "why " * (i % 7), "Because. " * (1 + i % 4)) for i in range(30)
    ]
    rows[5] = rows[2]  # a duplicate
    rows[9] = chat("Question 3: why why why ", "Another answer.")  # a conflict with row 3
    rows[12] = {"messages": [{"role": "user", "content": "No reply"}]}  # an error of its own
    rows[20] = {"messages": [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": 5}]}
    return rows


def _check(capsys: pytest.CaptureFixture[str], path: Path) -> dict[str, Any]:
    capsys.readouterr()
    cli_main(["check", str(path), "--json"])
    out: dict[str, Any] = json.loads(capsys.readouterr().out)
    return out


def _codes(report: dict[str, Any]) -> Counter[tuple[str, int | None]]:
    """Check's findings by code and line, without the cookbook's alias ``data_type`` of "not an object"
    (check lists both; the editor shows one finding per line problem)."""
    found = report["errors"] + report["warnings"]
    return Counter((f["code"], f["line"]) for f in found if f["code"] != "data_type")


def test_counts_and_findings_are_checks_not_the_threads(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: Any
) -> None:
    path = write_jsonl(tmp_path / "train.jsonl", _rows())
    report = _check(capsys, path)
    doc = window.document
    qtbot.waitUntil(lambda: doc._counter is not None, timeout=20_000)

    # The editor's own (thread) counter is wrong on purpose: every count shown must be check's.
    def wrong(_data: Any) -> core_api.TokenInfo:
        return core_api.TokenInfo(1, 1, False)

    monkeypatch.setattr(doc, "_counter", wrong)
    monkeypatch.setattr(core_api, "make_counter", lambda *_a, **_k: wrong)
    open_and_wait(qtbot, window, path)
    totals, _billed, _est = doc.token_columns()
    assert sum(totals) == report["tokens"]["total"]
    assert max(totals) == report["tokens"]["max_example"]
    found = Counter((f.code, f.line) for f in doc.all_findings())
    assert found == _codes(report)
    assert ("duplicate_example", 6) in found
    assert ("conflicting_answers", 10) in found


def _each_range(
    monkeypatch: Any, hook: Callable[[core_api.RangeResult, Callable[[core_api.RangeResult], None]], None]
) -> None:
    """``check_file`` hands each range to ``hook(result, rows)``, which may hand it on to the intake."""
    real = core_api.check_file

    def wrapped(path: Path, model: str, rows: Any, *args: Any, **kwargs: Any) -> core_api.ExampleColumns:
        return real(path, model, lambda result: hook(result, rows), *args, **kwargs)

    monkeypatch.setattr(core_api, "check_file", wrapped)


def _small_ranges(monkeypatch: Any) -> None:
    """Rows come in many small ranges (as a big file's do)."""
    monkeypatch.setattr(ranges_mod, "FIRST_ROWS", 700)
    monkeypatch.setattr(ranges_mod, "ROWS_RANGE", 900)


def test_what_is_edited_while_check_runs_is_kept(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: Any
) -> None:
    rows = _rows()
    path = write_jsonl(tmp_path / "train.jsonl", rows)
    _small_ranges(monkeypatch)
    release = threading.Event()

    def held(result: core_api.RangeResult, rows: Callable[[core_api.RangeResult], None]) -> None:
        rows(result)
        if result.next_line > 7:  # (rows 1-6 are in: the rest waits)
            release.wait(20)

    _each_range(monkeypatch, held)
    doc = window.document
    window.open_path(path)
    qtbot.waitUntil(lambda: len(doc) >= 6, timeout=20_000)
    assert doc.loading  # the first rows are in; the others and the results are not
    assert doc.analysing
    first, dup = doc.examples[0], doc.examples[5]
    # row 1 becomes a duplicate of row 7; the duplicate in row 6 gets an answer of its own
    doc.set_data(first.uid, rows[6])
    doc.set_data(dup.uid, chat("A new question", "A new answer " * 40))
    qtbot.wait(100)
    release.set()
    qtbot.waitUntil(lambda: not doc.analysing, timeout=20_000)
    assert len(doc) == 30

    edited = path.with_name("edited.jsonl")
    write_jsonl(edited, [rows[6], *rows[1:5], chat("A new question", "A new answer " * 40), *rows[6:]])
    report = _check(capsys, edited)
    assert Counter((f.code, f.line) for f in doc.all_findings()) == _codes(report)
    assert ("duplicate_example", 7) in _codes(report)
    assert ("duplicate_example", 6) not in _codes(report)
    live = doc.count_tokens_now(chat("A new question", "A new answer " * 40))
    assert live is not None
    shown = doc.tokens_for(dup.uid)
    assert shown is not None
    assert (shown.total, shown.billed) == (live.total, live.billed)
    totals, _b, _e = doc.token_columns()
    assert sum(totals) == report["tokens"]["total"]


def _messy(path: Path) -> Path:
    """Good examples, a BOM, CRLF lines, a blank line, broken JSON, a non-object and a non-UTF-8 line."""
    lines = [json.dumps(r, ensure_ascii=i % 2 == 0).encode() for i, r in enumerate(_rows())]
    lines[0] = b"\xef\xbb\xbf" + lines[0]
    lines[3] += b"\r"
    lines[8] += b"\r"
    lines[4:4] = [b"", b'{"messages": [broken', b"[1, 2]", b'{"messages": "\xff"}']
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


def _state(doc: Any) -> dict[str, Any]:
    return {
        "rows": [(ex.line, ex.raw) for ex in doc.examples],
        "rejected": [(r.line, r.raw, r.issue.code) for r in doc.dataset.rejected],
        "issues": [(i.code, i.line, i.message) for i in doc.dataset.issues],
        "findings": Counter((f.code, f.line, f.example) for f in doc.all_findings()),
        "tokens": [doc.tokens_for(ex.uid) for ex in doc.examples],
        "format": doc.dataset.format,
        "search": [doc.search_text(row) for row in range(len(doc))],
    }


def test_rows_from_checks_engine_are_the_apps_own_reading(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: Any
) -> None:
    path = _messy(tmp_path / "messy.jsonl")
    report = _check(capsys, path)
    _small_ranges(monkeypatch)
    doc = window.document
    open_and_wait(qtbot, window, path)
    from_check = _state(doc)
    assert Counter((code, line) for code, line, _ in from_check["findings"]) == _codes(report)
    assert len(from_check["rejected"]) == 3
    assert ("crlf", 4) in [(c, line) for c, line, _ in from_check["issues"]]

    def broken(*_a: Any, **_k: Any) -> core_api.ExampleColumns:
        raise OSError("the workers could not start")

    monkeypatch.setattr(core_api, "check_file", broken)
    open_and_wait(qtbot, window, path)
    assert _state(doc) == from_check  # (the app's own reader, then the usual jobs)


def test_a_check_that_fails_half_way_is_finished_by_the_apps_reader(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: Any
) -> None:
    path = _messy(tmp_path / "messy.jsonl")
    report = _check(capsys, path)
    _small_ranges(monkeypatch)
    handed: list[int] = []

    def some(result: core_api.RangeResult, rows: Callable[[core_api.RangeResult], None]) -> None:
        if len(handed) == 2:
            raise OSError("a worker process died")
        rows(result)
        handed.append(result.end)

    _each_range(monkeypatch, some)
    doc = window.document
    open_and_wait(qtbot, window, path)
    assert 0 < handed[-1] < path.stat().st_size  # (the app read the rest)
    rows = [(ex.line, ex.raw) for ex in doc.examples]
    assert [line for line, _ in rows] == sorted({line for line, _ in rows})  # each row once, in order
    assert len(rows) + len(doc.dataset.rejected) == 33
    assert Counter((f.code, f.line) for f in doc.all_findings()) == _codes(report)
    totals, _b, _e = doc.token_columns()
    assert sum(totals) == report["tokens"]["total"]


def test_a_failed_check_is_made_up_for_on_the_usual_jobs(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: Any
) -> None:
    path = write_jsonl(tmp_path / "train.jsonl", _rows())
    report = _check(capsys, path)

    def broken(*_a: Any, **_k: Any) -> core_api.ExampleColumns:
        raise OSError("the workers could not start")

    monkeypatch.setattr(core_api, "check_file", broken)
    open_and_wait(qtbot, window, path)
    doc = window.document
    assert len(doc.all_tokens()) == len(doc) == 30
    totals, _b, _e = doc.token_columns()
    assert sum(totals) == report["tokens"]["total"]
    assert Counter((f.code, f.line) for f in doc.all_findings()) == _codes(report)


def test_workers_that_hash_as_the_app_does_give_pythons_hash_of_the_keys(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: Any
) -> None:
    rows = _rows()
    path = write_jsonl(tmp_path / "train.jsonl", rows)
    report = _check(capsys, path)
    monkeypatch.setattr(core_api, "workers_hash_alike", lambda: True)
    real = core_api.check_file
    asked: list[bool] = []

    def noted(path: Path, model: str, rows: Any, fast: bool, **kwargs: Any) -> core_api.ExampleColumns:
        asked.append(fast)
        return real(path, model, rows, fast, **kwargs)

    monkeypatch.setattr(core_api, "check_file", noted)
    doc = window.document
    open_and_wait(qtbot, window, path)
    assert asked == [True]
    assert Counter((f.code, f.line) for f in doc.all_findings()) == _codes(report)
    # an edit is digested as check's workers digested the rest: row 1 becomes a duplicate of row 7
    doc.set_data(doc.examples[0].uid, rows[6])
    qtbot.waitUntil(lambda: ("duplicate_example", 7) in {(f.code, f.line) for f in doc.all_findings()})
