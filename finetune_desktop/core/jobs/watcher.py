"""Watching a job: one poll brings its new state, events and metrics, and records them in the store.

Shared by ``finetune-desktop watch`` / ``train --wait`` (through :func:`follow`) and the window's job
monitor (which calls :meth:`JobWatcher.poll` from its own timer), so both record the same history.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from finetune_desktop.core.api.errors import ServiceError
from finetune_desktop.core.api.records import EventCursor, Job
from finetune_desktop.core.cancel import CancelToken
from finetune_desktop.core.jobs.metrics import points_from_events, points_from_rows
from finetune_desktop.core.jobs.store import JobStore
from finetune_desktop.core.jobs.update import JobUpdate
from finetune_desktop.core.service.results import parse_result_csv
from finetune_desktop.core.service.service import FineTuningService

log = logging.getLogger(__name__)

#: a follow survives this many failed polls in a row (each already retried) before giving up
MAX_FAILED_POLLS = 5


class JobWatcher:
    """Polls jobs of one connection; ``store_key`` names the connection in the store (its profile id).

    Keeps one event cursor per job, seeded from the store, so events are never fetched or shown twice,
    even across restarts. Thread-safe for different jobs; one job must not be polled twice at once.
    """

    def __init__(self, service: FineTuningService, store: JobStore | None, store_key: str) -> None:
        self.service = service
        self.store = store
        self.store_key = store_key
        self._cursors: dict[str, EventCursor] = {}
        self._lock = threading.Lock()

    def cursor(self, job_id: str) -> EventCursor:
        with self._lock:
            cursor = self._cursors.get(job_id)
            if cursor is None:
                cursor = self.store.cursor(self.store_key, job_id) if self.store else EventCursor()
                self._cursors[job_id] = cursor
            return cursor

    def poll(self, job_id: str, *, cancel: CancelToken | None = None) -> JobUpdate:
        """The job's state and what is new since the last poll; after its end, its final data once."""
        job = self.service.get_job(job_id)
        events = self.service.new_events(job_id, self.cursor(job_id))
        metrics = points_from_events(events)
        if self.store is not None:
            self.store.save_jobs(self.store_key, [job])
            self.store.add_events(self.store_key, job_id, events)
            self.store.add_metrics(self.store_key, job_id, metrics, "events")
        if not job.status.is_terminal:
            return JobUpdate(job, events, metrics)
        if self._complete(job_id):
            return JobUpdate(job, events, metrics, done=True)
        return self._fetch_final(JobUpdate(job, events, metrics), cancel)

    def _complete(self, job_id: str) -> bool:
        if self.store is None:
            return False
        stored = self.store.job(self.store_key, job_id)
        return stored is not None and stored.complete

    def _fetch_final(self, update: JobUpdate, cancel: CancelToken | None) -> JobUpdate:
        """Checkpoints and result files; a failure here leaves the job to be completed on a later poll."""
        job = update.job
        try:
            checkpoints = self.service.list_checkpoints(job.id) if job.fine_tuned_model else []
            texts = {fid: self.service.result_file_text(fid) for fid in job.result_files}
        except ServiceError as err:
            log.info("job %s: final data not fetched yet (%s)", job.id, err.kind.value)
            return update
        if cancel is not None:
            cancel.raise_if_cancelled()
        rows = [row for text in texts.values() for row in parse_result_csv(text)]
        result_points = points_from_rows(sorted(rows, key=lambda r: r.step))
        if self.store is not None:
            self.store.add_metrics(self.store_key, job.id, result_points, "results")
            self.store.save_final(self.store_key, job.id, checkpoints, texts)
        return JobUpdate(job, update.events, update.metrics, checkpoints, result_points, done=True)


Sleep = Callable[[float], None]


def _wait(seconds: float) -> None:
    threading.Event().wait(seconds)


def follow(
    watcher: JobWatcher,
    job_id: str,
    *,
    interval: float,
    on_update: Callable[[JobUpdate], None],
    on_problem: Callable[[ServiceError], None] = lambda err: None,
    sleep: Sleep | None = None,
) -> Job:
    """Poll until the job ends; returns the final job. A passing problem (connection, server busy) is
    reported through ``on_problem`` and the watch goes on; ``MAX_FAILED_POLLS`` in a row end it."""
    wait: Sleep = sleep or _wait
    failed = 0
    while True:
        try:
            update = watcher.poll(job_id)
        except ServiceError as err:
            failed += 1
            if not err.retryable or failed >= MAX_FAILED_POLLS:
                raise
            on_problem(err)
            wait(max(interval, err.retry_after or 0.0))
            continue
        failed = 0
        on_update(update)
        if update.job.status.is_terminal:
            return update.job
        wait(interval)
