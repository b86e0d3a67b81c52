"""The editor's per-example findings and token counts come from ``check``'s engine (its worker processes
for a big file): what the user edits while that runs is kept, and a check that fails is made up for."""

from __future__ import annotations

import threading
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

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
    import json

    capsys.readouterr()
    cli_main(["check", str(path), "--json"])
    out: dict[str, Any] = json.loads(capsys.readouterr().out)
    return out


def _codes(report: dict[str, Any]) -> Counter[tuple[str, int | None]]:
    return Counter((f["code"], f["line"]) for f in report["errors"] + report["warnings"])


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


def test_what_is_edited_while_check_runs_is_kept(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: Any
) -> None:
    rows = _rows()
    path = write_jsonl(tmp_path / "train.jsonl", rows)
    release = threading.Event()
    real = core_api.check_file

    def slow_check(*args: Any, **kwargs: Any) -> core_api.ExampleColumns:
        release.wait(20)
        return real(*args, **kwargs)

    monkeypatch.setattr(core_api, "check_file", slow_check)
    doc = window.document
    with qtbot.waitSignal(doc.load_finished, timeout=20_000):
        window.open_path(path)
    assert doc.analysing  # the rows are in; check's results are not
    first, dup = doc.examples[0], doc.examples[5]
    # row 1 becomes a duplicate of row 7; the duplicate in row 6 gets an answer of its own
    doc.set_data(first.uid, rows[6])
    doc.set_data(dup.uid, chat("A new question", "A new answer " * 40))
    qtbot.wait(100)
    release.set()
    qtbot.waitUntil(lambda: not doc.analysing, timeout=20_000)

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
