"""One-click fixes through the findings panel: the preview says what changes, Apply changes exactly that
as one undo step, Undo restores the file's examples as they were."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from finetune_desktop.gui.dataset.findings_model import FindingsModel
from finetune_desktop.gui.dataset.fix_preview import FixPreviewDialog
from finetune_desktop.gui.dataset.reply_filler import ReplyFiller
from finetune_desktop.gui.dataset.validation_panel import ValidationPanel
from finetune_desktop.gui.main_window import MainWindow
from tests.gui.editor_helpers import chat, open_and_wait, window, write_jsonl

__all__ = ["window"]
SYSTEM = "You answer in one short sentence."


def rows(n: int = 12) -> list[dict[str, Any]]:
    return [chat(f"Question {i}?", f"Answer {i}.", system=SYSTEM) for i in range(n)]


def open_rows(qtbot: QtBot, window: MainWindow, tmp_path: Path, data: list[Any]) -> ValidationPanel:
    open_and_wait(qtbot, window, write_jsonl(tmp_path / "d.jsonl", data))
    panel = window.dataset_page.validation
    window.dataset_page.tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0, timeout=5000)
    return panel


def group_index(model: FindingsModel, code: str) -> QModelIndex:
    for g, group in enumerate(model.groups):
        if group.code == code:
            return model.index(g, 0)
    raise AssertionError(f"no {code} group in {[g.code for g in model.groups]}")


def fix_buttons(qtbot: QtBot, panel: ValidationPanel, code: str, row: int | None = 0) -> list[QPushButton]:
    """Select the ``row``-th finding of ``code`` (None: the group row) and wait for its fix buttons."""
    qtbot.waitUntil(lambda: not panel._timer.isActive(), timeout=5000)  # no refresh pending
    group = group_index(panel.model, code)
    panel.view.setCurrentIndex(QModelIndex())  # (a refresh keeps the selection: select anew)
    with qtbot.waitSignal(panel.fixes.offers_ready, timeout=5000):
        panel.view.setCurrentIndex(group if row is None else panel.model.index(row, 0, group))
    assert panel.detail.isVisible()
    return panel.detail.fix_buttons()


def preview(qtbot: QtBot, panel: ValidationPanel, button: QPushButton) -> FixPreviewDialog:
    with qtbot.waitSignal(panel.fixes.preview_opened, timeout=5000) as blocker:
        button.click()
    dialog = blocker.args[0]
    assert isinstance(dialog, FixPreviewDialog)
    assert dialog.isVisible()
    return dialog


def datas(window: MainWindow) -> list[Any]:
    return [copy.deepcopy(ex.data) for ex in window.document.examples]


def apply_and_undo(
    qtbot: QtBot, window: MainWindow, dialog: FixPreviewDialog, before: list[Any]
) -> list[Any]:
    """Apply the previewed fix; return the data after it, having checked that one Undo restores ``before``."""
    stack = window.document.undo_stack
    steps = stack.index()
    dialog.apply_button.click()
    after = datas(window)
    assert after != before
    assert stack.index() == steps + 1  # one undo step, even for a fix on many examples
    stack.undo()
    assert datas(window) == before
    stack.redo()
    assert datas(window) == after
    return after


def test_add_the_shared_system_message_to_one_and_to_all(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    data = rows()
    for i in (3, 7):
        data[i] = chat(f"Question {i}?", f"Answer {i}.")  # no system message
    panel = open_rows(qtbot, window, tmp_path, data)
    one, every = fix_buttons(qtbot, panel, "missing_system_message")
    assert one.text() == "Add the shared system message to 1 example…"
    assert every.text() == "Add the shared system message to 2 examples…"
    before = datas(window)
    dialog = preview(qtbot, panel, one)
    assert dialog.list.count() == 1
    assert (
        dialog.list.item(0).text() == f"Example 4 (line 4): adds the system message “{SYSTEM}” at the start"
    )
    assert SYSTEM not in dialog.before.toPlainText()
    assert SYSTEM in dialog.after.toPlainText()
    # the added lines are coloured in "After", nothing in "Before" (nothing was removed)
    marked = [s.cursor.block().text().strip() for s in dialog.after.extraSelections()]
    assert marked == ["{", '"role": "system",', f'"content": "{SYSTEM}"', "},"]
    assert dialog.before.extraSelections() == []
    after = apply_and_undo(qtbot, window, dialog, before)
    assert after[3] == chat("Question 3?", "Answer 3.", system=SYSTEM)
    assert after[7] == before[7]  # only the one example

    window.document.undo_stack.undo()
    qtbot.waitUntil(lambda: len(panel.model.groups) > 0 and not window.document.analysing, timeout=5000)
    _one, every = fix_buttons(qtbot, panel, "missing_system_message")
    dialog = preview(qtbot, panel, every)
    assert dialog.list.count() == 2
    after = apply_and_undo(qtbot, window, dialog, before)
    assert after == rows()


def test_cancel_changes_nothing(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    data = rows()
    data[2]["messages"][2]["weight"] = 0.5
    panel = open_rows(qtbot, window, tmp_path, data)
    buttons = fix_buttons(qtbot, panel, "invalid_weight")
    before = datas(window)
    dialog = preview(qtbot, panel, buttons[0])
    dialog.reject()
    assert datas(window) == before
    assert window.document.undo_stack.count() == 0


@pytest.mark.parametrize(("button", "weight"), [(0, None), (1, 0)])
def test_a_bad_weight_is_removed_or_set_to_zero(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, button: int, weight: int | None
) -> None:
    data = rows()
    data[2]["messages"][2]["weight"] = 0.5
    panel = open_rows(qtbot, window, tmp_path, data)
    buttons = fix_buttons(qtbot, panel, "invalid_weight")
    assert [b.text() for b in buttons] == [
        "Remove the weight in 1 example…",
        "Set the weight to 0 in 1 example…",
    ]
    before = datas(window)
    dialog = preview(qtbot, panel, buttons[button])
    after = apply_and_undo(qtbot, window, dialog, before)
    assert after[2]["messages"][2].get("weight") == weight
    assert after[2]["messages"][2]["content"] == "Answer 2."


def test_an_empty_trailing_reply_is_removed(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    data = rows()
    data[5]["messages"] += [{"role": "user", "content": "And then?"}, {"role": "assistant", "content": ""}]
    panel = open_rows(qtbot, window, tmp_path, data)
    (remove,) = fix_buttons(qtbot, panel, "empty_assistant_message")
    before = datas(window)
    dialog = preview(qtbot, panel, remove)
    assert dialog.list.item(0).text() == "Example 6 (line 6): removes the empty reply (the 5th message)"
    after = apply_and_undo(qtbot, window, dialog, before)
    assert after[5]["messages"] == before[5]["messages"][:-1]


def test_exact_copies_are_deleted_keeping_the_first(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    data = rows()
    data += [copy.deepcopy(data[1]), copy.deepcopy(data[1]), copy.deepcopy(data[4])]
    panel = open_rows(qtbot, window, tmp_path, data)
    buttons = fix_buttons(qtbot, panel, "duplicate_example", None)  # the group row: fix every copy
    assert [b.text() for b in buttons] == ["Delete 3 exact duplicates, keeping the first…"]
    before = datas(window)
    dialog = preview(qtbot, panel, buttons[0])
    assert dialog.list.count() == 3
    assert (
        dialog.list.item(0).text() == "Example 13 (line 13): deletes this example (an exact copy of line 2)"
    )
    assert dialog.after.toPlainText() == "(deleted)"
    after = apply_and_undo(qtbot, window, dialog, before)
    assert after == rows()
    assert len(window.document) == 12


def test_a_misspelt_role_is_renamed(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    data = rows()
    data[0]["messages"][2]["role"] = "assitant"
    panel = open_rows(qtbot, window, tmp_path, data)
    (rename,) = fix_buttons(qtbot, panel, "unrecognized_role")
    before = datas(window)
    dialog = preview(qtbot, panel, rename)
    assert dialog.list.item(0).text() == (
        "Example 1 (line 1): renames the role “assitant” of the 3rd message to “assistant”"
    )
    after = apply_and_undo(qtbot, window, dialog, before)
    assert after[0] == rows()[0]


def test_a_new_example_and_the_system_dialog_start_with_the_shared_message(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    data = rows()
    data[0] = chat("Question 0?", "Answer 0.")  # one without: the others' message is still the shared one
    open_rows(qtbot, window, tmp_path, data)
    page = window.dataset_page
    page.select_rows([3])
    page.new_example()
    new = window.document.examples[4].data
    assert new["messages"][0] == {"role": "system", "content": SYSTEM}
    assert [m["role"] for m in new["messages"]] == ["system", "user", "assistant"]
    page.select_rows([0])
    dlg = page.ask_system_message()
    assert dlg is not None
    assert dlg.textValue() == SYSTEM
    dlg.reject()


def test_a_fix_offered_before_rows_moved_does_nothing(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    data = rows()
    data += [copy.deepcopy(data[1])]
    panel = open_rows(qtbot, window, tmp_path, data)
    (delete,) = fix_buttons(qtbot, panel, "duplicate_example")
    window.document.remove_rows([0])  # rows move (as an edit elsewhere would) before the click
    before = datas(window)
    delete.click()
    assert not panel.detail.isVisible()  # refused at once: its row number now points at another example
    assert panel.fixes.dialog is None
    assert datas(window) == before


def test_an_empty_reply_is_filled_in_place(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    data = rows()
    data[5]["messages"][2]["content"] = ""
    panel = open_rows(qtbot, window, tmp_path, data)
    fix_buttons(qtbot, panel, "empty_assistant_message")
    filler = panel.detail.extra
    assert isinstance(filler, ReplyFiller)
    assert not filler.use_button.isEnabled()
    filler.edit.setPlainText("Answer 5.")
    before = datas(window)
    filler.use_button.click()
    assert datas(window)[5] == rows()[5]
    window.document.undo_stack.undo()
    assert datas(window) == before
