"""``compare`` and ``record``: batch comparison and recorded answers, headless, on the same core code.

``compare PROMPTS.jsonl --model A --model B --out RESULTS.jsonl`` writes one line per prompt with both
answers; run it again with the same ``--out`` and only what has no answer yet is sent. ``record MODEL
PROMPTS.jsonl --out TRAIN.jsonl`` saves a model's answers as a chat training file.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Generator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from finetune_desktop.cli import Command
from finetune_desktop.cli.workflow import (
    EXIT_FAIL,
    EXIT_OK,
    UsageError,
    _guarded,
    _positive_int,
    add_connection_arguments,
    open_service,
)

if TYPE_CHECKING:
    from finetune_desktop.core.compare.access import ChatService
    from finetune_desktop.core.compare.batch import ChatParams
    from finetune_desktop.core.compare.prompts import PromptSet
    from finetune_desktop.core.compare.results import Answer, ResultStore

T = TypeVar("T")

SLOT_KEYS = "abcdefgh"


def _read(path: Path) -> PromptSet:
    from finetune_desktop.core.compare.prompts import read_prompts

    if not path.is_file():
        raise UsageError(f"error: {path} is not a file. Give a .jsonl file with one prompt per line.")
    try:
        prompts = read_prompts(path)
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"error: {path} could not be read ({exc}). Save it as UTF-8 JSON Lines.") from None
    for skip in prompts.skipped[:10]:
        why = "is not valid JSON" if skip.reason == "invalid_json" else "holds no user message to send"
        print(f"  {path.name} line {skip.line} {why}; skipped", file=sys.stderr)
    if len(prompts.skipped) > 10:
        print(f"  ... and {len(prompts.skipped) - 10} more lines skipped", file=sys.stderr)
    if not prompts.rows:
        raise UsageError(
            f'error: {path} has no prompts. Each line needs {{"messages": [...]}} with a user message, '
            'or {"prompt": "..."}.'
        )
    return prompts


class _Progress:
    """One status line on stderr (redrawn on a terminal, every 10% otherwise)."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.started = time.monotonic()
        self.first: int | None = None
        self.last_pct = -1

    def __call__(self, done: int, total: int) -> None:
        if self.first is None:
            self.first = done
        pct = 100 * done // total if total else 100
        rate_done = done - self.first
        elapsed = time.monotonic() - self.started
        left = ""
        if rate_done > 0 and done < total:
            left = f", about {(total - done) * elapsed / rate_done:.0f} s left"
        text = f"  {self.label}: {done}/{total} answers ({pct}%){left}"
        if sys.stderr.isatty():
            print("\r" + text.ljust(70), end="", file=sys.stderr, flush=True)
        elif pct // 10 != self.last_pct // 10 or done == total:
            print(text, file=sys.stderr, flush=True)
        self.last_pct = pct

    def end(self) -> None:
        if sys.stderr.isatty():
            print(file=sys.stderr)


def _params(args: argparse.Namespace) -> ChatParams:
    from finetune_desktop.core.compare.batch import ChatParams

    return ChatParams(args.temperature, args.top_p, args.max_tokens)


def _add_common(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--concurrency",
        type=_positive_int,
        default=4,
        metavar="N",
        help="requests in flight at most (default 4)",
    )
    p.add_argument("--temperature", type=float, help="sampling temperature (default: the server's)")
    p.add_argument("--top-p", type=float, help="nucleus sampling (default: the server's)")
    p.add_argument("--max-tokens", type=_positive_int, help="longest answer in tokens")
    add_connection_arguments(p)


def _add_compare(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "prompts", type=Path, metavar="PROMPTS.jsonl", help='prompts (chat examples or {"prompt": ...})'
    )
    p.add_argument(
        "--model",
        action="append",
        required=True,
        metavar="MODEL",
        help="a model to ask; give it two or more times",
    )
    p.add_argument(
        "--out", type=Path, required=True, metavar="RESULTS.jsonl", help="results (resumed if it exists)"
    )
    judge = p.add_argument_group("judge (optional: off unless --judge is given)")
    judge.add_argument(
        "--judge", metavar="MODEL", help="a model that says which answer is better (A, B or tie)"
    )
    judge.add_argument(
        "--rubric", type=Path, metavar="FILE", help="the judge's instructions (default: built in)"
    )
    judge.add_argument("--yes", action="store_true", help="run the judge without asking, after its estimate")
    _add_common(p)


@_guarded
def _run_compare(args: argparse.Namespace) -> int:
    from finetune_desktop.core.compare.batch import Slot, run_batch, service_replier
    from finetune_desktop.core.compare.judge import slots_with_judge
    from finetune_desktop.core.compare.results import ResultStore

    models: Sequence[str] = args.model
    if not 2 <= len(models) <= len(SLOT_KEYS):
        raise UsageError(f"error: give --model two to {len(SLOT_KEYS)} times (got {len(models)}).")
    prompts = _read(args.prompts)
    store = ResultStore(args.out)
    with open_service(args) as service:
        reply = service_replier(service)
        slots = [Slot(key, model, reply) for key, model in zip(SLOT_KEYS, models, strict=False)]
        progress = _Progress("compare")
        gen = run_batch(
            prompts.rows, slots, store, concurrency=args.concurrency, params=_params(args), progress=progress
        )
        written = {s.key: s.model for s in slots}
        try:
            summary = _drain(gen)
        finally:
            progress.end()
            gen.close()
            store.write(prompts.rows, slots_with_judge(store, written))
        print(
            f"compare: {len(prompts.rows)} prompts x {len(slots)} models; {summary.sent} answers received "
            f"now, {summary.reused} kept from before; results in {args.out}",
            file=sys.stderr,
        )
        if args.judge and len(slots) == 2:
            _judge(args, service, prompts, store, written)
        elif args.judge:
            print("warning: the judge compares two models; it did not run for more.", file=sys.stderr)
    if summary.failed:
        print(
            f"error: {summary.failed} answers are missing (the server kept failing). Run the same command "
            "again to ask only for those.",
            file=sys.stderr,
        )
        return EXIT_FAIL
    return EXIT_OK


def _judge(
    args: argparse.Namespace,
    service: ChatService,
    prompts: PromptSet,
    store: ResultStore,
    slots: dict[str, str],
) -> None:
    """Estimate first; run only when confirmed (``--yes`` or an answer on a terminal)."""
    from finetune_desktop.core.catalog.models import load_catalog
    from finetune_desktop.core.compare.batch import Slot, service_replier
    from finetune_desktop.core.compare.judge import (
        DEFAULT_RUBRIC,
        JUDGE_SLOT,
        estimate,
        judge_rows,
        run_judge,
        verdict_counts,
    )

    rubric = DEFAULT_RUBRIC
    if args.rubric is not None:
        try:
            rubric = args.rubric.read_text(encoding="utf-8").strip() or DEFAULT_RUBRIC
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(f"error: the rubric {args.rubric} could not be read ({exc}).") from None
    rows = judge_rows(prompts.rows, store, slots, rubric)
    est = estimate(rows, store, args.judge, load_catalog())
    cost = (
        f"at most {est.price.usd:.4f} USD ({est.price.local:.2f} {est.price.currency}) at the catalog's rates"
        if est.price is not None
        else "no price: the catalog has no rates for this model"
    )
    approx = "about " if est.estimated else ""
    print(
        f"judge: {est.requests} rows to ask {args.judge}; {approx}{est.prompt_tokens:,} prompt tokens and at "
        f"most {est.max_output_tokens:,} answer tokens; {cost}",
        file=sys.stderr,
    )
    if est.requests and not args.yes:
        if not sys.stdin.isatty():
            print("judge: not run (add --yes to run it after this estimate).", file=sys.stderr)
            return
        if input("Run the judge? [y/N] ").strip().lower() not in ("y", "yes"):
            print("judge: not run.", file=sys.stderr)
            return
    gen = run_judge(
        rows, Slot(JUDGE_SLOT, args.judge, service_replier(service)), store, concurrency=args.concurrency
    )
    try:
        _drain(gen)
    finally:
        gen.close()
        store.write(prompts.rows, {**slots, JUDGE_SLOT: args.judge})
    counts = verdict_counts(prompts.rows, store, args.judge)
    print(
        f"judge: A better {counts['a']}, B better {counts['b']}, tie {counts['tie']}, "
        f"unclear {counts['unclear']}",
        file=sys.stderr,
    )


def _drain(gen: Generator[Answer, None, T]) -> T:
    """Run a streaming core function to its end and return its result."""
    while True:
        try:
            next(gen)
        except StopIteration as stop:
            value: T = stop.value
            return value


def _add_record(p: argparse.ArgumentParser) -> None:
    p.add_argument("model", metavar="MODEL", help="the model whose answers to keep (e.g. ft:...)")
    p.add_argument("prompts", type=Path, metavar="PROMPTS.jsonl", help="prompts (e.g. its own training file)")
    p.add_argument(
        "--out", type=Path, required=True, metavar="TRAIN.jsonl", help="the training file to write"
    )
    _add_common(p)


@_guarded
def _run_record(args: argparse.Namespace) -> int:
    from finetune_desktop.core.compare.batch import service_replier
    from finetune_desktop.core.compare.record import record_answers

    prompts = _read(args.prompts)
    if args.out.resolve() == args.prompts.resolve():
        raise UsageError("error: --out must be a new file, not the prompt file itself.")
    with open_service(args) as service:
        progress = _Progress("record")
        gen = record_answers(
            prompts.rows,
            args.model,
            service_replier(service),
            args.out,
            concurrency=args.concurrency,
            params=_params(args),
            progress=progress,
        )
        try:
            recording = _drain(gen)
        finally:
            progress.end()
            gen.close()
    print(f"record: {recording.written} examples written to {recording.path}", file=sys.stderr)
    if recording.failed:
        print(
            f"error: {recording.failed} prompts have no answer yet. Run the same command again to ask only "
            "for those.",
            file=sys.stderr,
        )
        return EXIT_FAIL
    if recording.written < 10:
        print(
            f"warning: {recording.written} examples is fewer than the 10 OpenAI needs to train; add prompts.",
            file=sys.stderr,
        )
    return EXIT_OK


COMMANDS: dict[str, Command] = {
    "compare": (
        "Ask two or more models every prompt of a file; resumable results.",
        _add_compare,
        _run_compare,
    ),
    "record": ("Save a model's answers to a prompt set as a chat training file.", _add_record, _run_record),
}
