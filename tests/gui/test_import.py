"""Importing tables through the column-mapping dialog: CSV with a guessed mapping, XLSX mapped by hand."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from pytestqt.qtbot import QtBot

from finetune_desktop.gui.dataset.import_dialog import ImportDialog
from finetune_desktop.gui.main_window import MainWindow
from tests.gui.editor_helpers import window

__all__ = ["window"]


def _open_dialog(qtbot: QtBot, window: MainWindow, path: Path) -> ImportDialog:
    dlg = window.open_import_dialog(path)
    assert isinstance(dlg, ImportDialog)
    with qtbot.waitSignal(dlg.table_loaded, timeout=10_000):
        pass
    return dlg


def test_import_csv_with_guessed_columns(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "chats.csv"
    path.write_text(
        "question,answer\nWhat is a haiku?,A short poem.\n什么是微小说？,很短的小说。\nNo reply here,\n",
        encoding="utf-8",
    )
    dlg = _open_dialog(qtbot, window, path)
    assert dlg.isVisible()
    assert dlg.preview.rowCount() == 3
    assert dlg.preview.item(1, 1).text() == "什么是微小说？"
    assert "need attention" in dlg.status.text()  # the row without a reply is reported
    dlg.system_text.setText("Be brief.")
    assert dlg.preview.item(0, 0).text() == "Be brief."
    with qtbot.waitSignal(dlg.imported, timeout=5000) as blocker:
        dlg.ok_button.click()
    assert blocker.args == [3]
    doc = window.document
    assert [e.data["messages"][1]["content"] for e in doc.examples] == [
        "What is a haiku?",
        "什么是微小说？",
        "No reply here",
    ]
    assert doc.examples[0].data["messages"][0] == {"role": "system", "content": "Be brief."}
    assert any(f.line == 4 for f in doc.load_findings)  # row 4 (no reply) is listed under Findings
    window.undo_action.trigger()  # the import is one undoable step
    assert len(doc) == 0


def test_import_xlsx_mapped_by_hand(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Notes"
    ws.append(["x"])
    data = wb.create_sheet("Data")
    data.append(["Persona", "Q1", "A1", "Q2", "A2"])
    data.append(["You are kind.", "Hi", "Hello!", "你好吗？", "我很好。"])
    data.append(["You are kind.", "Bye", "Goodbye!", None, None])
    wb.save(path)
    dlg = _open_dialog(qtbot, window, path)
    assert [dlg.sheet_box.itemText(i) for i in range(dlg.sheet_box.count())] == ["Notes", "Data"]
    with qtbot.waitSignal(dlg.table_loaded, timeout=10_000):
        dlg.sheet_box.setCurrentText("Data")
    dlg.system_column.setCurrentIndex(1)  # column A: Persona
    dlg.set_turn(0, 1, 2)
    dlg.add_turn_button.click()
    dlg.set_turn(1, 3, 4)
    assert dlg.preview.rowCount() == 2
    assert dlg.preview.item(0, 2).text() == "我很好。"
    with qtbot.waitSignal(dlg.imported, timeout=5000):
        dlg.ok_button.click()
    msgs = [e.data["messages"] for e in window.document.examples]
    assert msgs[0] == [
        {"role": "system", "content": "You are kind."},
        {"role": "user", "content": "Hi"},
        {"role": "assistant", "content": "Hello!"},
        {"role": "user", "content": "你好吗？"},
        {"role": "assistant", "content": "我很好。"},
    ]
    assert len(msgs[1]) == 3
