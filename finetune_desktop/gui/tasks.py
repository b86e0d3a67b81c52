"""The one way the GUI runs work off the UI thread.

A ``Task`` wraps a synchronous core function; the function receives a ``CancelToken`` and a progress
callback if it asks for them (keyword arguments ``cancel`` and ``progress``). Results, errors and
progress come back as Qt signals, delivered on the UI thread. No exception in a worker is lost.

    task = runner.submit(load_dataset, path, cancel=True, progress=True)
    task.signals.finished.connect(self._on_loaded)
    task.signals.failed.connect(self._on_load_failed)
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from finetune_desktop.core.cancel import Cancelled, CancelToken

log = logging.getLogger(__name__)


class TaskSignals(QObject):
    """Signals: ``finished(result)``, ``failed(exception, traceback_text)``, ``cancelled()``,
    ``progress(done, total)``, ``done()`` (after any of the first three)."""

    finished = Signal(object)
    failed = Signal(object, str)
    cancelled = Signal()
    progress = Signal(int, int)
    done = Signal()


class Task(QRunnable):
    def __init__(
        self,
        fn: Callable[..., Any],
        *args: Any,
        cancel: bool = False,
        progress: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the runner keeps a reference until done() so signals stay alive
        self.fn = fn
        self.args = args
        self.kwargs = kwargs
        self.token = CancelToken()
        self.signals = TaskSignals()
        if cancel:
            self.kwargs["cancel"] = self.token
        if progress:
            self.kwargs["progress"] = self._emit_progress

    def _emit_progress(self, done: int, total: int) -> None:
        self.signals.progress.emit(done, total)

    def cancel(self) -> None:
        self.token.cancel()

    def run(self) -> None:
        try:
            result = self.fn(*self.args, **self.kwargs)
        except Cancelled:
            self.signals.cancelled.emit()
        except Exception as exc:  # noqa: BLE001 - every failure must reach the UI
            tb = traceback.format_exc()
            log.debug("task %s failed: %s", getattr(self.fn, "__name__", self.fn), type(exc).__name__)
            self.signals.failed.emit(exc, tb)
        else:
            if self.token.cancelled:
                self.signals.cancelled.emit()
            else:
                self.signals.finished.emit(result)
        self.signals.done.emit()


class TaskRunner(QObject):
    """Owns a thread pool; ``shutdown()`` cancels everything and waits (call it on close)."""

    def __init__(self, parent: QObject | None = None, max_threads: int | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        if max_threads:
            self.pool.setMaxThreadCount(max_threads)
        self._live: set[Task] = set()

    def submit(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Task:
        task = Task(fn, *args, **kwargs)
        self.start(task)
        return task

    def start(self, task: Task) -> Task:
        self._live.add(task)
        task.signals.done.connect(lambda t=task: self._live.discard(t))
        self.pool.start(task)
        return task

    @property
    def active(self) -> int:
        return len(self._live)

    def cancel_all(self) -> None:
        for task in list(self._live):
            task.cancel()

    def shutdown(self, timeout_ms: int = 10_000) -> bool:
        self.cancel_all()
        return self.pool.waitForDone(timeout_ms)
