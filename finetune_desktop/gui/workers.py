"""Helpers on top of ``gui/tasks.py``: a coalescing serial job and a thread-safe relay for partial results."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from finetune_desktop.gui.tasks import Task, TaskRunner


class Relay(QObject):
    """Signals: ``item(object)``. Emit from a worker; slots run on the thread that owns the relay."""

    item = Signal(object)

    def __call__(self, value: object) -> None:
        self.item.emit(value)


class SerialJob(QObject):
    """Runs ``work(everything, keys)`` off the UI thread, one run at a time, coalescing requests.

    Requests made while a run is in flight are merged and run next, so a burst of edits costs one
    extra run, and a stateful worker object (an incremental validator) is never used by two threads.

    Signals: ``result(object)`` (the work's return value), ``failed(str)``, ``progress(int, int)``,
    ``idle()`` (nothing running or pending).
    """

    result = Signal(object)
    failed = Signal(str)
    progress = Signal(int, int)
    idle = Signal()

    def __init__(self, runner: TaskRunner, work: Callable[..., Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._work = work
        self._task: Task | None = None
        self._all = False
        self._keys: set[int] = set()
        self._generation = 0

    @property
    def busy(self) -> bool:
        return self._task is not None or self._all or bool(self._keys)

    def request_all(self) -> None:
        self._all = True
        self._keys.clear()
        self._kick()

    def request(self, keys: set[int] | list[int]) -> None:
        if not self._all:
            self._keys.update(keys)
        self._kick()

    def reset(self) -> None:
        """Forget pending requests and ignore the running one (its result is dropped)."""
        self._generation += 1
        self._all = False
        self._keys.clear()
        if self._task is not None:
            self._task.cancel()
            self._task = None

    def _kick(self) -> None:
        if self._task is not None or not (self._all or self._keys):
            return
        everything, keys = self._all, set(self._keys)
        self._all, self._keys = False, set()
        gen = self._generation
        task = self._runner.submit(self._work, everything, keys, cancel=True, progress=True)
        self._task = task
        task.signals.progress.connect(self.progress)
        task.signals.finished.connect(lambda r, g=gen: self._on_finished(g, r))
        task.signals.failed.connect(lambda e, tb, g=gen: self._on_failed(g, e))
        task.signals.done.connect(lambda g=gen: self._on_done(g))

    def _on_finished(self, gen: int, value: object) -> None:
        if gen == self._generation:
            self.result.emit(value)

    def _on_failed(self, gen: int, exc: BaseException) -> None:
        if gen == self._generation:
            self.failed.emit(f"{type(exc).__name__}: {exc}")

    def _on_done(self, gen: int) -> None:
        if gen != self._generation:
            return
        self._task = None
        self._kick()
        if self._task is None:
            self.idle.emit()
