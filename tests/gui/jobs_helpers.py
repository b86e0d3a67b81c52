"""Fixtures for the Jobs screen: an in-process sandbox over loopback, a context that points at it, and
a page whose monitor polls fast. The sandbox's simulated clock is moved by hand so every state shows."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QSystemTrayIcon
from pytestqt.qtbot import QtBot

from finetune_desktop.core.accounts.profiles import SANDBOX_PROFILE_ID, Profile, ProfileKind
from finetune_desktop.core.api.records import JobRequest
from finetune_desktop.core.service.retry import RetryPolicy
from finetune_desktop.core.service.service import FineTuningService, connect
from finetune_desktop.gui.context import AppContext
from finetune_desktop.gui.jobs.monitor import JobMonitor
from finetune_desktop.gui.jobs.page import JobsPage
from finetune_desktop.sandbox import SandboxServer

BASE_MODEL = "gpt-4o-mini-2024-07-18"
FAST = RetryPolicy(max_retries=3, initial_delay=0.02, max_delay=0.1)


_T = TypeVar("_T")


def noting_thread(fn: Callable[..., _T], on_ui_thread: list[bool]) -> Callable[..., _T]:
    """``fn``, noting in ``on_ui_thread`` at each call whether it runs on the UI thread."""

    def call(*args: Any, **kwargs: Any) -> _T:
        on_ui_thread.append(QThread.currentThread() is QApplication.instance().thread())  # type: ignore[union-attr]
        return fn(*args, **kwargs)

    return call


def chat_rows(n: int = 12) -> list[dict[str, Any]]:
    return [
        {
            "messages": [
                {"role": "user", "content": f"Where does crab {i} live?"},
                {"role": "assistant", "content": f"Crab {i} lives in pool {i}."},
            ]
        }
        for i in range(n)
    ]


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@dataclass
class JobsEnv:
    server: SandboxServer
    context: AppContext
    service: FineTuningService
    tmp: Path

    def page(self, qtbot: QtBot, *, interval: float = 0.05, tray: QSystemTrayIcon | None = None) -> JobsPage:
        monitor = JobMonitor(self.context, interval=interval, list_interval=0.5, tick_ms=20)
        page = JobsPage(self.context, monitor=monitor, tray=tray)
        monitor.setParent(page)
        qtbot.addWidget(page)
        page.resize(1200, 800)
        page.show()
        return page

    def upload(self, rows: list[dict[str, Any]] | None = None, name: str = "train.jsonl") -> str:
        return self.service.upload_file(write_jsonl(self.tmp / name, rows or chat_rows())).id

    def start_job(self, *, suffix: str = "crabs", method: str = "supervised", **kw: Any) -> str:
        request = JobRequest(
            model=BASE_MODEL, training_file=self.upload(), suffix=suffix, method=method, **kw
        )  # type: ignore[arg-type]
        return self.service.create_job(request).id

    def count_jobs(self) -> int:
        return len(self.service.list_jobs())


@pytest.fixture(scope="module")
def jobs_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SandboxServer]:
    with SandboxServer(speed=1.0, state_dir=tmp_path_factory.mktemp("sandbox")) as server:
        yield server


@pytest.fixture
def env(jobs_server: SandboxServer, qtbot: QtBot, tmp_path: Path) -> Iterator[JobsEnv]:
    jobs_server.reset()
    context = AppContext(sandbox_url=lambda: jobs_server.base_url)
    assert context.active_id == SANDBOX_PROFILE_ID
    profile = Profile(id="direct", name="direct", kind=ProfileKind.COMPATIBLE, base_url=jobs_server.base_url)
    service = connect(profile, "sk-test-FAKE", policy=FAST, timeout=10.0)
    yield JobsEnv(jobs_server, context, service, tmp_path)
    assert context.runner.shutdown(10_000)
    service.close()


def wait_until_stored_complete(qtbot: QtBot, page: JobsPage, *job_ids: str) -> None:
    """Until the store holds each ended job's results (fetched once when the run is opened)."""
    store = page.monitor.store
    assert store is not None

    def complete(job_id: str) -> bool:
        stored = store.job(page.monitor.key, job_id)
        return stored is not None and stored.complete

    qtbot.waitUntil(lambda: all(complete(j) for j in job_ids), timeout=20_000)
