"""Every failure becomes one typed, user-facing error; none of them ever shows the key."""

from __future__ import annotations

import logging
import traceback

import httpx2
import pytest

from finetune_desktop.core.accounts.profiles import Profile, ProfileKind
from finetune_desktop.core.api.errors import (
    AuthError,
    BadRequest,
    ConnectionFailed,
    FineTuningRefused,
    NotConfigured,
    NotFound,
    QuotaExceeded,
    RateLimited,
    ServerError,
    ServiceError,
    TimedOut,
    scrub,
)
from finetune_desktop.core.api.records import JobRequest
from finetune_desktop.core.service.service import FineTuningService, connect
from tests.core.service.conftest import FAKE_KEY, Fake, error_json

REQ = {"x-request-id": "req_test123"}


def _all_text(err: ServiceError) -> str:
    tb = "".join(traceback.format_exception(err))
    return "\n".join([str(err), repr(err), err.title, err.what_to_do, err.detail, str(err.to_dict()), tb])


@pytest.mark.parametrize(
    ("status", "payload", "cls"),
    [
        (401, error_json(f"Incorrect API key provided: {FAKE_KEY}.", "invalid_api_key"), AuthError),
        (404, error_json("No such job"), NotFound),
        (429, error_json("Rate limit reached", "rate_limit_exceeded"), RateLimited),
        (429, error_json("You exceeded your current quota", "insufficient_quota"), QuotaExceeded),
        (500, error_json("boom"), ServerError),
        (400, error_json("Invalid value", "invalid_value", "suffix"), BadRequest),
    ],
)
def test_status_maps_to_one_typed_error(
    fake: Fake, service: FineTuningService, status: int, payload: dict[str, object], cls: type[ServiceError]
) -> None:
    fake.routes[("GET", "/fine_tuning/jobs/ftjob-1")] = lambda r: httpx2.Response(
        status, json=payload, headers={**REQ, "retry-after-ms": "1"}
    )
    with pytest.raises(cls) as info:
        service.get_job("ftjob-1")
    err = info.value
    assert type(err) is cls
    assert err.status == status
    assert err.request_id == "req_test123"
    assert err.title
    assert err.what_to_do
    assert FAKE_KEY not in _all_text(err)
    assert err.__cause__ is None  # the SDK exception (holding the request headers) is not kept


def test_bad_request_names_the_param(fake: Fake, service: FineTuningService) -> None:
    fake.routes[("POST", "/fine_tuning/jobs")] = lambda r: httpx2.Response(
        400, json=error_json("suffix too long", "invalid_value", "suffix"), headers=REQ
    )
    with pytest.raises(BadRequest) as info:
        service.create_job(
            JobRequest(model="gpt-4o-mini-2024-07-18", training_file="file-1", suffix="x" * 80)
        )
    assert info.value.param == "suffix"
    assert "suffix" in info.value.title
    assert "suffix too long" in str(info.value)


def test_403_on_create_explains_the_wind_down_and_shows_the_server_message(
    fake: Fake, service: FineTuningService
) -> None:
    fake.routes[("POST", "/fine_tuning/jobs")] = lambda r: httpx2.Response(
        403, json=error_json("Fine-tuning is not available for your organization."), headers=REQ
    )
    with pytest.raises(FineTuningRefused) as info:
        service.create_job(JobRequest(model="gpt-4o-mini-2024-07-18", training_file="file-1"))
    text = str(info.value)
    assert "Fine-tuning is not available for your organization." in text
    for needle in ("2026-05-07", "2026-07-02", "2027-01-06", "2027-01-14", "gpt-4.1-mini-2025-04-14"):
        assert needle in text
    assert info.value.status == 403
    assert fake.count("POST", "/fine_tuning/jobs") == 1


def test_connection_errors_and_timeouts_are_typed_and_retried(fake: Fake, service: FineTuningService) -> None:
    def drop(request: httpx2.Request) -> httpx2.Response:
        raise httpx2.ConnectError("connection refused", request=request)

    def slow(request: httpx2.Request) -> httpx2.Response:
        raise httpx2.ReadTimeout("timed out", request=request)

    fake.routes[("GET", "/fine_tuning/jobs/a")] = drop
    fake.routes[("GET", "/fine_tuning/jobs/b")] = slow
    with pytest.raises(ConnectionFailed) as info:
        service.get_job("a")
    assert type(info.value) is ConnectionFailed
    with pytest.raises(TimedOut):
        service.get_job("b")
    assert fake.count("GET", "/fine_tuning/jobs/a") == 4  # first try + 3 retries


def test_scrub_removes_the_key_and_anything_key_shaped() -> None:
    text = (
        "key sk-proj-abcDEF123456_xyz and Bearer abc.def-123456 and 0123456789abcdef0123456789abcdef "
        "api_key=verysecretvalue my-own-secret-token"
    )
    out = scrub(text, "my-own-secret-token")
    for secret in ("sk-proj-abc", "abc.def-123456", "0123456789abcdef", "verysecretvalue", "my-own-secret"):
        assert secret not in out
    assert "req_0123456789abcdef0123456789abcdef" in scrub("req_0123456789abcdef0123456789abcdef")


def test_server_message_echoing_an_unusual_key_is_scrubbed(fake: Fake) -> None:
    odd_key = "azure-FAKE-key-value-42"
    profile = Profile(id="p", name="P", kind=ProfileKind.COMPATIBLE, base_url="http://fake.test/v1")
    fake.routes[("GET", "/models")] = lambda r: httpx2.Response(
        401, json=error_json(f"Key {odd_key} is not valid"), headers=REQ
    )
    svc = connect(profile, odd_key, http_client=httpx2.Client(transport=httpx2.MockTransport(fake.handler)))
    with pytest.raises(AuthError) as info:
        svc.list_models()
    assert odd_key not in _all_text(info.value)
    assert odd_key not in repr(svc)


def test_client_is_built_lazily_and_missing_key_is_a_clear_error() -> None:
    profile = Profile(id="o", name="My OpenAI", kind=ProfileKind.OPENAI)
    svc = connect(profile, None)  # no SDK client yet, so no exception here
    with pytest.raises(NotConfigured) as info:
        svc.list_jobs()
    assert "My OpenAI" in info.value.title
    assert "sandbox" in info.value.what_to_do


def test_sandbox_without_key_sends_a_placeholder(fake: Fake) -> None:
    profile = Profile(id="sandbox", name="Sandbox", kind=ProfileKind.SANDBOX)
    fake.routes[("GET", "/models")] = lambda r: httpx2.Response(200, json={"object": "list", "data": []})
    svc = connect(
        profile,
        None,
        base_url_override="http://fake.test/v1",
        http_client=httpx2.Client(transport=httpx2.MockTransport(fake.handler)),
    )
    assert svc.list_models() == []
    assert fake.requests[0].headers["authorization"] == "Bearer sandbox"


def test_key_never_in_debug_logs(
    fake: Fake, service: FineTuningService, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    fake.routes[("GET", "/fine_tuning/jobs/x")] = lambda r: httpx2.Response(500, json=error_json("boom"))
    with pytest.raises(ServerError):
        service.get_job("x")
    assert caplog.records
    assert FAKE_KEY not in caplog.text
