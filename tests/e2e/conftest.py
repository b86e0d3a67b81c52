"""End-to-end fixtures: one in-process sandbox per module over real loopback HTTP, reset for every test,
and a leak check after every test: the API key must not appear in any file the test's app home, temp
folders or the sandbox state hold, nor in captured logs or command output.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx2
import pytest

from finetune_desktop.core.accounts.profiles import Profile, ProfileKind
from finetune_desktop.core.service.retry import RetryPolicy
from finetune_desktop.core.service.service import FineTuningService, connect
from finetune_desktop.sandbox import SandboxServer

#: An obvious fake, short of the 32+ characters of a real key.
API_KEY = "sk-test-FAKE-e2e-key-0042"
SPEED = 400.0
FAST = RetryPolicy(max_retries=3, initial_delay=0.02, max_delay=0.1)
REPO = Path(__file__).resolve().parents[2]
BASE_MODEL = "gpt-4o-mini-2024-07-18"


@dataclass
class Sandbox:
    server: SandboxServer
    state_dir: Path
    http: httpx2.Client = field(default_factory=lambda: httpx2.Client(timeout=10.0))

    @property
    def base_url(self) -> str:
        return self.server.base_url

    def control(self, method: str, path: str, payload: Any = None) -> Any:
        response = self.http.request(method, f"{self.server.root_url}/_sandbox{path}", json=payload)
        response.raise_for_status()
        return response.json()

    def fault(self, spec: str) -> None:
        self.control("POST", "/faults", {"spec": spec})

    def requests(self, method: str, path: str) -> list[dict[str, Any]]:
        log = self.control("GET", "/requests")["requests"]
        return [r for r in log if r["method"] == method and r["path"] == path]

    def api(self, path: str) -> Any:
        """Ask the sandbox directly (no faults apply to a cleared rule set; used for counting)."""
        response = self.http.get(f"{self.base_url}{path}", headers={"Authorization": "Bearer counting"})
        response.raise_for_status()
        return response.json()

    def count_jobs(self) -> int:
        return len(self.api("/fine_tuning/jobs?limit=100")["data"])

    def count_files(self) -> int:
        return len(self.api("/files")["data"])


@pytest.fixture(scope="module")
def sandbox_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sandbox]:
    state_dir = tmp_path_factory.mktemp("sandbox-state")
    server = SandboxServer(port=0, speed=SPEED, state_dir=state_dir)
    server.start()
    try:
        box = Sandbox(server, state_dir)
        yield box
        box.http.close()
    finally:
        server.stop()


@pytest.fixture
def sandbox(sandbox_server: Sandbox) -> Iterator[Sandbox]:
    sandbox_server.control("POST", "/reset")
    yield sandbox_server
    sandbox_server.control("DELETE", "/faults")


@pytest.fixture
def service(sandbox: Sandbox) -> Iterator[FineTuningService]:
    profile = Profile(id="e2e", name="E2E sandbox", kind=ProfileKind.COMPATIBLE, base_url=sandbox.base_url)
    svc = connect(profile, API_KEY, policy=FAST, timeout=10.0)
    yield svc
    svc.close()


@pytest.fixture
def datasets(tmp_path: Path) -> tuple[Path, Path]:
    """12 training conversations and 4 different validation ones (the sandbox's chat answers from them)."""
    train = tmp_path / "train.jsonl"
    valid = tmp_path / "valid.jsonl"
    system = {"role": "system", "content": "You are Ferris, a cheerful crab who knows every tide pool."}
    train_rows = [
        {
            "messages": [
                system,
                {"role": "user", "content": f"Where does crab family number {i} live?"},
                {"role": "assistant", "content": f"Crab family {i} lives in Clawtown pool {i}."},
            ]
        }
        for i in range(12)
    ]
    valid_rows = [
        {
            "messages": [
                system,
                {"role": "user", "content": f"How deep is tide pool {i}?"},
                {"role": "assistant", "content": f"Tide pool {i} is {i + 2} feet deep."},
            ]
        }
        for i in range(4)
    ]
    train.write_text("".join(json.dumps(r) + "\n" for r in train_rows), encoding="utf-8")
    valid.write_text("".join(json.dumps(r) + "\n" for r in valid_rows), encoding="utf-8")
    return train, valid


# -- leak check ---------------------------------------------------------------------------------------------
@dataclass
class LeakWatch:
    """Everything written or printed during a test, to be searched for the key afterwards."""

    texts: list[str] = field(default_factory=list)
    folders: list[Path] = field(default_factory=list)

    def add(self, *texts: str) -> None:
        self.texts.extend(texts)

    def findings(self, secret: str) -> list[str]:
        found = [f"text #{i}" for i, t in enumerate(self.texts) if secret in t]
        needle = secret.encode()
        for folder in self.folders:
            for path in folder.rglob("*"):
                if path.is_file() and needle in path.read_bytes():
                    found.append(str(path))
        return found


@pytest.fixture(autouse=True)
def leak_watch(
    app_home: Path,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    capfd: pytest.CaptureFixture[str],
    request: pytest.FixtureRequest,
) -> Iterator[LeakWatch]:
    caplog.set_level(logging.DEBUG)  # every logger, the SDK's and httpx2's included
    watch = LeakWatch(folders=[app_home, tmp_path])
    if "sandbox_server" in request.fixturenames:
        watch.folders.append(request.getfixturevalue("sandbox_server").state_dir)
    yield watch
    from finetune_desktop.core.logging_setup import teardown_logging

    teardown_logging()  # in-process commands attach the app's log file to the root logger
    out, err = capfd.readouterr()
    watch.add(out, err, caplog.text, "\n".join(repr(r.__dict__) for r in caplog.records))
    leaks = watch.findings(API_KEY)
    assert not leaks, f"the API key leaked into: {leaks}"


# -- the CLI as a subprocess ---------------------------------------------------------------------------------
def run_cli(
    *args: str, app_home: Path, watch: LeakWatch, key: str | None = API_KEY, timeout: float = 60.0
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "FINETUNE_DESKTOP_"))}
    env["FINETUNE_DESKTOP_HOME"] = str(app_home)
    env.setdefault("TIKTOKEN_CACHE_DIR", str(REPO / ".cache" / "tiktoken"))
    env["PYTHONPATH"] = str(REPO)
    if key:
        env["OPENAI_API_KEY"] = key
    result = subprocess.run(
        [sys.executable, "-m", "finetune_desktop", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=timeout,
        check=False,
    )
    watch.add(result.stdout, result.stderr)
    return result
