"""The whole flow through the real ``openai`` client over loopback HTTP against the sandbox."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from finetune_desktop.core.accounts.profiles import Profile, ProfileKind
from finetune_desktop.core.api.errors import AuthError, FineTuningRefused, NotFound
from finetune_desktop.core.api.records import EventCursor, Hyperparameters, JobEvent, JobRequest, JobStatus
from finetune_desktop.core.service.service import FineTuningService, connect
from tests.e2e.conftest import BASE_MODEL, FAST, Sandbox


def follow(
    service: FineTuningService, job_id: str, cursor: EventCursor, *, limit: float = 30.0
) -> list[list[JobEvent]]:
    """Poll like the GUI does; return the batches of new events, one list per poll."""
    batches: list[list[JobEvent]] = []
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        job = service.get_job(job_id)
        batches.append(service.new_events(job_id, cursor))
        if job.status.is_terminal:
            batches.append(service.new_events(job_id, cursor))
            return batches
        time.sleep(0.1)
    pytest.fail(f"job {job_id} did not finish in {limit} s")


def test_whole_flow_upload_train_follow_checkpoints_metrics_chat(
    service: FineTuningService, sandbox: Sandbox, datasets: tuple[Path, Path]
) -> None:
    train, valid = datasets
    progress: list[tuple[int, int]] = []
    train_file = service.upload_file(train, progress=lambda d, t: progress.append((d, t)))
    valid_file = service.upload_file(valid)
    assert train_file.bytes == train.stat().st_size
    assert progress[-1] == (train.stat().st_size, train.stat().st_size)
    assert train_file.status in (None, "processed")

    job = service.create_job(
        JobRequest(
            model=BASE_MODEL,
            training_file=train_file.id,
            validation_file=valid_file.id,
            hyperparameters=Hyperparameters(n_epochs=3),
            suffix="crab",
            seed=42,
            metadata={"purpose": "e2e"},
        )
    )
    assert job.status in (JobStatus.VALIDATING_FILES, JobStatus.QUEUED)
    assert job.metadata["purpose"] == "e2e"

    cursor = EventCursor()
    batches = follow(service, job.id, cursor)
    events = [e for batch in batches for e in batch]
    ids = [e.id for e in events]
    assert len(ids) == len(set(ids)), "an event was delivered twice"
    assert sum(1 for b in batches if b) >= 2, "events should arrive over several polls"
    assert batches[-1] == []  # nothing new after the end
    assert [e.created_at for e in events] == sorted(e.created_at for e in events)  # oldest first
    metrics = [e for e in events if e.is_metrics]
    assert metrics
    steps = [int(e.data["step"]) for e in metrics]
    assert steps == sorted(steps)
    assert "train_loss" in metrics[-1].data

    done = service.get_job(job.id)
    assert done.status is JobStatus.SUCCEEDED
    assert done.fine_tuned_model
    assert done.fine_tuned_model.startswith(f"ft:{BASE_MODEL}:")
    assert ":crab:" in done.fine_tuned_model
    assert done.hyperparameters.get("n_epochs") == 3
    assert done.result_files

    checkpoints = service.list_checkpoints(job.id)
    assert 1 <= len(checkpoints) <= 3
    assert [c.step_number for c in checkpoints] == sorted(c.step_number for c in checkpoints)
    assert all(c.model.startswith("ft:") for c in checkpoints)

    rows = service.result_metrics(done)
    assert rows
    assert rows[-1].step == max(steps)
    assert rows[0].train_loss is not None
    assert any(r.valid_loss is not None for r in rows)

    question = [{"role": "user", "content": "Where does crab family number 7 live?"}]
    base = service.chat_once(BASE_MODEL, question)
    tuned = service.chat_once(done.fine_tuned_model, question)
    assert base.text
    assert tuned.text
    assert base.text != tuned.text
    assert "Clawtown pool 7" in tuned.text
    assert tuned.usage is not None
    assert tuned.usage.total_tokens == tuned.usage.prompt_tokens + tuned.usage.completion_tokens
    whole = list(service.chat(done.fine_tuned_model, question, stream=False))
    assert len(whole) == 1
    assert whole[0].text == tuned.text
    assert whole[0].usage is not None
    streamed = list(service.chat(checkpoints[-1].model, question))
    assert len(streamed) >= 2
    assert "".join(c.text for c in streamed)

    models = service.list_models()
    by_id = {m.id: m for m in models}
    assert by_id[BASE_MODEL].shutdown_date is not None
    assert done.fine_tuned_model in {m.id for m in service.fine_tuned_models()}
    assert [j.id for j in service.list_jobs()] == [job.id]


def test_multipart_upload_through_the_uploads_api(
    service: FineTuningService, sandbox: Sandbox, datasets: tuple[Path, Path]
) -> None:
    train, _ = datasets
    service.multipart_threshold = 512
    service.part_size = 700
    seen: list[int] = []
    info = service.upload_file(train, progress=lambda d, t: seen.append(d))
    assert info.bytes == train.stat().st_size
    assert len(sandbox.requests("POST", "/v1/uploads")) == 1
    parts = [r for r in sandbox.control("GET", "/requests")["requests"] if r["path"].endswith("/parts")]
    assert len(parts) == -(-train.stat().st_size // 700)
    assert seen == sorted(seen)
    assert sandbox.count_files() == 1
    job = service.create_job(model=BASE_MODEL, training_file=info.id)
    assert follow(service, job.id, EventCursor())
    assert service.get_job(job.id).status is JobStatus.SUCCEEDED


def test_cancel_pause_resume_and_unknown_ids(
    service: FineTuningService, sandbox: Sandbox, datasets: tuple[Path, Path]
) -> None:
    train, _ = datasets
    file_id = service.upload_file(train).id
    job = service.create_job(
        model=BASE_MODEL, training_file=file_id, hyperparameters=Hyperparameters(n_epochs=50)
    )
    deadline = time.monotonic() + 20
    while service.get_job(job.id).status is not JobStatus.RUNNING:
        assert time.monotonic() < deadline
        time.sleep(0.05)
    paused = service.pause_job(job.id)
    assert paused.status in (JobStatus.PAUSING, JobStatus.PAUSED)
    assert service.get_job(job.id).status in (JobStatus.PAUSING, JobStatus.PAUSED)
    resumed = service.resume_job(job.id)
    assert not resumed.status.is_terminal
    assert resumed.status not in (JobStatus.PAUSED, JobStatus.UNKNOWN)
    cancelled = service.cancel_job(job.id)
    assert cancelled.status in (JobStatus.CANCELLED, JobStatus.CANCELLING)
    assert service.get_job(job.id).status.is_terminal
    with pytest.raises(NotFound) as info:
        service.get_job("ftjob-does-not-exist")
    assert info.value.request_id
    assert info.value.status == 404


def test_revoked_key_and_wind_down_refusal_are_explained(
    sandbox: Sandbox, datasets: tuple[Path, Path]
) -> None:
    profile = Profile(id="e", name="E", kind=ProfileKind.COMPATIBLE, base_url=sandbox.base_url)
    revoked = connect(profile, "sk-test-revoked-e2e", policy=FAST)
    with pytest.raises(AuthError) as auth:
        revoked.list_jobs()
    assert "sk-test-revoked-e2e" not in str(auth.value)
    assert auth.value.request_id

    refused = connect(profile, "sk-test-nofinetune-e2e", policy=FAST)
    file_id = refused.upload_file(datasets[0]).id
    with pytest.raises(FineTuningRefused) as info:
        refused.create_job(model=BASE_MODEL, training_file=file_id)
    text = str(info.value)
    assert "self-serve fine-tuning is being discontinued" in text  # the server's own words
    assert "2027-01-06" in text
    assert "2027-01-14" in text
    assert info.value.status == 403
    assert len(sandbox.requests("POST", "/v1/fine_tuning/jobs")) == 1
    assert sandbox.count_jobs() == 0
    revoked.close()
    refused.close()


def test_dpo_job_with_set_hyperparameters(
    service: FineTuningService, sandbox: Sandbox, tmp_path: Path
) -> None:
    import json

    rows = [
        {
            "input": {"messages": [{"role": "user", "content": f"Say hello to crab {i}."}]},
            "preferred_output": [{"role": "assistant", "content": f"Hello, crab {i}! Lovely shell."}],
            "non_preferred_output": [{"role": "assistant", "content": "Go away."}],
        }
        for i in range(12)
    ]
    path = tmp_path / "prefs.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    file_id = service.upload_file(path).id
    job = service.create_job(
        JobRequest(
            model=BASE_MODEL,
            training_file=file_id,
            method="dpo",
            hyperparameters=Hyperparameters(n_epochs=2, beta=0.2, batch_size=2),
        )
    )
    assert job.method == "dpo"
    assert job.hyperparameters.get("beta") == pytest.approx(0.2)
    follow(service, job.id, EventCursor())
    assert service.get_job(job.id).status is JobStatus.SUCCEEDED
