"""A local record of jobs, their events, metrics, checkpoints and result files, per connection profile.

The window and the command line write here while they watch a job, so old runs (and runs started
elsewhere) open instantly and offline. SQLite from the standard library in WAL mode, so the app and a
``finetune-desktop watch`` in a terminal can use it at once. ``PRAGMA user_version`` holds the schema
version; :data:`MIGRATIONS` brings an older file up to date and a newer one is refused, not damaged.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from finetune_desktop.core.api.records import Checkpoint, EventCursor, Job, JobError, JobEvent, JobStatus
from finetune_desktop.core.jobs.metrics import MetricPoint, merge
from finetune_desktop.core.paths import app_paths

STORE_FILE = "jobs.sqlite3"

#: MIGRATIONS[n] brings a file from schema version n to n + 1
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE jobs (
        profile TEXT NOT NULL, id TEXT NOT NULL, created_at INTEGER NOT NULL, status TEXT NOT NULL,
        record TEXT NOT NULL, updated_at REAL NOT NULL, complete INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (profile, id));
    CREATE TABLE events (
        profile TEXT NOT NULL, job TEXT NOT NULL, id TEXT NOT NULL, created_at INTEGER NOT NULL,
        record TEXT NOT NULL, PRIMARY KEY (profile, job, id));
    CREATE TABLE metrics (
        profile TEXT NOT NULL, job TEXT NOT NULL, source TEXT NOT NULL, step INTEGER NOT NULL,
        record TEXT NOT NULL, PRIMARY KEY (profile, job, source, step));
    CREATE TABLE checkpoints (
        profile TEXT NOT NULL, job TEXT NOT NULL, id TEXT NOT NULL, step INTEGER NOT NULL,
        record TEXT NOT NULL, PRIMARY KEY (profile, job, id));
    CREATE TABLE result_files (
        profile TEXT NOT NULL, job TEXT NOT NULL, file_id TEXT NOT NULL, content TEXT NOT NULL,
        PRIMARY KEY (profile, job, file_id));
    """,
    # v2: the job list reads newest first per profile
    "CREATE INDEX jobs_by_created ON jobs (profile, created_at DESC);",
)
SCHEMA_VERSION = len(MIGRATIONS)


class StoreError(Exception):
    """The store file cannot be used (written by a newer version, or damaged); says what to do."""


@dataclass(frozen=True)
class StoredJob:
    job: Job
    complete: bool  # checkpoints and result files were fetched after the job ended
    metrics_count: int


def default_store_path() -> Path:
    return app_paths().data / STORE_FILE


def job_to_record(job: Job) -> dict[str, Any]:
    return {
        "id": job.id,
        "status": job.status_raw,
        "model": job.model,
        "created_at": job.created_at,
        "fine_tuned_model": job.fine_tuned_model,
        "finished_at": job.finished_at,
        "estimated_finish": job.estimated_finish,
        "trained_tokens": job.trained_tokens,
        "training_file": job.training_file,
        "validation_file": job.validation_file,
        "result_files": list(job.result_files),
        "error": None
        if job.error is None
        else {"code": job.error.code, "message": job.error.message, "param": job.error.param},
        "method": job.method,
        "hyperparameters": dict(job.hyperparameters),
        "seed": job.seed,
        "suffix": job.suffix,
        "metadata": dict(job.metadata),
    }


def job_from_record(d: dict[str, Any]) -> Job:
    err = d.get("error")
    raw = str(d.get("status") or "unknown")
    return Job(
        id=str(d["id"]),
        status=JobStatus.parse(raw),
        status_raw=raw,
        model=str(d.get("model") or ""),
        created_at=int(d.get("created_at") or 0),
        fine_tuned_model=d.get("fine_tuned_model"),
        finished_at=d.get("finished_at"),
        estimated_finish=d.get("estimated_finish"),
        trained_tokens=d.get("trained_tokens"),
        training_file=d.get("training_file"),
        validation_file=d.get("validation_file"),
        result_files=tuple(d.get("result_files") or ()),
        error=JobError(str(err.get("code") or ""), str(err.get("message") or ""), err.get("param"))
        if isinstance(err, dict)
        else None,
        method=str(d.get("method") or "supervised"),
        hyperparameters=dict(d.get("hyperparameters") or {}),
        seed=d.get("seed"),
        suffix=d.get("suffix"),
        metadata=dict(d.get("metadata") or {}),
    )


def _event_record(e: JobEvent) -> str:
    return json.dumps(
        {
            "id": e.id,
            "created_at": e.created_at,
            "level": e.level,
            "message": e.message,
            "type": e.type,
            "data": dict(e.data),
        }
    )


def _event_from_record(text: str) -> JobEvent:
    d = json.loads(text)
    return JobEvent(d["id"], int(d["created_at"]), d["level"], d["message"], d["type"], d.get("data") or {})


class JobStore:
    """Thread-safe (one connection behind a lock); every method is short and synchronous."""

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path) if path is not None else default_store_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        try:
            self._db = sqlite3.connect(self.path, timeout=10.0, check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"The job history {self.path} cannot be read ({exc}). Move the file away; the app "
                "starts a new history and the server still has every job."
            ) from None

    def _migrate(self) -> None:
        version = int(self._db.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            self._db.close()
            raise StoreError(
                f"The job history {self.path} was written by a newer version of Finetune Desktop "
                f"(schema {version}, this one knows {SCHEMA_VERSION}). Update the app, or move the file away."
            )
        for target in range(version, SCHEMA_VERSION):
            with self._db:
                self._db.executescript("BEGIN;" + MIGRATIONS[target] + f"PRAGMA user_version={target + 1};")

    @property
    def schema_version(self) -> int:
        with self._lock:
            return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> JobStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ------------------------------------------------------------------------------------
    def save_jobs(self, profile: str, jobs: Iterable[Job]) -> None:
        now = time.time()
        rows = [(profile, j.id, j.created_at, j.status_raw, json.dumps(job_to_record(j)), now) for j in jobs]
        with self._lock, self._db:
            self._db.executemany(
                "INSERT INTO jobs (profile, id, created_at, status, record, updated_at) VALUES (?,?,?,?,?,?) "
                "ON CONFLICT (profile, id) DO UPDATE SET created_at=excluded.created_at, "
                "status=excluded.status, record=excluded.record, updated_at=excluded.updated_at",
                rows,
            )

    def add_events(self, profile: str, job_id: str, events: Sequence[JobEvent]) -> int:
        """Store events not stored yet (oldest first); returns how many were new."""
        with self._lock, self._db:
            before = self._db.total_changes
            self._db.executemany(
                "INSERT OR IGNORE INTO events (profile, job, id, created_at, record) VALUES (?,?,?,?,?)",
                [(profile, job_id, e.id, e.created_at, _event_record(e)) for e in events],
            )
            return self._db.total_changes - before

    def add_metrics(self, profile: str, job_id: str, points: Iterable[MetricPoint], source: str) -> None:
        """``source`` is "events" (live) or "results" (the result file after the end)."""
        with self._lock, self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO metrics (profile, job, source, step, record) VALUES (?,?,?,?,?)",
                [(profile, job_id, source, p.step, json.dumps(dict(p.values))) for p in points],
            )

    def save_final(
        self,
        profile: str,
        job_id: str,
        checkpoints: Sequence[Checkpoint],
        result_files: dict[str, str],
    ) -> None:
        """Checkpoints and result files of an ended job; afterwards the job needs no more requests."""
        with self._lock, self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO checkpoints (profile, job, id, step, record) VALUES (?,?,?,?,?)",
                [
                    (
                        profile,
                        job_id,
                        c.id,
                        c.step_number,
                        json.dumps(
                            {
                                "id": c.id,
                                "created_at": c.created_at,
                                "step_number": c.step_number,
                                "model": c.model,
                                "metrics": dict(c.metrics),
                            }
                        ),
                    )
                    for c in checkpoints
                ],
            )
            self._db.executemany(
                "INSERT OR REPLACE INTO result_files (profile, job, file_id, content) VALUES (?,?,?,?)",
                [(profile, job_id, fid, text) for fid, text in result_files.items()],
            )
            self._db.execute("UPDATE jobs SET complete=1 WHERE profile=? AND id=?", (profile, job_id))

    # -- reading ------------------------------------------------------------------------------------
    def jobs(self, profile: str) -> list[StoredJob]:
        """The profile's stored jobs, newest first, each with its stored metrics count."""
        with self._lock:
            rows = self._db.execute(
                "SELECT j.record, j.complete, "
                "(SELECT COUNT(DISTINCT m.step) FROM metrics m WHERE m.profile=j.profile AND m.job=j.id) "
                "FROM jobs j WHERE j.profile=? ORDER BY j.created_at DESC, j.id DESC",
                (profile,),
            ).fetchall()
        return [StoredJob(job_from_record(json.loads(r)), bool(c), int(n)) for r, c, n in rows]

    def job(self, profile: str, job_id: str) -> StoredJob | None:
        with self._lock:
            row = self._db.execute(
                "SELECT record, complete, "
                "(SELECT COUNT(DISTINCT m.step) FROM metrics m WHERE m.profile=? AND m.job=?) "
                "FROM jobs WHERE profile=? AND id=?",
                (profile, job_id, profile, job_id),
            ).fetchone()
        if row is None:
            return None
        return StoredJob(job_from_record(json.loads(row[0])), bool(row[1]), int(row[2]))

    def events(self, profile: str, job_id: str) -> list[JobEvent]:
        """Stored events, oldest first (the order they arrived in)."""
        with self._lock:
            rows = self._db.execute(
                "SELECT record FROM events WHERE profile=? AND job=? ORDER BY rowid", (profile, job_id)
            ).fetchall()
        return [_event_from_record(r) for (r,) in rows]

    def cursor(self, profile: str, job_id: str) -> EventCursor:
        """An event cursor that knows every stored event: a new watch only fetches what is new."""
        events = self.events(profile, job_id)
        return EventCursor(events[-1].id if events else None, {e.id for e in events})

    def metrics(self, profile: str, job_id: str) -> list[MetricPoint]:
        """Live metrics merged with the result file's (which win where both have a value)."""
        with self._lock:
            rows = self._db.execute(
                "SELECT source, step, record FROM metrics WHERE profile=? AND job=? ORDER BY step",
                (profile, job_id),
            ).fetchall()
        values = json.loads("[" + ",".join(rec for _src, _step, rec in rows) + "]")  # one parse, not 10,000
        live = [MetricPoint(r[1], v) for r, v in zip(rows, values, strict=True) if r[0] == "events"]
        final = [MetricPoint(r[1], v) for r, v in zip(rows, values, strict=True) if r[0] != "events"]
        if not live or not final:
            return live or final  # already one point per step, by step
        return merge(live, final)

    def checkpoints(self, profile: str, job_id: str) -> list[Checkpoint]:
        with self._lock:
            rows = self._db.execute(
                "SELECT record FROM checkpoints WHERE profile=? AND job=? ORDER BY step", (profile, job_id)
            ).fetchall()
        out = []
        for (text,) in rows:
            d = json.loads(text)
            out.append(
                Checkpoint(
                    d["id"], int(d["created_at"]), int(d["step_number"]), d["model"], d.get("metrics") or {}
                )
            )
        return out

    def result_files(self, profile: str, job_id: str) -> dict[str, str]:
        with self._lock:
            rows = self._db.execute(
                "SELECT file_id, content FROM result_files WHERE profile=? AND job=?", (profile, job_id)
            ).fetchall()
        return dict(rows)
