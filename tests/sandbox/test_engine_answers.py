"""Unit tests of the pieces behind the routes: the simulated engine, answer retrieval, token estimates."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest
from openai import OpenAI

from finetune_desktop.core.catalog.pricing import default_epochs
from finetune_desktop.sandbox import SandboxServer
from finetune_desktop.sandbox.answers import AnswerIndex, base_model_reply, last_user_message
from finetune_desktop.sandbox.engine import (
    ChatReply,
    ChatTarget,
    Progress,
    RunFailure,
    TrainingRun,
    TrainingSpec,
    default_batch_size,
)
from finetune_desktop.sandbox.engines.simulated import STEP_SECONDS, SimulatedEngine
from finetune_desktop.sandbox.routes_chat import _chunks
from tests.sandbox.conftest import chat_rows, finish, upload_rows


@pytest.mark.parametrize(
    ("n", "epochs"), [(5, 20), (12, 8), (33, 3), (34, 3), (1000, 3), (9000, 2), (30000, 1)]
)
def test_default_epochs_follow_openai(n: int, epochs: int) -> None:
    assert default_epochs(n) == epochs


def test_default_batch_size_bounds() -> None:
    assert default_batch_size(12) == 1
    assert default_batch_size(10_000) == 20
    assert default_batch_size(10_000_000) == 256


def _spec(**over: object) -> TrainingSpec:
    values: dict[str, object] = {
        "job_id": "ftjob-x",
        "model": "gpt-4o-mini-2024-07-18",
        "method": "supervised",
        "seed": 1,
        "n_epochs": 3,
        "batch_size": 4,
        "learning_rate_multiplier": 1.0,
        "n_train": 10,
        "n_valid": 0,
    }
    values.update(over)
    return TrainingSpec(**values)  # type: ignore[arg-type]


def test_simulated_run_steps_epochs_and_metrics() -> None:
    spec = _spec(n_valid=5)
    assert spec.total_steps == 9  # ceil(10 / 4) * 3
    run = SimulatedEngine().start(spec, [], [])
    assert run.poll(0.0) == []
    first = run.poll(STEP_SECONDS * 4)
    assert [p.step for p in first] == [1, 2, 3, 4]
    assert [p.epoch_end for p in first] == [False, False, True, False]
    assert "full_valid_loss" in first[2].metrics
    assert "full_valid_loss" not in first[0].metrics
    rest = run.poll(1e9)
    assert [p.step for p in rest] == [5, 6, 7, 8, 9]
    assert run.finished
    assert run.poll(1e9) == []


def test_simulated_run_continues_after_restart_and_stops_on_cancel() -> None:
    run = SimulatedEngine().start(_spec(), [], [], completed_steps=5)
    assert [p.step for p in run.poll(1e9)] == [6, 7, 8, 9]
    cancelled = SimulatedEngine().start(_spec(), [], [])
    cancelled.cancel()
    assert cancelled.poll(1e9) == []


def test_answer_index_picks_the_closest_prompt_in_chat_and_preference_rows() -> None:
    rows = [
        {
            "messages": [
                {"role": "user", "content": "How do I reset my password?"},
                {"role": "assistant", "content": "A"},
            ]
        },
        {
            "messages": [
                {"role": "user", "content": "What are your opening hours?"},
                {"role": "assistant", "content": "B"},
            ]
        },
        {
            "input": {"messages": [{"role": "user", "content": "Do you ship to Norway?"}]},
            "preferred_output": [{"role": "assistant", "content": "C"}],
            "non_preferred_output": [{"role": "assistant", "content": "no"}],
        },
        "not an example",
    ]
    index = AnswerIndex(rows)
    assert len(index) == 3
    assert index.answer("password reset please") == "A"
    assert index.answer("when are you open? hours") == "B"
    assert index.answer("shipping to norway") == "C"
    assert AnswerIndex([]).answer("anything") is None


def test_multi_turn_examples_index_every_turn() -> None:
    row = {
        "messages": [
            {"role": "system", "content": "s"},
            {"role": "user", "content": "first question about apples"},
            {"role": "assistant", "content": "apples!"},
            {"role": "user", "content": [{"type": "text", "text": "second question about pears"}]},
            {"role": "assistant", "content": "pears!"},
        ]
    }
    index = AnswerIndex([row])
    assert index.answer("pears") == "pears!"
    assert last_user_message(row["messages"]) == "second question about pears"


def test_base_reply_is_deterministic_and_short_for_long_prompts() -> None:
    long = "word " * 100
    reply = base_model_reply("gpt-4o-2024-08-06", long)
    assert reply == base_model_reply("gpt-4o-2024-08-06", long)
    assert "simulated" in reply
    assert len(reply) < 400


def test_chunks_join_back_exactly() -> None:
    text = "One two  three, four five six seven eight nine ten."
    pieces = _chunks(text)
    assert "".join(pieces) == text
    assert len(pieces) >= 3
    assert _chunks("single") == ["single"]


class _TwoStepRun:
    """A stand-in for a real local trainer: reports what it has done, ignoring the simulated clock."""

    total_steps = 2

    def __init__(self, fail: bool = False) -> None:
        self.polls = 0
        self.cancelled = False
        self.fail = fail

    def poll(self, elapsed: float) -> list[Progress]:
        self.polls += 1
        if self.polls != 2:
            return []
        return [
            Progress(step, 2, 1, None, {"train_loss": 1.0 / step}, epoch_end=step == 2, checkpoint="w2")
            for step in (1, 2)
        ][: 1 if self.fail else 2]

    @property
    def finished(self) -> bool:
        return self.polls >= 2 and not self.fail

    @property
    def failure(self) -> RunFailure | None:
        if self.fail and self.polls >= 2:
            return RunFailure("out_of_memory", "The model did not fit in memory.")
        return None

    @property
    def result(self) -> str | None:
        return "final-weights"

    @property
    def trained_tokens(self) -> int | None:
        return 1234

    def remaining(self, elapsed: float) -> float | None:
        return None

    def notes(self) -> list[str]:
        return ["Warming up the two steps"] if self.polls == 1 else []

    def pause(self) -> None:
        pass

    def paused(self, waited: float) -> bool:
        return True

    def resume(self) -> None:
        pass

    def cancel(self) -> None:
        self.cancelled = True


class _TwoStepEngine(SimulatedEngine):
    """Real-time engine: no validation or queue phase, its own org name, answers naming the weights."""

    org = "twostep"
    simulated_time = False
    validate_seconds = 0.0
    queue_seconds = 0.0

    def __init__(self, fail: bool = False) -> None:
        super().__init__()
        self.fail = fail
        self.started: list[tuple[TrainingSpec, int]] = []

    def start(
        self,
        spec: TrainingSpec,
        training: Sequence[Any],
        validation: Sequence[Any],
        *,
        completed_steps: int = 0,
    ) -> TrainingRun:
        self.started.append((spec, len(training)))
        return _TwoStepRun(self.fail)

    def chat(self, target: ChatTarget, messages: list[Any], max_tokens: int | None) -> ChatReply:
        return ChatReply(f"weights={target.artifact}", "stop", 7, 2)


def test_a_different_training_engine_plugs_in() -> None:
    engine = _TwoStepEngine()
    with (
        SandboxServer(engine=engine) as server,
        OpenAI(api_key="sk-test-FAKE", base_url=server.base_url, max_retries=0) as client,
    ):
        job = client.fine_tuning.jobs.create(
            model="gpt-4o-mini-2024-07-18", training_file=upload_rows(client, chat_rows(12))
        )
        job = finish(server, client, job.id)
        assert job.status == "succeeded"
        assert job.fine_tuned_model is not None
        assert job.fine_tuned_model.startswith("ft:gpt-4o-mini-2024-07-18:twostep::")
        assert job.trained_tokens == 1234
        events = client.fine_tuning.jobs.list_events(job.id, limit=100).data
        (ckpt,) = client.fine_tuning.jobs.checkpoints.list(job.id).data
        answers = [
            client.chat.completions.create(model=m, messages=[{"role": "user", "content": "hi"}])
            for m in (job.fine_tuned_model, ckpt.fine_tuned_model_checkpoint)
        ]
    assert [e.data["train_loss"] for e in reversed(events) if e.type == "metrics"] == [1.0, 0.5]
    assert "Warming up the two steps" in [e.message for e in events]
    ((spec, n_rows),) = engine.started
    assert (spec.n_train, n_rows) == (12, 12)
    assert [a.choices[0].message.content for a in answers] == ["weights=final-weights", "weights=w2"]
    assert answers[0].usage is not None
    assert answers[0].usage.prompt_tokens == 7


def test_an_engine_failure_fails_the_job_with_its_error_code() -> None:
    with (
        SandboxServer(engine=_TwoStepEngine(fail=True)) as server,
        OpenAI(api_key="sk-test-FAKE", base_url=server.base_url, max_retries=0) as client,
    ):
        job = client.fine_tuning.jobs.create(
            model="gpt-4o-mini-2024-07-18", training_file=upload_rows(client, chat_rows(12))
        )
        job = finish(server, client, job.id)
        events = client.fine_tuning.jobs.list_events(job.id, limit=100).data
    assert job.status == "failed"
    assert job.error is not None
    assert (job.error.code, job.error.message) == ("out_of_memory", "The model did not fit in memory.")
    assert events[0].level == "error"
    assert [e.data["step"] for e in events if e.type == "metrics"] == [1]
