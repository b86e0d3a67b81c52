"""What the Compare screen runs off the UI thread (through the task runner): plain functions, no widgets.

Each opens its own service for the chosen connection profile (resolving the key and, for the sandbox,
its address, which may start it) and closes it when done.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from finetune_desktop.core.cancel import CancelToken, ProgressCallback
from finetune_desktop.core.catalog.models import Catalog
from finetune_desktop.core.compare.access import ChatService, connect
from finetune_desktop.core.compare.batch import BatchSummary, ChatParams, Slot, run_batch, service_replier
from finetune_desktop.core.compare.conversation import Column
from finetune_desktop.core.compare.export import export_csv, export_jsonl
from finetune_desktop.core.compare.judge import JUDGE_SLOT, judge_rows, run_judge, slots_with_judge
from finetune_desktop.core.compare.models import ModelChoice, remote_choices
from finetune_desktop.core.compare.prompts import PromptRow
from finetune_desktop.core.compare.record import Recording, record_answers
from finetune_desktop.core.compare.results import Answer, ResultStore
from finetune_desktop.core.compare.runs import SLOT_KEYS, Run
from finetune_desktop.core.compare.streaming import Delta, ReplyStats, timed_stream
from finetune_desktop.gui.context import AppContext

if TYPE_CHECKING:
    from finetune_desktop.core.check.run import CheckReport


@contextmanager
def service_for(context: AppContext, profile_id: str) -> Iterator[ChatService]:
    profile, key, override = context.connection_for(profile_id)
    service = connect(profile, key, base_url_override=override)
    try:
        yield service
    finally:
        service.close()


def stream_column(
    context: AppContext,
    profile_id: str,
    model: str,
    messages: Sequence[Mapping[str, Any]],
    params: ChatParams,
    *,
    cancel: CancelToken,
) -> Generator[Delta, None, ReplyStats]:
    """One column's reply, piece by piece; returns its timings and token counts."""
    with service_for(context, profile_id) as service:
        stats = yield from timed_stream(service.chat, model, messages, params, cancel=cancel)
    return stats


def list_models(context: AppContext, profile_id: str, catalog: Catalog) -> list[ModelChoice]:
    """The profile's fine-tunes and checkpoints (base models come from the catalog, no request)."""
    with service_for(context, profile_id) as service:
        return remote_choices(service, catalog)


def run_columns(
    context: AppContext,
    rows: Sequence[PromptRow],
    columns: Sequence[Column],
    store: ResultStore,
    concurrency: int,
    params: ChatParams,
    *,
    cancel: CancelToken,
    progress: ProgressCallback,
) -> Generator[Answer, None, BatchSummary]:
    """A batch run over the columns' models (each through its own connection); answers as they come."""
    with ExitStack() as stack:
        services: dict[str, ChatService] = {}
        slots = []
        for key, col in zip(SLOT_KEYS, columns, strict=False):
            if col.profile_id not in services:
                services[col.profile_id] = stack.enter_context(service_for(context, col.profile_id))
            slots.append(Slot(key, col.model, service_replier(services[col.profile_id])))
        summary = yield from run_batch(
            rows, slots, store, concurrency=concurrency, params=params, cancel=cancel, progress=progress
        )
    return summary


def record_with(
    context: AppContext,
    profile_id: str,
    model: str,
    rows: Sequence[PromptRow],
    out: Path,
    concurrency: int,
    *,
    cancel: CancelToken,
    progress: ProgressCallback,
) -> Generator[Answer, None, Recording]:
    """Record ``model``'s answers into the training file ``out``, through the profile's connection."""
    with service_for(context, profile_id) as service:
        recording = yield from record_answers(
            rows,
            model,
            service_replier(service),
            out,
            concurrency=concurrency,
            cancel=cancel,
            progress=progress,
        )
    return recording


def check_recording(path: Path, model: str) -> CheckReport:
    """The dataset check of a recorded file, for the model family it was recorded from."""
    from finetune_desktop.core.check.run import run_check

    return run_check(path, model=model, workers=1)


def judge_with(
    context: AppContext,
    profile_id: str,
    model: str,
    rows: Sequence[PromptRow],
    store: ResultStore,
    slots: dict[str, str],
    rubric: str,
    concurrency: int,
    *,
    cancel: CancelToken,
    progress: ProgressCallback,
) -> Generator[Answer, None, BatchSummary]:
    """The judge's verdicts on the rows that have both answers, through the profile's connection."""
    with service_for(context, profile_id) as service:
        questions = judge_rows(rows, store, slots, rubric)
        judge = Slot(JUDGE_SLOT, model, service_replier(service))
        summary = yield from run_judge(
            questions, judge, store, concurrency=concurrency, cancel=cancel, progress=progress
        )
    return summary


def write_results(run: Run) -> int:
    """The run's results file, one line per prompt (judge verdicts and preferences included)."""
    return run.store.write(run.rows, slots_with_judge(run.store, run.info.slots))


def slots_shown(run: Run) -> dict[str, str]:
    return slots_with_judge(run.store, run.info.slots)


def export_rows(kind: str, path: Path, run: Run, rows: list[int]) -> int:
    """The rows shown (source rows, in order) as JSON Lines or CSV."""
    shown = [run.rows[r] for r in rows]
    slots = slots_with_judge(run.store, run.info.slots)
    if kind == "csv":
        return export_csv(path, shown, run.store, slots)
    return export_jsonl(path, shown, run.store, slots)


def duration_text(seconds: float) -> str:
    """A time left, in the GUI's language."""
    s = max(0, round(seconds))
    translate = QCoreApplication.translate
    if s < 60:
        return translate("BatchComparePane", "%1 s").replace("%1", str(s))
    if s < 3600:
        return (
            translate("BatchComparePane", "%1 min %2 s")
            .replace("%1", str(s // 60))
            .replace("%2", f"{s % 60:02d}")
        )
    return (
        translate("BatchComparePane", "%1 h %2 min")
        .replace("%1", str(s // 3600))
        .replace("%2", f"{s % 3600 // 60:02d}")
    )
