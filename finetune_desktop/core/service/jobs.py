"""Fine-tuning jobs: an open status set, the job record, creation without duplicates, listing all pages.

Creating a job is not idempotent and costs money, so :func:`create_job` tags every request with a unique
``ftd_request_id`` in the job metadata; after a failure where the server may have acted, it looks the tag
up before sending the request again.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal

import openai

from finetune_desktop.core.cancel import CancelToken
from finetune_desktop.core.service.pages import raw_id, walk_pages
from finetune_desktop.core.service.retry import RetryPolicy, call_with_retry

log = logging.getLogger(__name__)

#: metadata key holding the client-generated idempotency marker of a create request
MARKER_KEY = "ftd_request_id"
#: metadata key holding the suffix asked for (the API's job object has no suffix field)
SUFFIX_KEY = "ftd_suffix"
PAGE_LIMIT = 100
MAX_PAGES = 200


class JobStatus(StrEnum):
    """Job states. An open set: :meth:`parse` maps anything new to UNKNOWN (``Job.status_raw`` keeps it)."""

    VALIDATING_FILES = "validating_files"
    QUEUED = "queued"
    RUNNING = "running"
    PAUSING = "pausing"
    PAUSED = "paused"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLING = "cancelling"
    CANCELLED = "cancelled"
    UNKNOWN = "unknown"

    @classmethod
    def parse(cls, raw: object) -> JobStatus:
        try:
            return cls(str(raw).strip().lower())
        except ValueError:
            return cls.UNKNOWN

    @property
    def is_terminal(self) -> bool:
        return self in (JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.CANCELLED)

    @property
    def can_cancel(self) -> bool:
        return self in (
            JobStatus.VALIDATING_FILES,
            JobStatus.QUEUED,
            JobStatus.RUNNING,
            JobStatus.PAUSING,
            JobStatus.PAUSED,
            JobStatus.UNKNOWN,
        )

    @property
    def can_pause(self) -> bool:
        return self is JobStatus.RUNNING

    @property
    def can_resume(self) -> bool:
        return self is JobStatus.PAUSED


@dataclass(frozen=True)
class JobError:
    code: str
    message: str
    param: str | None = None


@dataclass(frozen=True)
class Job:
    id: str
    status: JobStatus
    status_raw: str
    model: str
    created_at: int
    fine_tuned_model: str | None = None
    finished_at: int | None = None
    estimated_finish: int | None = None
    trained_tokens: int | None = None
    training_file: str | None = None
    validation_file: str | None = None
    result_files: tuple[str, ...] = ()
    error: JobError | None = None
    method: str = "supervised"
    hyperparameters: Mapping[str, Any] = field(default_factory=dict)
    seed: int | None = None
    suffix: str | None = None
    metadata: Mapping[str, str] = field(default_factory=dict)

    @property
    def status_label(self) -> str:
        """The status to show: the raw string when the app does not know it yet."""
        return self.status_raw if self.status is JobStatus.UNKNOWN else self.status.value


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


Auto = Literal["auto"]


@dataclass(frozen=True)
class Hyperparameters:
    """Each value is "auto" (the server decides) or a number."""

    n_epochs: int | Auto = "auto"
    batch_size: int | Auto = "auto"
    learning_rate_multiplier: float | Auto = "auto"
    beta: float | Auto = "auto"  # DPO only

    def to_api(self, method: str) -> dict[str, Any]:
        out: dict[str, Any] = {
            "n_epochs": self.n_epochs,
            "batch_size": self.batch_size,
            "learning_rate_multiplier": self.learning_rate_multiplier,
        }
        if method == "dpo":
            out["beta"] = self.beta
        return out


@dataclass(frozen=True)
class JobRequest:
    model: str
    training_file: str
    validation_file: str | None = None
    method: Literal["supervised", "dpo"] = "supervised"
    hyperparameters: Hyperparameters = field(default_factory=Hyperparameters)
    suffix: str | None = None
    seed: int | None = None
    metadata: Mapping[str, str] = field(default_factory=dict)

    def to_api(self, marker: str) -> dict[str, Any]:
        params: dict[str, Any] = {
            "model": self.model,
            "training_file": self.training_file,
            "method": {
                "type": self.method,
                self.method: {"hyperparameters": self.hyperparameters.to_api(self.method)},
            },
            "metadata": {**dict(self.metadata), MARKER_KEY: marker},
        }
        if self.suffix:
            params["metadata"][SUFFIX_KEY] = self.suffix
        if self.validation_file:
            params["validation_file"] = self.validation_file
        if self.suffix:
            params["suffix"] = self.suffix
        if self.seed is not None:
            params["seed"] = self.seed
        return params


def new_marker() -> str:
    return f"ftd-{uuid.uuid4().hex}"


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
    "MARKER_KEY",
    "Hyperparameters",
    "Job",
    "JobError",
    "JobRequest",
    "JobStatus",
    "cancel_job",
    "create_job",
    "find_job_by_marker",
    "job_from_api",
    "list_jobs",
    "new_marker",
    "pause_job",
    "resume_job",
    "retrieve_job",
]
