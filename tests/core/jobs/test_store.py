"""The local job history: round trips, no duplicated events, per-profile separation, migrations."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from finetune_desktop.core.api.records import Checkpoint, Job, JobError, JobEvent, JobStatus
from finetune_desktop.core.jobs.metrics import MetricPoint
from finetune_desktop.core.jobs.store import MIGRATIONS, SCHEMA_VERSION, JobStore, StoreError


def _job(job_id: str, status: str = "running", created: int = 100) -> Job:
    return Job(
        id=job_id,
        status=JobStatus.parse(status),
        status_raw=status,
        model="gpt-4o-mini-2024-07-18",
        created_at=created,
        trained_tokens=1234,
        result_files=("file-r",),
        error=JobError("invalid_file", "line 3 is broken", "training_file"),
        hyperparameters={"n_epochs": 3},
        metadata={"k": "v"},
    )


def _event(i: int) -> JobEvent:
    return JobEvent(f"ev-{i}", i, "info", f"step {i}", "metrics", {"step": i, "train_loss": 1.0 / i})


def test_job_round_trips_and_unknown_status_survives(tmp_path: Path) -> None:
    with JobStore(tmp_path / "s.sqlite3") as store:
        store.save_jobs("p1", [_job("a"), _job("b", status="warming_up", created=200)])
        stored = store.jobs("p1")
    assert [s.job.id for s in stored] == ["b", "a"]  # newest first
    assert stored[0].job.status is JobStatus.UNKNOWN
    assert stored[0].job.status_label == "warming_up"
    assert stored[1].job == _job("a")


def test_profiles_are_kept_apart(tmp_path: Path) -> None:
    with JobStore(tmp_path / "s.sqlite3") as store:
        store.save_jobs("p1", [_job("a")])
        store.save_jobs("p2", [_job("b")])
        assert [s.job.id for s in store.jobs("p1")] == ["a"]
        assert [s.job.id for s in store.jobs("p2")] == ["b"]


def test_events_are_stored_once_in_arrival_order(tmp_path: Path) -> None:
    with JobStore(tmp_path / "s.sqlite3") as store:
        assert store.add_events("p", "a", [_event(1), _event(2)]) == 2
        assert store.add_events("p", "a", [_event(2), _event(3)]) == 1
        assert [e.id for e in store.events("p", "a")] == ["ev-1", "ev-2", "ev-3"]
        cursor = store.cursor("p", "a")
    assert cursor.newest_id == "ev-3"
    assert cursor.seen == {"ev-1", "ev-2", "ev-3"}


def test_result_metrics_override_live_ones_and_count(tmp_path: Path) -> None:
    with JobStore(tmp_path / "s.sqlite3") as store:
        store.save_jobs("p", [_job("a")])
        store.add_metrics("p", "a", [MetricPoint(1, {"train_loss": 2.0, "full_valid_loss": 1.5})], "events")
        store.add_metrics("p", "a", [MetricPoint(1, {"train_loss": 1.9}), MetricPoint(2, {})], "results")
        points = store.metrics("p", "a")
        assert points == [
            MetricPoint(1, {"train_loss": 1.9, "full_valid_loss": 1.5}),
            MetricPoint(2, {}),
        ]
        assert store.jobs("p")[0].metrics_count == 2


def test_final_data_marks_the_job_complete(tmp_path: Path) -> None:
    with JobStore(tmp_path / "s.sqlite3") as store:
        store.save_jobs("p", [_job("a", status="succeeded")])
        assert not store.jobs("p")[0].complete
        ckpt = Checkpoint("ck-1", 5, 10, "ft:x:ckpt-step-10", {"train_loss": 0.5})
        store.save_final("p", "a", [ckpt], {"file-r": "step,train_loss\n1,0.5\n"})
        assert store.jobs("p")[0].complete
        assert store.checkpoints("p", "a") == [ckpt]
        assert store.result_files("p", "a") == {"file-r": "step,train_loss\n1,0.5\n"}
        store.save_jobs("p", [_job("a", status="succeeded")])  # a later save keeps "complete"
        assert store.jobs("p")[0].complete


def test_data_survives_reopening_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    with JobStore(path) as store:
        store.save_jobs("p", [_job("a")])
    with JobStore(path) as again:
        assert [s.job.id for s in again.jobs("p")] == ["a"]
        assert again.schema_version == SCHEMA_VERSION
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_an_older_file_is_migrated_without_losing_jobs(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    raw = sqlite3.connect(path)
    raw.executescript(MIGRATIONS[0] + "PRAGMA user_version=1;")
    raw.execute(
        "INSERT INTO jobs (profile, id, created_at, status, record, updated_at) VALUES (?,?,?,?,?,?)",
        ("p", "old", 1, "succeeded", '{"id": "old", "status": "succeeded"}', 0.0),
    )
    raw.commit()
    raw.close()
    with JobStore(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert [s.job.id for s in store.jobs("p")] == ["old"]
    with sqlite3.connect(path) as check:
        names = {r[0] for r in check.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert "jobs_by_created" in names


def test_a_file_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    with sqlite3.connect(path) as raw:
        raw.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="newer version"):
        JobStore(path)
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1


def test_a_damaged_file_gives_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="cannot be read"):
        JobStore(path)
