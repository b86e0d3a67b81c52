"""Helpers built on ``gui/tasks.py``'s ``runner.op``: a coalescing serial job and a thread-safe relay for
partial results."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from finetune_desktop.gui.tasks import Task, TaskRunner


class Relay(QObject):
    """Call it from a worker with a value; ``callback(value)`` then runs on the thread owning the relay.

    Signals: ``item(object)`` (emitted on the worker thread; connected to a slot of this object, so the
    delivery is queued to the owner's thread).
    """

    item = Signal(object)

    def __init__(self, callback: Callable[[Any], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._callback = callback
        self.item.connect(self._deliver)

    def __call__(self, value: object) -> None:
        self.item.emit(value)

    @Slot(object)
    def _deliver(self, value: object) -> None:
        self._callback(value)


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
        self._task = (
            self._runner.op(self._work, everything, keys, cancel=True, progress=True)
            .on_progress(partial(self._on_progress, gen))
            .on_result(partial(self._on_finished, gen))
            .on_error(partial(self._on_failed, gen))
            .on_done(partial(self._on_done, gen))
            .start(self)
        )

    def _on_finished(self, gen: int, value: object) -> None:
        if gen == self._generation:
            self.result.emit(value)

    def _on_progress(self, gen: int, done: int, total: int) -> None:
        if gen == self._generation:
            self.progress.emit(done, total)

    def _on_failed(self, gen: int, exc: BaseException, _tb: str = "") -> None:
        if gen == self._generation:
            self.failed.emit(f"{type(exc).__name__}: {exc}")

    def _on_done(self, gen: int) -> None:
        if gen != self._generation:
            return
        self._task = None
        self._kick()
        if self._task is None:
            self.idle.emit()
