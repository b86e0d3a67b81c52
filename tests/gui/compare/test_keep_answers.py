"""Keep a model's answers: fine-tunes listed with their shutdown date and days left, and a recording that
writes a training file the check passes (against the sandbox, with a model trained there)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from finetune_desktop.core.accounts.profiles import Profile, ProfileKind
from finetune_desktop.core.api.records import JobRequest
from finetune_desktop.core.service.service import connect
from finetune_desktop.gui.compare.keep_pane import KeepAnswersPane
from finetune_desktop.gui.compare.model_picker import ModelDirectory
from finetune_desktop.gui.context import AppContext
from finetune_desktop.gui.dataset.document import DatasetDocument
from finetune_desktop.sandbox import SandboxServer
from tests.gui.compare.conftest import MODEL_A


def _train(sandbox: SandboxServer, tmp_path: Path) -> str:
    rows = [
        {
            "messages": [
                {"role": "system", "content": "You are Ferris the crab."},
                {"role": "user", "content": f"Where does crab family {i} live?"},
                {"role": "assistant", "content": f"Crab family {i} lives in pool {i}."},
            ]
        }
        for i in range(12)
    ]
    train = tmp_path / "train.jsonl"
    train.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    profile = Profile(id="t", name="T", kind=ProfileKind.COMPATIBLE, base_url=sandbox.base_url)
    with connect(profile, "sk-test-keep") as service:
        file_id = service.upload_file(train).id
        job = service.create_job(JobRequest(model=MODEL_A, training_file=file_id, suffix="keep"))
        for _ in range(500):
            job = service.get_job(job.id)
            if job.status.is_terminal:
                break
            sandbox.advance(60)
    assert job.fine_tuned_model
    return job.fine_tuned_model


@pytest.fixture
def pane(
    qtbot: QtBot, context: AppContext, directory: ModelDirectory, document: DatasetDocument
) -> KeepAnswersPane:
    widget = KeepAnswersPane(context, directory, document)
    widget.today = dt.date(2026, 12, 1)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    return widget


def test_fine_tunes_show_shutdown_and_recording_writes_a_file_check_passes(
    qtbot: QtBot,
    pane: KeepAnswersPane,
    sandbox: SandboxServer,
    document: DatasetDocument,
    tmp_path: Path,
) -> None:
    model = _train(sandbox, tmp_path)
    with qtbot.waitSignal(
        pane.models_shown, timeout=10000, check_params_cb=lambda: pane.table.rowCount() > 0
    ):
        pane.show()
    names = [pane.table.item(r, 0).text() for r in range(pane.table.rowCount())]
    assert model in names
    row = names.index(model)
    assert pane.table.item(row, 1).text() == MODEL_A
    assert pane.table.item(row, 2).text() == "2027-01-14"
    assert pane.table.item(row, 3).text() == "44 days"
    pane.select_model(model)

    with qtbot.waitSignal(pane.prompts_loaded) as loaded:
        pane.load_prompt_file(tmp_path / "train.jsonl")
    assert loaded.args == [12]
    out = tmp_path / "kept.jsonl"
    with qtbot.waitSignal(pane.checked, timeout=60000) as checked:
        pane.record_to(out)
    report = checked.args[0]
    assert report.errors == []
    assert report.examples == 12
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 12
    assert lines[3]["messages"][-1] == {"role": "assistant", "content": "Crab family 3 lives in pool 3."}
    assert "no errors" in pane.status.text()
