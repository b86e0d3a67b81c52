"""The local engine through the real server API and the real openai client, end to end.

A job made from the app's own sample JSONL trains the tiny model for real in a child process: the loss
falls, checkpoints appear, the result and a checkpoint answer chat (plain and streamed), and a job can be
cancelled, paused and resumed, and carried on by a restarted server.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openai import OpenAI

from finetune_desktop.sandbox import SandboxServer
from tests.sandbox.local.conftest import (
    FAST_LR,
    TINY,
    ended,
    local_server,
    metric_events,
    need_local_packages,
    sample_rows,
    upload_sample,
    wait_for,
)

need_local_packages()

ASK = [{"role": "user", "content": "A story about a lighthouse keeper who receives a letter."}]


def _create(
    client: OpenAI, *, epochs: int, batch: int = 4, validation: bool = False, suffix: str = "t"
) -> str:
    valid = upload_sample(client, sample_rows()[:4], "valid.jsonl") if validation else None
    job = client.fine_tuning.jobs.create(
        model=TINY,
        training_file=upload_sample(client),
        validation_file=valid,
        suffix=suffix,
        seed=3,
        hyperparameters={"n_epochs": epochs, "batch_size": batch, "learning_rate_multiplier": FAST_LR},
    )
    return job.id


@pytest.mark.slow
def test_a_job_trains_for_real_then_its_model_and_checkpoints_answer(client: OpenAI) -> None:
    assert TINY in [m.id for m in client.models.list()]
    before = client.chat.completions.create(model=TINY, messages=ASK, max_tokens=12)
    job_id = _create(client, epochs=4, validation=True, suffix="fiction")

    job = wait_for(client, job_id, ended)

    assert job.status == "succeeded", job.error
    assert job.fine_tuned_model.startswith(f"ft:{TINY}:local:fiction:")
    assert job.trained_tokens > 0
    steps = metric_events(client, job_id)
    assert [m["step"] for m in steps] == list(range(1, 25))  # 24 examples / 4 per step x 4 epochs
    assert {"train_loss", "train_mean_token_accuracy", "valid_loss", "valid_mean_token_accuracy"} <= set(
        steps[0]
    )
    assert "full_valid_loss" in steps[5]
    assert "full_valid_loss" not in steps[0]
    first = sum(m["train_loss"] for m in steps[:3]) / 3
    last = sum(m["train_loss"] for m in steps[-3:]) / 3
    assert last < first * 0.8, (first, last)
    assert steps[-1]["full_valid_loss"] < steps[5]["full_valid_loss"]

    ckpts = client.fine_tuning.jobs.checkpoints.list(job_id).data
    assert [c.step_number for c in ckpts] == [24, 18, 12]  # one per epoch, the last three kept
    assert ckpts[0].fine_tuned_model_checkpoint == f"{job.fine_tuned_model}:ckpt-step-24"
    assert ckpts[0].metrics.full_valid_loss is not None
    assert job.fine_tuned_model in [m.id for m in client.models.list()]

    for model in (job.fine_tuned_model, ckpts[-1].fine_tuned_model_checkpoint):
        plain = client.chat.completions.create(model=model, messages=ASK, max_tokens=12)
        assert plain.usage is not None
        assert plain.usage.completion_tokens > 0
        stream = client.chat.completions.create(model=model, messages=ASK, max_tokens=12, stream=True)
        streamed = "".join(c.choices[0].delta.content or "" for c in stream if c.choices)
        assert streamed == plain.choices[0].message.content  # greedy: the same answer both ways
    after = client.chat.completions.create(model=job.fine_tuned_model, messages=ASK, max_tokens=12)
    assert after.choices[0].message.content != before.choices[0].message.content


@pytest.mark.slow
def test_cancel_stops_the_training_process(server: SandboxServer, client: OpenAI) -> None:
    job_id = _create(client, epochs=50, batch=1)
    wait_for(client, job_id, lambda j: bool(metric_events(client, j.id)))

    client.fine_tuning.jobs.cancel(job_id)

    job = client.fine_tuning.jobs.retrieve(job_id)
    assert job.status == "cancelled"
    assert server.context is not None
    run = server.context.jobs.engine._runs[job_id]  # type: ignore[attr-defined]
    assert run._proc.poll() is not None  # the child is gone, not just forgotten
    done = len(metric_events(client, job_id))
    assert done < 50 * 24
    assert len(metric_events(client, job_id)) == done


@pytest.mark.slow
def test_pause_writes_a_checkpoint_and_resume_carries_on(server: SandboxServer, client: OpenAI) -> None:
    job_id = _create(client, epochs=3, batch=2)
    wait_for(client, job_id, lambda j: bool(metric_events(client, j.id)))

    client.fine_tuning.jobs.pause(job_id)
    paused = wait_for(client, job_id, lambda j: j.status == "paused")
    assert server.state_dir is not None
    saved = json.loads((server.state_dir / "engine" / job_id / "pause-state" / "resume.json").read_text())
    at_pause = len(metric_events(client, job_id))
    assert saved["step"] == at_pause < 36
    assert paused.status == "paused"

    client.fine_tuning.jobs.resume(job_id)
    job = wait_for(client, job_id, ended)

    assert job.status == "succeeded", job.error
    assert [m["step"] for m in metric_events(client, job_id)] == list(range(1, 37))
    log = (server.state_dir / "engine" / job_id / "progress.jsonl").read_text().splitlines()
    loads = [json.loads(line) for line in log if '"loaded"' in line]
    assert [x["resumed_from"] for x in loads] == [0, at_pause]


@pytest.mark.slow
def test_a_restarted_server_carries_a_running_job_on(tiny_model: Path, tmp_path: Path) -> None:
    state = tmp_path / "state"
    with (
        local_server(tiny_model, state) as first,
        OpenAI(api_key="sk-test-local", base_url=first.base_url, max_retries=0) as client,
    ):
        job_id = _create(client, epochs=12, batch=4)
        wait_for(client, job_id, lambda j: bool(client.fine_tuning.jobs.checkpoints.list(j.id).data))
    # the first server is gone, and its training process with it
    with (
        local_server(tiny_model, state) as second,
        OpenAI(api_key="sk-test-local", base_url=second.base_url, max_retries=0) as client,
    ):
        job = wait_for(client, job_id, ended)
        steps = [m["step"] for m in metric_events(client, job_id)]
    assert job.status == "succeeded", job.error
    assert steps == list(range(1, 73))
    log = (state / "engine" / job_id / "progress.jsonl").read_text().splitlines()
    resumed = [json.loads(line)["resumed_from"] for line in log if '"loaded"' in line]
    assert len(resumed) == 2
    assert resumed[1] >= 6
