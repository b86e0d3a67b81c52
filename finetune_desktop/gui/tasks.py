"""The one way the GUI runs work off the UI thread (in the style of Anki's ``QueryOp`` and superqt's workers).

A core function stays synchronous; it receives a ``CancelToken`` and a progress callback when it asks for
them (keyword arguments ``cancel`` and ``progress``). Every handler is attached to the operation *before*
it can start, so a fast task can never finish before its handlers are connected::

    runner.op(load_dataset, path, cancel=True, progress=True) \\
        .on_result(self._on_loaded).on_error(self._on_load_failed).on_progress(self._on_progress) \\
        .start(self)

A function that returns a generator streams: each ``yield`` reaches ``on_item`` on the UI thread (chat
replies token by token, a poller's updates), cancellation is checked between items, and the generator's
``return`` value reaches ``on_result``. Network work goes to its own pool (``pool="net"``), so a slow
server never starves parsing and counting in the CPU pool. An exception with no ``on_error`` handler goes
to ``sys.excepthook`` (the crash report in the app, a failing test under pytest-qt): none is lost.

Handlers run on the thread that called ``start`` (the UI thread), through a small receiver object that is
a child of ``start``'s ``parent``: when the parent widget is deleted, its pending deliveries are dropped.
"""

from __future__ import annotations

import inspect
import logging
import sys
import threading
import traceback
import weakref
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any, Literal

from PySide6.QtCore import QObject, QThread, QThreadPool, Signal, Slot

from finetune_desktop.core.cancel import Cancelled, CancelToken
from finetune_desktop.core.tokens.counter import note_unseen_threads

log = logging.getLogger(__name__)

#: ``cpu``: parsing, checking, counting, saving; ``net``: requests that mostly wait; ``own``: a CPU
#: thread outside the pool's limit, for a pipeline stage another running task waits on (it must never
#: queue behind that task, or both would wait forever).
Pool = Literal["cpu", "net", "own"]

#: Threads for network work: several slow requests may wait at once without holding the CPU pool.
NET_THREADS = 8
#: Pipeline stages running at once (each on a thread of its own; a load uses one).
OWN_THREADS = 16

ResultHandler = Callable[[Any], None]
ErrorHandler = Callable[[BaseException, str], None]
ProgressHandler = Callable[[int, int], None]
ItemHandler = Callable[[Any], None]
PlainHandler = Callable[[], None]


class TaskSignals(QObject):
    """Signals (emitted on the worker thread): ``finished(result)``, ``failed(exception, traceback_text)``,
    ``cancelled()``, ``progress(done, total)``, ``item(value)`` (one per ``yield``), ``done()`` (after
    any of the first three)."""

    finished = Signal(object)
    failed = Signal(object, str)
    cancelled = Signal()
    progress = Signal(int, int)
    item = Signal(object)
    done = Signal()


class Task:
    """One unit of work; the handle ``Op.start`` returns. ``cancel()`` asks it to stop (cooperatively).

    Not a ``QRunnable``: PySide's ``QThreadPool.start(runnable)`` keeps a reference to every runnable it
    was given for the pool's whole life (every task, its signals object, arguments and result piled up
    until the runner went, then all freed at once wherever that happened); the pool runs ``task.run``
    as a plain callable instead, released once it ran."""

    def __init__(
        self,
        fn: Callable[..., Any],
        *args: Any,
        cancel: bool = False,
        progress: bool = False,
        **kwargs: Any,
    ) -> None:
        self.fn = fn
        self.args = args
        self.kwargs = kwargs
        self.token = CancelToken()
        self.signals = TaskSignals()
        self.is_done = False
        self.release: Callable[[], None] = _nothing
        if cancel:
            self.kwargs["cancel"] = self.token
        if progress:
            self.kwargs["progress"] = self._emit_progress

    @property
    def name(self) -> str:
        return str(getattr(self.fn, "__qualname__", None) or getattr(self.fn, "__name__", None) or self.fn)

    def _emit_progress(self, done: int, total: int) -> None:
        self.signals.progress.emit(done, total)

    def cancel(self) -> None:
        self.token.cancel()

    @property
    def cancelled(self) -> bool:
        return self.token.cancelled

    def run(self) -> None:
        try:
            result = self.fn(*self.args, **self.kwargs)
            if inspect.isgenerator(result):
                result = self._drain(result)
        except Cancelled:
            self.signals.cancelled.emit()
        except Exception as exc:  # noqa: BLE001 - every failure must reach a handler or the crash hook
            tb = traceback.format_exc()
            log.debug("task %s failed: %s", self.name, type(exc).__name__)
            self.signals.failed.emit(exc, tb)
        else:
            if self.token.cancelled:
                self.signals.cancelled.emit()
            else:
                self.signals.finished.emit(result)
        self.is_done = True
        # (the runner's release holds this task: dropped, or task and signals would form a cycle that
        # only the cycle collector frees, on whichever thread it runs)
        release, self.release = self.release, _nothing
        release()
        self.signals.done.emit()

    def _drain(self, gen: Iterator[Any]) -> Any:
        """Emit each item; stop (closing the generator, so its ``finally`` runs) once cancelled."""
        try:
            while True:
                if self.token.cancelled:
                    raise Cancelled
                try:
                    value = next(gen)
                except StopIteration as stop:
                    return stop.value
                self.signals.item.emit(value)
        finally:
            gen.close()  # type: ignore[attr-defined]


class _Delivery(QObject):
    """Receives a task's signals on the thread that started it and calls the operation's handlers."""

    def __init__(self, op: Op, task: Task, parent: QObject | None) -> None:
        super().__init__(parent)
        self._op = op
        self._task = task
        s = task.signals
        s.finished.connect(self._on_finished)
        s.failed.connect(self._on_failed)
        s.progress.connect(self._on_progress)
        s.item.connect(self._on_item)
        s.cancelled.connect(self._on_cancelled)
        s.done.connect(self._on_done)

    @Slot(object)
    def _on_finished(self, value: object) -> None:
        if self._op.result_handler is not None:
            self._op.result_handler(value)

    @Slot(object, str)
    def _on_failed(self, exc: BaseException, tb: str) -> None:
        if self._op.error_handler is not None:
            self._op.error_handler(exc, tb)
        else:
            sys.excepthook(type(exc), exc, exc.__traceback__)

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        if self._op.progress_handler is not None:
            self._op.progress_handler(done, total)

    @Slot(object)
    def _on_item(self, value: object) -> None:
        if self._op.item_handler is not None:
            self._op.item_handler(value)

    @Slot()
    def _on_cancelled(self) -> None:
        if self._op.cancelled_handler is not None:
            self._op.cancelled_handler()

    @Slot()
    def _on_done(self) -> None:
        try:
            if self._op.done_handler is not None:
                self._op.done_handler()
        finally:
            # The task's signals object goes here, on this thread, at a set moment: left to whichever
            # reference to the task went last, it was destroyed on the worker, or inside this object's
            # own destructor (while Qt walks this object's connections to it: a crash).
            self.deleteLater()
            _DELIVERIES.discard(self)
            self._task.signals.deleteLater()
            self._task = None  # type: ignore[assignment]
            self._op = None  # type: ignore[assignment]


_DELIVERIES: set[_Delivery] = set()  # strong references until each task is done


class Op:
    """A background operation being put together: attach handlers, then ``start()`` it once.

    Each ``on_*`` method returns the operation, so calls chain. Handlers run on the UI thread.
    """

    def __init__(self, runner: TaskRunner, task: Task, pool: Pool) -> None:
        self._runner: TaskRunner | None = runner
        self._pool: Pool = pool
        self.task = task
        self.result_handler: ResultHandler | None = None
        self.error_handler: ErrorHandler | None = None
        self.progress_handler: ProgressHandler | None = None
        self.item_handler: ItemHandler | None = None
        self.cancelled_handler: PlainHandler | None = None
        self.done_handler: PlainHandler | None = None
        self._started = False

    def on_result(self, handler: ResultHandler | None) -> Op:
        self.result_handler = handler
        return self

    def on_error(self, handler: ErrorHandler | None) -> Op:
        """``handler(exception, traceback_text)``; without one, errors go to ``sys.excepthook``."""
        self.error_handler = handler
        return self

    def on_progress(self, handler: ProgressHandler | None) -> Op:
        self.progress_handler = handler
        return self

    def on_item(self, handler: ItemHandler | None) -> Op:
        """For generator functions: ``handler(value)`` for each ``yield``."""
        self.item_handler = handler
        return self

    def on_cancelled(self, handler: PlainHandler | None) -> Op:
        self.cancelled_handler = handler
        return self

    def on_done(self, handler: PlainHandler | None) -> Op:
        """After the result, the error or the cancellation, whichever came."""
        self.done_handler = handler
        return self

    def start(self, parent: QObject | None = None) -> Task:
        """Start the work; handlers are dropped if ``parent`` is deleted first. Returns the task handle."""
        if self._started or self._runner is None:
            raise RuntimeError("an operation starts once")
        self._started = True
        if parent is None:
            parent = self._runner
        _DELIVERIES.add(_Delivery(self, self.task, parent))
        runner, self._runner = self._runner, None
        # (a started operation no longer holds the runner: a delivery ending must never be what frees
        # the runner, its own parent, in the middle of its work)
        return runner.start(self.task, pool=self._pool)


class TaskRunner(QObject):
    """Owns the app's thread pools: CPU work, network work, and pipeline stages (``pool="own"``).

    ``op(...)`` builds an operation; ``shutdown()`` cancels everything and waits (call it on close).
    """

    def __init__(
        self,
        parent: QObject | None = None,
        max_threads: int | None = None,
        *,
        net_threads: int = NET_THREADS,
    ) -> None:
        super().__init__(parent)
        note_unseen_threads()  # (worker processes must never fork a process with Qt's threads)
        self.pool = QThreadPool(self)  # CPU work: parsing, checking, counting, saving
        if max_threads:
            self.pool.setMaxThreadCount(max_threads)
        self.net_pool = QThreadPool(self)  # network work: requests that mostly wait
        self.net_pool.setMaxThreadCount(net_threads)
        self.own_pool = QThreadPool(self)  # a thread per task: pipeline stages other tasks wait on
        self.own_pool.setMaxThreadCount(OWN_THREADS)
        self._live: set[Task] = set()
        self._lock = threading.Lock()
        _RUNNERS.add(self)

    def op(
        self,
        fn: Callable[..., Any],
        *args: Any,
        pool: Pool = "cpu",
        cancel: bool = False,
        progress: bool = False,
        **kwargs: Any,
    ) -> Op:
        """An operation running ``fn(*args, **kwargs)`` in ``pool``; ``cancel=True`` / ``progress=True``
        pass ``cancel=CancelToken`` / ``progress=callback(done, total)`` to ``fn``."""
        return Op(self, Task(fn, *args, cancel=cancel, progress=progress, **kwargs), pool)

    def start(self, task: Task, *, pool: Pool = "cpu") -> Task:
        """Low level: start a task whose signals are already connected (prefer :meth:`op`)."""
        if QThread.currentThread() is not self.thread():
            raise RuntimeError("tasks are started from the thread that owns the runner (the UI thread)")
        with self._lock:
            self._live.add(task)
        task.release = partial(self._forget, task)  # called on the worker thread as the task ends
        {"cpu": self.pool, "net": self.net_pool, "own": self.own_pool}[pool].start(task.run)
        return task

    def _forget(self, task: Task) -> None:
        with self._lock:
            self._live.discard(task)

    @property
    def active(self) -> int:
        with self._lock:
            return len(self._live)

    def cancel_all(self) -> None:
        with self._lock:
            live = list(self._live)
        for task in live:
            task.cancel()

    def wait(self, timeout_ms: int = 10_000) -> bool:
        """Wait for both pools to be idle (tests, shutdown)."""
        pools = (self.pool, self.net_pool, self.own_pool)
        return all(p.waitForDone(timeout_ms) for p in pools)

    def shutdown(self, timeout_ms: int = 10_000) -> bool:
        self.cancel_all()
        return self.wait(timeout_ms)


def _nothing() -> None:
    return None


_RUNNERS: weakref.WeakSet[TaskRunner] = weakref.WeakSet()


def running_tasks() -> list[str]:
    """The names of the tasks every runner of this process still runs (a test must end with none)."""
    names: list[str] = []
    for runner in list(_RUNNERS):
        with runner._lock:
            names.extend(task.name for task in runner._live)
    return names
