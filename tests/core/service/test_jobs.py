"""Job creation never runs twice; statuses are an open set; listing walks every page."""

from __future__ import annotations

import httpx2
import pytest

from finetune_desktop.core.api.errors import OutcomeUncertain, RateLimited
from finetune_desktop.core.api.records import MARKER_KEY, Hyperparameters, JobRequest, JobStatus
from finetune_desktop.core.service.jobs import job_from_api
from finetune_desktop.core.service.retry import RetryNotice, RetryPolicy
from finetune_desktop.core.service.service import FineTuningService
from tests.core.service.conftest import Fake, body, error_json, job_json

REQUEST = JobRequest(model="gpt-4o-mini-2024-07-18", training_file="file-1")


class FakeJobs:
    """Creates jobs into a list; the first ``lose_replies`` creates are processed but their reply is lost."""

    def __init__(self, fake: Fake, *, lose_replies: int = 0, fail_before: int = 0, status: int = 500) -> None:
        self.jobs: list[dict[str, object]] = []
        self.lose_replies = lose_replies
        self.fail_before = fail_before
        self.status = status
        fake.routes[("POST", "/fine_tuning/jobs")] = self.create
        fake.routes[("GET", "/fine_tuning/jobs")] = self.list

    def create(self, request: httpx2.Request) -> httpx2.Response:
        if self.fail_before:
            self.fail_before -= 1
            return httpx2.Response(self.status, json=error_json("busy"), headers={"retry-after-ms": "1"})
        params = body(request)
        job = job_json(f"ftjob-{len(self.jobs) + 1}", metadata=params.get("metadata"))
        self.jobs.insert(0, job)
        if self.lose_replies:
            self.lose_replies -= 1
            raise httpx2.ReadError("connection reset by peer", request=request)
        return httpx2.Response(200, json=job)

    def list(self, request: httpx2.Request) -> httpx2.Response:
        params = request.url.params
        items = self.jobs
        marker = params.get(f"metadata[{MARKER_KEY}]")
        if marker:
            items = [j for j in items if (j.get("metadata") or {}).get(MARKER_KEY) == marker]  # type: ignore[union-attr]
        return httpx2.Response(200, json={"object": "list", "data": items, "has_more": False})


def test_lost_reply_after_create_finds_the_job_instead_of_creating_another(
    fake: Fake, service: FineTuningService
) -> None:
    server = FakeJobs(fake, lose_replies=1)
    job = service.create_job(REQUEST)
    assert len(server.jobs) == 1
    assert job.id == "ftjob-1"
    assert job.metadata[MARKER_KEY].startswith("ftd-")
    assert fake.count("POST", "/fine_tuning/jobs") == 1


def test_5xx_before_acting_is_retried_after_checking(fake: Fake, service: FineTuningService) -> None:
    server = FakeJobs(fake, fail_before=2, status=502)
    job = service.create_job(REQUEST)
    assert len(server.jobs) == 1
    assert job.id == "ftjob-1"
    assert fake.count("POST", "/fine_tuning/jobs") == 3
    assert fake.count("GET", "/fine_tuning/jobs") >= 2  # looked before each repeat


def test_429_is_repeated_without_lookup_and_reports_each_wait(fake: Fake, service: FineTuningService) -> None:
    notices: list[RetryNotice] = []
    service.policy = RetryPolicy(max_retries=3, initial_delay=0.001, on_retry=notices.append)
    server = FakeJobs(fake, fail_before=2, status=429)
    service.create_job(REQUEST)
    assert len(server.jobs) == 1
    assert fake.count("GET", "/fine_tuning/jobs") == 0
    assert [n.attempt for n in notices] == [1, 2]
    assert all(isinstance(n.error, RateLimited) and n.delay == pytest.approx(0.001) for n in notices)


def test_giving_up_on_429_raises_rate_limited(fake: Fake, service: FineTuningService) -> None:
    server = FakeJobs(fake, fail_before=99, status=429)
    with pytest.raises(RateLimited):
        service.create_job(REQUEST)
    assert server.jobs == []
    assert fake.count("POST", "/fine_tuning/jobs") == 4


def test_retry_after_too_long_is_not_waited_for(fake: Fake, service: FineTuningService) -> None:
    fake.routes[("POST", "/fine_tuning/jobs")] = lambda r: httpx2.Response(
        429, json=error_json("slow down"), headers={"retry-after": "3600"}
    )
    with pytest.raises(RateLimited) as info:
        service.create_job(REQUEST)
    assert info.value.retry_after == 3600
    assert fake.count("POST", "/fine_tuning/jobs") == 1


def test_when_the_check_itself_fails_the_error_says_the_outcome_is_unknown(
    fake: Fake, service: FineTuningService
) -> None:
    def drop(request: httpx2.Request) -> httpx2.Response:
        raise httpx2.ConnectError("down", request=request)

    fake.routes[("POST", "/fine_tuning/jobs")] = drop
    fake.routes[("GET", "/fine_tuning/jobs")] = drop
    with pytest.raises(OutcomeUncertain) as info:
        service.create_job(REQUEST)
    assert "jobs list" in info.value.what_to_do
    assert fake.count("POST", "/fine_tuning/jobs") == 1


def test_request_carries_method_hyperparameters_and_metadata(fake: Fake, service: FineTuningService) -> None:
    FakeJobs(fake)
    req = JobRequest(
        model="gpt-4.1-mini-2025-04-14",
        training_file="file-t",
        validation_file="file-v",
        method="dpo",
        hyperparameters=Hyperparameters(n_epochs=2, beta=0.1),
        suffix="support",
        seed=7,
        metadata={"team": "docs"},
    )
    service.create_job(req)
    sent = body(fake.requests[0])
    assert sent["method"] == {
        "type": "dpo",
        "dpo": {
            "hyperparameters": {
                "n_epochs": 2,
                "batch_size": "auto",
                "learning_rate_multiplier": "auto",
                "beta": 0.1,
            }
        },
    }
    assert sent["suffix"] == "support"
    assert sent["seed"] == 7
    assert sent["validation_file"] == "file-v"
    assert sent["metadata"]["team"] == "docs"
    assert MARKER_KEY in sent["metadata"]


@pytest.mark.parametrize(
    ("raw", "status", "label"),
    [
        ("running", JobStatus.RUNNING, "running"),
        ("pausing", JobStatus.PAUSING, "pausing"),
        ("paused", JobStatus.PAUSED, "paused"),
        ("migrating_to_mars", JobStatus.UNKNOWN, "migrating_to_mars"),
        (None, JobStatus.UNKNOWN, "unknown"),
    ],
)
def test_status_is_an_open_set(raw: str | None, status: JobStatus, label: str) -> None:
    data = job_json("ftjob-9")
    data["status"] = raw
    job = job_from_api(data)
    assert job.status is status
    assert job.status_label == label
    assert not job.status.is_terminal or raw in ("succeeded", "failed", "cancelled")


def test_list_jobs_walks_all_pages(fake: Fake, service: FineTuningService) -> None:
    all_jobs = [job_json(f"ftjob-{i}", status="paused" if i % 2 else "weird") for i in range(250)]

    def page(request: httpx2.Request) -> httpx2.Response:
        after = request.url.params.get("after")
        limit = int(request.url.params.get("limit", "20"))
        start = next(i + 1 for i, j in enumerate(all_jobs) if j["id"] == after) if after else 0
        chunk = all_jobs[start : start + limit]
        return httpx2.Response(
            200, json={"object": "list", "data": chunk, "has_more": start + limit < len(all_jobs)}
        )

    fake.routes[("GET", "/fine_tuning/jobs")] = page
    jobs = service.list_jobs()
    assert [j.id for j in jobs] == [j["id"] for j in all_jobs]
    assert fake.count("GET", "/fine_tuning/jobs") == 3
    assert service.list_jobs(limit=5)[-1].id == "ftjob-4"


def test_cancel_whose_reply_was_lost_is_confirmed_from_the_job_state(
    fake: Fake, service: FineTuningService
) -> None:
    state = {"status": "running", "calls": 0}

    def cancel(request: httpx2.Request) -> httpx2.Response:
        state["calls"] = int(state["calls"]) + 1
        if state["status"] == "cancelled":
            return httpx2.Response(400, json=error_json("Job has already been cancelled"))
        state["status"] = "cancelled"
        raise httpx2.ReadError("reset", request=request)

    fake.routes[("POST", "/fine_tuning/jobs/ftjob-1/cancel")] = cancel
    fake.routes[("GET", "/fine_tuning/jobs/ftjob-1")] = lambda r: httpx2.Response(
        200, json=job_json("ftjob-1", status=str(state["status"]))
    )
    job = service.cancel_job("ftjob-1")
    assert job.status is JobStatus.CANCELLED
    assert state["calls"] == 2
