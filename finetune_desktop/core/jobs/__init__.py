"""Job watching and the local job history, shared by the command line and the window (no Qt)."""

from __future__ import annotations

from finetune_desktop.core.jobs.metrics import MetricPoint
from finetune_desktop.core.jobs.schedule import PollSchedule
from finetune_desktop.core.jobs.store import JobStore, StoredJob, StoreError
from finetune_desktop.core.jobs.watcher import JobUpdate, JobWatcher, follow

__all__ = [
    "JobStore",
    "JobUpdate",
    "JobWatcher",
    "MetricPoint",
    "PollSchedule",
    "StoreError",
    "StoredJob",
    "follow",
]
