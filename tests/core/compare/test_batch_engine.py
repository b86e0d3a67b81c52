"""The batch engine with stand-in repliers: bounded concurrency, row retries, final errors, cancel, resume."""

from __future__ import annotations

import threading
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from finetune_desktop.core.api.errors import BadRequest, ServerError
from finetune_desktop.core.cancel import CancelToken
from finetune_desktop.core.compare.batch import BatchSummary, ChatParams, Slot, run_batch
from finetune_desktop.core.compare.prompts import PromptRow
from finetune_desktop.core.compare.record import record_answers, record_store_path
from finetune_desktop.core.compare.results import ResultStore
from finetune_desktop.core.service.chat import ChatReply, ChatUsage

ROWS = [PromptRow(i, ({"role": "user", "content": f"q{i}"},)) for i in range(30)]


class Replier:
    """Answers after a short pause; counts calls and the most requests seen at once."""

    def __init__(
        self, delay: float = 0.01, fail: dict[str, int] | None = None, final: set[str] = frozenset()
    ) -> None:
        self.delay = delay
        self.fail = dict(fail or {})
        self.final = final
        self.calls: list[str] = []
        self.now = 0
        self.most = 0
        self.lock = threading.Lock()

    def __call__(
        self, model: str, messages: Sequence[Mapping[str, Any]], params: ChatParams, cancel: CancelToken
    ) -> ChatReply:
        question = str(messages[-1]["content"])
        with self.lock:
            self.calls.append(question)
            self.now += 1
            self.most = max(self.most, self.now)
            left = self.fail.get(question, 0)
            if left:
                self.fail[question] = left - 1
        try:
            time.sleep(self.delay)
            if question in self.final:
                raise BadRequest("no")
            if left:
                raise ServerError("busy")
            return ChatReply(f"{model}: {question}", "stop", ChatUsage(3, 4, 7))
        finally:
            with self.lock:
                self.now -= 1


def _drain(gen: Any) -> BatchSummary:
    try:
        while True:
            next(gen)
    except StopIteration as stop:
        summary: BatchSummary = stop.value
        return summary


def test_bounded_concurrency_and_every_pair_answered_once(tmp_path: Path) -> None:
    r = Replier()
    store = ResultStore(tmp_path / "r.jsonl")
    summary = _drain(run_batch(ROWS, [Slot("a", "m1", r), Slot("b", "m2", r)], store, concurrency=3))
    assert summary.answered == 60
    assert summary.sent == 60
    assert len(r.calls) == 60
    assert r.most <= 3
    assert r.most > 1


def test_passing_failures_are_retried_later_and_final_ones_kept_as_errors(
    tmp_path: Path, monkeypatch: Any
) -> None:
    monkeypatch.setattr("finetune_desktop.core.compare.batch.ROW_RETRY_DELAY_S", 0.01)
    r = Replier(fail={"q1": 2, "q2": 5}, final={"q3"})
    store = ResultStore(tmp_path / "r.jsonl")
    summary = _drain(run_batch(ROWS[:5], [Slot("a", "m", r)], store, concurrency=2, row_retries=2))
    assert summary.answered == 3
    assert summary.failed == 2
    assert r.calls.count("q1") == 3  # failed twice, answered on the third try
    assert r.calls.count("q2") == 3  # still failing after its retries: stored as failed
    assert r.calls.count("q3") == 1  # a refusal is not repeated
    errors = {a.index: a.error_kind for a in store.answers() if not a.ok}
    assert errors == {2: "server", 3: "bad_request:final"}
    # the next run asks only for those two
    again = Replier()
    summary = _drain(run_batch(ROWS[:5], [Slot("a", "m", again)], ResultStore(tmp_path / "r.jsonl")))
    assert sorted(again.calls) == ["q2", "q3"]
    assert summary.failed == 0


def test_cancel_keeps_what_came_back_and_closing_early_too(tmp_path: Path) -> None:
    r = Replier(delay=0.05)
    store = ResultStore(tmp_path / "r.jsonl")
    token = CancelToken()
    gen = run_batch(ROWS, [Slot("a", "m", r)], store, concurrency=4, cancel=token)
    next(gen)
    token.cancel()
    summary = _drain(gen)
    assert summary.cancelled
    kept = [a for a in store.answers() if a.ok]
    assert len(kept) == len(r.calls), "every request that was sent has its answer stored"
    assert len(kept) < 30

    gen = run_batch(ROWS, [Slot("a", "m", r)], store, concurrency=4)
    next(gen)
    gen.close()  # as the GUI's task runner does on cancel
    assert len([a for a in ResultStore(tmp_path / "r.jsonl").answers() if a.ok]) == len(r.calls)


def test_record_answers_writes_in_prompt_order_and_cleans_up(tmp_path: Path) -> None:
    r = Replier()
    out = tmp_path / "train.jsonl"
    rec = _drain(record_answers(ROWS[:12], "ft:m", r, out, concurrency=4))
    assert rec.written == 12  # type: ignore[attr-defined]
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 12
    assert '"q0"' in lines[0]
    assert '"ft:m: q0"' in lines[0]
    assert not record_store_path(out).exists()
