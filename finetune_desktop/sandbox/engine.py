"""The training engine behind a sandbox job: an interface, and a simulated engine that fakes a training run.

The job manager only talks to :class:`TrainingEngine` / :class:`TrainingRun`, so a real local trainer
(running a small model in a thread) can replace :class:`SimulatedEngine` later without touching the routes.
A run is polled, never waited on: ``poll(elapsed)`` returns the progress made since the last poll, where
``elapsed`` is the simulated running time (a real trainer may ignore it and report what it has done).
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

#: Simulated seconds one optimiser step takes (a 12-example, 8-epoch job runs ~3 simulated minutes).
STEP_SECONDS = 2.0


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

    @property
    def steps_per_epoch(self) -> int:
        return max(1, math.ceil(self.n_train / self.batch_size))

    @property
    def total_steps(self) -> int:
        return self.steps_per_epoch * self.n_epochs


@dataclass(frozen=True, slots=True)
class Progress:
    """One finished step. ``at`` is the running time (simulated seconds) at which it finished."""

    step: int
    total_steps: int
    epoch: int
    at: float
    metrics: dict[str, float] = field(default_factory=dict)
    epoch_end: bool = False


class TrainingRun(Protocol):
    total_steps: int

    def poll(self, elapsed: float) -> list[Progress]:
        """Progress made since the last poll, up to ``elapsed`` simulated running seconds."""
        ...

    @property
    def finished(self) -> bool: ...

    def duration(self) -> float | None:
        """Expected total running time in simulated seconds (None when unknown)."""
        ...

    def pause(self) -> None: ...

    def resume(self) -> None: ...

    def cancel(self) -> None: ...


class TrainingEngine(Protocol):
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


class SimulatedRun:
    """A deterministic fake run: a loss that falls like a real one, with seeded noise."""

    def __init__(self, spec: TrainingSpec, completed_steps: int = 0) -> None:
        self.spec = spec
        self.total_steps = spec.total_steps
        self._done = min(completed_steps, self.total_steps)
        self._cancelled = False
        rng = random.Random(spec.seed * 7919 + spec.n_train)
        self._start_loss = rng.uniform(1.8, 3.2)
        self._floor = rng.uniform(0.08, 0.35)
        self._valid_gap = rng.uniform(0.03, 0.25)
        # Bigger learning rates converge faster (and noisier): a visible, plausible effect of the knob.
        self._rate = 4.0 * max(0.1, min(spec.learning_rate_multiplier, 10.0)) ** 0.5

    @property
    def finished(self) -> bool:
        return self._done >= self.total_steps

    def duration(self) -> float:
        return self.total_steps * STEP_SECONDS

    def pause(self) -> None:
        """Nothing to do: the job's timer stops, so ``elapsed`` stops growing."""

    def resume(self) -> None:
        """Nothing to do (see pause)."""

    def cancel(self) -> None:
        self._cancelled = True

    def poll(self, elapsed: float) -> list[Progress]:
        if self._cancelled:
            return []
        target = min(self.total_steps, int(elapsed // STEP_SECONDS))
        out = []
        while self._done < target:
            self._done += 1
            out.append(self._progress(self._done))
        return out

    def _loss(self, progress: float, noise: float) -> float:
        clean = self._floor + (self._start_loss - self._floor) * math.exp(-self._rate * progress)
        return max(0.001, clean * (1.0 + noise))

    @staticmethod
    def _accuracy(loss: float) -> float:
        return max(0.0, min(1.0, math.exp(-loss * 0.45)))

    def _progress(self, step: int) -> Progress:
        spec = self.spec
        rng = random.Random(spec.seed * 1_000_003 + step)
        frac = step / self.total_steps
        epoch = math.ceil(step / spec.steps_per_epoch)
        epoch_end = step % spec.steps_per_epoch == 0
        train_loss = self._loss(frac, rng.gauss(0.0, 0.12))
        metrics: dict[str, float] = {
            "step": float(step),
            "train_loss": round(train_loss, 4),
            "train_mean_token_accuracy": round(self._accuracy(train_loss) * rng.uniform(0.97, 1.0), 4),
            "total_steps": float(self.total_steps),
        }
        if spec.n_valid:
            valid_loss = self._loss(frac, rng.gauss(0.0, 0.18)) + self._valid_gap * frac
            metrics["valid_loss"] = round(valid_loss, 4)
            metrics["valid_mean_token_accuracy"] = round(self._accuracy(valid_loss), 4)
            if epoch_end:
                full = self._loss(frac, rng.gauss(0.0, 0.04)) + self._valid_gap * frac
                metrics["full_valid_loss"] = round(full, 4)
                metrics["full_valid_mean_token_accuracy"] = round(self._accuracy(full), 4)
        return Progress(step, self.total_steps, epoch, step * STEP_SECONDS, metrics, epoch_end)


class SimulatedEngine:
    """The default engine: no model, no GPU; just a believable progress curve on the job's clock."""

    def start(
        self,
        spec: TrainingSpec,
        training: Sequence[Any],
        validation: Sequence[Any],
        *,
        completed_steps: int = 0,
    ) -> SimulatedRun:
        return SimulatedRun(spec, completed_steps)
