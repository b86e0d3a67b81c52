"""Fine-tuning jobs through the real openai client: lifecycle, events, checkpoints, results, actions."""

from __future__ import annotations

import base64
import csv
import io

import openai
import pytest
from openai import OpenAI

from finetune_desktop.sandbox import SandboxServer
from tests.sandbox.conftest import chat_rows, finish, upload_rows

BASE = "gpt-4o-mini-2024-07-18"


def test_job_runs_to_success_with_events_checkpoints_and_results(
    sandbox: SandboxServer, client: OpenAI
) -> None:
    train = upload_rows(client, chat_rows(12))
    valid = upload_rows(client, chat_rows(10), "valid.jsonl")
    job = client.fine_tuning.jobs.create(
        model=BASE, training_file=train, validation_file=valid, suffix="marv", seed=7
    )
    assert job.status == "validating_files"
    assert job.fine_tuned_model is None

    job = finish(sandbox, client, job.id)

    assert job.status == "succeeded"
    assert job.fine_tuned_model == f"ft:{BASE}:sandbox:marv:{job.fine_tuned_model.split(':')[-1]}"
    assert job.hyperparameters.n_epochs == 8  # 12 examples: min(25, 100 // 12)
    assert job.hyperparameters.batch_size == 1
    assert job.trained_tokens
    assert job.trained_tokens > 0
    assert job.finished_at is not None
    assert job.finished_at >= job.created_at

    events = list(client.fine_tuning.jobs.list_events(job.id, limit=50))  # auto-paginates
    times = [e.created_at for e in events]
    assert times == sorted(times, reverse=True), "events must be newest first"
    messages = [e.message for e in reversed(events)]
    assert messages[0].startswith("Created fine-tuning job")
    assert any(m.startswith("Validating training file") for m in messages)
    assert "Fine-tuning job started" in messages
    assert any(m.startswith("New fine-tuned model created") for m in messages)
    assert messages[-1] == "The job has successfully completed"
    metrics = [e for e in reversed(events) if e.type == "metrics"]
    assert len(metrics) == 96  # ceil(12 / 1) * 8
    first, last = metrics[0].data, metrics[-1].data
    assert first["step"] == 1
    assert last["step"] == last["total_steps"] == 96
    assert {"train_loss", "train_mean_token_accuracy", "valid_loss", "valid_mean_token_accuracy"} <= set(
        first
    )
    assert "full_valid_loss" in metrics[11].data  # the end of epoch 1
    assert "full_valid_loss" not in first
    early = sum(m.data["train_loss"] for m in metrics[:10]) / 10
    late = sum(m.data["train_loss"] for m in metrics[-10:]) / 10
    assert late < early / 2, "the loss should fall"

    ckpts = client.fine_tuning.jobs.checkpoints.list(job.id).data
    assert [c.step_number for c in ckpts] == [96, 84, 72]  # last 3 epochs, newest first
    assert ckpts[0].fine_tuned_model_checkpoint == f"{job.fine_tuned_model}:ckpt-step-96"
    assert ckpts[0].metrics.full_valid_loss is not None

    (result_id,) = job.result_files
    result = client.files.retrieve(result_id)
    assert result.purpose == "fine-tune-results"
    text = base64.b64decode(client.files.content(result_id).read()).decode()
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["step", "train_loss", "train_accuracy", "valid_loss", "valid_mean_token_accuracy"]
    assert len(rows) == 97
    assert rows[1][0] == "1"
    assert rows[1][3] != ""

    models = [m.id for m in client.models.list()]
    assert job.fine_tuned_model in models
    assert client.models.retrieve(job.fine_tuned_model).shutdown_date == "2027-01-14"


def test_loss_curve_is_seeded(sandbox: SandboxServer, client: OpenAI) -> None:
    train = upload_rows(client, chat_rows(12))
    losses = []
    for _ in range(2):
        job = client.fine_tuning.jobs.create(model=BASE, training_file=train, seed=42)
        finish(sandbox, client, job.id)
        events = client.fine_tuning.jobs.list_events(job.id, limit=200).data
        losses.append([e.data["train_loss"] for e in events if e.type == "metrics"])
    assert losses[0] == losses[1]


def test_events_page_with_after_cursor(sandbox: SandboxServer, client: OpenAI) -> None:
    job = client.fine_tuning.jobs.create(model=BASE, training_file=upload_rows(client, chat_rows(12)))
    finish(sandbox, client, job.id)
    everything = client.fine_tuning.jobs.list_events(job.id, limit=1000).data
    page1 = client.fine_tuning.jobs.list_events(job.id, limit=5)
    assert page1.has_more is True
    page2 = page1.get_next_page()
    assert [e.id for e in page1.data + page2.data] == [e.id for e in everything[:10]]


def test_jobs_list_pages_newest_first(sandbox: SandboxServer, client: OpenAI) -> None:
    train = upload_rows(client, chat_rows(12))
    ids = [client.fine_tuning.jobs.create(model=BASE, training_file=train).id for _ in range(5)]
    page = client.fine_tuning.jobs.list(limit=2)
    assert [j.id for j in page.data] == ids[::-1][:2]
    assert page.has_more is True
    assert [j.id for j in client.fine_tuning.jobs.list(limit=2)] == ids[::-1]  # auto-paging
    last = client.fine_tuning.jobs.list(limit=2, after=ids[1])
    assert [j.id for j in last.data] == [ids[0]]
    assert last.has_more is False


def test_jobs_list_filters_by_metadata(sandbox: SandboxServer, client: OpenAI) -> None:
    train = upload_rows(client, chat_rows(12))
    tagged = client.fine_tuning.jobs.create(model=BASE, training_file=train, metadata={"app": "fd"})
    client.fine_tuning.jobs.create(model=BASE, training_file=train)
    found = client.fine_tuning.jobs.list(metadata={"app": "fd"}).data
    assert [j.id for j in found] == [tagged.id]


def test_pause_and_resume(sandbox: SandboxServer, client: OpenAI) -> None:
    job = client.fine_tuning.jobs.create(model=BASE, training_file=upload_rows(client, chat_rows(12)))
    sandbox.advance(60)  # past validation and queue
    assert client.fine_tuning.jobs.retrieve(job.id).status == "running"
    paused = client.fine_tuning.jobs.pause(job.id)
    assert paused.status == "pausing"  # not in the SDK's Literal: arrives as a plain str
    sandbox.advance(10)
    assert client.fine_tuning.jobs.retrieve(job.id).status == "paused"
    steps = len(
        [e for e in client.fine_tuning.jobs.list_events(job.id, limit=500).data if e.type == "metrics"]
    )
    sandbox.advance(600)  # time passes, but a paused job does not train
    after = client.fine_tuning.jobs.list_events(job.id, limit=500).data
    assert len([e for e in after if e.type == "metrics"]) == steps
    assert client.fine_tuning.jobs.resume(job.id).status == "running"
    assert finish(sandbox, client, job.id).status == "succeeded"


def test_cancel(sandbox: SandboxServer, client: OpenAI) -> None:
    job = client.fine_tuning.jobs.create(model=BASE, training_file=upload_rows(client, chat_rows(12)))
    sandbox.advance(60)
    cancelled = client.fine_tuning.jobs.cancel(job.id)
    assert cancelled.status == "cancelled"
    sandbox.advance(10_000)
    job = client.fine_tuning.jobs.retrieve(job.id)
    assert job.status == "cancelled"
    assert job.fine_tuned_model is None
    with pytest.raises(openai.BadRequestError):
        client.fine_tuning.jobs.cancel(job.id)


def test_pause_refused_unless_running(sandbox: SandboxServer, client: OpenAI) -> None:
    job = client.fine_tuning.jobs.create(model=BASE, training_file=upload_rows(client, chat_rows(12)))
    with pytest.raises(openai.BadRequestError, match="only a running job"):
        client.fine_tuning.jobs.pause(job.id)


def test_invalid_training_file_fails_the_job_with_an_error_code(
    sandbox: SandboxServer, client: OpenAI
) -> None:
    rows = chat_rows(12)
    rows[3] = {"messages": [{"role": "user", "content": "no reply here"}]}
    job = client.fine_tuning.jobs.create(model=BASE, training_file=upload_rows(client, rows))
    job = finish(sandbox, client, job.id)
    assert job.status == "failed"
    assert job.error is not None
    assert job.error.code == "invalid_training_file"
    assert job.error.param == "training_file"
    assert "4" in job.error.message  # says where: line / example 4
    events = client.fine_tuning.jobs.list_events(job.id).data
    assert events[0].level == "error"


def test_too_few_examples_fails_the_job(sandbox: SandboxServer, client: OpenAI) -> None:
    job = client.fine_tuning.jobs.create(model=BASE, training_file=upload_rows(client, chat_rows(4)))
    job = finish(sandbox, client, job.id)
    assert job.status == "failed"
    assert job.error is not None
    assert job.error.code == "invalid_n_examples"
    assert "at least 10" in job.error.message


def test_bad_validation_file_fails_with_its_own_code(sandbox: SandboxServer, client: OpenAI) -> None:
    train = upload_rows(client, chat_rows(12))
    valid = client.files.create(file=("v.jsonl", b'{"messages": [}\n'), purpose="fine-tune").id
    job = finish(
        sandbox,
        client,
        client.fine_tuning.jobs.create(model=BASE, training_file=train, validation_file=valid).id,
    )
    assert job.error is not None
    assert (job.error.code, job.error.param) == ("invalid_validation_file", "validation_file")


def test_create_refuses_unknown_models_and_files(sandbox: SandboxServer, client: OpenAI) -> None:
    train = upload_rows(client, chat_rows(12))
    with pytest.raises(openai.BadRequestError) as exc:
        client.fine_tuning.jobs.create(model="gpt-3.5-turbo-0125", training_file=train)
    assert exc.value.code == "model_not_available"
    with pytest.raises(openai.BadRequestError) as exc:
        client.fine_tuning.jobs.create(model=BASE, training_file="file-missing")
    assert exc.value.param == "training_file"
    with pytest.raises(openai.BadRequestError) as exc:
        client.fine_tuning.jobs.create(model=BASE, training_file=train, hyperparameters={"n_epochs": 99})
    assert exc.value.param == "n_epochs"
    with pytest.raises(openai.NotFoundError):
        client.fine_tuning.jobs.retrieve("ftjob-nope")


def test_explicit_hyperparameters_and_dpo(sandbox: SandboxServer, client: OpenAI) -> None:
    pref = [
        {
            "input": {"messages": [{"role": "user", "content": f"Say hi {i}"}]},
            "preferred_output": [{"role": "assistant", "content": f"Hi {i}!"}],
            "non_preferred_output": [{"role": "assistant", "content": "No."}],
        }
        for i in range(10)
    ]
    job = client.fine_tuning.jobs.create(
        model="gpt-4.1-mini-2025-04-14",
        training_file=upload_rows(client, pref),
        method={"type": "dpo", "dpo": {"hyperparameters": {"beta": 0.1, "n_epochs": 2, "batch_size": 5}}},
    )
    job = finish(sandbox, client, job.id)
    assert job.status == "succeeded", job.error
    assert job.method is not None
    assert job.method.type == "dpo"
    metrics = [e for e in client.fine_tuning.jobs.list_events(job.id, limit=100).data if e.type == "metrics"]
    assert len(metrics) == 4  # ceil(10 / 5) * 2


def test_no_finetune_key_gets_403_with_the_wind_down_message(sandbox: SandboxServer) -> None:
    with OpenAI(api_key="sk-test-nofinetune-FAKE", base_url=sandbox.base_url, max_retries=0) as c:
        train = upload_rows(c, chat_rows(12))
        with pytest.raises(
            openai.PermissionDeniedError, match="no longer create new fine-tuning jobs"
        ) as exc:
            c.fine_tuning.jobs.create(model=BASE, training_file=train)
        assert exc.value.request_id
        assert exc.value.request_id.startswith("req_")
        assert c.models.list().data  # everything else still works


def test_auth_missing_and_revoked_keys(sandbox: SandboxServer) -> None:
    with OpenAI(api_key="sk-test-revoked-FAKE", base_url=sandbox.base_url, max_retries=0) as c:
        with pytest.raises(openai.AuthenticationError) as exc:
            c.models.list()
        assert exc.value.code == "invalid_api_key"
        assert "sk-test-revoked" not in str(exc.value)
    import httpx2

    response = httpx2.get(sandbox.base_url + "/models")
    assert response.status_code == 401
    assert response.json()["error"]["message"].startswith("You didn't provide an API key")
    assert response.headers["x-request-id"].startswith("req_")
