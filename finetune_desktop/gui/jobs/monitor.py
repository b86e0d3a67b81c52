"""JobMonitor: one poller for every job of the active connection, off the UI thread.

A ``QTimer`` tick asks core's :class:`PollSchedule` which jobs are due and starts one short task per job
through the app's task runner (``pool="net"``); a job is never polled while its last poll still runs,
ended jobs are not polled, errors and 429s back off (honouring ``Retry-After``). Everything learnt goes
into the local job history first, so the list and the charts of old runs come back at the next start,
even with no network.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from finetune_desktop.core.api.errors import ServiceError
from finetune_desktop.core.api.exports import ExportStatus
from finetune_desktop.core.api.records import Checkpoint, Job, JobEvent, JobRequest
from finetune_desktop.core.cancel import Cancelled
from finetune_desktop.core.jobs.metrics import MetricPoint
from finetune_desktop.core.jobs.schedule import PollSchedule
from finetune_desktop.core.jobs.session import JobSession, open_session
from finetune_desktop.core.jobs.store import JobStore, StoredJob, StoreError
from finetune_desktop.core.jobs.update import JobUpdate
from finetune_desktop.gui.context import AppContext
from finetune_desktop.gui.tasks import Task

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class History:
    """What the store holds about one job: enough to draw its chart and list without the network."""

    job: Job | None
    events: list[JobEvent]
    metrics: list[MetricPoint]
    checkpoints: list[Checkpoint]
    complete: bool


def _open_store(path: Path | None) -> JobStore | None:
    try:
        return JobStore(path)
    except (StoreError, OSError):
        log.warning("job history unavailable", exc_info=True)
        return None


def _read_history(store: JobStore | None, key: str, job_id: str) -> History:
    if store is None:
        return History(None, [], [], [], False)
    stored = store.job(key, job_id)
    return History(
        stored.job if stored else None,
        store.events(key, job_id),
        store.metrics(key, job_id),
        store.checkpoints(key, job_id),
        bool(stored and stored.complete),
    )


class JobMonitor(QObject):
    """Signals: ``jobs_listed(list[Job], bool)`` (every job; True when from the server, False from the
    local history), ``job_updated(JobUpdate)``, ``job_ended(Job)`` (a watched job succeeded, failed or
    was cancelled), ``online_changed(bool)``, ``problem(ServiceError)`` (polling trouble, backing off)."""

    jobs_listed = Signal(list, bool)
    job_updated = Signal(object)
    job_ended = Signal(object)
    online_changed = Signal(bool)
    problem = Signal(object)

    def __init__(
        self,
        context: AppContext,
        *,
        store_path: Path | None = None,
        interval: float = 3.0,
        list_interval: float = 30.0,
        tick_ms: int = 250,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.store_path = store_path
        self.store: JobStore | None = None
        self.schedule = PollSchedule(active_interval=interval)
        self.list_interval = list_interval
        self.conn: JobSession | None = None
        self._conn_lock = threading.Lock()
        self._stopped = False
        self.online = False
        self._store_ready = False
        self._generation = 0
        self._list_busy = False
        self._list_due = 0.0
        self._list_failures = 0
        self._status: dict[str, str] = {}
        self._tasks: set[Task] = set()
        self.requests_started = 0  # polls and list refreshes, for the benchmark
        self.timer = QTimer(self)
        self.timer.setInterval(tick_ms)
        self.timer.timeout.connect(self._on_tick)
        context.active_profile_changed.connect(self._on_profile_changed)

    @property
    def key(self) -> str:
        """The connection's name in the job history."""
        return self.context.active_id

    # -- life -------------------------------------------------------------------------------------
    def start(self) -> None:
        """Open the history (off the UI thread), show its jobs, then go online."""
        gen = self._generation
        self._run(
            self.context.runner.op(_open_store, self.store_path).on_result(
                lambda store: self._on_store_opened(gen, store)
            )
        )

    def stop(self) -> None:
        """Stop polling, cancel what runs and close the connection.

        Closing only drops idle sockets (no request is made), so it is done right here: at shutdown the
        task runner may already be gone, and an unclosed client would leak its sockets."""
        self.timer.stop()
        self._stopped = True
        for task in list(self._tasks):
            task.cancel()
        self._retire_conn()

    def _on_store_opened(self, gen: int, store: JobStore | None) -> None:
        self.store = store
        self._store_ready = True
        if self._stopped:
            return
        self._load_stored_list(gen)
        self.timer.start()
        self._on_tick()

    def _run(self, op: Any) -> Task:
        return self._keep(op.start(self))

    def _keep(self, task: Task) -> Task:
        """Remember a running task (for :meth:`stop`); ended ones are dropped here. (Not through a
        connection to the task's own ``done`` signal: a closure holding the task, kept by its signals
        object, is a reference cycle holding a QObject, which only the cycle collector frees, on any
        thread.)"""
        self._tasks = {t for t in self._tasks if not t.is_done}
        self._tasks.add(task)
        return task

    def _load_stored_list(self, gen: int) -> None:
        store, key = self.store, self.key
        if store is None:
            return

        def read() -> list[StoredJob]:
            return store.jobs(key)

        def shown(stored: list[StoredJob]) -> None:
            if gen == self._generation and not self.online:
                self.jobs_listed.emit([s.job for s in stored], False)

        self._run(self.context.runner.op(read).on_result(shown))

    # -- connecting -------------------------------------------------------------------------------
    def _connect(self) -> JobSession:
        """On a worker: the sandbox may need starting and the key comes from the keyring."""
        try:
            profile, key, override = self.context.connection_for(self.key)
        except Exception as exc:  # noqa: BLE001 - no usable connection: shown as offline
            raise ServiceError(str(exc), what_to_do="Check the connection in Settings.") from None
        return open_session(profile, key, override, self.store, self.key)

    @contextmanager
    def _using(self) -> Iterator[JobSession]:
        """The connection for one task (made once, on whichever worker needs it first). A connection
        retired meanwhile (stop, another profile) is closed when its last task is done with it."""
        with self._conn_lock:
            if self._stopped:
                raise Cancelled()
            if self.conn is None:
                self.conn = self._connect()
            conn = self.conn
            conn.users += 1
        try:
            yield conn
        finally:
            with self._conn_lock:
                conn.users -= 1
                if conn.retired and conn.users == 0:
                    conn.close()

    def _retire_conn(self) -> None:
        """Drop the connection: closed now when no task uses it, else by the last one."""
        with self._conn_lock:
            old, self.conn = self.conn, None
            if old is not None:
                old.retired = True
                if old.users == 0:
                    old.close()

    def _list_jobs(self) -> tuple[JobSession, list[Job]]:
        with self._using() as conn:
            jobs: list[Job] = conn.poll.list_jobs()
        if self.store is not None:
            self.store.save_jobs(self.key, jobs)
        return conn, jobs

    # -- ticking ----------------------------------------------------------------------------------
    @Slot()
    def _on_tick(self) -> None:
        now = time.monotonic()
        if not self._list_busy and now >= self._list_due:
            self.refresh_list()
        if self.conn is None:
            return
        for job_id in self.schedule.due(now):
            self._poll(job_id)

    def refresh_list(self) -> None:
        """Ask the server for every job now (skipped while a refresh is already running)."""
        if self._list_busy or not self._store_ready:
            return
        self._list_busy = True
        self.requests_started += 1
        gen = self._generation
        op = (
            self.context.runner.op(self._list_jobs, pool="net")
            .on_result(lambda result: self._on_listed(gen, result))
            .on_error(lambda exc, _tb: self._on_list_failed(gen, exc))
            .on_done(lambda: self._on_list_done(gen))
        )
        self._run(op)

    def _on_list_done(self, gen: int) -> None:
        if gen == self._generation:
            self._list_busy = False

    def _on_listed(self, gen: int, result: tuple[JobSession, list[Job]]) -> None:
        _conn, jobs = result
        if gen != self._generation:
            return
        self._list_failures = 0
        self._list_due = time.monotonic() + self.list_interval
        self._set_online(True)
        now = time.monotonic()
        for job in jobs:
            self._status.setdefault(job.id, job.status_raw)
            if not job.status.is_terminal:
                self.schedule.watch(job.id, now)
        self.jobs_listed.emit(jobs, True)

    def _on_list_failed(self, gen: int, exc: BaseException) -> None:
        if gen != self._generation:
            return
        self._list_failures += 1
        delay = min(self.list_interval, 2.0 * 2**self._list_failures)
        if isinstance(exc, ServiceError):
            delay = max(delay, exc.retry_after or 0.0)
            self.problem.emit(exc)
        self._list_due = time.monotonic() + delay
        self._set_online(False)

    def _set_online(self, online: bool) -> None:
        if online != self.online:
            self.online = online
            self.online_changed.emit(online)

    def _poll(self, job_id: str) -> None:
        self.schedule.started(job_id)
        self.requests_started += 1
        gen = self._generation

        def cancelled() -> None:
            self.schedule.failed(job_id, time.monotonic())

        def run(cancel: Any) -> JobUpdate:
            with self._using() as conn:
                update: JobUpdate = conn.watcher.poll(job_id, cancel=cancel)
                return update

        op = (
            self.context.runner.op(run, pool="net", cancel=True)
            .on_result(lambda update: self._on_polled(gen, job_id, update))
            .on_error(lambda exc, _tb: self._on_poll_failed(gen, job_id, exc))
            .on_cancelled(cancelled)
        )
        self._run(op)

    def _on_polled(self, gen: int, job_id: str, update: JobUpdate) -> None:
        if gen != self._generation:
            return
        job = update.job
        self.schedule.succeeded(job_id, time.monotonic(), ended=update.done)
        self._set_online(True)
        before = self._status.get(job_id)
        self._status[job_id] = job.status_raw
        self.job_updated.emit(update)
        if job.status.is_terminal and before is not None and before != job.status_raw:
            self.job_ended.emit(job)

    def _on_poll_failed(self, gen: int, job_id: str, exc: BaseException) -> None:
        if gen != self._generation:
            return
        self.schedule.failed(job_id, time.monotonic(), exc)
        if isinstance(exc, ServiceError):
            self.problem.emit(exc)
            if exc.retryable:
                return
        else:
            log.warning("job poll failed: %r", exc)

    # -- for screens --------------------------------------------------------------------------------
    def watch(self, job_id: str, status: str | None = None) -> None:
        """Poll ``job_id`` from now on (a new job, a resumed one, an ended one to fetch its results)."""
        if status is not None:
            self._status[job_id] = status
        self.schedule.watch(job_id, time.monotonic())

    def load_history(self, job_id: str, on_loaded: Callable[[History], None], parent: QObject) -> None:
        """Read the job's stored events, metrics and checkpoints off the UI thread."""
        store, key = self.store, self.key
        self._run_for(parent, self.context.runner.op(_read_history, store, key, job_id).on_result(on_loaded))

    def _run_for(self, parent: QObject, op: Any) -> None:
        self._keep(op.start(parent))

    def act(
        self,
        action: str,
        job_id: str,
        on_done: Callable[[Job], None],
        on_failed: Callable[[BaseException], None],
    ) -> None:
        """cancel / pause / resume ``job_id`` with the retrying service; the job is watched again."""

        def run() -> Job:
            with self._using() as conn:
                fn = {
                    "cancel": conn.act.cancel_job,
                    "pause": conn.act.pause_job,
                    "resume": conn.act.resume_job,
                }
                job: Job = fn[action](job_id)
            if self.store is not None:
                self.store.save_jobs(self.key, [job])
            return job

        def done(job: Job) -> None:
            self._status[job.id] = job.status_raw
            self.schedule.watch(job.id, time.monotonic())
            on_done(job)

        op = self.context.runner.op(run, pool="net").on_result(done).on_error(lambda e, _tb: on_failed(e))
        self._run(op)

    def export_model(
        self,
        model: str,
        folder: str,
        merged: bool,
        *,
        progress: Callable[[int, int], None],
        cancel: Any,
    ) -> ExportStatus:
        """On a worker: have the server write ``model`` into ``folder`` (see ``export_model`` of the
        service); returns when it is written."""
        with self._using() as conn:
            status: ExportStatus = conn.act.export_model(
                model, folder, merged=merged, progress=progress, cancel=cancel
            )
        return status

    def create_job(
        self,
        request: JobRequest,
        on_done: Callable[[Job], None],
        on_failed: Callable[[BaseException], None],
        *,
        marker: str | None = None,
        again: bool = False,
    ) -> Task:
        """Create a job, never twice: the service tags it with ``marker``; ``again`` (a retry after a
        failure) first looks for a job the earlier attempt made. The new job is watched at once."""

        def run(cancel: Any) -> Job:
            with self._using() as conn:
                job: Job | None = conn.act.find_job_by_marker(marker) if again and marker else None
                if job is None:
                    job = conn.act.create_job(request, cancel=cancel, marker=marker)
            if self.store is not None:
                self.store.save_jobs(self.key, [job])
            return job

        def done(job: Job) -> None:
            self.watch(job.id, job.status_raw)
            on_done(job)

        op = (
            self.context.runner.op(run, pool="net", cancel=True)
            .on_result(done)
            .on_error(lambda e, _tb: on_failed(e))
        )
        return self._run(op)

    def upload(
        self,
        paths: list[Path],
        on_progress: Callable[[int, int], None],
        on_done: Callable[[list[str]], None],
        on_failed: Callable[[BaseException], None],
        on_cancelled: Callable[[], None],
    ) -> Task:
        """Upload the files (progress over all of them, cancellable); ``on_done(file_ids)``."""
        from finetune_desktop.core.jobs.launch import upload_files

        def run(progress: Callable[[int, int], None], cancel: Any) -> list[str]:
            with self._using() as conn:
                return upload_files(conn.act, paths, progress=progress, cancel=cancel)

        op = (
            self.context.runner.op(run, pool="net", cancel=True, progress=True)
            .on_progress(on_progress)
            .on_result(on_done)
            .on_error(lambda e, _tb: on_failed(e))
            .on_cancelled(on_cancelled)
        )
        return self._run(op)

    # -- profile changes ----------------------------------------------------------------------------
    @Slot(object)
    def _on_profile_changed(self, _profile: object) -> None:
        self._generation += 1
        for task in list(self._tasks):
            task.cancel()
        self._retire_conn()
        self.schedule = PollSchedule(active_interval=self.schedule.active_interval)
        self._status.clear()
        self._list_busy = False
        self._list_due = 0.0
        self._set_online(False)
        self.jobs_listed.emit([], False)
        if self._store_ready:
            self._load_stored_list(self._generation)
