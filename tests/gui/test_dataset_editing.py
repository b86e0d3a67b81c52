"""The dataset screen driven through its real widgets: bad lines, edits with undo, bulk actions, search."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot

from finetune_desktop.gui.dataset.findings_model import SecondaryRole
from finetune_desktop.gui.dataset.table_model import COL_ASSISTANT, COL_NUMBER, COL_TAGS, COL_USER
from finetune_desktop.gui.main_window import MainWindow
from tests.gui.editor_helpers import chat, open_and_wait, sample_rows, window, write_jsonl

__all__ = ["window"]


def _visible_users(window: MainWindow) -> list[str]:
    m = window.dataset_page.filter_model
    return [m.data(m.index(r, COL_USER)) for r in range(m.rowCount())]


def test_open_file_with_bad_lines_lists_each_with_line_number(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    path = write_jsonl(
        tmp_path / "bad.jsonl", sample_rows(12), bad={3: '{"messages": [ broken', 8: "[1, 2, 3]"}
    )
    open_and_wait(qtbot, window, path)
    doc = window.document
    assert len(doc) == 12  # every good line loaded
    panel = window.dataset_page.validation
    window.dataset_page.tabs.setCurrentWidget(panel)  # hidden panels refresh when shown
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0, timeout=5000)
    shown = []  # (plain words, technical location) of every finding row
    for g in range(panel.model.rowCount()):
        group = panel.model.index(g, 0)
        for r in range(panel.model.rowCount(group)):
            index = panel.model.index(r, 0, group)
            shown.append((panel.model.data(index), panel.model.data(index, SecondaryRole)))
    bad_lines = [(s, where) for s, where in shown if re.match(r"line [38]\b", where)]
    assert len(bad_lines) == 2, shown
    assert [where for _s, where in bad_lines] == ["line 3, column 16", "line 8, column 1"]
    assert not any(re.match(r"line \d", s, re.IGNORECASE) for s, _w in bad_lines)  # no "line 3: Line 3, ..."
    assert "could not be read" in panel.summary.text()
    # the unreadable lines are kept next to the file when saving, never dropped silently
    with qtbot.waitSignal(doc.saved, timeout=10_000):
        doc.save(tmp_path / "fixed.jsonl")
    side = (tmp_path / "fixed.unreadable-lines.txt").read_text(encoding="utf-8")
    assert "broken" in side
    assert "[1, 2, 3]" in side


def test_edit_undo_redo_through_message_cards(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    open_and_wait(qtbot, window, write_jsonl(tmp_path / "d.jsonl", sample_rows(12)))
    page = window.dataset_page
    page.select_rows([2])
    editor = page.editor
    assert len(editor.cards) == 2
    field = editor.cards[1].text_edit
    assert field is not None
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "A new reply")
    ex = window.document.examples[2]
    assert ex.data["messages"][1]["content"] == "A new reply"
    assert ex.raw is None  # will be re-serialised on save
    assert window.isWindowModified()
    window.undo_action.trigger()  # typing in one field is one undo step
    assert ex.data["messages"][1]["content"] == "Lighthouse 2 blinked twice."
    assert editor.cards[1].text_edit.toPlainText() == "Lighthouse 2 blinked twice."
    assert not window.document.dirty
    window.redo_action.trigger()
    assert window.document.examples[2].data["messages"][1]["content"] == "A new reply"
    # structure edits: add a message, change role, weight toggle, remove
    editor.add_turn()
    assert [m["role"] for m in window.document.examples[2].data["messages"]] == ["user", "assistant", "user"]
    editor.cards[2].role_box.setCurrentIndex(editor.cards[2].role_box.findData("assistant"))
    editor.cards[2].weight_box.setChecked(False)
    assert window.document.examples[2].data["messages"][2] == {
        "role": "assistant",
        "content": "",
        "weight": 0,
    }
    editor.cards[2].remove_button.click()
    assert len(window.document.examples[2].data["messages"]) == 2
    for _ in range(4):
        window.undo_action.trigger()
    assert len(window.document.examples[2].data["messages"]) == 2
    assert window.document.examples[2].data["messages"][1]["content"] == "A new reply"
    # the table row follows the data
    m = page.table_model
    assert m.data(m.index(2, COL_ASSISTANT)) == "A new reply"


def test_bulk_set_system_message_and_undo(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    rows = sample_rows(12)
    rows[4] = chat("q", "a", system="old system")
    open_and_wait(qtbot, window, write_jsonl(tmp_path / "d.jsonl", rows))
    page = window.dataset_page
    page.select_rows([1, 4, 7])
    assert page.selected_rows() == [1, 4, 7]
    dlg = page.ask_system_message()
    assert isinstance(dlg, QInputDialog)
    assert dlg.isVisible()
    dlg.setTextValue("You write micro-fiction.")
    dlg.accept()
    doc = window.document
    for r in (1, 4, 7):
        msgs = doc.examples[r].data["messages"]
        assert msgs[0] == {"role": "system", "content": "You write micro-fiction."}
        assert sum(1 for x in msgs if x["role"] == "system") == 1  # replaced, not added twice
    assert doc.examples[0].data["messages"][0]["role"] == "user"
    window.undo_action.trigger()
    assert doc.examples[4].data["messages"][0]["content"] == "old system"
    assert doc.examples[1].data["messages"][0]["role"] == "user"
    assert not doc.dirty


def test_bulk_delete_duplicate_tag_and_undo(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    open_and_wait(qtbot, window, write_jsonl(tmp_path / "d.jsonl", sample_rows(12)))
    page, doc = window.dataset_page, window.document
    page.select_rows([0, 1])
    page.duplicate_selected()
    assert len(doc) == 14
    page.select_rows([5, 6, 7])
    window.delete_action.trigger()
    assert len(doc) == 11
    page.select_rows([0])
    page.move_to_validation()
    assert "validation" in doc.examples[0].tags
    for _ in range(3):
        window.undo_action.trigger()
    assert len(doc) == 12
    assert not doc.examples[0].tags
    assert not doc.dirty


def test_search_filters_rows(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    open_and_wait(qtbot, window, write_jsonl(tmp_path / "d.jsonl", sample_rows(12)))
    page = window.dataset_page
    with qtbot.waitSignal(page.filter_model.filtering_finished, timeout=5000):
        page.search.setText("屋顶")  # (QTest cannot type non-ASCII keys)
    assert len(_visible_users(window)) == 6
    assert all("猫" in u for u in _visible_users(window))
    assert page.match_label.text() == "6 matches"  # English plural, not "match(es)"
    page.search.clear()
    # typed key by key; searching reaches all message text, replies included, case-insensitive
    qtbot.keyClicks(page.search, "BLINKED twice")
    qtbot.waitUntil(lambda: not page.filter_model.filtering, timeout=5000)
    assert len(_visible_users(window)) == 6
    with qtbot.waitSignal(page.filter_model.filtering_finished, timeout=5000):
        page.search.setText("no such words")
    assert page.list_stack.currentWidget() is page.empty_hint
    assert "no such words" in page.empty_hint.text()
    with qtbot.waitSignal(page.filter_model.filtering_finished, timeout=5000):
        page.search.clear()
    assert len(_visible_users(window)) == 12
    assert page.list_stack.currentWidget() is page.view


def test_finding_click_selects_example_and_focuses_field(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    rows = sample_rows(12)
    rows[6] = {"messages": [{"role": "user", "content": "hello"}, {"role": "assistant", "content": ""}]}
    open_and_wait(qtbot, window, write_jsonl(tmp_path / "d.jsonl", rows))
    findings = [f for f in window.document.all_findings() if f.example == 6 and f.path]
    assert findings, window.document.all_findings()
    window.dataset_page.go_to_finding(findings[0])
    assert window.dataset_page.selected_rows() == [6]
    editor = window.dataset_page.editor
    field = editor.cards[1].text_edit
    assert field is not None
    # (offscreen windows are never active, so ask the window which child holds its focus)
    qtbot.waitUntil(lambda: window.focusWidget() is field, timeout=3000)
    assert editor.cards[1].findings_label.isVisibleTo(editor)
    assert "empty" in editor.cards[1].findings_label.text()


def test_next_previous_and_new_example_shortcuts(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    open_and_wait(qtbot, window, write_jsonl(tmp_path / "d.jsonl", sample_rows(12)))
    page = window.dataset_page
    page.select_rows([0])
    window.next_action.trigger()
    window.next_action.trigger()
    assert page.selected_rows() == [2]
    window.prev_action.trigger()
    assert page.selected_rows() == [1]
    window.new_example_action.trigger()
    assert page.selected_rows() == [2]
    assert len(window.document) == 13
    assert page.editor.cards[0].text_edit is not None
    assert page.view.horizontalHeader().sortIndicatorOrder() in (
        Qt.SortOrder.AscendingOrder,
        Qt.SortOrder.DescendingOrder,
    )


def test_cost_panel_prices_the_counted_tokens(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    open_and_wait(qtbot, window, write_jsonl(tmp_path / "d.jsonl", sample_rows(12)))
    page = window.dataset_page
    cost = page.cost
    page.tabs.setCurrentWidget(cost)
    # 100 // 12 examples: OpenAI's automatic rule
    qtbot.waitUntil(lambda: cost.epochs.value() == 8, timeout=5000)
    model = cost.current_model()
    assert model.shutdown_date
    assert model.shutdown_date in cost.model_info.text()
    billed = sum(t.billed for t in window.document.all_tokens())
    assert cost.billed.text().replace(",", "").lstrip("≈") == str(billed)
    assert "CNY" in cost.cost.text() or cost.currency.text() in cost.cost.text()
    auto_text = cost.cost.text()
    cost.auto_epochs.setChecked(False)
    cost.epochs.setValue(1)
    assert cost.cost.text() != auto_text
    assert cost.histogram.counts
    assert sum(cost.histogram.counts) == 12


def test_tags_show_on_the_row_and_are_searchable(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    open_and_wait(qtbot, window, write_jsonl(tmp_path / "d.jsonl", sample_rows(12)))
    page = window.dataset_page
    page.select_rows([2, 5])
    page.move_to_validation()  # "To validation" marks the rows
    page.select_rows([5])
    page.add_tag("checked")
    m = page.filter_model
    assert [m.data(m.index(r, COL_TAGS)) for r in range(6)] == [
        "",
        "",
        "validation",
        "",
        "",
        "checked, validation",
    ]
    with qtbot.waitSignal(m.filtering_finished, timeout=5000):
        page.search.setText("Validation")
    assert [m.data(m.index(r, COL_NUMBER)) for r in range(m.rowCount())] == ["3", "6"]
    with qtbot.waitSignal(m.filtering_finished, timeout=5000):
        page.search.setText("checked")
    assert [m.data(m.index(r, COL_NUMBER)) for r in range(m.rowCount())] == ["6"]
    window.document.undo_stack.undo()
    assert m.data(m.index(0, COL_TAGS)) == "validation"
