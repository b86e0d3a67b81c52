"""Under each fault kind the layer retries what is safe, never creates a job (or file) twice, and gives up
with one clear ServiceError. Faults come from the sandbox's control endpoint (real HTTP) and, for "the
server acted but the reply was lost", from a transport that drops the real response on the client side.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx2
import pytest

from finetune_desktop.core.accounts.profiles import Profile, ProfileKind
from finetune_desktop.core.api.errors import ConnectionFailed, RateLimited, ServerError, TimedOut
from finetune_desktop.core.api.records import MARKER_KEY, JobRequest
from finetune_desktop.core.service.retry import RetryNotice, RetryPolicy
from finetune_desktop.core.service.service import FineTuningService, connect
from tests.e2e.conftest import API_KEY, BASE_MODEL, FAST, Sandbox

JOBS = "/v1/fine_tuning/jobs"


@pytest.fixture
def training_file(service: FineTuningService, datasets: tuple[Path, Path]) -> str:
    return service.upload_file(datasets[0]).id


def _request(file_id: str) -> JobRequest:
    return JobRequest(model=BASE_MODEL, training_file=file_id, suffix="faults")


# latency -------------------------------------------------------------------------------------------------
def test_latency_is_only_slow(service: FineTuningService, sandbox: Sandbox, training_file: str) -> None:
    sandbox.fault("kind=latency,ms=150,path=/v1/fine_tuning/*")
    job = service.create_job(_request(training_file))
    assert service.get_job(job.id).id == job.id
    assert sandbox.count_jobs() == 1
    assert len(sandbox.requests("POST", JOBS)) == 1


def test_timeout_on_create_never_yields_two_jobs(sandbox: Sandbox, training_file: str) -> None:
    """The client gives up after 0.3 s while the server is still busy; the layer waits, looks, and only
    then sends again (the sandbox drops the abandoned request, so the second attempt creates the job)."""
    sandbox.fault(f"kind=latency,ms=600,path={JOBS},method=POST,first=1")
    profile = Profile(id="t", name="T", kind=ProfileKind.COMPATIBLE, base_url=sandbox.base_url)
    policy = RetryPolicy(max_retries=2, initial_delay=0.6, max_delay=1.0)
    with connect(profile, API_KEY, policy=policy, timeout=0.3) as svc:
        job = svc.create_job(_request(training_file))
    lookups = sandbox.requests("GET", JOBS)
    assert lookups, "the layer must look for the job before sending the request again"
    assert sandbox.count_jobs() == 1
    assert job.metadata[MARKER_KEY].startswith("ftd-")


def test_timeouts_on_reads_are_retried_then_reported(sandbox: Sandbox) -> None:
    sandbox.fault(f"kind=latency,ms=400,path={JOBS},method=GET")
    profile = Profile(id="t", name="T", kind=ProfileKind.COMPATIBLE, base_url=sandbox.base_url)
    with connect(profile, API_KEY, policy=FAST, timeout=0.1) as svc, pytest.raises(TimedOut) as info:
        svc.list_jobs()
    assert "took too long" in info.value.title
    assert len(sandbox.requests("GET", JOBS)) == FAST.max_retries + 1


# 429 ------------------------------------------------------------------------------------------------------
def test_429_with_retry_after_is_waited_out(
    service: FineTuningService, sandbox: Sandbox, training_file: str
) -> None:
    notices: list[RetryNotice] = []
    service.policy = RetryPolicy(max_retries=3, initial_delay=5.0, on_retry=notices.append)  # backoff unused
    sandbox.fault(f"kind=429,path={JOBS},method=POST,first=2,retry_after=0.05")
    service.create_job(_request(training_file))
    assert sandbox.requests("GET", JOBS) == []  # a 429 means "not done": no lookup needed
    assert len(sandbox.requests("POST", JOBS)) == 3
    assert [n.delay for n in notices] == [pytest.approx(0.05), pytest.approx(0.05)]
    assert all(isinstance(n.error, RateLimited) for n in notices)
    assert sandbox.count_jobs() == 1


def test_429_that_never_ends_becomes_rate_limited(
    service: FineTuningService, sandbox: Sandbox, training_file: str
) -> None:
    sandbox.fault(f"kind=429,path={JOBS},retry_after=0.02")
    with pytest.raises(RateLimited) as info:
        service.create_job(_request(training_file))
    assert info.value.status == 429
    assert info.value.request_id
    assert "Wait" in info.value.what_to_do
    assert len(sandbox.requests("POST", JOBS)) == FAST.max_retries + 1
    sandbox.control("DELETE", "/faults")
    assert sandbox.count_jobs() == 0


def test_retry_after_beyond_the_cap_is_reported_at_once(service: FineTuningService, sandbox: Sandbox) -> None:
    sandbox.fault(f"kind=429,path={JOBS},retry_after=600")
    with pytest.raises(RateLimited) as info:
        service.list_jobs()
    assert info.value.retry_after == pytest.approx(600)
    assert len(sandbox.requests("GET", JOBS)) == 1


# 500 -------------------------------------------------------------------------------------------------------
def test_500_on_create_is_checked_then_retried_once_done(
    service: FineTuningService, sandbox: Sandbox, training_file: str
) -> None:
    sandbox.fault(f"kind=500,path={JOBS},method=POST,first=2")
    job = service.create_job(_request(training_file))
    assert len(sandbox.requests("GET", JOBS)) >= 2  # looked for the marker before each repeat
    assert len(sandbox.requests("POST", JOBS)) == 3
    assert sandbox.count_jobs() == 1
    assert service.get_job(job.id).id == job.id


def test_500_forever_gives_a_server_error_and_no_job(
    service: FineTuningService, sandbox: Sandbox, training_file: str
) -> None:
    sandbox.fault(f"kind=500,path={JOBS},method=POST")
    with pytest.raises(ServerError) as info:
        service.create_job(_request(training_file))
    assert "not caused by your data" in info.value.what_to_do
    assert info.value.request_id
    sandbox.control("DELETE", "/faults")
    assert sandbox.count_jobs() == 0


def test_500_on_reads_and_uploads_is_retried(
    service: FineTuningService, sandbox: Sandbox, datasets: tuple[Path, Path]
) -> None:
    sandbox.fault("kind=500,path=/v1/files,method=POST,first=1")
    sandbox.fault(f"kind=500,path={JOBS},method=GET,first=2")
    info = service.upload_file(datasets[0])
    assert sandbox.count_files() == 1
    assert info.bytes == datasets[0].stat().st_size
    assert service.list_jobs() == []


# dropped connections ---------------------------------------------------------------------------
def test_drop_before_the_server_acts_is_retried_once(
    service: FineTuningService, sandbox: Sandbox, training_file: str
) -> None:
    sandbox.fault(f"kind=drop,path={JOBS},method=POST,first=1")
    service.create_job(_request(training_file))
    assert sandbox.count_jobs() == 1
    assert len(sandbox.requests("POST", JOBS)) == 2


def test_drop_forever_gives_a_connection_error_and_no_job(
    service: FineTuningService, sandbox: Sandbox, training_file: str
) -> None:
    sandbox.fault(f"kind=drop,path={JOBS},method=POST")
    with pytest.raises(ConnectionFailed) as info:
        service.create_job(_request(training_file))
    assert "connection" in info.value.what_to_do.lower()
    sandbox.control("DELETE", "/faults")
    assert sandbox.count_jobs() == 0


class LoseReplies(httpx2.BaseTransport):
    """Real HTTP to the sandbox, but the first ``times`` answers to METHOD PATH are thrown away."""

    def __init__(self, method: str, path: str, times: int) -> None:
        self.inner = httpx2.HTTPTransport()
        self.method, self.path, self.times = method, path, times

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        response = self.inner.handle_request(request)
        if self.times and request.method == self.method and request.url.path == self.path:
            self.times -= 1
            response.read()
            response.close()
            raise httpx2.ReadError("connection reset after the server answered", request=request)
        return response

    def close(self) -> None:
        self.inner.close()


@pytest.fixture
def lossy(sandbox: Sandbox) -> Iterator[tuple[FineTuningService, LoseReplies]]:
    transport = LoseReplies("POST", JOBS, times=1)
    profile = Profile(id="l", name="L", kind=ProfileKind.COMPATIBLE, base_url=sandbox.base_url)
    with connect(profile, API_KEY, policy=FAST, http_client=httpx2.Client(transport=transport)) as svc:
        yield svc, transport


def test_reply_lost_after_the_job_was_created_does_not_create_a_second(
    lossy: tuple[FineTuningService, LoseReplies], sandbox: Sandbox, datasets: tuple[Path, Path]
) -> None:
    svc, _transport = lossy
    file_id = svc.upload_file(datasets[0]).id
    job = svc.create_job(_request(file_id))
    assert sandbox.count_jobs() == 1
    assert len(sandbox.requests("POST", JOBS)) == 1
    assert svc.get_job(job.id).metadata[MARKER_KEY] == job.metadata[MARKER_KEY]


def test_reply_lost_after_an_upload_does_not_upload_twice(
    lossy: tuple[FineTuningService, LoseReplies], sandbox: Sandbox, datasets: tuple[Path, Path]
) -> None:
    svc, transport = lossy
    transport.path, transport.times = "/v1/files", 1
    info = svc.upload_file(datasets[0])
    assert sandbox.count_files() == 1
    assert len(sandbox.requests("POST", "/v1/files")) == 1
    assert info.filename == datasets[0].name


def test_failed_parts_are_resent_and_the_file_arrives_once(
    service: FineTuningService, sandbox: Sandbox, datasets: tuple[Path, Path]
) -> None:
    service.multipart_threshold = 256
    service.part_size = 512
    sandbox.fault("kind=drop,path=/v1/uploads/*/parts,first=1")
    sandbox.fault("kind=500,path=/v1/uploads/*/parts,first=2")
    info = service.upload_file(datasets[0])
    assert info.bytes == datasets[0].stat().st_size
    assert sandbox.count_files() == 1
