"""Counting tokens of examples and datasets, with the caches that make re-counting cheap.

Two caches: per string (a system prompt shared by every example is encoded once) and per example uid
(an edit re-counts one example, not the file). Big in-memory datasets are counted across processes.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing.context import BaseContext
from typing import TYPE_CHECKING, Any

from finetune_desktop.core.cancel import CancelToken, ProgressCallback
from finetune_desktop.core.dataset.examples import Example
from finetune_desktop.core.tokens.encodings import encoding_for_model, estimate_tokens, load_encoding
from finetune_desktop.core.tokens.formula import example_tokens
from finetune_desktop.core.tokens.long_text import SAFE_CHARS, count_long

if TYPE_CHECKING:
    from finetune_desktop.core.catalog.models import ModelInfo

DEFAULT_TRAINING_CONTEXT = 65_536
#: Above this many cached characters the string cache starts over (bounds memory on huge files).
STRING_CACHE_CHARS = 2_000_000
#: In-memory datasets smaller than this are counted in-process (a pool costs more than it saves).
PARALLEL_MIN_EXAMPLES = 20_000


@dataclass(frozen=True, slots=True)
class ExampleTokens:
    """Tokens of one example. ``billed`` is ``total`` capped at the model's training context."""

    total: int
    assistant: int
    billed: int
    estimated: bool = False

    @property
    def truncated(self) -> bool:
        return self.billed < self.total


def context_of(info: ModelInfo | None) -> int:
    """The context a model's examples are cut at and billed up to: the catalog entry's, else 65,536."""
    if info is None or not info.training_context:
        return DEFAULT_TRAINING_CONTEXT
    return info.training_context


def training_context_for(model: str) -> int:
    """The model's training context from the catalog, or 65,536 when the catalog does not know it."""
    from finetune_desktop.core.catalog.models import CatalogError, load_catalog

    try:
        return context_of(load_catalog().get(model))
    except CatalogError:
        return DEFAULT_TRAINING_CONTEXT


class TokenCounter:
    """Counts examples for one model's tokenizer.

    ``training_context=None`` takes it from the catalog; ``0`` means no cap. Thread-safe enough for one
    writer (the caches are plain dicts; a race only costs a recount).
    """

    def __init__(
        self,
        model: str | None = None,
        *,
        encoding: str | None = None,
        training_context: int | None = None,
        estimate: bool = False,
    ) -> None:
        """``model=None``: the catalog's default model. ``estimate=True`` skips loading the vocabulary (a
        worker whose parent already failed to)."""
        if model is None:
            from finetune_desktop.core.catalog.models import load_catalog

            model = load_catalog().default_model
        self.model = model
        self.encoding_name = encoding or encoding_for_model(model)
        self._encoding = None if estimate else load_encoding(self.encoding_name)
        self.estimated = self._encoding is None
        self.training_context = training_context_for(model) if training_context is None else training_context
        # The Rust core's method directly: skips a Python frame per string (the hot path).
        self._encode: Callable[[str], Any] | None = (
            None if self._encoding is None else self._encoding._core_bpe.encode_ordinary
        )
        self._strings: dict[str, int] = {}
        self._cached_chars = 0
        self._examples: dict[int, tuple[int, ExampleTokens]] = {}  # uid -> (revision, count)

    # strings --------------------------------------------------------------------------------------
    @property
    def string_counts(self) -> Mapping[str, int]:
        """The per-string cache, read-only: hot loops look a string up here before ``count_string``."""
        return self._strings

    def count_string(self, text: str) -> int:
        n = self._strings.get(text)
        return self.count_new(text) if n is None else n

    def count_new(self, text: str) -> int:
        """Count a string the caller just failed to find in :attr:`string_counts`, and remember it."""
        if self._encode is None:
            n = estimate_tokens(text)
        else:
            try:
                n = len(self._encode(text)) if len(text) <= SAFE_CHARS else self._count_long(text)
            except UnicodeEncodeError:  # lone surrogates: count as tiktoken's wrapper would
                fixed = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
                n = self._count_long(fixed)
        size = len(text)
        if self._cached_chars + size > STRING_CACHE_CHARS:
            self._strings.clear()
            self._cached_chars = 0
        self._strings[text] = n
        self._cached_chars += size
        return n

    def _count_long(self, text: str) -> int:
        """A long text counted in parts where the tokenizer splits anyway (see :mod:`.long_text`)."""
        if self._encode is None or self._encoding is None:
            return estimate_tokens(text)
        return count_long(text, self._encode, self._encoding._core_bpe.encode_single_piece)

    # examples -------------------------------------------------------------------------------------
    def count_example(self, data: Any) -> ExampleTokens:
        """Tokens of one example's parsed JSON (any shape; never raises)."""
        total, assistant = example_tokens(data, self.count_string, self._strings)
        cap = self.training_context
        billed = min(total, cap) if cap else total
        return ExampleTokens(total, assistant, billed, self.estimated)

    def count(self, example: Example) -> ExampleTokens:
        """Like :meth:`count_example`, cached by ``(uid, revision)``: ``Example.touch()`` after an edit
        bumps the revision, so only the edited example is counted again."""
        hit = self._examples.get(example.uid)
        if hit is not None and hit[0] == example.revision:
            return hit[1]
        result = self.count_example(example.data)
        self._examples[example.uid] = (example.revision, result)
        return result

    def invalidate(self, uid: int | None = None) -> None:
        """Forget one example's count (or all of them)."""
        if uid is None:
            self._examples.clear()
        else:
            self._examples.pop(uid, None)

    def cached(self, example: Example) -> ExampleTokens | None:
        """The cached count of ``example`` if it was made for its current revision."""
        hit = self._examples.get(example.uid)
        return hit[1] if hit is not None and hit[0] == example.revision else None

    def remember(self, example: Example, result: ExampleTokens) -> None:
        """Store a count made elsewhere (a worker process) for the example's current revision."""
        self._examples[example.uid] = (example.revision, result)


def _fingerprint(data: Any) -> str:
    try:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    except (TypeError, ValueError):
        return repr(data)


# --- datasets ----------------------------------------------------------------------------------------


@dataclass
class DatasetTokens:
    """Per-example counts (by uid, in dataset order) and their totals."""

    per_example: dict[int, ExampleTokens] = field(default_factory=dict)
    estimated: bool = False

    @property
    def total(self) -> int:
        return sum(t.total for t in self.per_example.values())

    @property
    def billed(self) -> int:
        return sum(t.billed for t in self.per_example.values())

    @property
    def assistant(self) -> int:
        return sum(t.assistant for t in self.per_example.values())

    def totals_by_uid(self) -> dict[int, int]:
        """The ``token_totals`` mapping ``validate_dataset`` takes."""
        return {uid: t.total for uid, t in self.per_example.items()}

    def stats(self) -> TokenStats:
        return token_stats([t.total for t in self.per_example.values()])


@dataclass(frozen=True, slots=True)
class TokenStats:
    """Distribution of per-example totals; percentiles by nearest rank (always an example's value)."""

    count: int
    min: int
    p50: int
    p90: int
    max: int


def _nearest_rank(sorted_values: Sequence[int], q: float) -> int:
    if not sorted_values:
        return 0
    rank = max(1, -(-int(q * 1000) * len(sorted_values) // 1000))  # ceil(q*n) without float error
    return sorted_values[min(rank, len(sorted_values)) - 1]


def token_stats(values: Iterable[int]) -> TokenStats:
    s = sorted(values)
    if not s:
        return TokenStats(0, 0, 0, 0, 0)
    return TokenStats(len(s), s[0], _nearest_rank(s, 0.5), _nearest_rank(s, 0.9), s[-1])


#: What a forkserver loads once for all the workers it forks (the check's code and the vocabulary).
WORKER_PRELOAD = "finetune_desktop.core.check.worker_preload"


_unseen_threads = False


def note_unseen_threads() -> None:
    """This process runs threads that Python's ``threading`` does not count (Qt's thread pools: a thread
    shows there only once it ran Python code, and only while it does), so ``process_context`` must never
    fork it. An app calls this when it makes such threads."""
    global _unseen_threads
    _unseen_threads = True


def process_context() -> BaseContext:
    """``fork`` when no other thread runs (fastest: workers inherit the loaded vocabulary); otherwise
    ``forkserver`` (a GUI has threads, and forking a threaded process can deadlock the child), else
    ``spawn`` where neither exists. A process with threads Python cannot see (``note_unseen_threads``)
    never forks."""
    methods = multiprocessing.get_all_start_methods()
    if (
        "fork" in methods
        and sys.platform.startswith("linux")
        and threading.active_count() == 1
        and not _unseen_threads
    ):
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload([WORKER_PRELOAD])
        return ctx
    return multiprocessing.get_context("spawn")


def warm_worker_server() -> bool:
    """Start the forkserver now (when workers would start from one), so that its start and its preload
    (the check's code and the vocabulary, ~0.5 s of CPU in a process of its own) are done before the first
    check needs workers: an app calls this once it is idle after start-up. True when one was started."""
    ctx = process_context()
    if ctx.get_start_method() != "forkserver":
        return False
    from multiprocessing import forkserver

    forkserver.ensure_running()
    return True


def default_workers() -> int:
    return max(1, os.cpu_count() or 1)


def _count_batch(
    args: tuple[str, str, int, bool, list[tuple[int, bytes]]],
) -> list[tuple[int, int, int, int, bool]]:
    model, encoding, context, estimate, batch = args
    counter = TokenCounter(model, encoding=encoding, training_context=context, estimate=estimate)
    out = []
    for uid, line in batch:
        try:
            data = json.loads(line)
        except ValueError:
            data = None
        t = counter.count_example(data)
        out.append((uid, t.total, t.assistant, t.billed, t.estimated))
    return out


def count_dataset(
    examples: Sequence[Example],
    counter: TokenCounter,
    *,
    workers: int | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> DatasetTokens:
    """Count every example, reusing ``counter``'s caches; big sets go to worker processes."""
    result = DatasetTokens(estimated=counter.estimated)
    workers = default_workers() if workers is None else max(1, workers)
    todo: list[Example] = []
    for ex in examples:
        hit = counter.cached(ex)
        if hit is not None:
            result.per_example[ex.uid] = hit
        else:
            todo.append(ex)
    total = len(examples)
    done = total - len(todo)
    if workers > 1 and len(todo) >= PARALLEL_MIN_EXAMPLES:
        _count_parallel(todo, counter, workers, result, progress, cancel, done, total)
    else:
        for i, ex in enumerate(todo):
            if cancel is not None and i % 512 == 0:
                cancel.raise_if_cancelled()
            result.per_example[ex.uid] = counter.count(ex)
            if progress is not None and i % 2048 == 0:
                progress(done + i, total)
    # Keep dataset order.
    result.per_example = {ex.uid: result.per_example[ex.uid] for ex in examples}
    if progress is not None:
        progress(total, total)
    return result


def _count_parallel(
    todo: list[Example],
    counter: TokenCounter,
    workers: int,
    result: DatasetTokens,
    progress: ProgressCallback | None,
    cancel: CancelToken | None,
    done: int,
    total: int,
) -> None:
    # Workers get each example as JSON bytes (its original line when unchanged): cheap to pickle.
    keyed: list[tuple[Example, bytes]] = [
        (ex, ex.raw if ex.raw is not None else _fingerprint(ex.data).encode()) for ex in todo
    ]
    size = max(1000, len(keyed) // (workers * 8))
    batches = [keyed[i : i + size] for i in range(0, len(keyed), size)]
    by_uid = {ex.uid: ex for ex, _ in keyed}
    with ProcessPoolExecutor(max_workers=workers, mp_context=process_context()) as pool:
        jobs = [
            (
                counter.model,
                counter.encoding_name,
                counter.training_context,
                counter.estimated,
                [(ex.uid, k) for ex, k in b],
            )
            for b in batches
        ]
        for rows in pool.map(_count_batch, jobs):
            if cancel is not None and cancel.cancelled:
                pool.shutdown(wait=False, cancel_futures=True)
                cancel.raise_if_cancelled()
            for uid, t, a, billed, est in rows:
                tokens = ExampleTokens(t, a, billed, est)
                counter.remember(by_uid[uid], tokens)
                result.per_example[uid] = tokens
            done += len(rows)
            if progress is not None:
                progress(done, total)
