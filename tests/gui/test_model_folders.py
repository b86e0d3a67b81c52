"""A base model from a folder of the user's: Settings saves it, the app's engine offers it, the new-job
form lists it with its memory fit (read from the folder's config.json and safetensors header)."""

from __future__ import annotations

import json
import struct
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from finetune_desktop import app
from finetune_desktop.core.local_models.catalog import model_path_problem, shape_from_folder
from finetune_desktop.core.local_models.memory import Machine
from finetune_desktop.gui.context import AppContext
from finetune_desktop.gui.dataset.document import DatasetDocument
from finetune_desktop.gui.jobs import model_fit
from finetune_desktop.gui.settings import model_folders_row
from finetune_desktop.gui.settings.engine_row import ENGINE_KEY
from finetune_desktop.gui.settings.model_folders_row import FOLDERS_KEY, ModelFoldersRow, saved_model_folders
from finetune_desktop.gui.tasks import TaskRunner
from tests.gui.jobs_helpers import JobsEnv, chat_rows, env, jobs_server, noting_thread, write_jsonl
from tests.gui.test_jobs_form import _open, _page, document

__all__ = ["document", "env", "jobs_server"]

CONFIG = {
    "hidden_size": 64,
    "num_hidden_layers": 2,
    "intermediate_size": 128,
    "num_attention_heads": 4,
    "num_key_value_heads": 2,
    "vocab_size": 1000,
}


def model_folder(where: Path, name: str = "My-Model") -> Path:
    """config.json and a safetensors file of one 1000 x 64 tensor (a header the shape reader parses)."""
    folder = where / name
    folder.mkdir(parents=True)
    (folder / "config.json").write_text(json.dumps(CONFIG), "utf-8")
    header = json.dumps({"w": {"dtype": "F32", "shape": [1000, 64], "data_offsets": [0, 256_000]}}).encode()
    (folder / "model.safetensors").write_bytes(struct.pack("<Q", len(header)) + header + bytes(256_000))
    return folder


def test_the_shape_of_a_folder_comes_from_its_config_and_safetensors_header(tmp_path: Path) -> None:
    shape = shape_from_folder("my-model", model_folder(tmp_path))
    assert shape is not None
    assert shape.params == 64_000
    assert (shape.hidden, shape.layers, shape.kv_heads, shape.vocab) == (64, 2, 2, 1000)


def test_settings_saves_a_model_folder_and_refuses_what_is_not_a_model(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[bool] = []
    problem = noting_thread(model_path_problem, threads)
    monkeypatch.setattr(model_folders_row, "model_path_problem", problem)
    settings = AppContext.ui_settings()
    settings.remove(FOLDERS_KEY)
    runner = TaskRunner()
    row = ModelFoldersRow(settings, runner)
    qtbot.addWidget(row)
    assert row.list.count() == 0
    with qtbot.waitSignal(row.looked_at) as looked:  # looked at on a worker, not on the UI thread
        row.add_folder(str(tmp_path))
    assert looked.args[1] is not None  # no config.json
    assert "Not added" in row.note.text()
    assert saved_model_folders(settings) == []
    folder = model_folder(tmp_path)
    with qtbot.waitSignal(row.folders_changed):
        row.add_folder(str(folder))
    assert saved_model_folders(AppContext.ui_settings()) == [str(folder)]
    assert row.list.item(0).text().startswith("my-model")
    assert "Restart" in row.note.text()
    row.list.setCurrentRow(0)
    row.remove_button.click()
    assert saved_model_folders(settings) == []
    assert runner.shutdown()
    assert threads
    assert not any(threads)  # every folder was looked at off the UI thread


def test_the_app_offers_the_saved_folders_to_the_local_engine(tmp_path: Path) -> None:
    pytest.importorskip("torch")
    pytest.importorskip("peft")
    settings = AppContext.ui_settings()
    folder = model_folder(tmp_path)
    settings.setValue(FOLDERS_KEY, [str(folder), str(tmp_path / "moved-away")])
    settings.setValue(ENGINE_KEY, "local")
    settings.sync()
    engine = app._chosen_engine()
    try:
        models = engine.base_models()
    finally:
        engine.close()
        settings.remove(FOLDERS_KEY)
        settings.setValue(ENGINE_KEY, "simulated")
    assert models["my-model"]["local"]["source"] == "folder"
    assert models["my-model"]["local"]["parameters"] == 64_000
    assert "moved-away" not in models


def test_the_job_form_lists_a_saved_folder_with_its_fit(
    env: JobsEnv, qtbot: QtBot, document: DatasetDocument, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(model_fit, "machine_memory", lambda: Machine("cpu", 16 << 30, 12 << 30, "RAM"))
    threads: list[bool] = []
    problem = noting_thread(model_path_problem, threads)
    monkeypatch.setattr(model_fit, "model_path_problem", problem)
    settings = AppContext.ui_settings()
    settings.setValue(FOLDERS_KEY, [str(model_folder(tmp_path))])
    settings.sync()
    try:
        _open(qtbot, document, write_jsonl(env.tmp / "crabs.jsonl", chat_rows(12)))
        env.context.sandbox_trains_locally = lambda: True  # the built-in server runs its local engine
        form = _page(env, qtbot, document).open_new_job_form()
    finally:
        settings.remove(FOLDERS_KEY)
    assert form is not None
    # the folder is looked at on a worker (it may sit on a slow or gone network drive), then listed
    qtbot.waitUntil(lambda: form.model_box.findData("my-model") >= 0, timeout=10_000)
    assert threads == [False]
    index = form.model_box.findData("my-model")
    qtbot.waitUntil(lambda: "my-model" in form.fit_marks.fits, timeout=10_000)
    assert form.model_box.itemText(index).startswith("my-model  (fits, ~")
    form.model_box.setCurrentIndex(index)
    assert form.model_info is not None
    assert form.model_info.local
    assert form.request_fields()["model"] == "my-model"
    assert "LoRA training needs about" in form.model_note.text()


def test_a_saved_folder_that_moved_away_is_listed_as_not_usable(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = AppContext.ui_settings()
    gone = tmp_path / "Moved-Away"
    settings.setValue(FOLDERS_KEY, [str(gone)])
    runner = TaskRunner()
    threads: list[bool] = []
    problem = noting_thread(model_path_problem, threads)
    monkeypatch.setattr(model_folders_row, "model_path_problem", problem)
    try:
        row = ModelFoldersRow(settings, runner)
        qtbot.addWidget(row)
    finally:
        settings.remove(FOLDERS_KEY)
    item = row.list.item(0)
    assert item.text() == f"moved-away  —  {gone}"  # listed at once, looked at on a worker
    qtbot.waitUntil(lambda: "not usable" in item.text(), timeout=10_000)
    assert threads == [False]
    assert runner.shutdown()
    assert item.text().startswith(f"moved-away  —  {gone}  (not usable now: not a model folder")
    assert item.text().count(str(gone)) == 1  # the path once; core's full reason is the tooltip
    assert item.toolTip().startswith(f"{gone} is not a model folder")
