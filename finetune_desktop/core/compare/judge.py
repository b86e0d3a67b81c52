"""An optional judge: a model reads each prompt's expected answer and both answers and says which is better.

Off unless asked for. Before it runs, :func:`estimate` counts what it would send (the catalog prices it
where it can), so nobody pays for a judge by surprise. Verdicts are kept in the run's result store under
the slot ``judge``, like any answer: a resumed run only asks about rows that have no verdict yet.
"""

from __future__ import annotations

from collections.abc import Generator, Sequence
from dataclasses import dataclass
from typing import Any

from finetune_desktop.core.cancel import CancelToken, ProgressCallback, no_progress
from finetune_desktop.core.catalog.models import Catalog
from finetune_desktop.core.compare.batch import BatchSummary, ChatParams, Slot, run_batch
from finetune_desktop.core.compare.prompts import PromptRow
from finetune_desktop.core.compare.results import Answer, ResultStore
from finetune_desktop.core.compare.streaming import ReplyPrice, reply_price

JUDGE_SLOT = "judge"
#: The verdict is one word and one sentence; more is not paid for.
JUDGE_MAX_TOKENS = 80
DEFAULT_RUBRIC = (
    "You compare two answers to the same question. Prefer the answer that is correct, complete and "
    "closest in meaning to the expected answer (when one is given); ignore length and style unless they "
    "change the meaning. Reply with a first line that is exactly A, B or TIE, then one short sentence "
    "saying why."
)


@dataclass(frozen=True)
class JudgeRow(PromptRow):
    """A question for the judge, stored under the original row's digest (its index and question)."""

    source_digest: str = ""

    @property
    def digest(self) -> str:
        return self.source_digest


def judge_messages(row: PromptRow, a: str, b: str, rubric: str) -> list[dict[str, Any]]:
    parts = [f"Question:\n{row.question}"]
    if row.expected:
        parts.append(f"Expected answer:\n{row.expected}")
    parts += [f"Answer A:\n{a}", f"Answer B:\n{b}"]
    return [{"role": "system", "content": rubric}, {"role": "user", "content": "\n\n".join(parts)}]


def judge_rows(
    rows: Sequence[PromptRow], store: ResultStore, slots: dict[str, str], rubric: str
) -> list[JudgeRow]:
    """The rows that have both answers, as questions for the judge."""
    out = []
    for row in rows:
        a = store.answer(row, "a", slots["a"])
        b = store.answer(row, "b", slots["b"])
        if a is None or b is None or not a.ok or not b.ok:
            continue
        msgs = tuple(judge_messages(row, a.text, b.text, rubric))
        out.append(JudgeRow(row.index, msgs, row.expected, row.line, source_digest=row.digest))
    return out


def parse_verdict(text: str) -> str | None:
    """ "a", "b" or "tie" from the judge's first line; None when it did not answer in the asked form."""
    words = text.strip().split(None, 1)
    if not words:
        return None
    first = words[0].strip(".:*#`\"'").upper()
    return {"A": "a", "B": "b", "TIE": "tie"}.get(first)


@dataclass(frozen=True)
class JudgeEstimate:
    requests: int
    prompt_tokens: int
    max_output_tokens: int
    price: ReplyPrice | None  # at most, at the catalog's rates; None where the catalog has none
    estimated: bool  # token counts estimated (no tokenizer available)


def estimate(rows: Sequence[JudgeRow], store: ResultStore, model: str, catalog: Catalog) -> JudgeEstimate:
    """What judging the rows without a verdict yet would send (call off the UI thread: it tokenizes)."""
    from finetune_desktop.core.tokens.counter import TokenCounter

    todo = [r for r in rows if not store.has_answer(r, JUDGE_SLOT, model)]
    counter = TokenCounter(model, training_context=0)
    prompt = sum(counter.count_example({"messages": list(r.messages)}).total for r in todo)
    output = JUDGE_MAX_TOKENS * len(todo)
    return JudgeEstimate(
        len(todo), prompt, output, reply_price(model, prompt, output, catalog), counter.estimated
    )


def run_judge(
    rows: Sequence[JudgeRow],
    judge: Slot,
    store: ResultStore,
    *,
    concurrency: int = 4,
    cancel: CancelToken | None = None,
    progress: ProgressCallback = no_progress,
) -> Generator[Answer, None, BatchSummary]:
    """Ask the judge about each row (verdicts are stored like answers, slot ``judge``)."""
    slot = Slot(JUDGE_SLOT, judge.model, judge.reply)
    params = ChatParams(temperature=0.0, max_tokens=JUDGE_MAX_TOKENS)
    summary = yield from run_batch(
        rows, [slot], store, concurrency=concurrency, params=params, cancel=cancel, progress=progress
    )
    return summary


def judge_model_in(store: ResultStore) -> str | None:
    """The judge model whose verdicts the store holds (so rewriting the results file keeps them)."""
    for a in store.answers():
        if a.slot == JUDGE_SLOT:
            return a.model
    return None


def slots_with_judge(store: ResultStore, slots: dict[str, str]) -> dict[str, str]:
    """``slots`` plus the judge's, when the store holds verdicts (what a rewrite of the results keeps)."""
    model = judge_model_in(store)
    return {**slots, JUDGE_SLOT: model} if model else slots


def verdict_counts(rows: Sequence[PromptRow], store: ResultStore, model: str) -> dict[str, int]:
    """How many rows the judge gave to A, to B, called a tie, or answered in another form ("unclear")."""
    counts = {"a": 0, "b": 0, "tie": 0, "unclear": 0}
    for row in rows:
        answer = store.answer(row, JUDGE_SLOT, model)
        if answer is not None and answer.ok:
            counts[parse_verdict(answer.text) or "unclear"] += 1
    return counts
