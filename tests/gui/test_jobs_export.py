"""The Jobs screen's "Export…" for a job of the local engine, offscreen, against a real local server over
loopback: the dialog writes the adapter (and, chosen, the merged model) through the task runner, shows
the folder and the next steps, and refuses a folder that is not empty in plain words."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from tests.sandbox.local.conftest import FAST_LR, TINY, need_local_packages, sample_rows

need_local_packages()

from finetune_desktop.core.accounts.profiles import SANDBOX_PROFILE_ID, Profile, ProfileKind  # noqa: E402
from finetune_desktop.core.api.records import Hyperparameters, JobRequest  # noqa: E402
from finetune_desktop.core.service.retry import RetryPolicy  # noqa: E402
from finetune_desktop.core.service.service import connect  # noqa: E402
from finetune_desktop.gui.context import AppContext  # noqa: E402
from finetune_desktop.gui.jobs.export import ExportDialog, is_local_model  # noqa: E402
from finetune_desktop.gui.jobs.monitor import JobMonitor  # noqa: E402
from finetune_desktop.gui.jobs.page import JobsPage  # noqa: E402
from finetune_desktop.sandbox import SandboxServer  # noqa: E402
from tests.sandbox.local.conftest import local_server  # noqa: E402
from tests.sandbox.local.tiny_model import build_tiny_model  # noqa: E402


@pytest.fixture(scope="module")
def trained_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[SandboxServer, str]]:
    texts = [m["content"] for row in sample_rows() for m in row["messages"]]
    model = build_tiny_model(tmp_path_factory.mktemp("models") / TINY, texts)
    with local_server(model, tmp_path_factory.mktemp("export-gui-state")) as server:
        profile = Profile(id="t", name="t", kind=ProfileKind.COMPATIBLE, base_url=server.base_url)
        with connect(profile, None, policy=RetryPolicy(max_retries=0)) as service:
            train = tmp_path_factory.mktemp("data") / "train.jsonl"
            train.write_text("".join(json.dumps(r) + "\n" for r in sample_rows()), "utf-8")
            file_id = service.upload_file(train).id
            request = JobRequest(
                model=TINY,
                training_file=file_id,
                suffix="fiction",
                seed=3,
                hyperparameters=Hyperparameters(n_epochs=1, batch_size=4, learning_rate_multiplier=FAST_LR),
            )
            job_id = service.create_job(request).id
        yield server, job_id


@pytest.fixture
def page(trained_server: tuple[SandboxServer, str], qtbot: QtBot) -> Iterator[JobsPage]:
    server, _ = trained_server
    context = AppContext(sandbox_url=lambda: server.base_url)
    assert context.active_id == SANDBOX_PROFILE_ID
    monitor = JobMonitor(context, interval=0.1, list_interval=0.5, tick_ms=20)
    jobs = JobsPage(context, monitor=monitor)
    monitor.setParent(jobs)
    qtbot.addWidget(jobs)
    jobs.resize(1200, 800)
    jobs.show()
    yield jobs
    if jobs.export_dialog is not None:
        jobs.export_dialog.close()
    assert context.runner.shutdown(20_000)


def _open_export(qtbot: QtBot, page: JobsPage, job_id: str) -> ExportDialog:
    qtbot.waitUntil(lambda: page.model.row_of(job_id) is not None, timeout=20_000)
    page.select_jobs([job_id])

    def succeeded() -> bool:
        job = page.detail.job
        return job is not None and job.id == job_id and bool(job.fine_tuned_model)

    qtbot.waitUntil(succeeded, timeout=120_000)
    qtbot.waitUntil(lambda: page.detail.checkpoints.rowCount() > 0, timeout=20_000)
    assert page.detail.export_button.isVisible()
    page.detail.export_button.click()
    dialog = page.export_dialog
    assert dialog is not None
    return dialog


def test_export_writes_the_adapter_and_shows_the_next_steps(
    page: JobsPage, trained_server: tuple[SandboxServer, str], qtbot: QtBot, tmp_path: Path
) -> None:
    _, job_id = trained_server
    dialog = _open_export(qtbot, page, job_id)
    assert page.detail.job is not None
    model = page.detail.job.fine_tuned_model
    assert dialog.model.currentText() == model
    assert dialog.model.count() == 2  # the model and its one checkpoint
    out = tmp_path / "fiction-adapter"
    dialog.folder.setText(str(out))
    dialog.adapter_kind.setChecked(True)

    dialog.export_button.click()

    assert not dialog.export_button.isEnabled()  # running: one export at a time
    qtbot.waitUntil(lambda: dialog.result_view.isVisible(), timeout=60_000)
    assert sorted(p.name for p in out.iterdir()) == ["adapter_config.json", "adapter_model.safetensors"]
    text = dialog.result_view.toPlainText()
    assert f"Folder: {out}" in text
    assert f"python convert_lora_to_gguf.py {out} --base " in text
    assert "llama-cli -m base.gguf --lora adapter.gguf" in text
    assert f"ADAPTER {out}" in text
    assert "ollama create fiction -f Modelfile" in text
    assert str(out) in dialog.status.text()
    qtbot.waitUntil(dialog.export_button.isEnabled)  # the task has ended

    # the same folder again: now it is not empty, and the dialog says so
    dialog.export_button.click()
    qtbot.waitUntil(lambda: "not empty" in dialog.status.text(), timeout=30_000)
    qtbot.waitUntil(dialog.export_button.isEnabled)
    assert sorted(p.name for p in out.iterdir()) == ["adapter_config.json", "adapter_model.safetensors"]


def test_export_of_the_merged_model_names_llama_cpp_and_ollama_steps(
    page: JobsPage,
    trained_server: tuple[SandboxServer, str],
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, job_id = trained_server
    dialog = _open_export(qtbot, page, job_id)
    assert dialog.merged_kind.isChecked()  # the default: what llama.cpp and Ollama users need
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_a: str(tmp_path))
    dialog.choose.click()  # the user picks where: the folder is named after the model and the kind
    out = tmp_path / "fiction-merged"
    assert dialog.folder.text() == str(out)

    dialog.export_button.click()

    qtbot.waitUntil(lambda: dialog.result_view.isVisible(), timeout=120_000)
    assert (out / "model.safetensors").is_file()
    text = dialog.result_view.toPlainText()
    assert f"python convert_hf_to_gguf.py {out} --outfile model.gguf" in text
    assert "llama-cli -m model.gguf" in text
    assert "FROM ./model.gguf" in text
    assert "ollama create fiction -f Modelfile" in text
    qtbot.waitUntil(dialog.export_button.isEnabled)


def test_only_local_models_offer_export() -> None:
    assert is_local_model("ft:tiny-llama:local:fiction:ftjob-abc")
    assert is_local_model("ft:tiny-llama:local:fiction:ftjob-abc:ckpt-step-6")
    assert not is_local_model("ft:gpt-4o-mini-2024-07-18:sandbox:fiction:ftjob-abc")
    assert not is_local_model("ft:gpt-4o-mini-2024-07-18:acme::abc")
    assert not is_local_model(None)
