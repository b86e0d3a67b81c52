"""The service layer: every call to a fine-tuning API server (OpenAI, Azure OpenAI, compatible, sandbox)."""

from __future__ import annotations

from finetune_desktop.core.api.errors import (
    AuthError,
    BadRequest,
    Conflict,
    ConnectionFailed,
    ErrorKind,
    FileProcessingFailed,
    FileTooLarge,
    FineTuningRefused,
    InvalidResponse,
    NotConfigured,
    NotFound,
    OutcomeUncertain,
    PermissionDenied,
    QuotaExceeded,
    RateLimited,
    ServerError,
    ServiceError,
    TimedOut,
    scrub,
)
from finetune_desktop.core.service.chat import ChatChunk, ChatReply, ChatUsage
from finetune_desktop.core.service.client import PLACEHOLDER_KEY, ClientFactory
from finetune_desktop.core.service.events import EventCursor, JobEvent
from finetune_desktop.core.service.files import FileInfo
from finetune_desktop.core.service.jobs import (
    MARKER_KEY,
    Hyperparameters,
    Job,
    JobError,
    JobRequest,
    JobStatus,
)
from finetune_desktop.core.service.models import RemoteModel
from finetune_desktop.core.service.results import Checkpoint, MetricRow
from finetune_desktop.core.service.retry import RetryNotice, RetryPolicy
from finetune_desktop.core.service.service import FineTuningService, connect

__all__ = [
    "MARKER_KEY",
    "PLACEHOLDER_KEY",
    "AuthError",
    "BadRequest",
    "ChatChunk",
    "ChatReply",
    "ChatUsage",
    "Checkpoint",
    "ClientFactory",
    "Conflict",
    "ConnectionFailed",
    "ErrorKind",
    "EventCursor",
    "FileInfo",
    "FileProcessingFailed",
    "FileTooLarge",
    "FineTuningRefused",
    "FineTuningService",
    "Hyperparameters",
    "InvalidResponse",
    "Job",
    "JobError",
    "JobEvent",
    "JobRequest",
    "JobStatus",
    "MetricRow",
    "NotConfigured",
    "NotFound",
    "OutcomeUncertain",
    "PermissionDenied",
    "QuotaExceeded",
    "RateLimited",
    "RemoteModel",
    "RetryNotice",
    "RetryPolicy",
    "ServerError",
    "ServiceError",
    "TimedOut",
    "connect",
    "scrub",
]
