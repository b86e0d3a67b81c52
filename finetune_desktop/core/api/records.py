"""The fine-tuning API's records as plain dataclasses: jobs, requests, events, checkpoints, metrics rows.

No SDK here, so screens can use them; the service layer (``core/service``) builds them from the API.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal

#: metadata key holding the client-generated idempotency marker of a create request
MARKER_KEY = "ftd_request_id"


#: metadata key holding the suffix asked for (the API's job object has no suffix field)
SUFFIX_KEY = "ftd_suffix"


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


@dataclass(frozen=True)
class JobEvent:
    id: str
    created_at: int
    level: str  # info / warn / error (open set)
    message: str
    type: str  # message / metrics / "" (open set)
    data: Mapping[str, Any] = field(default_factory=dict)

    @property
    def is_metrics(self) -> bool:
        return self.type == "metrics" or ("step" in self.data and "train_loss" in self.data)


@dataclass
class EventCursor:
    """What a poller has already seen of one job's events. Keep one per job, pass it to every poll."""

    newest_id: str | None = None
    seen: set[str] = field(default_factory=set)

    def __repr__(self) -> str:
        return f"EventCursor(newest_id={self.newest_id!r}, seen={len(self.seen)})"


@dataclass(frozen=True)
class Checkpoint:
    id: str
    created_at: int
    step_number: int
    model: str  # fine_tuned_model_checkpoint: usable as a chat model name
    metrics: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class MetricRow:
    step: int
    train_loss: float | None = None
    train_accuracy: float | None = None
    valid_loss: float | None = None
    valid_mean_token_accuracy: float | None = None
    extra: Mapping[str, float | None] = field(default_factory=dict)
