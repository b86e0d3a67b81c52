"""Train/validation split from the dialog: both files written, the same seed gives the same split,
and examples present in both files are warned about."""

from __future__ import annotations

import json
from pathlib import Path

from pytestqt.qtbot import QtBot

from finetune_desktop.gui.dataset.split_dialog import SplitDialog
from finetune_desktop.gui.main_window import MainWindow
from tests.gui.editor_helpers import chat, open_and_wait, sample_rows, window, write_jsonl

__all__ = ["window"]


def _lines(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def _export(qtbot: QtBot, dlg: SplitDialog) -> list[object]:
    with qtbot.waitSignal(dlg.exported, timeout=10_000) as blocker:
        dlg.export_button.click()
    return blocker.args


def test_random_split_exports_both_files(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    open_and_wait(qtbot, window, write_jsonl(tmp_path / "d.jsonl", sample_rows(40)))
    dlg = window.open_split_dialog()
    assert isinstance(dlg, SplitDialog)
    assert dlg.isVisible()
    dlg.percent.setValue(25)
    assert "30 for training, 10 for validation" in dlg.counts.text()
    train, val, overlap = _export(qtbot, dlg)
    assert (train, val) == (str(tmp_path / "d_train.jsonl"), str(tmp_path / "d_validation.jsonl"))
    assert overlap == 0
    t, v = _lines(Path(train)), _lines(Path(val))
    assert len(t) == 30
    assert len(v) == 10
    assert sorted(map(json.dumps, t + v)) == sorted(map(json.dumps, sample_rows(40)))
    first = v
    _export(qtbot, dlg)  # same seed, same split
    assert _lines(Path(val)) == first
    assert "Warning" not in dlg.result_label.text()


def test_overlap_is_warned(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    rows = sample_rows(20) + [chat("same", "same")] * 10  # many copies: some land on both sides
    open_and_wait(qtbot, window, write_jsonl(tmp_path / "d.jsonl", rows))
    dlg = window.open_split_dialog()
    dlg.percent.setValue(30)
    _train, _val, overlap = _export(qtbot, dlg)
    assert overlap > 0
    assert "Warning" in dlg.result_label.text()
    assert "also appear in the training file" in dlg.result_label.text()


def test_manual_split_uses_examples_moved_to_validation(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    open_and_wait(qtbot, window, write_jsonl(tmp_path / "d.jsonl", sample_rows(12)))
    window.dataset_page.select_rows([3, 5])
    window.validation_action.trigger()
    dlg = window.open_split_dialog()
    assert dlg.manual_mode.isEnabled()
    dlg.manual_mode.setChecked(True)
    dlg.train_path.setText(str(tmp_path / "t.jsonl"))
    dlg.val_path.setText(str(tmp_path / "v.jsonl"))
    _export(qtbot, dlg)
    assert _lines(tmp_path / "v.jsonl") == [sample_rows(12)[3], sample_rows(12)[5]]
    assert len(_lines(tmp_path / "t.jsonl")) == 10
