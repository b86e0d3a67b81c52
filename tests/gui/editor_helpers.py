"""Shared fixtures and helpers for the editor's GUI tests (a plain module: conftest.py is not ours)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from finetune_desktop.gui.context import AppContext
from finetune_desktop.gui.main_window import MainWindow


def chat(user: str, assistant: str, system: str | None = None) -> dict[str, Any]:
    msgs = [{"role": "system", "content": system}] if system else []
    msgs += [{"role": "user", "content": user}, {"role": "assistant", "content": assistant}]
    return {"messages": msgs}


def write_jsonl(path: Path, rows: list[Any], bad: dict[int, str] | None = None) -> Path:
    """Write rows one per line; ``bad`` maps a 1-based line number to raw text put there instead."""
    lines = [json.dumps(r, ensure_ascii=False) for r in rows]
    for line_no, text in sorted((bad or {}).items()):
        lines.insert(line_no - 1, text)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def sample_rows(n: int = 12) -> list[dict[str, Any]]:
    rows = []
    for i in range(n):
        if i % 2:
            rows.append(chat(f"写一个关于第{i}只猫的故事", f"第{i}只猫在屋顶上看月亮。"))
        else:
            rows.append(chat(f"Tell a story about lighthouse {i}", f"Lighthouse {i} blinked twice."))
    return rows


def make_window(qtbot: QtBot) -> MainWindow:
    window = MainWindow(AppContext())
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    return window


def close_window(window: MainWindow) -> None:
    window.document.undo_stack.setClean()
    window.close()
    window.context.runner.shutdown()


def open_and_wait(qtbot: QtBot, window: MainWindow, path: Path) -> None:
    doc = window.document
    with qtbot.waitSignal(doc.load_finished, timeout=20_000):
        window.open_path(path)
    qtbot.waitUntil(lambda: not doc.analysing, timeout=20_000)


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[MainWindow]:
    w = make_window(qtbot)
    yield w
    close_window(w)
