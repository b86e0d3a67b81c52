"""Base models from the Hugging Face hub, downloaded by a job through a fake hub on 127.0.0.1.

The fake hub (``fake_hub.py``) serves a tiny randomly initialised model built in the test (its weights
file is ~30 MB, so a download takes a few reports); ``HF_ENDPOINT`` points the training child at it and
the cache is the test's own folder. Nothing reaches the real network.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openai
import pytest
from openai import OpenAI

from finetune_desktop.sandbox import SandboxServer
from finetune_desktop.sandbox.engines.local import LocalEngine
from finetune_desktop.sandbox.engines.local.models import LocalModel
from tests.sandbox.local.conftest import ended, need_local_packages, sample_rows, upload_sample, wait_for
from tests.sandbox.local.fake_hub import FakeHub
from tests.sandbox.local.tiny_model import build_tiny_model

need_local_packages()

REPO = "test-org/tiny-hub"
WEIGHTS = "model.safetensors"
ASK = [{"role": "user", "content": "A story about a lighthouse keeper."}]


@pytest.fixture(scope="module")
def hub_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    texts = [m["content"] for row in sample_rows() for m in row["messages"]]
    return build_tiny_model(tmp_path_factory.mktemp("hub") / "tiny-hub", texts, vocab_size=120_000)


@pytest.fixture
def hub(hub_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeHub]:
    import huggingface_hub.constants

    fake = FakeHub({REPO: hub_folder})
    cache = tmp_path / "hf-cache"
    monkeypatch.setenv("HF_ENDPOINT", fake.endpoint)
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf-home"))
    monkeypatch.setenv("HF_HUB_CACHE", str(cache))
    monkeypatch.setenv("HF_HUB_DISABLE_TELEMETRY", "1")
    for name in ("HF_TOKEN", "HF_HUB_OFFLINE", "HUGGINGFACE_HUB_CACHE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_CACHE", str(cache))  # this process's look-ups
    yield fake
    fake.close()


@pytest.fixture
def server(hub: FakeHub, tmp_path: Path) -> Iterator[SandboxServer]:
    models = [LocalModel("tiny-hub", None, repo=REPO), LocalModel("ghost", None, repo="test-org/ghost")]
    engine = LocalEngine(models, options={"threads": 1, "hub": False})
    with SandboxServer(state_dir=tmp_path / "state", engine=engine) as srv:
        yield srv


@pytest.fixture
def client(server: SandboxServer) -> Iterator[OpenAI]:
    with OpenAI(api_key="sk-test-local", base_url=server.base_url, max_retries=0, timeout=60) as c:
        yield c


def _job(client: OpenAI, model: str = "tiny-hub", epochs: int = 1) -> str:
    return client.fine_tuning.jobs.create(
        model=model,
        training_file=upload_sample(client, sample_rows()[:10]),
        seed=1,
        hyperparameters={"n_epochs": epochs, "batch_size": 5},
    ).id


def _download_events(client: OpenAI, job_id: str) -> list[tuple[str, dict[str, Any]]]:
    events = reversed(list(client.fine_tuning.jobs.list_events(job_id, limit=1000)))
    return [(e.message, dict(e.data or {})) for e in events if (e.data or {}).get("phase") == "download"]


def _wait_event(client: OpenAI, job_id: str, want: Any) -> None:
    end = time.monotonic() + 120
    while time.monotonic() < end:
        client.fine_tuning.jobs.retrieve(job_id)
        if any(want(data) for _, data in _download_events(client, job_id)):
            return
        time.sleep(0.1)
    raise AssertionError("the event never came")


def _local(client: OpenAI, model_id: str) -> dict[str, Any]:
    return dict(client.models.retrieve(model_id).model_extra["local"])  # type: ignore[index]


@pytest.mark.slow
def test_a_hub_model_is_downloaded_once_with_progress_and_a_dropped_connection_resumes(
    client: OpenAI, hub: FakeHub, hub_folder: Path
) -> None:
    size = (hub_folder / WEIGHTS).stat().st_size
    hub.bytes_per_second = 10e6
    hub.cut_after[WEIGHTS] = 15_000_000  # the first GET of the weights drops after 15 MB
    assert _local(client, "tiny-hub")["downloaded"] is False
    with pytest.raises(openai.NotFoundError, match="not downloaded yet"):
        client.chat.completions.create(model="tiny-hub", messages=ASK, max_tokens=4)

    first = _job(client)
    job = wait_for(client, first, ended)
    assert job.status == "succeeded", job.error
    events = _download_events(client, first)
    partial = [d for _, d in events if 0 < d.get("bytes_done", 0) < d.get("bytes_total", 0)]
    assert partial, events  # progress came while it downloaded
    assert all(d["bytes_total"] >= size for d in partial)
    assert any(d.get("bytes_per_second", 0) > 0 for d in partial)
    assert events[-1][1] == {"phase": "download", "repo": REPO, "done": True, "cached": False}
    gets = hub.gets(WEIGHTS)
    assert [g.range is None for g in gets] == [True, False]  # dropped, then resumed with a Range
    start = int(gets[1].range.removeprefix("bytes=").rstrip("-"))  # type: ignore[union-attr]
    assert 0 < start <= 15_000_000
    assert gets[1].sent == size - start  # only the rest was fetched again
    assert _local(client, "tiny-hub")["downloaded"] is True
    reply = client.chat.completions.create(model="tiny-hub", messages=ASK, max_tokens=4)
    assert reply.usage is not None
    assert reply.usage.completion_tokens > 0  # the downloaded base model answers

    requests = len(hub.log)
    second = _job(client)
    job = wait_for(client, second, ended)
    assert job.status == "succeeded", job.error
    assert len(hub.log) == requests  # the cache had it all: not even a look-up
    messages = _download_events(client, second)
    assert [d.get("cached") for _, d in messages] == [None, True]
    assert "nothing to download" in messages[-1][0]


@pytest.mark.slow
def test_cancel_stops_a_download_and_the_next_job_fetches_only_what_is_missing(
    client: OpenAI, hub: FakeHub, hub_folder: Path
) -> None:
    size = (hub_folder / WEIGHTS).stat().st_size
    hub.bytes_per_second = 4e6
    first = _job(client)
    _wait_event(client, first, lambda d: d.get("bytes_done", 0) >= 10 << 20)
    client.fine_tuning.jobs.cancel(first)
    assert wait_for(client, first, ended).status == "cancelled"
    sent = sum(g.sent for g in hub.gets(WEIGHTS))
    time.sleep(1.5)
    assert sum(g.sent for g in hub.gets(WEIGHTS)) == sent < size  # the download stopped with the job

    hub.bytes_per_second = 0
    second = _job(client)
    job = wait_for(client, second, ended)
    assert job.status == "succeeded", job.error
    # huggingface_hub keeps no partial file across processes (each download writes a file of its own),
    # so the weights come again whole; the files finished before the cancel are not fetched again.
    assert len(hub.gets(WEIGHTS)) == 2
    assert len(hub.gets("config.json")) == 1


@pytest.mark.slow
def test_a_pause_stops_a_download_and_resume_finishes_it(
    client: OpenAI, hub: FakeHub, hub_folder: Path
) -> None:
    size = (hub_folder / WEIGHTS).stat().st_size
    hub.bytes_per_second = 3e6
    job_id = _job(client)
    _wait_event(client, job_id, lambda d: d.get("bytes_done", 0) > 0)
    client.fine_tuning.jobs.pause(job_id)
    wait_for(client, job_id, lambda j: j.status == "paused")
    sent = sum(g.sent for g in hub.gets(WEIGHTS))
    time.sleep(1.0)
    assert sum(g.sent for g in hub.gets(WEIGHTS)) == sent < size  # stopped mid-file, and stays stopped
    hub.bytes_per_second = 0
    client.fine_tuning.jobs.resume(job_id)
    job = wait_for(client, job_id, ended)
    assert job.status == "succeeded", job.error
    assert _download_events(client, job_id)[-1][1]["done"] is True


def test_a_model_the_hub_does_not_have_fails_the_job_in_plain_words(client: OpenAI) -> None:
    job = wait_for(client, _job(client, "ghost"), ended)
    assert job.status == "failed"
    assert job.error.code == "model_not_available"
    assert "test-org/ghost" in job.error.message
    assert "the hub has no such model" in job.error.message


def test_no_network_fails_the_job_in_plain_words(client: OpenAI, monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("HF_ENDPOINT", f"http://127.0.0.1:{port}")
    job = wait_for(client, _job(client), ended)
    assert job.status == "failed"
    assert job.error.code == "model_not_available"
    assert "cannot be reached" in job.error.message


def test_models_list_says_where_each_local_model_comes_from_and_whether_it_fits(client: OpenAI) -> None:
    local = _local(client, "tiny-hub")
    assert local["source"] == "hub"
    assert local["repo"] == REPO
    assert local["memory"] is None  # not a catalog model: its shape is unknown until downloaded
    engine = LocalEngine(options={"hub": True})
    try:
        info = engine.base_models()["qwen2.5-0.5b-instruct"]["local"]
    finally:
        engine.close()
    assert info["repo"] == "Qwen/Qwen2.5-0.5B-Instruct"
    assert info["parameters"] == 494_032_768
    assert info["memory"]["verdict"] in ("fits", "tight", "too_big")
    assert info["memory"]["need_bytes"] > 494_032_768 * 4  # at least the float32 weights


@pytest.mark.slow
def test_two_training_processes_download_once_and_a_failed_download_stops_both(
    hub: FakeHub, tmp_path: Path
) -> None:
    models = [LocalModel("tiny-hub", None, repo=REPO), LocalModel("ghost", None, repo="test-org/ghost")]
    engine = LocalEngine(models, options={"threads": 1, "hub": False, "processes": 2})
    with (
        SandboxServer(state_dir=tmp_path / "state", engine=engine) as srv,
        OpenAI(api_key="sk-test-local", base_url=srv.base_url, max_retries=0, timeout=60) as client,
    ):
        ok = wait_for(client, _job(client), ended)
        assert ok.status == "succeeded", ok.error
        events = [e.message for e in client.fine_tuning.jobs.list_events(ok.id)]
        assert any("training on 2 cpu processes" in m for m in events)
        assert len(hub.gets(WEIGHTS)) == 1  # one download between the two processes
        assert len(hub.gets("config.json")) == 1
        failed = wait_for(client, _job(client, "ghost"), ended)  # not left waiting for the first process
        assert failed.status == "failed"
        assert "the hub has no such model" in failed.error.message
