"""The "Test connection" check: can we reach the server, may this organisation still start jobs, and
when do its fine-tuned models shut down. Structured answers; the settings screen puts them into words.

A dry check cannot prove that OpenAI will accept a job (the refusal rules depend on the organisation's
history, which the API does not expose), so eligibility is a date check plus what the API answered.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from finetune_desktop.core.accounts.profiles import Profile, ProfileKind
from finetune_desktop.core.catalog.model_names import parse_model_name

log = logging.getLogger(__name__)

#: OpenAI's published end of self-serve fine-tuning: the LAST day anyone can create a new job (the
#: deprecations notice: "the last day that active existing customers can create new fine-tuning jobs").
NEW_JOBS_END = dt.date(2027, 1, 6)
#: The last fine-tunable base models, and every fine-tune built on them, shut down on this day.
FINAL_SHUTDOWN = dt.date(2027, 1, 14)
LAST_BASE_MODELS = (
    "gpt-4o-2024-08-06",
    "gpt-4o-mini-2024-07-18",
    "gpt-4.1-2025-04-14",
    "gpt-4.1-mini-2025-04-14",
)
#: Since this day organisations that never ran fine-tuning cannot create jobs.
NEVER_FINE_TUNED_CUTOFF = dt.date(2026, 5, 7)


class JobEligibility(StrEnum):
    OPEN = "open"  # before the cutoff; OpenAI may still refuse (only creating a job tells)
    NO_HISTORY = "no_history"  # OpenAI, no job on record: refused since 2026-05-07
    CLOSED = "closed"  # after 2027-01-06 (the last day) on OpenAI
    SERVER_DECIDES = "server_decides"  # Azure, compatible servers, sandbox: OpenAI's dates do not apply


@dataclass(frozen=True)
class FineTunedModel:
    id: str
    shutdown_date: dt.date | None  # from the models list, or derived from the base model
    derived: bool = False  # True when the server gave no date and we inferred it from the base model


@dataclass(frozen=True)
class ConnectionReport:
    profile_name: str
    kind: ProfileKind
    today: dt.date
    model_count: int
    base_models: list[str]  # which of LAST_BASE_MODELS the server lists
    fine_tuned: list[FineTunedModel]
    eligibility: JobEligibility
    has_job_history: bool | None = None  # any fine-tuning job on record; None when it could not be read
    jobs_error: str | None = None  # the API's answer when listing jobs failed (plain, no key)

    @property
    def days_until_new_jobs_end(self) -> int:
        """Days from today to the last day new jobs can be created (0 on that day)."""
        return (NEW_JOBS_END - self.today).days


def fine_tuned_shutdowns(models: Sequence[Any]) -> list[FineTunedModel]:
    """The ``ft:`` models with their shutdown dates, soonest first (unknown dates last)."""
    out: list[FineTunedModel] = []
    for m in models:
        model_id = str(getattr(m, "id", ""))
        if not model_id.startswith("ft:"):
            continue
        date = getattr(m, "shutdown_date", None)
        if isinstance(date, str):
            try:
                date = dt.date.fromisoformat(date[:10])
            except ValueError:
                date = None
        if isinstance(date, dt.date):
            out.append(FineTunedModel(model_id, date))
        elif parse_model_name(model_id).base in LAST_BASE_MODELS:
            out.append(FineTunedModel(model_id, FINAL_SHUTDOWN, derived=True))
        else:
            out.append(FineTunedModel(model_id, None))
    return sorted(out, key=lambda f: (f.shutdown_date is None, f.shutdown_date or dt.date.max, f.id))


def eligibility_for(kind: ProfileKind, today: dt.date, has_job_history: bool | None) -> JobEligibility:
    if kind not in (ProfileKind.OPENAI, ProfileKind.ENVIRONMENT):
        return JobEligibility.SERVER_DECIDES
    if today > NEW_JOBS_END:
        return JobEligibility.CLOSED
    if has_job_history is False and today >= NEVER_FINE_TUNED_CUTOFF:
        return JobEligibility.NO_HISTORY
    return JobEligibility.OPEN


def _default_connect(profile: Profile, key: str | None, base_url_override: str | None) -> Any:
    # Imported when a check runs, so the settings screen opens without loading the openai SDK; a plain
    # import, so linters and bundlers see it (pyproject's import contracts name this one on purpose).
    from finetune_desktop.core.service.service import connect

    return connect(profile, key, base_url_override=base_url_override)


ConnectFn = Callable[[Profile, str | None, str | None], Any]


def check_connection(
    profile: Profile,
    key: str | None,
    *,
    base_url_override: str | None = None,
    today: dt.date | None = None,
    connect: ConnectFn | None = None,
) -> ConnectionReport:
    """List models (a failure raises the service's ``ServiceError``) and read the jobs list if allowed."""
    today = today or dt.date.today()
    service = (connect or _default_connect)(profile, key, base_url_override)
    models = list(service.list_models())
    ids = {str(getattr(m, "id", "")) for m in models}
    has_job_history: bool | None = None
    jobs_error: str | None = None
    try:
        has_job_history = bool(list(service.list_jobs(limit=1)))
    except Exception as exc:  # noqa: BLE001 - optional extra; the models answer already proved the link
        jobs_error = str(getattr(exc, "title", "") or type(exc).__name__)
        log.info("listing jobs during the connection check failed: %s", type(exc).__name__)
    finally:
        close = getattr(service, "close", None)
        if callable(close):
            close()
    return ConnectionReport(
        profile_name=profile.name,
        kind=profile.kind,
        today=today,
        model_count=len(models),
        base_models=[m for m in LAST_BASE_MODELS if m in ids],
        fine_tuned=fine_tuned_shutdowns(models),
        eligibility=eligibility_for(profile.kind, today, has_job_history),
        has_job_history=has_job_history,
        jobs_error=jobs_error,
    )
