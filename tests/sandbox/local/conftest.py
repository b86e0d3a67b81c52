"""The local engine's tests: a tiny model built offline, a server per test, helpers that poll for real.

The test modules skip when the optional ``[local]`` packages (torch, transformers, peft) are missing;
nothing here imports them until a fixture builds the model.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from openai import OpenAI

from finetune_desktop.core.paths import resources_dir
from finetune_desktop.sandbox import SandboxServer
from finetune_desktop.sandbox.engines.local import LocalEngine
from tests.sandbox.local.tiny_model import build_tiny_model

SAMPLE = resources_dir() / "samples" / "micro_fiction_en_zh.jsonl"
TINY = "tiny-llama"
#: a high learning rate, so a randomly initialised model's loss falls clearly within a few steps
FAST_LR = 25.0
DEADLINE_S = 180.0


def need_local_packages() -> None:
    """Skip the calling test module unless the ``[local]`` extra is installed."""
    for name in ("torch", "transformers", "peft"):
        pytest.importorskip(name)


def sample_rows() -> list[dict[str, Any]]:
    return [json.loads(line) for line in SAMPLE.read_text("utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    texts = [m["content"] for row in sample_rows() for m in row["messages"]]
    return build_tiny_model(tmp_path_factory.mktemp("models") / TINY, texts)


def local_server(model: Path, state_dir: Path) -> SandboxServer:
    return SandboxServer(state_dir=state_dir, engine=LocalEngine([model], options={"threads": 1}))


@pytest.fixture
def server(tiny_model: Path, tmp_path: Path) -> Iterator[SandboxServer]:
    with local_server(tiny_model, tmp_path / "state") as srv:
        yield srv


@pytest.fixture
def client(server: SandboxServer) -> Iterator[OpenAI]:
    with OpenAI(api_key="sk-test-local", base_url=server.base_url, max_retries=0, timeout=60) as c:
        yield c


def upload_sample(client: OpenAI, rows: list[dict[str, Any]] | None = None, name: str = "train.jsonl") -> str:
    data = SAMPLE.read_bytes() if rows is None else "".join(json.dumps(r) + "\n" for r in rows).encode()
    return client.files.create(file=(name, data, "application/jsonl"), purpose="fine-tune").id


def wait_for(client: OpenAI, job_id: str, done: Callable[[Any], bool]) -> Any:
    """Poll the job until ``done(job)`` (a deadline only guards against a hang; nothing is timed)."""
    end = time.monotonic() + DEADLINE_S
    while time.monotonic() < end:
        job = client.fine_tuning.jobs.retrieve(job_id)
        if done(job):
            return job
        if job.status in ("failed", "cancelled") and not done(job):
            raise AssertionError(f"job {job_id} ended as {job.status}: {job.error}")
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} did not get there in {DEADLINE_S:.0f} s")


def metric_events(client: OpenAI, job_id: str) -> list[dict[str, Any]]:
    events = list(client.fine_tuning.jobs.list_events(job_id, limit=1000))
    return [dict(e.data) for e in reversed(events) if e.type == "metrics"]


def ended(job: Any) -> bool:
    return bool(job.status in ("succeeded", "failed", "cancelled"))


def alive(pid: int) -> bool:
    """Running (a zombie waiting for its parent to collect it counts as gone)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status


def child_pids(module: str, where: Path) -> set[int]:
    """The processes running ``python -m module`` whose command line names a path under ``where``."""
    pids = set()
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmd = (proc / "cmdline").read_bytes()
        except OSError:
            continue
        if module.encode() in cmd.split(b"\0") and str(where).encode() in cmd:
            pids.add(int(proc.name))
    return pids
