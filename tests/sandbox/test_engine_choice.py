"""Picking an engine: ``make_engine``, ``finetune-desktop sandbox --engine``, and what a local server offers.

None of this needs torch: the local engine only imports it to train or answer.
"""

from __future__ import annotations

from pathlib import Path

import openai
import pytest
from openai import OpenAI

from finetune_desktop.cli import main as cli_main
from finetune_desktop.sandbox import SandboxServer
from finetune_desktop.sandbox.engines import EngineUnavailable, make_engine
from finetune_desktop.sandbox.engines.local import LocalEngine
from finetune_desktop.sandbox.engines.simulated import SimulatedEngine
from tests.sandbox.conftest import FAKE_KEY, chat_rows, upload_rows


def _model_folder(tmp_path: Path, name: str = "my-model") -> Path:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "config.json").write_text("{}")
    return folder


def test_engines_by_name() -> None:
    assert isinstance(make_engine("simulated"), SimulatedEngine)
    with pytest.raises(ValueError, match="simulated, local"):
        make_engine("quantum")


def test_the_local_engine_says_what_to_install_when_its_packages_are_missing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("finetune_desktop.sandbox.engines.local.missing_packages", lambda: ["torch", "peft"])
    with pytest.raises(EngineUnavailable, match=r'pip install "finetune-desktop\[local\]"'):
        make_engine("local")
    assert cli_main(["sandbox", "--engine", "local"]) == 2
    err = capsys.readouterr().err
    assert "torch, peft" in err
    assert 'pip install "finetune-desktop[local]"' in err


def test_cli_refuses_a_local_model_that_is_not_a_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("finetune_desktop.sandbox.engines.local.missing_packages", list)
    assert cli_main(["sandbox", "--engine", "local", "--local-model", str(tmp_path)]) == 2
    assert "config.json" in capsys.readouterr().err
    assert cli_main(["sandbox", "--local-model", str(tmp_path)]) == 2
    assert "--engine local" in capsys.readouterr().err


def test_a_local_server_offers_its_own_models_only(tmp_path: Path) -> None:
    folder = _model_folder(tmp_path)
    with (
        SandboxServer(engine=LocalEngine([folder])) as server,
        OpenAI(api_key=FAKE_KEY, base_url=server.base_url, max_retries=0) as client,
    ):
        ids = [m.id for m in client.models.list()]
        with pytest.raises(openai.BadRequestError) as refused:
            client.fine_tuning.jobs.create(
                model="gpt-4o-mini-2024-07-18", training_file=upload_rows(client, chat_rows(12))
            )
    assert "my-model" in ids
    assert not [m for m in ids if m.startswith("gpt-")]
    assert "my-model" in str(refused.value)


def test_a_run_that_cannot_start_fails_its_job_with_a_reason(tmp_path: Path) -> None:
    folder = _model_folder(tmp_path)
    state = tmp_path / "state"
    state.mkdir()
    (state / "engine").write_text("not a folder")  # where the run would keep its files
    with (
        SandboxServer(engine=LocalEngine([folder]), state_dir=state) as server,
        OpenAI(api_key=FAKE_KEY, base_url=server.base_url, max_retries=0) as client,
    ):
        job = client.fine_tuning.jobs.create(
            model="my-model", training_file=upload_rows(client, chat_rows(12))
        )
        job = client.fine_tuning.jobs.retrieve(job.id)
    assert job.status == "failed"
    assert job.error is not None
    assert job.error.code == "internal_error"
    assert "could not start" in job.error.message
