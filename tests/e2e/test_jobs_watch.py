"""The core job watcher and the local history against the sandbox, and pagination that a server
repeating one page with ``has_more: true`` forever cannot turn into a request storm."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from finetune_desktop.core.api.records import EventCursor, JobRequest
from finetune_desktop.core.jobs.store import JobStore
from finetune_desktop.core.jobs.update import JobUpdate
from finetune_desktop.core.jobs.watcher import JobWatcher, follow
from finetune_desktop.core.service.service import FineTuningService
from tests.e2e.conftest import BASE_MODEL, LeakWatch, Sandbox, run_cli

JOBS = "/v1/fine_tuning/jobs"


def _start(service: FineTuningService, train: Path, *, suffix: str = "watch") -> str:
    file_id = service.upload_file(train).id
    return service.create_job(JobRequest(model=BASE_MODEL, training_file=file_id, suffix=suffix)).id


def test_follow_records_events_metrics_checkpoints_and_results(
    sandbox: Sandbox, service: FineTuningService, datasets: tuple[Path, Path], tmp_path: Path
) -> None:
    job_id = _start(service, datasets[0])
    updates: list[JobUpdate] = []
    with JobStore(tmp_path / "jobs.sqlite3") as store:
        watcher = JobWatcher(service, store, "e2e")
        job = follow(watcher, job_id, interval=0.05, on_update=updates.append)
        assert job.status.value == "succeeded"
        seen = [e.id for u in updates for e in u.events]
        assert len(seen) == len(set(seen))  # no event twice
        assert [e.id for e in store.events("e2e", job_id)] == seen
        points = store.metrics("e2e", job_id)
        assert points
        assert all("train_loss" in p.values for p in points)
        stored = store.job("e2e", job_id)
        assert stored is not None
        assert stored.complete
        assert stored.metrics_count == len(points)
        assert store.checkpoints("e2e", job_id)
        assert store.result_files("e2e", job_id)
        assert updates[-1].checkpoints
        assert updates[-1].result_metrics
        # a new watcher (a restart) fetches nothing it already has
        again = JobWatcher(service, store, "e2e").poll(job_id)
    assert again.events == []
    assert again.checkpoints is None  # final data came once
    assert again.done  # and the job needs no more polls


def test_repeating_pages_stop_at_once_without_duplicates(
    sandbox: Sandbox, service: FineTuningService, datasets: tuple[Path, Path]
) -> None:
    job_ids = {_start(service, datasets[0], suffix=f"r{i}") for i in range(3)}
    sandbox.control("POST", "/clock", {"seconds": 100_000})
    sandbox.fault("kind=repeat_page,path=/v1/*")
    jobs_before = len(sandbox.requests("GET", JOBS))
    listed = service.list_jobs()
    assert {j.id for j in listed} == job_ids
    assert len(listed) == len(job_ids)
    assert len(sandbox.requests("GET", JOBS)) - jobs_before == 2  # the first page and its repeat

    job_id = next(iter(job_ids))
    events = service.new_events(job_id, EventCursor())
    assert len(events) == len({e.id for e in events})
    events_path = f"{JOBS}/{job_id}/events"
    assert len(sandbox.requests("GET", events_path)) == 2

    checkpoints = service.list_checkpoints(job_id)
    assert len(checkpoints) == len({c.id for c in checkpoints}) > 0
    assert len(sandbox.requests("GET", f"{JOBS}/{job_id}/checkpoints")) == 2

    files_before = len(sandbox.requests("GET", "/v1/files"))
    files = service.list_files()
    assert len(files) == len({f.id for f in files}) >= 3
    assert len(sandbox.requests("GET", "/v1/files")) - files_before == 2


def test_jobs_offline_lists_the_store_without_the_server(
    sandbox: Sandbox,
    service: FineTuningService,
    datasets: tuple[Path, Path],
    app_home: Path,
    leak_watch: LeakWatch,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    job_id = _start(service, datasets[0])
    url = ("--base-url", sandbox.base_url, "--retry-delay", "0.02")
    watched = run_cli("watch", job_id, "--interval", "0.05", *url, app_home=app_home, watch=leak_watch)
    assert watched.returncode == 0, watched.stderr
    again = run_cli("watch", job_id, "--interval", "0.05", *url, app_home=app_home, watch=leak_watch)
    assert again.stdout.count("The job has successfully completed") == 1  # stored, not repeated

    offline_url = ("--base-url", "http://127.0.0.1:9/v1")  # nothing listens there
    nothing = run_cli("jobs", "--offline", *offline_url, app_home=app_home, watch=leak_watch)
    assert nothing.returncode == 0
    assert "no jobs recorded" in nothing.stdout

    def api_requests() -> int:
        return sum(r["path"].startswith("/v1/") for r in sandbox.control("GET", "/requests")["requests"])

    before = api_requests()
    listed = run_cli("jobs", "--offline", "--json", *url, app_home=app_home, watch=leak_watch, key=None)
    assert listed.returncode == 0, listed.stderr
    assert api_requests() == before  # not one request
    jobs = json.loads(listed.stdout)
    assert [j["id"] for j in jobs] == [job_id]
    assert jobs[0]["status"] == "succeeded"
    assert jobs[0]["metrics_count"] > 0
    text = run_cli("jobs", "--offline", *url, app_home=app_home, watch=leak_watch, key=None)
    assert job_id in text.stdout
