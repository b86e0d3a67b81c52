"""The seam between the sandbox's API and whatever trains and answers: the engine interface.

The job manager and the chat route only talk to :class:`TrainingEngine` / :class:`TrainingRun`, so the
simulated engine (``engines/simulated.py``, the default demo) and the real local LoRA trainer
(``engines/local``) are interchangeable. An engine

* names the base models it serves (``base_models``) and the ``org`` part of its fine-tuned model names;
* trains: ``start`` returns a run that is *polled*, never waited on. ``poll(elapsed)`` returns the steps
  finished since the last poll (``elapsed`` is the job's running time on the simulated clock; an engine
  that trains for real ignores it). A run reports its checkpoints, its result, a failure with the API's
  error code, and can be paused, resumed and cancelled;
* answers chat completions for its base models, fine-tuned models and checkpoints (``chat``);
* survives a server restart: what a run needs is in the job's files and its ``workdir``, and ``start``
  with ``completed_steps`` carries on from there.

Nothing here blocks: ``start`` and every run method return at once (a real trainer works in a child
process); only ``chat`` may take a while, and the route calls it from a worker thread.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol


def default_batch_size(n_examples: int) -> int:
    """``batch_size="auto"``: about 0.2% of the examples, between 1 and 256."""
    return max(1, min(256, round(n_examples * 0.002)))


@dataclass(frozen=True, slots=True)
class TrainingSpec:
    """What an engine needs to know about a job (hyperparameters already resolved to numbers)."""

    job_id: str
    model: str
    method: str  # supervised | dpo | reinforcement
    seed: int
    n_epochs: int
    batch_size: int
    learning_rate_multiplier: float
    n_train: int
    n_valid: int
    #: a folder the engine may keep files in for this job (checkpoints, logs); None: in memory only
    workdir: Path | None = None

    @property
    def steps_per_epoch(self) -> int:
        return max(1, math.ceil(self.n_train / self.batch_size))

    @property
    def total_steps(self) -> int:
        return self.steps_per_epoch * self.n_epochs


@dataclass(frozen=True, slots=True)
class Progress:
    """One finished step.

    ``at`` is the job running time (simulated seconds) at which it finished, or None for "just now" (an
    engine on the wall clock). ``checkpoint`` is the engine's reference to weights saved at this step
    (a folder for the local engine), or None when no checkpoint was made.
    """

    step: int
    total_steps: int
    epoch: int
    at: float | None
    metrics: dict[str, float] = field(default_factory=dict)
    epoch_end: bool = False
    checkpoint: str | None = None


@dataclass(frozen=True, slots=True)
class Note:
    """An event message with data for the client (e.g. a download's bytes), beside plain-text notes."""

    message: str
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class RunFailure:
    """Why a run stopped, in the API's ``job.error`` shape."""

    code: str
    message: str
    param: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "param": self.param}


class TrainingRun(Protocol):
    total_steps: int

    def poll(self, elapsed: float) -> list[Progress]:
        """Steps finished since the last poll (up to ``elapsed`` simulated seconds for a simulated run)."""
        ...

    @property
    def finished(self) -> bool:
        """Every step is done and the result is saved."""
        ...

    @property
    def failure(self) -> RunFailure | None:
        """Set once the run has failed (it then makes no more progress)."""
        ...

    @property
    def result(self) -> str | None:
        """The engine's reference to the trained model once ``finished`` (None for the simulated engine)."""
        ...

    @property
    def trained_tokens(self) -> int | None:
        """Tokens actually trained on, when the engine counts them (None: the job manager estimates)."""
        ...

    def notes(self) -> Sequence[str | Note]:
        """New messages for the job's events since the last call (what the run is doing, in words; a
        :class:`Note` carries the event's ``data`` too)."""
        ...

    def remaining(self, elapsed: float) -> float | None:
        """Expected seconds left (simulated seconds if the engine runs on the simulated clock, else real
        seconds); None when unknown."""
        ...

    def pause(self) -> None:
        """Ask the run to stop at the next step boundary, keeping what it needs to resume."""
        ...

    def paused(self, waited: float) -> bool:
        """Whether a requested pause has taken effect ``waited`` simulated seconds after it was asked."""
        ...

    def resume(self) -> None: ...

    def cancel(self) -> None:
        """Stop for good, at once."""
        ...


class FailedRun:
    """A run that could not start: the job fails with ``failure`` on its next look."""

    def __init__(self, spec: TrainingSpec, failure: RunFailure) -> None:
        self.total_steps = spec.total_steps
        self.failure = failure
        self.finished = False
        self.result: str | None = None
        self.trained_tokens: int | None = None

    def poll(self, elapsed: float) -> list[Progress]:
        return []

    def notes(self) -> list[str]:
        return []

    def remaining(self, elapsed: float) -> float | None:
        return None

    def pause(self) -> None:
        """Nothing runs, so nothing to pause."""

    def paused(self, waited: float) -> bool:
        return True

    def resume(self) -> None:
        """Nothing to resume."""

    def cancel(self) -> None:
        """Nothing to stop."""


@dataclass(frozen=True, slots=True)
class ChatTarget:
    """The model a chat request names, resolved by the job manager.

    ``base`` is the base model; for a fine-tuned model or a checkpoint, ``job_id`` is the job that made it,
    ``artifact`` the engine's reference to its weights (None for the simulated engine) and
    ``training_rows`` loads that job's training examples on demand.
    """

    model: str
    base: str
    job_id: str | None = None
    artifact: str | None = None
    training_rows: Callable[[], Sequence[Any]] | None = None


@dataclass(frozen=True, slots=True)
class ChatReply:
    """An answer; token counts are None when the engine has no tokenizer (the route estimates them)."""

    text: str
    finish_reason: str = "stop"
    prompt_tokens: int | None = None
    completion_tokens: int | None = None


class TrainingEngine(Protocol):
    #: the ``<org>`` part of ``ft:<base>:<org>:<suffix>:<id>``
    org: str
    #: True when a run's time is the simulated clock's (``poll(elapsed)``); False for real training
    simulated_time: bool
    #: simulated seconds spent validating files and queued before a run starts
    validate_seconds: float
    queue_seconds: float

    def base_models(self) -> dict[str, dict[str, Any]]:
        """Base model id -> ``{"created": unix time, "shutdown_date": str | None}``."""
        ...

    def start(
        self,
        spec: TrainingSpec,
        training: Sequence[Any],
        validation: Sequence[Any],
        *,
        completed_steps: int = 0,
    ) -> TrainingRun:
        """Begin (or, with ``completed_steps``, continue after a restart) training; never blocks."""
        ...

    def estimate_seconds(self, spec: TrainingSpec, train_tokens: int) -> float | None:
        """Expected running time before the run starts (same unit as ``TrainingRun.remaining``)."""
        ...

    def chat(self, target: ChatTarget, messages: list[Any], max_tokens: int | None) -> ChatReply:
        """Answer ``messages`` with ``target`` (may take a while: called from a worker thread)."""
        ...

    def forget(self) -> None:
        """Drop what the engine holds about jobs (the store was reset; runs were already cancelled)."""
        ...

    def close(self) -> None:
        """Stop every run and free what the engine holds (the server is stopping)."""
        ...
