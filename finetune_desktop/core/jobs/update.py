"""What one poll of a job learned (built by the watcher, drawn by the window)."""

from __future__ import annotations

from dataclasses import dataclass, field

from finetune_desktop.core.api.records import Checkpoint, Job, JobEvent
from finetune_desktop.core.jobs.metrics import MetricPoint


@dataclass(frozen=True)
class JobUpdate:
    """What one poll learned. ``checkpoints`` and ``result_metrics`` come once, in the poll that fetched
    them after the end; ``done`` says the job has ended and its final data is stored: stop polling it."""

    job: Job
    events: list[JobEvent] = field(default_factory=list)
    metrics: list[MetricPoint] = field(default_factory=list)
    checkpoints: list[Checkpoint] | None = None
    result_metrics: list[MetricPoint] | None = None
    done: bool = False
