"""The task runner: handlers on the UI thread, errors never lost, streaming, cancel, separate pools."""

from __future__ import annotations

import sys
import threading
from collections.abc import Generator, Iterator
from types import TracebackType
from typing import Any

import pytest
from PySide6.QtCore import QObject, QThread
from pytestqt.qtbot import QtBot

from finetune_desktop.core.cancel import CancelToken
from finetune_desktop.gui.tasks import TaskRunner


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    r = TaskRunner(max_threads=2)
    yield r
    assert r.shutdown(5000)
    r.deleteLater()


def test_result_reaches_handler_on_ui_thread(qtbot: QtBot, runner: TaskRunner) -> None:
    seen: list[tuple[object, bool]] = []
    done: list[bool] = []
    runner.op(lambda a, b: a + b, 2, 3).on_result(
        lambda v: seen.append((v, QThread.currentThread() is runner.thread()))
    ).on_done(lambda: done.append(True)).start()
    qtbot.waitUntil(lambda: bool(done))
    assert seen == [(5, True)]


def test_fast_task_never_outruns_its_handlers(qtbot: QtBot, runner: TaskRunner) -> None:
    results: list[int] = []
    for i in range(50):
        runner.op(int, i).on_result(results.append).start()
    qtbot.waitUntil(lambda: len(results) == 50)
    assert sorted(results) == list(range(50))


def test_error_reaches_error_handler(qtbot: QtBot, runner: TaskRunner) -> None:
    errors: list[tuple[str, str]] = []

    def boom() -> None:
        raise ValueError("bad input")

    runner.op(boom).on_error(lambda exc, tb: errors.append((str(exc), tb))).start()
    qtbot.waitUntil(lambda: bool(errors))
    assert errors[0][0] == "bad input"
    assert "ValueError" in errors[0][1]


def test_error_without_handler_goes_to_excepthook(
    qtbot: QtBot, runner: TaskRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    hooked: list[type[BaseException]] = []

    def hook(t: type[BaseException], e: BaseException, tb: TracebackType | None) -> None:
        hooked.append(t)

    monkeypatch.setattr(sys, "excepthook", hook)

    def boom() -> None:
        raise KeyError("lost?")

    runner.op(boom).start()
    qtbot.waitUntil(lambda: bool(hooked))
    assert hooked == [KeyError]


def test_progress_and_cancel_token(qtbot: QtBot, runner: TaskRunner) -> None:
    steps: list[tuple[int, int]] = []
    cancelled: list[bool] = []
    started = threading.Event()

    def work(cancel: CancelToken, progress: Any) -> None:
        progress(1, 3)
        started.set()
        while True:
            cancel.raise_if_cancelled()
            threading.Event().wait(0.005)

    task = (
        runner.op(work, cancel=True, progress=True)
        .on_progress(lambda d, t: steps.append((d, t)))
        .on_cancelled(lambda: cancelled.append(True))
        .start()
    )
    assert started.wait(5)
    task.cancel()
    qtbot.waitUntil(lambda: bool(cancelled))
    assert steps == [(1, 3)]


def test_generator_streams_items_and_returns(qtbot: QtBot, runner: TaskRunner) -> None:
    items: list[int] = []
    results: list[str] = []

    def stream() -> Generator[int, None, str]:
        yield from range(5)
        return "end"

    runner.op(stream, pool="net").on_item(items.append).on_result(results.append).start()
    qtbot.waitUntil(lambda: bool(results))
    assert items == [0, 1, 2, 3, 4]
    assert results == ["end"]


def test_cancelling_a_generator_closes_it(qtbot: QtBot, runner: TaskRunner) -> None:
    items: list[int] = []
    closed = threading.Event()
    cancelled: list[bool] = []

    def endless() -> Iterator[int]:
        try:
            i = 0
            while True:
                yield i
                i += 1
                threading.Event().wait(0.002)
        finally:
            closed.set()

    task = runner.op(endless).on_item(items.append).on_cancelled(lambda: cancelled.append(True)).start()
    qtbot.waitUntil(lambda: len(items) >= 3)
    task.cancel()
    qtbot.waitUntil(lambda: bool(cancelled))
    assert closed.is_set()


def test_slow_network_work_does_not_starve_cpu_work(qtbot: QtBot, runner: TaskRunner) -> None:
    release = threading.Event()
    results: list[str] = []
    for _ in range(4):  # more than the CPU pool's 2 threads
        runner.op(release.wait, 10, pool="net").start()
    runner.op(lambda: "parsed").on_result(results.append).start()
    qtbot.waitUntil(lambda: bool(results))
    release.set()
    assert results == ["parsed"]


def test_deleted_parent_drops_delivery(qtbot: QtBot, runner: TaskRunner) -> None:
    gate = threading.Event()
    seen: list[object] = []
    owner = QObject()
    task = runner.op(lambda: gate.wait(5)).on_result(seen.append).start(owner)
    owner.deleteLater()
    qtbot.waitUntil(lambda: not isinstance(owner, QObject) or _deleted(owner))
    gate.set()
    qtbot.waitUntil(lambda: task.is_done)
    assert runner.wait(5000)
    qtbot.wait(20)
    assert seen == []


def _deleted(obj: QObject) -> bool:
    from shiboken6 import Shiboken

    return not Shiboken.isValid(obj)


def test_an_operation_starts_once(qtbot: QtBot, runner: TaskRunner) -> None:
    op = runner.op(int, 1)
    op.start()
    with pytest.raises(RuntimeError):
        op.start()
    assert runner.wait(5000)


def test_shutdown_cancels_and_waits(qtbot: QtBot) -> None:
    r = TaskRunner()
    started = threading.Event()

    def work(cancel: CancelToken) -> None:
        started.set()
        while True:
            cancel.raise_if_cancelled()
            threading.Event().wait(0.005)

    r.op(work, cancel=True, pool="net").start()
    assert started.wait(5)
    assert r.shutdown(5000)
    assert r.active == 0


def test_own_thread_runs_beside_a_full_cpu_pool(qtbot: QtBot) -> None:
    """A pipeline stage (``pool="own"``) starts even while every CPU thread waits for it."""
    r = TaskRunner(max_threads=1)
    released = threading.Event()
    results: list[str] = []

    def waiter() -> str:
        assert released.wait(5)  # occupies the pool's only thread until the stage ran
        return "waited"

    r.op(waiter).on_result(results.append).start()
    r.op(released.set, pool="own").on_result(lambda _v: results.append("stage")).start()
    qtbot.waitUntil(lambda: len(results) == 2)
    # (the two results may arrive in either order; the waiter only returns once the stage ran)
    assert sorted(results) == ["stage", "waited"]
    assert r.shutdown(5000)
    r.deleteLater()


def test_a_process_with_a_task_runner_never_forks_its_workers(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Qt's pool threads are not in ``threading.active_count()``: the runner says they exist, so check's
    worker processes start from the forkserver (forking a process with Qt's threads can deadlock)."""
    import multiprocessing
    from types import SimpleNamespace

    from finetune_desktop.core.tokens import counter

    # (as if no Python thread ran and no runner had been made before this one)
    monkeypatch.setattr(counter, "threading", SimpleNamespace(active_count=lambda: 1))
    monkeypatch.setattr(counter, "_unseen_threads", False)
    r = TaskRunner(max_threads=1)
    try:
        if "forkserver" in multiprocessing.get_all_start_methods():
            assert counter.process_context().get_start_method() == "forkserver"
    finally:
        assert r.shutdown(5000)
        r.deleteLater()
