"""Unreadable lines in the editor: mended in place into examples (undoably), and a save that asks what to
do with the rest: keep them in the file, move them to a side file, or cancel; never a line lost."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from finetune_desktop.gui.dataset.line_mender import LineMender
from finetune_desktop.gui.dataset.save_unreadable import UnreadableLinesDialog, side_file
from finetune_desktop.gui.main_window import MainWindow
from tests.gui.editor_helpers import chat, open_and_wait, sample_rows, window, write_jsonl

__all__ = ["window"]
BROKEN = '{"messages": [{"role": "user", "content": "Hi"} {"role": "assistant", "content": "Hello"}]}'


def open_broken(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> Path:
    path = write_jsonl(tmp_path / "bad.jsonl", sample_rows(12), bad={3: BROKEN, 8: "[1, 2, 3]"})
    open_and_wait(qtbot, window, path)
    assert len(window.document) == 12
    return path


def select_line(qtbot: QtBot, window: MainWindow, code: str) -> LineMender:
    panel = window.dataset_page.validation
    window.dataset_page.tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: any(g.code == code for g in panel.model.groups), timeout=5000)
    g = next(i for i, group in enumerate(panel.model.groups) if group.code == code)
    panel.view.setCurrentIndex(panel.model.index(0, 0, panel.model.index(g, 0)))
    mender = panel.detail.extra
    assert isinstance(mender, LineMender)
    return mender


def test_an_unreadable_line_is_corrected_into_an_example(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    open_broken(qtbot, window, tmp_path)
    doc = window.document
    mender = select_line(qtbot, window, "invalid_json")
    assert mender.edit.toPlainText() == BROKEN
    assert not mender.use_button.isEnabled()
    assert "character 49" in mender.status.text()
    (spot,) = mender.edit.extraSelections()  # the error position is highlighted
    assert spot.cursor.selectionStart() == 48
    mender.edit.setPlainText(BROKEN.replace("} {", "}, {"))
    assert mender.use_button.isEnabled()
    assert mender.status.text() == "This line is a valid example now."
    mender.use_button.click()
    assert not mender.use_button.isEnabled()  # once
    window.dataset_page.validation._on_line_mended(mender.rejected, mender.data)  # a second click: ignored
    assert len(doc) == 13
    assert doc.examples[2].data == json.loads(BROKEN.replace("} {", "}, {"))  # at its place in file order
    assert [r.line for r in doc.dataset.rejected] == [8]
    assert [f.line for f in doc.load_findings if f.code == "invalid_json"] == []
    doc.undo_stack.undo()
    assert len(doc) == 12
    assert [r.line for r in doc.dataset.rejected] == [3, 8]
    assert [f.line for f in doc.load_findings if f.code == "invalid_json"] == [3]
    doc.undo_stack.redo()
    assert len(doc) == 13


def test_a_line_that_is_not_an_object_becomes_an_example(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    open_broken(qtbot, window, tmp_path)
    mender = select_line(qtbot, window, "not_an_object")
    assert mender.status.text() == "The line is a list, not an example object, so it was not loaded."
    mender.edit.setPlainText(json.dumps(chat("Count to three", "1, 2, 3")))
    mender.use_button.click()
    doc = window.document
    row = next(i for i, ex in enumerate(doc.examples) if ex.line == 8)
    assert doc.examples[row].data == chat("Count to three", "1, 2, 3")
    assert doc.dataset.rejected[0].line == 3


def every_line_somewhere(original: Path, *files: Path) -> None:
    """The bytes of every line of ``original`` are in one of ``files`` after the save."""
    saved = b"\n".join(f.read_bytes() for f in files if f.exists())
    for line in original.with_suffix(".jsonl.orig").read_bytes().splitlines():
        assert line in saved, line


def save_and_choose(qtbot: QtBot, window: MainWindow, choice: str) -> UnreadableLinesDialog:
    window.save()
    (dialog,) = window.findChildren(UnreadableLinesDialog)
    assert dialog.isVisible()
    assert dialog.text() == "2 lines of this file could not be read."
    assert "“bad.unreadable-lines.txt”" in dialog.informativeText()
    button = {"keep": dialog.keep_button, "move": dialog.move_button, "cancel": dialog.cancel_button}[choice]
    if choice == "cancel":
        button.click()
    else:
        with qtbot.waitSignal(window.document.saved, timeout=10_000):
            button.click()
    return dialog


@pytest.mark.parametrize("choice", ["keep", "move", "cancel"])
def test_save_asks_what_to_do_with_unreadable_lines(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, choice: str
) -> None:
    path = open_broken(qtbot, window, tmp_path)
    original = path.read_bytes()
    path.with_suffix(".jsonl.orig").write_bytes(original)
    window.document.undo_stack.resetClean()  # an unedited file: Save still asks
    save_and_choose(qtbot, window, choice)
    side = side_file(path)
    if choice == "cancel":
        assert path.read_bytes() == original
        assert not side.exists()
    elif choice == "keep":
        assert not side.exists()
        assert path.read_bytes() == original  # an unedited file is written back as it was read
    else:
        assert side.read_bytes() == BROKEN.encode() + b"\n[1, 2, 3]\n"
        assert BROKEN.encode() not in path.read_bytes()
    every_line_somewhere(path, path, side)


def test_a_file_without_unreadable_lines_saves_without_asking(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    path = write_jsonl(tmp_path / "good.jsonl", sample_rows(12))
    open_and_wait(qtbot, window, path)
    with qtbot.waitSignal(window.document.saved, timeout=10_000):
        window.save()
    assert not window.findChildren(UnreadableLinesDialog)


def test_a_correction_being_typed_survives_a_refresh(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    open_broken(qtbot, window, tmp_path)
    mender = select_line(qtbot, window, "invalid_json")
    mender.edit.setPlainText('{"messages": [')  # half typed
    panel = window.dataset_page.validation
    panel.refresh()  # what a finished check does meanwhile
    assert panel.detail.extra is mender
    assert mender.edit.toPlainText() == '{"messages": ['


def test_kept_lines_go_back_at_their_place() -> None:
    from finetune_desktop.core.dataset.examples import Example, LoadIssue, RejectedLine
    from finetune_desktop.gui.dataset.core_api import with_rejected_in_place

    issue = LoadIssue("invalid_json", 2, "x")
    a, b, new = Example({"a": 1}, line=1), Example({"b": 1}, line=4), Example({"n": 1})
    bad2, bad3, bad9 = (RejectedLine(n, f"bad {n}".encode(), issue) for n in (2, 3, 9))
    merged = with_rejected_in_place([a, b, new], [bad3, bad9, bad2])
    assert [ex.raw if ex.data is None else ex.data for ex in merged] == [
        {"a": 1},
        b"bad 2",
        b"bad 3",
        {"b": 1},
        {"n": 1},  # an example made in the app (no line) stays where the user put it
        b"bad 9",
    ]
