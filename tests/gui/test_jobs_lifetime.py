"""Lifetimes behind the Jobs screen: the charts' UI-thread garbage collection stays in charge, and the task
runner's and the monitor's tasks are freed by reference counting (no cycle holding a QObject is left for
the cycle collector, which frees Qt objects on whichever thread it runs)."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from finetune_desktop.core import gc_switch
from finetune_desktop.gui.context import AppContext
from finetune_desktop.gui.dataset.pacing import gc_paused
from finetune_desktop.gui.jobs import chart as chart_module
from finetune_desktop.gui.jobs.chart import LossChart
from finetune_desktop.gui.jobs.monitor import History, JobMonitor
from finetune_desktop.gui.tasks import Task, TaskRunner


@pytest.fixture
def gc_state() -> Iterator[None]:
    was = gc.isenabled()
    yield
    (gc.enable if was else gc.disable)()


def test_the_first_chart_keeps_automatic_collection_off_when_a_loaders_pause_ends(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, gc_state: None
) -> None:
    """The sample dataset loads (a paused collector) while the main window builds the Jobs page's chart:
    when the load ended it switched automatic collection back on, so pyqtgraph's cycles were collected on
    the built-in server's or a worker's thread (the suite's interpreter crash)."""
    fresh: list[object] = []
    monkeypatch.setattr(chart_module, "_COLLECTOR", fresh)
    monkeypatch.setattr(gc_switch, "_kept_off", False)
    gc.enable()
    try:
        with gc_paused():
            chart = LossChart()
            qtbot.addWidget(chart)
        assert not gc.isenabled()
        with gc_paused():  # later pauses do not switch it on either
            pass
        assert not gc.isenabled()
    finally:
        for collector in fresh:
            collector.timer.stop()  # type: ignore[attr-defined]


def _weak_refs(qtbot: QtBot, make: Iterator[Task]) -> tuple[weakref.ref[Task], weakref.ref[object]]:
    (task,) = make
    qtbot.waitUntil(lambda: task.is_done)
    for _ in range(5):  # the delivery's done handler, then its deferred deletion
        qtbot.wait(20)
        QApplication.sendPostedEvents()
    return weakref.ref(task), weakref.ref(task.signals)


def _freed_by_refcount(qtbot: QtBot, make: Iterator[Task]) -> None:
    task, signals = _weak_refs(qtbot, make)
    assert task() is None
    assert signals() is None


def test_a_finished_task_is_freed_without_the_cycle_collector(qtbot: QtBot, gc_state: None) -> None:
    gc.disable()
    runner = TaskRunner()

    def make() -> Iterator[Task]:
        yield runner.op(lambda: 1).start()

    try:
        _freed_by_refcount(qtbot, make())
    finally:
        assert runner.shutdown(5000)
        runner.deleteLater()


def test_the_monitors_finished_tasks_are_freed_without_the_cycle_collector(
    qtbot: QtBot, gc_state: None
) -> None:
    gc.disable()
    context = AppContext(sandbox_url=lambda: "http://127.0.0.1:9")
    monitor = JobMonitor(context)
    loaded: list[History] = []

    def make() -> Iterator[Task]:
        monitor.load_history("ftjob-1", loaded.append, monitor)
        (task,) = monitor._tasks
        qtbot.waitUntil(lambda: task.is_done)
        monitor.load_history("ftjob-2", loaded.append, monitor)  # the monitor forgets ended tasks
        assert task not in monitor._tasks
        yield task

    try:
        _freed_by_refcount(qtbot, make())
        qtbot.waitUntil(lambda: len(loaded) == 2)
    finally:
        monitor.stop()
        assert context.runner.shutdown(5000)


def test_a_runner_left_only_to_its_finished_operations_goes_without_a_crash(qtbot: QtBot) -> None:
    """A window's context (and its runner) dropped while deliveries were pending: the last delivery's
    deferred deletion freed the operation, the operation freed the runner, and the runner, the
    delivery's parent, was destroyed in the middle of its child's destructor (the suite's segfault in
    pytest-qt's teardown)."""
    runner = TaskRunner()
    ref = weakref.ref(runner)
    results: list[int] = []
    tasks = [runner.op(int, i).on_result(results.append).start() for i in range(3)]
    assert runner.wait(5000)
    del runner
    for _ in range(5):
        qtbot.wait(20)
    assert all(t.is_done for t in tasks)
    assert ref() is None
