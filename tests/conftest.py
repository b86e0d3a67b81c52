"""Every test gets its own app folders, so no test can see another's files (or a real user's), and no test
may leave a thread, a server or a worker process running."""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

#: ``../shared`` beside the repository, or where scripts/test.sh found it (a clone elsewhere).
SHARED = Path(os.environ.get("FINETUNE_SHARED_DIR") or Path(__file__).resolve().parents[1].parent / "shared")


@pytest.fixture(autouse=True)
def app_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path_factory.mktemp("app-home")
    monkeypatch.setenv("FINETUNE_DESKTOP_HOME", str(home))
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    return home


#: Helper threads that live for the whole process by design (one small pool each), not left by a test.
PROCESS_HELPERS = ("jsonl-compress",)
#: Names of the threads the app starts itself (daemon or not, none may outlive the test that started it).
OWN_THREADS = ("sandbox-", "tiktoken-", "editor-", "finetune-")
#: How long a test's threads and processes get to finish once it ended.
LEFTOVER_GRACE_S = 5.0


@pytest.fixture(autouse=True)
def nothing_left_running() -> Iterator[None]:
    """Fail a test that leaves a thread (any non-daemon one, or one of ours), a server thread, a worker
    process or a task of the GUI's task runner running: a test must stop what it started."""
    threads_before = set(threading.enumerate())
    children_before = set(multiprocessing.active_children())
    yield
    deadline = time.monotonic() + LEFTOVER_GRACE_S
    left: list[str] = []
    for t in threading.enumerate():
        if t in threads_before or isinstance(t, threading._DummyThread):  # (Qt's pool threads)
            continue
        if t.name.startswith(PROCESS_HELPERS) or (t.daemon and not t.name.startswith(OWN_THREADS)):
            continue
        t.join(max(0.0, deadline - time.monotonic()))
        if t.is_alive():
            left.append(f"thread {t.name!r}")
    for p in multiprocessing.active_children():
        if p not in children_before:
            p.join(max(0.0, deadline - time.monotonic()))
            if p.is_alive():
                left.append(f"process {p.name!r} (pid {p.pid})")
    tasks = sys.modules.get("finetune_desktop.gui.tasks")  # (core tests never import Qt)
    if tasks is not None:
        while tasks.running_tasks() and time.monotonic() < deadline:
            time.sleep(0.05)
        left.extend(f"task {name!r}" for name in tasks.running_tasks())
    if left:
        pytest.fail("the test left running: " + ", ".join(left), pytrace=False)
