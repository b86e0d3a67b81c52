"""The "Test connection" logic: job eligibility by date and history, shutdown dates, a sandbox run."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from types import SimpleNamespace

import pytest

from finetune_desktop.core.accounts.connection_check import (
    FINAL_SHUTDOWN,
    JobEligibility,
    check_connection,
    eligibility_for,
    fine_tuned_shutdowns,
)
from finetune_desktop.core.accounts.profiles import Profile, ProfileKind, sandbox_profile


@pytest.mark.parametrize(
    ("kind", "today", "history", "expected"),
    [
        (ProfileKind.OPENAI, dt.date(2026, 11, 27), True, JobEligibility.OPEN),
        (ProfileKind.OPENAI, dt.date(2026, 11, 27), None, JobEligibility.OPEN),  # unknown: don't guess
        (ProfileKind.OPENAI, dt.date(2026, 11, 27), False, JobEligibility.NO_HISTORY),
        (ProfileKind.ENVIRONMENT, dt.date(2027, 1, 5), True, JobEligibility.OPEN),
        (ProfileKind.OPENAI, dt.date(2027, 1, 6), True, JobEligibility.OPEN),  # the last day
        (ProfileKind.OPENAI, dt.date(2027, 1, 7), True, JobEligibility.CLOSED),
        (ProfileKind.AZURE, dt.date(2027, 2, 1), False, JobEligibility.SERVER_DECIDES),
        (ProfileKind.COMPATIBLE, dt.date(2027, 2, 1), None, JobEligibility.SERVER_DECIDES),
        (ProfileKind.SANDBOX, dt.date(2027, 2, 1), None, JobEligibility.SERVER_DECIDES),
    ],
)
def test_eligibility(
    kind: ProfileKind, today: dt.date, history: bool | None, expected: JobEligibility
) -> None:
    assert eligibility_for(kind, today, history) is expected


def test_fine_tuned_shutdowns_use_server_dates_then_base_model_dates() -> None:
    models = [
        SimpleNamespace(id="gpt-4o-mini-2024-07-18", shutdown_date="2027-01-14"),
        SimpleNamespace(id="ft:gpt-4o-mini-2024-07-18:acme::abc", shutdown_date=None),
        SimpleNamespace(id="ft:gpt-3.5-turbo-0125:acme::old", shutdown_date=dt.date(2026, 10, 23)),
        SimpleNamespace(id="ft:some-open-model:acme::x", shutdown_date=None),
    ]
    out = fine_tuned_shutdowns(models)
    assert [(m.id, m.shutdown_date, m.derived) for m in out] == [
        ("ft:gpt-3.5-turbo-0125:acme::old", dt.date(2026, 10, 23), False),
        ("ft:gpt-4o-mini-2024-07-18:acme::abc", FINAL_SHUTDOWN, True),
        ("ft:some-open-model:acme::x", None, False),
    ]


@pytest.fixture
def sandbox_url() -> Iterator[str]:
    server_module = pytest.importorskip("finetune_desktop.sandbox.server")
    server = server_module.SandboxServer()
    url = server.start()
    try:
        yield url
    finally:
        server.stop()


def test_check_connection_against_the_sandbox_over_http(sandbox_url: str) -> None:
    report = check_connection(
        sandbox_profile(), None, base_url_override=sandbox_url, today=dt.date(2026, 11, 27)
    )
    assert report.model_count > 0
    assert report.eligibility is JobEligibility.SERVER_DECIDES
    assert report.has_job_history is False
    assert report.days_until_new_jobs_end == 40


def test_check_connection_as_an_openai_profile_reports_the_dates(sandbox_url: str) -> None:
    profile = Profile(id="p-1", name="Work", kind=ProfileKind.OPENAI)
    before = check_connection(
        profile, "sk-test-FAKE-cc", base_url_override=sandbox_url, today=dt.date(2026, 12, 1)
    )
    assert before.eligibility is JobEligibility.NO_HISTORY  # the fresh sandbox has no jobs on record
    after = check_connection(
        profile, "sk-test-FAKE-cc", base_url_override=sandbox_url, today=dt.date(2027, 1, 7)
    )
    assert after.eligibility is JobEligibility.CLOSED


def test_check_connection_with_a_revoked_key_raises_the_service_error_without_the_key(
    sandbox_url: str,
) -> None:
    service = pytest.importorskip("finetune_desktop.core.api.errors")
    profile = Profile(id="p-1", name="Work", kind=ProfileKind.COMPATIBLE, base_url=sandbox_url)
    with pytest.raises(service.ServiceError) as info:
        check_connection(profile, "sk-test-revoked-FAKE-9")
    assert "sk-test-revoked-FAKE-9" not in str(info.value)
    assert "sk-test-revoked-FAKE-9" not in repr(info.value)
