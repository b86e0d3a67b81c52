"""Data-parallel training through accelerate's launcher, run as two CPU processes (a gloo group).

The same launcher and code path serve several GPUs; here two processes on the CPU stand in for them.
Two processes sharing each step must take, up to float rounding, the steps one process takes on the
whole batch: the adapters they end with are compared weight by weight.
"""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path
from typing import Any

import pytest
from openai import OpenAI

from finetune_desktop.sandbox import SandboxServer
from finetune_desktop.sandbox.engines.local import LocalEngine
from tests.sandbox.local.conftest import (
    FAST_LR,
    TINY,
    alive,
    child_pids,
    ended,
    metric_events,
    need_local_packages,
    sample_rows,
    upload_sample,
    wait_for,
)

need_local_packages()

import torch  # noqa: E402
from safetensors.torch import load_file  # noqa: E402

pytestmark = pytest.mark.slow


def _server(model: Path, state: Path, processes: int) -> SandboxServer:
    engine = LocalEngine([model], options={"threads": 1, "processes": processes})
    return SandboxServer(state_dir=state, engine=engine)


def _train(server: SandboxServer, *, epochs: int, batch: int) -> tuple[Any, OpenAI]:
    client = OpenAI(api_key="sk-test-local", base_url=server.base_url, max_retries=0, timeout=60)
    job = client.fine_tuning.jobs.create(
        model=TINY,
        training_file=upload_sample(client, sample_rows()[:10]),
        seed=5,
        hyperparameters={"n_epochs": epochs, "batch_size": batch, "learning_rate_multiplier": FAST_LR},
    )
    return job, client


def _adapter(state: Path, job_id: str) -> dict[str, torch.Tensor]:
    return load_file(str(state / "engine" / job_id / "final" / "adapter_model.safetensors"))


def test_two_processes_take_the_steps_one_process_takes(tiny_model: Path, tmp_path: Path) -> None:
    results = {}
    for processes in (1, 2):
        state = tmp_path / f"p{processes}"
        with _server(tiny_model, state, processes) as srv:
            job, client = _train(srv, epochs=2, batch=5)  # 5 examples a step: shares of 3 and 2
            done = wait_for(client, job.id, ended)
            assert done.status == "succeeded", done.error
            events = [e.message for e in client.fine_tuning.jobs.list_events(job.id, limit=1000)]
            steps = metric_events(client, job.id)
            client.close()
        results[processes] = (_adapter(state, job.id), steps, events)

    one, two = results[1][0], results[2][0]
    assert one
    assert one.keys() == two.keys()
    # Adam turns float-rounding differences in near-zero gradients into steps of up to the learning rate
    # in single weights, so the adapters are compared as a whole: they differ by a rounding's worth.
    a = torch.cat([one[k].flatten() for k in sorted(one)])
    b = torch.cat([two[k].flatten() for k in sorted(one)])
    trained = torch.cat([one[k].flatten() for k in sorted(one) if "lora_B" in k])
    assert float(trained.abs().max()) > 0  # the adapters trained (LoRA's B matrices start at zero)
    assert float((a - b).norm() / a.norm()) < 1e-3
    losses_one = [s["train_loss"] for s in results[1][1]]
    losses_two = [s["train_loss"] for s in results[2][1]]
    assert losses_two == pytest.approx(losses_one, rel=1e-3)
    assert losses_two[-1] < losses_two[0]
    assert any("training on 2 cpu processes" in m for m in results[2][2])
    assert not any("processes" in m for m in results[1][2])


def test_cancel_stops_every_training_process(tiny_model: Path, tmp_path: Path) -> None:
    state = tmp_path / "state"
    with _server(tiny_model, state, 2) as srv:
        job, client = _train(srv, epochs=50, batch=1)  # 500 steps: far more than the test waits for
        wait_for(client, job.id, lambda j: len(metric_events(client, j.id)) >= 1)
        workdir = state / "engine" / job.id
        pids = child_pids("finetune_desktop.sandbox.engines.local.worker", workdir)
        assert len(pids) >= 2  # the two training processes (and the launcher, started the same way)

        client.fine_tuning.jobs.cancel(job.id)

        end = time.monotonic() + 20
        while any(alive(p) for p in pids) and time.monotonic() < end:
            time.sleep(0.1)
        left = [p for p in pids if alive(p)]
        for p in left:  # never leave a stray process behind, even when the test fails
            os.kill(p, signal.SIGKILL)
        assert not left
        assert client.fine_tuning.jobs.retrieve(job.id).status == "cancelled"
        lines = (workdir / "progress.jsonl").read_text("utf-8").splitlines()
        kinds = [json.loads(line)["type"] for line in lines]
        assert "done" not in kinds  # stopped, not finished
        assert "error" not in kinds
        client.close()
