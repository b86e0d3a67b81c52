"""Split and export warn before writing files that OpenAI would reject."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from finetune_desktop.gui.dataset.split_dialog import SplitDialog
from finetune_desktop.gui.main_window import MainWindow
from tests.gui.editor_helpers import open_and_wait, sample_rows, window, write_jsonl

__all__ = ["window"]


def open_with_errors(qtbot: QtBot, window: MainWindow, tmp_path: Path, errors: bool) -> None:
    rows = sample_rows(12)
    if errors:
        rows[3]["messages"][1]["weight"] = 2  # an error OpenAI rejects
    open_and_wait(qtbot, window, write_jsonl(tmp_path / "d.jsonl", rows))


def test_export_asks_first_when_the_dataset_has_errors(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    open_with_errors(qtbot, window, tmp_path, errors=True)
    window.ask_export()
    (box,) = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert box.text().startswith("This dataset has 1 error that OpenAI would reject")
    assert not [d for d in window.findChildren(QFileDialog) if d.isVisible()]  # nothing asked yet
    (anyway,) = [b for b in box.buttons() if b.text() == "Export anyway"]
    anyway.click()
    assert [d for d in window.findChildren(QFileDialog) if d.isVisible()]


def test_export_without_errors_goes_straight_to_the_file(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    open_with_errors(qtbot, window, tmp_path, errors=False)
    window.ask_export()
    assert not [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    dialogs = [d for d in window.findChildren(QFileDialog) if d.isVisible()]
    assert dialogs
    dialogs[0].reject()


def test_split_dialog_warns_about_errors(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    open_with_errors(qtbot, window, tmp_path, errors=True)
    dialog = window.open_split_dialog()
    assert isinstance(dialog, SplitDialog)
    assert dialog.errors_label.isVisible()
    assert "1 error" in dialog.errors_label.text()
    dialog.reject()
