"""Keep a model's answers before it is retired: its replies to a prompt set become a chat training file.

Each prompt's messages plus the model's answer make one ``{"messages": [...]}`` line, the shape every
backend's supervised fine-tuning accepts, so the file can train a replacement elsewhere. The answers are
kept in a hidden store beside the training file until every prompt has one, so an interrupted recording
continues without asking again for what it already has.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Generator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from finetune_desktop.core.cancel import CancelToken, ProgressCallback, no_progress
from finetune_desktop.core.catalog.models import Catalog
from finetune_desktop.core.compare.batch import BatchSummary, ChatParams, Replier, Slot, run_batch
from finetune_desktop.core.compare.prompts import PromptRow
from finetune_desktop.core.compare.results import Answer, ResultStore
from finetune_desktop.core.files.atomic import atomic_writer

SLOT = "model"


def record_store_path(out: Path) -> Path:
    return out.with_name(f".{out.name}.recording.jsonl")


@dataclass(frozen=True)
class Recording:
    path: Path
    written: int  # examples in the training file
    failed: int  # prompts left out (no answer yet: run again to ask for them)
    summary: BatchSummary


def training_line(row: PromptRow, answer: str) -> dict[str, Any]:
    return {"messages": [*row.messages, {"role": "assistant", "content": answer}]}


def write_training_file(rows: Sequence[PromptRow], store: ResultStore, model: str, out: Path) -> int:
    """Write the answered prompts as a chat training file (atomically); returns the example count."""
    written = 0
    out.parent.mkdir(parents=True, exist_ok=True)
    with atomic_writer(out) as fh:
        for row in rows:
            answer = store.answer(row, SLOT, model)
            if answer is None or not answer.ok or not answer.text.strip():
                continue
            fh.write(json.dumps(training_line(row, answer.text), ensure_ascii=False).encode("utf-8") + b"\n")
            written += 1
    return written


def record_answers(
    rows: Sequence[PromptRow],
    model: str,
    reply: Replier,
    out: Path,
    *,
    concurrency: int = 4,
    params: ChatParams | None = None,
    cancel: CancelToken | None = None,
    progress: ProgressCallback = no_progress,
) -> Generator[Answer, None, Recording]:
    """Yield each answer as it comes; returns a :class:`Recording` once the training file is written.

    The file holds every prompt answered so far; the hidden answer store is removed only when every
    prompt has its answer. Closed early (a cancel in the GUI, Ctrl-C), no file is written, and recording
    into the same file again continues from the store without asking again.
    """
    store = ResultStore(record_store_path(out))
    summary = yield from run_batch(
        rows,
        [Slot(SLOT, model, reply)],
        store,
        concurrency=concurrency,
        params=params,
        cancel=cancel,
        progress=progress,
    )
    written = write_training_file(rows, store, model, out)
    if summary.failed == 0 and not summary.cancelled:
        store.discard()
    return Recording(out, written, len(rows) - written, summary)


@dataclass(frozen=True)
class Retirement:
    """When a model stops answering, by the catalog's date for its base model."""

    model: str
    base: str | None
    shutdown_date: dt.date | None

    def days_left(self, today: dt.date | None = None) -> int | None:
        if self.shutdown_date is None:
            return None
        return (self.shutdown_date - (today or dt.date.today())).days


def retirement(model: str, catalog: Catalog) -> Retirement:
    info = catalog.get(model)
    if info is None:
        return Retirement(model, None, None)
    return Retirement(model, info.id, info.shutdown_date)
