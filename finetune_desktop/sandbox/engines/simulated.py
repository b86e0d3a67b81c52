"""The default demo engine: no model, no GPU; a believable loss curve on the job's simulated clock.

Its fine-tuned models answer from their training data (``answers.AnswerIndex``) and its base models with a
fixed reply that says it is simulated, so comparing the two visibly shows the training data at work.
"""

from __future__ import annotations

import math
import random
import threading
from collections.abc import Sequence
from typing import Any

from finetune_desktop.sandbox.answers import AnswerIndex, base_model_reply, last_user_message
from finetune_desktop.sandbox.engine import ChatReply, ChatTarget, Progress, RunFailure, TrainingSpec

#: Simulated seconds one optimiser step takes (a 12-example, 8-epoch job runs ~3 simulated minutes).
STEP_SECONDS = 2.0
#: Simulated seconds between a pause request and the job being paused.
PAUSING_SECONDS = 5.0
#: The last fine-tunable OpenAI bases; they and every fine-tune on them shut down on 2027-01-14.
FINE_TUNABLE_SHUTDOWN = "2027-01-14"
OPENAI_BASE_MODELS: dict[str, dict[str, Any]] = {
    "gpt-4o-2024-08-06": {"created": 1722814719, "shutdown_date": FINE_TUNABLE_SHUTDOWN},
    "gpt-4o-mini-2024-07-18": {"created": 1721172717, "shutdown_date": FINE_TUNABLE_SHUTDOWN},
    "gpt-4.1-2025-04-14": {"created": 1744316542, "shutdown_date": FINE_TUNABLE_SHUTDOWN},
    "gpt-4.1-mini-2025-04-14": {"created": 1744317547, "shutdown_date": FINE_TUNABLE_SHUTDOWN},
}


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

    @property
    def failure(self) -> RunFailure | None:
        return None

    @property
    def result(self) -> str | None:
        return None

    @property
    def trained_tokens(self) -> int | None:
        return None

    def notes(self) -> list[str]:
        return []

    def duration(self) -> float:
        return self.total_steps * STEP_SECONDS

    def remaining(self, elapsed: float) -> float:
        return max(0.0, self.duration() - elapsed)

    def pause(self) -> None:
        """Nothing to do: the job's timer stops, so ``elapsed`` stops growing."""

    def paused(self, waited: float) -> bool:
        return waited >= PAUSING_SECONDS

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
        checkpoint = f"sim-step-{step}" if epoch_end else None
        return Progress(step, self.total_steps, epoch, step * STEP_SECONDS, metrics, epoch_end, checkpoint)


class SimulatedEngine:
    """The default engine: the four OpenAI bases, fake training, answers retrieved from the training data."""

    org = "sandbox"
    simulated_time = True
    validate_seconds = 30.0
    queue_seconds = 20.0

    def __init__(self) -> None:
        self._indexes: dict[str, AnswerIndex] = {}
        self._lock = threading.Lock()

    def base_models(self) -> dict[str, dict[str, Any]]:
        return OPENAI_BASE_MODELS

    def start(
        self,
        spec: TrainingSpec,
        training: Sequence[Any],
        validation: Sequence[Any],
        *,
        completed_steps: int = 0,
    ) -> SimulatedRun:
        return SimulatedRun(spec, completed_steps)

    def estimate_seconds(self, spec: TrainingSpec, train_tokens: int) -> float:
        return spec.total_steps * STEP_SECONDS

    def chat(self, target: ChatTarget, messages: list[Any], max_tokens: int | None) -> ChatReply:
        question = last_user_message(messages)
        if target.job_id is None or target.training_rows is None:
            return ChatReply(base_model_reply(target.model, question))
        with self._lock:
            index = self._indexes.get(target.job_id)
        if index is None:
            index = AnswerIndex(target.training_rows())
            with self._lock:
                self._indexes[target.job_id] = index
        return ChatReply(index.answer(question) or base_model_reply(target.model, question))

    def forget(self) -> None:
        """Drop the answer indexes (the store was reset)."""
        with self._lock:
            self._indexes.clear()

    def close(self) -> None:
        self.forget()
