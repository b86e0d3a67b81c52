"""Fine-tuning jobs: an open status set, the job record, creation without duplicates, listing all pages.

Creating a job is not idempotent and costs money, so :func:`create_job` tags every request with a unique
``ftd_request_id`` in the job metadata; after a failure where the server may have acted, it looks the tag
up before sending the request again.
"""

from __future__ import annotations

import logging
from typing import Any, Literal

import openai

from finetune_desktop.core.api.records import (
    MARKER_KEY,
    SUFFIX_KEY,
    Job,
    JobError,
    JobRequest,
    JobStatus,
    new_marker,
)
from finetune_desktop.core.cancel import CancelToken
from finetune_desktop.core.service.pages import raw_id, walk_pages
from finetune_desktop.core.service.retry import RetryPolicy, call_with_retry

log = logging.getLogger(__name__)

PAGE_LIMIT = 100
MAX_PAGES = 200


def _as_dict(obj: Any) -> dict[str, Any]:
    if isinstance(obj, dict):
        return obj
    dump = getattr(obj, "model_dump", None)
    if callable(dump):
        result = dump()
        if isinstance(result, dict):
            return result
    return dict(getattr(obj, "__dict__", {}))


def job_from_api(obj: Any) -> Job:
    """Build a :class:`Job` from an SDK object or dict, tolerating missing or unknown fields."""
    d = _as_dict(obj)
    raw_status = str(d.get("status") or "unknown")
    method_d = d.get("method") or {}
    method_type = str(method_d.get("type") or "supervised") if isinstance(method_d, dict) else "supervised"
    hyper: dict[str, Any] = {}
    if isinstance(method_d, dict) and isinstance(method_d.get(method_type), dict):
        hyper = dict(method_d[method_type].get("hyperparameters") or {})
    if not hyper and isinstance(d.get("hyperparameters"), dict):
        hyper = dict(d["hyperparameters"])
    err = d.get("error")
    job_error = None
    if isinstance(err, dict) and (err.get("code") or err.get("message")):
        job_error = JobError(str(err.get("code") or ""), str(err.get("message") or ""), err.get("param"))
    metadata = d.get("metadata") or {}
    fine_tuned = d.get("fine_tuned_model")
    return Job(
        id=str(d.get("id", "")),
        status=JobStatus.parse(raw_status),
        status_raw=raw_status,
        model=str(d.get("model") or ""),
        created_at=int(d.get("created_at") or 0),
        fine_tuned_model=str(fine_tuned) if fine_tuned else None,
        finished_at=d.get("finished_at"),
        estimated_finish=d.get("estimated_finish"),
        trained_tokens=d.get("trained_tokens"),
        training_file=d.get("training_file"),
        validation_file=d.get("validation_file"),
        result_files=tuple(str(f) for f in d.get("result_files") or ()),
        error=job_error,
        method=method_type,
        hyperparameters={k: v for k, v in hyper.items() if v is not None},
        seed=d.get("seed"),
        suffix=d.get("suffix") or _suffix_of(metadata, fine_tuned),
        metadata={str(k): str(v) for k, v in metadata.items()} if isinstance(metadata, dict) else {},
    )


def _suffix_of(metadata: object, fine_tuned: object) -> str | None:
    """The suffix from our metadata tag, else from ``ft:<base>:<org>:<suffix>:<id>``."""
    if isinstance(metadata, dict) and metadata.get(SUFFIX_KEY):
        return str(metadata[SUFFIX_KEY])
    parts = str(fine_tuned or "").split(":")
    if len(parts) == 5 and parts[0] == "ft" and parts[3]:
        return parts[3]
    return None


def find_job_by_marker(client: openai.OpenAI, marker: str, *, scan: int = 50) -> Job | None:
    """The job created with ``marker``, if any: filtered list first, then a scan of the newest jobs."""
    seen: set[str] = set()
    try:
        page = client.fine_tuning.jobs.list(metadata={MARKER_KEY: marker}, limit=20)
        for item in page.data:
            job = job_from_api(item)
            seen.add(job.id)
            if job.metadata.get(MARKER_KEY) == marker:
                return job
    except (openai.BadRequestError, openai.NotFoundError, openai.UnprocessableEntityError):
        pass  # a server without the metadata filter: the scan below covers it
    page = client.fine_tuning.jobs.list(limit=scan)
    for item in page.data:
        job = job_from_api(item)
        if job.id not in seen and job.metadata.get(MARKER_KEY) == marker:
            return job
    return None


def create_job(
    client: openai.OpenAI,
    request: JobRequest,
    *,
    policy: RetryPolicy,
    api_key: str | None = None,
    cancel: CancelToken | None = None,
    marker: str | None = None,
) -> Job:
    """Create one job, at most once, even when the connection fails mid-request."""
    marker = marker or new_marker()
    params = request.to_api(marker)

    def attempt() -> Job:
        return job_from_api(client.fine_tuning.jobs.create(**params))

    def recover() -> Job | None:
        found = call_with_retry(
            lambda: find_job_by_marker(client, marker),
            operation="find_created_job",
            policy=policy,
            api_key=api_key,
            cancel=cancel,
        )
        if found is not None:
            log.info("job create: found job %s from an earlier attempt (marker %s)", found.id, marker)
        return found

    return call_with_retry(
        attempt,
        operation="create_job",
        policy=policy,
        api_key=api_key,
        idempotent=False,
        recover=recover,
        cancel=cancel,
    )


def list_jobs(
    client: openai.OpenAI,
    *,
    policy: RetryPolicy,
    api_key: str | None = None,
    limit: int | None = None,
    cancel: CancelToken | None = None,
) -> list[Job]:
    """Every job (all pages, newest first), or the newest ``limit``; a repeating server is cut short."""
    jobs: list[Job] = []
    page_size = PAGE_LIMIT if limit is None else max(1, min(PAGE_LIMIT, limit))

    def fetch(after: str | None) -> Any:
        kwargs: dict[str, Any] = {"limit": page_size}
        if after:
            kwargs["after"] = after
        return call_with_retry(
            lambda: client.fine_tuning.jobs.list(**kwargs),
            operation="list_jobs",
            policy=policy,
            api_key=api_key,
            cancel=cancel,
        )

    for item in walk_pages(fetch, item_id=raw_id, operation="list_jobs", max_pages=MAX_PAGES):
        jobs.append(job_from_api(item))
        if limit is not None and len(jobs) >= limit:
            break
    return jobs


def _job_action(
    client: openai.OpenAI,
    action: Literal["cancel", "pause", "resume"],
    job_id: str,
    *,
    policy: RetryPolicy,
    api_key: str | None,
    done: tuple[JobStatus, ...],
) -> Job:
    """cancel/pause/resume: safe to repeat; a refusal after a lost reply is checked against the job state."""
    jobs_api = client.fine_tuning.jobs
    fn = {"cancel": jobs_api.cancel, "pause": jobs_api.pause, "resume": jobs_api.resume}[action]

    def recover() -> Job | None:
        job = retrieve_job(client, job_id, policy=policy, api_key=api_key)
        return job if job.status in done else None

    return call_with_retry(
        lambda: job_from_api(fn(job_id)),
        operation=f"{action}_job",
        policy=policy,
        api_key=api_key,
        recover=recover,
    )


def retrieve_job(
    client: openai.OpenAI, job_id: str, *, policy: RetryPolicy, api_key: str | None = None
) -> Job:
    return call_with_retry(
        lambda: job_from_api(client.fine_tuning.jobs.retrieve(job_id)),
        operation="get_job",
        policy=policy,
        api_key=api_key,
    )


def cancel_job(client: openai.OpenAI, job_id: str, *, policy: RetryPolicy, api_key: str | None = None) -> Job:
    return _job_action(
        client,
        "cancel",
        job_id,
        policy=policy,
        api_key=api_key,
        done=(JobStatus.CANCELLING, JobStatus.CANCELLED),
    )


def pause_job(client: openai.OpenAI, job_id: str, *, policy: RetryPolicy, api_key: str | None = None) -> Job:
    return _job_action(
        client, "pause", job_id, policy=policy, api_key=api_key, done=(JobStatus.PAUSING, JobStatus.PAUSED)
    )


def resume_job(client: openai.OpenAI, job_id: str, *, policy: RetryPolicy, api_key: str | None = None) -> Job:
    return _job_action(
        client,
        "resume",
        job_id,
        policy=policy,
        api_key=api_key,
        done=(JobStatus.RUNNING, JobStatus.QUEUED, JobStatus.VALIDATING_FILES),
    )


__all__ = [
    "cancel_job",
    "create_job",
    "find_job_by_marker",
    "job_from_api",
    "list_jobs",
    "pause_job",
    "resume_job",
    "retrieve_job",
]
