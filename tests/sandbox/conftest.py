"""One sandbox server per test module (fast), reset before every test, driven by the real openai client."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from openai import OpenAI

from finetune_desktop.sandbox import SandboxServer

FAKE_KEY = "sk-test-FAKE"


def chat_rows(n: int = 12) -> list[dict[str, Any]]:
    topics = ["the capital of France", "how to boil an egg", "the colour of the sky", "a good cat name"]
    rows = []
    for i in range(n):
        topic = topics[i % len(topics)]
        rows.append(
            {
                "messages": [
                    {"role": "system", "content": "You are Marv, a sarcastic helper."},
                    {"role": "user", "content": f"Tell me about {topic}, question {i}."},
                    {"role": "assistant", "content": f"Answer {i}: {topic}, obviously. Marv out."},
                ]
            }
        )
    return rows


def jsonl(rows: list[Any]) -> bytes:
    return ("\n".join(json.dumps(r) for r in rows) + "\n").encode("utf-8")


@pytest.fixture(scope="module")
def server() -> Iterator[SandboxServer]:
    with SandboxServer(speed=1.0) as srv:
        yield srv


@pytest.fixture
def sandbox(server: SandboxServer) -> SandboxServer:
    server.reset()
    return server


@pytest.fixture
def client(sandbox: SandboxServer) -> Iterator[OpenAI]:
    with OpenAI(api_key=FAKE_KEY, base_url=sandbox.base_url, max_retries=0, timeout=10) as c:
        yield c


def upload_rows(client: OpenAI, rows: list[Any], name: str = "train.jsonl") -> str:
    return client.files.create(file=(name, jsonl(rows), "application/jsonl"), purpose="fine-tune").id


def finish(sandbox: SandboxServer, client: OpenAI, job_id: str, *, step_s: float = 60.0) -> Any:
    """Advance the simulated clock until the job ends (no wall-clock waiting)."""
    for _ in range(500):
        job = client.fine_tuning.jobs.retrieve(job_id)
        if job.status in ("succeeded", "failed", "cancelled"):
            return job
        sandbox.advance(step_s)
    raise AssertionError(f"job {job_id} did not finish")
