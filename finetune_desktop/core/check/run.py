"""``check``: load, validate, count tokens and price a training file in one pass, fast.

The file is cut into byte ranges at newlines; worker processes (one per core) parse, validate and count
their ranges and return compact columns (:mod:`.pipeline`); the parent joins them and runs the
dataset-wide rules (:mod:`.dataset_rules`). Small files run in-process: a pool costs more than it saves.
"""

from __future__ import annotations

import dataclasses
import os
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing.context import BaseContext
from pathlib import Path
from typing import Any, Protocol, TypeVar

from finetune_desktop.core import gc_switch
from finetune_desktop.core.cancel import CancelToken, ProgressCallback
from finetune_desktop.core.catalog.models import Catalog, ModelInfo, load_catalog
from finetune_desktop.core.catalog.pricing import Cost, training_figures
from finetune_desktop.core.check.dataset_rules import dataset_findings
from finetune_desktop.core.check.pipeline import (
    KEEP_PER_CODE,
    NO_KEY,
    RangeJob,
    RangeResult,
    check_range,
    lower_priority,
)
from finetune_desktop.core.check.ranges import LineCounter, byte_ranges, row_range_sizes
from finetune_desktop.core.dataset.examples import DatasetFormat, LoadIssue, majority_format
from finetune_desktop.core.dataset.jsonl_lines import ParsedChunk
from finetune_desktop.core.dataset.jsonl_parse import merge_chunks, parse_jsonl_bytes
from finetune_desktop.core.dataset.jsonl_reader import DatasetReadError, read_error
from finetune_desktop.core.files.file_kind import not_regular_reason
from finetune_desktop.core.tokens.counter import TokenCounter, context_of, default_workers, process_context
from finetune_desktop.core.tokens.summary import TokenSummary
from finetune_desktop.core.validation.findings import Finding, Severity
from finetune_desktop.core.validation.load_findings import issue_findings

#: ``scan_examples`` keeps every finding.
KEEP_ALL = 2**62
#: Files smaller than this are checked in-process.
PARALLEL_MIN_BYTES = 4 * 1024 * 1024
#: More worker processes than this only cost memory (and a huge number would exhaust the machine).
MAX_WORKERS = 256
_UTF16_32_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")


@dataclass
class CheckReport:
    file: str
    format: DatasetFormat
    model: str
    model_info: ModelInfo
    examples: int
    findings: list[Finding]
    tokens: TokenSummary
    epochs: int
    epochs_is_default: bool
    cost: Cost
    validation_file: str | None = None
    validation_examples: int | None = None
    catalog_problems: list[str] = field(default_factory=list)
    #: CPU seconds spent parsing, validating and counting, summed over worker processes (benchmarks).
    worker_cpu_seconds: float = 0.0
    #: Every finding counted by code (``findings`` keeps only the first ``KEEP_PER_CODE`` of each code).
    counts: Counter[str] = field(default_factory=Counter)
    severities: dict[str, Severity] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.counts:  # a report built by hand: its findings are all of them
            self.counts = Counter(f.code for f in self.findings)
        for f in self.findings:
            self.severities.setdefault(f.code, f.severity)

    @property
    def errors(self) -> list[Finding]:
        """The error findings kept (``error_count`` says how many there are in all)."""
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.WARNING]

    @property
    def error_count(self) -> int:
        return sum(n for code, n in self.counts.items() if self.severities.get(code) is Severity.ERROR)

    @property
    def warning_count(self) -> int:
        return sum(n for code, n in self.counts.items() if self.severities.get(code) is Severity.WARNING)

    @property
    def estimated(self) -> bool:
        return self.tokens.estimated

    def counts_by_code(self) -> Counter[str]:
        return Counter(self.counts)

    def to_json(self) -> dict[str, Any]:
        """The ``check --json`` object (issue 3's shape)."""
        return {
            "file": self.file,
            "format": self.format.value,
            "model": self.model,
            "examples": self.examples,
            "errors": [f.to_json() for f in self.errors],
            "warnings": [f.to_json() for f in self.warnings],
            "tokens": self.tokens.to_json(),
            "epochs": self.epochs,
            "cost": self.cost.to_json(),
            # All findings by code: "errors"/"warnings" list at most KEEP_PER_CODE of each code.
            "finding_counts": dict(sorted(self.counts.items())),
        }


class _Coded(Protocol):
    @property
    def code(self) -> str: ...


_T = TypeVar("_T", bound=_Coded)


# --- reading the file ----------------------------------------------------------------------------------


def _worker_count(workers: int | None) -> int:
    """One worker process per core, or ``workers`` kept within 1..``MAX_WORKERS``."""
    return default_workers() if workers is None else max(1, min(workers, MAX_WORKERS))


def _head(path: Path) -> bytes:
    kind = not_regular_reason(path)
    if kind is not None and kind != "a folder":
        raise DatasetReadError(f"Cannot read {path}: it is {kind}, not a file. Choose a .jsonl file.")
    try:
        if path.is_dir():
            raise IsADirectoryError(path)
        with open(path, "rb") as f:
            head = f.read(256 * 1024)
    except OSError as exc:
        raise read_error(path, exc) from exc
    if head.startswith(_UTF16_32_BOMS) or (len(head) >= 4 and head[1:4:2] == b"\x00\x00" and head[0]):
        raise DatasetReadError(
            f"Cannot read {path}: it is saved as UTF-16/UTF-32, not UTF-8. "
            "Save it again as 'UTF-8' (in Notepad or Excel: Save as > Encoding > UTF-8)."
        )
    return head


def _sample_format(head: bytes) -> DatasetFormat:
    cut = head.rfind(b"\n") + 1 or len(head)
    # keep_raw=False: only the format is wanted, not the lines' bytes
    chunk = parse_jsonl_bytes(head[:cut], keep_raw=False)
    return majority_format(ex.data for ex in chunk.examples[:500])


@dataclass
class _Scan:
    result: RangeResult
    issues: list[LoadIssue]
    rejected_utf8: int
    rejected_other: int
    #: Every finding's and issue's code, counted (only ``KEEP_PER_CODE`` of each are kept).
    counts: Counter[str]
    severities: dict[str, Severity]


def _join(results: list[RangeResult]) -> _Scan:
    merged = RangeResult(estimated=any(r.estimated for r in results))
    offset = 0
    chunks: list[ParsedChunk] = []
    issue_counts: Counter[tuple[str, bool]] = Counter()
    for r in results:
        for col in ("lines", "totals", "assistant", "billed", "full_keys", "prompt_keys", "answer_keys"):
            getattr(merged, col).extend(getattr(r, col))
        merged.formats += r.formats
        merged.images += r.images
        merged.cpu_seconds += r.cpu_seconds
        merged.counts.update(r.counts)
        for code, severity in r.severities.items():
            merged.severities.setdefault(code, severity)
        issue_counts.update(r.issue_counts)
        if offset:
            merged.findings.extend(
                dataclasses.replace(f, example=None if f.example is None else f.example + offset)
                for f in r.findings
            )
        else:
            merged.findings.extend(r.findings)
        # The reader reports CRLF once per file, at its first CRLF line.
        chunks.append(
            ParsedChunk(issues=r.issues, crlf_lines=r.crlf_lines, first_crlf_line=r.first_crlf_line)
        )
        offset += r.count
    issues = _first_per_code(merge_chunks(chunks).issues)
    counts = Counter(merged.counts)
    severities = dict(merged.severities)
    for (code, fatal), n in issue_counts.items():
        if code != "crlf":  # reported once per file, whatever the count
            counts[code] += n
            severities.setdefault(code, Severity.ERROR if fatal else Severity.WARNING)
    if any(i.code == "crlf" for i in issues):
        counts["crlf"] = 1
        severities.setdefault("crlf", Severity.WARNING)
    utf8 = issue_counts[("invalid_utf8", True)]
    other = sum(n for (code, fatal), n in issue_counts.items() if fatal and code != "invalid_utf8")
    return _Scan(merged, issues, utf8, other, counts, severities)


def _first_per_code(items: list[_T]) -> list[_T]:
    """The first ``KEEP_PER_CODE`` items of each code, in order."""
    seen: Counter[str] = Counter()
    out: list[_T] = []
    for item in items:
        seen[item.code] += 1
        if seen[item.code] <= KEEP_PER_CODE:
            out.append(item)
    return out


def _scan(
    path: Path,
    info: ModelInfo,
    fmt: DatasetFormat | None,
    workers: int,
    progress: ProgressCallback | None,
    cancel: CancelToken | None,
    ctx: BaseContext,
    *,
    keep: int = KEEP_PER_CODE,
    seed_free: bool = False,
    nice: int = 0,
    rows: Callable[[RangeResult], None] | None = None,
    fast_digests: bool = False,
) -> tuple[_Scan, DatasetFormat]:
    head = _head(path)
    size = path.stat().st_size
    fmt = fmt if fmt is not None else _sample_format(head)
    context = context_of(info)
    # Loading the vocabulary here means forked workers inherit it instead of each loading it again.
    estimate = TokenCounter(info.id, encoding=info.encoding, training_context=context).estimated
    # Python's hash is only shared with forked workers (or ones the caller asked: ``worker_hash``); others
    # get seed-free digests (slower).
    fast_digests = fast_digests or (ctx.get_start_method() == "fork" and not seed_free)
    parallel = workers > 1 and size >= PARALLEL_MIN_BYTES

    def job(start: int, end: int, first_line: int) -> RangeJob:
        return RangeJob(
            str(path),
            start,
            end,
            first_line,
            info.id,
            info.encoding,
            context,
            fmt,
            fast_digests,
            estimate,
            keep,
            rows is not None,
        )

    results: list[RangeResult] = []
    if progress is not None:
        progress(0, size)
    ranges = byte_ranges(
        path, size, workers if parallel else 1, None if rows is None else row_range_sizes(size)
    )
    if parallel and len(ranges) > 1:
        results = _run_parallel(
            ranges, job, workers, ctx, size, progress, cancel, LineCounter(path), nice, rows
        )
    else:
        with LineCounter(path) as lines:
            first = 1
            for k, (start, end) in enumerate(ranges):
                if cancel is not None:
                    cancel.raise_if_cancelled()
                results.append(_handed(check_range(job(start, end, first)), rows))
                if progress is not None:
                    progress(end, size)
                if k + 1 < len(ranges):
                    first = lines.advance(start, end)
    scan = _join(results)
    # (the editor keeps rows: it shows lines that are not UTF-8 as rejected rows, each with its issue)
    if rows is None and scan.result.count == 0 and scan.rejected_utf8 and not scan.rejected_other:
        raise DatasetReadError(
            f"Cannot read {path}: no line is valid UTF-8 text. "
            "Save the file as 'UTF-8' (in Notepad or Excel: Save as > Encoding > UTF-8)."
        )
    return scan, fmt


@dataclass
class ExampleColumns:
    """``check``'s per-example results for a whole file, for a caller that keeps its own rows (the editor):
    ``result`` holds one entry per example in file order (``lines``, ``totals``, ``billed``, ``formats``,
    ``images`` and the seed-free key digests of :func:`.pipeline.digest`) and every per-example
    finding, numbered by that order; ``format`` is the format the file was checked as."""

    result: RangeResult
    format: DatasetFormat
    model: str
    training_context: int  # billed tokens are capped at this


def scan_examples(
    path: str | os.PathLike[str],
    *,
    model: str,
    catalog: Catalog | None = None,
    workers: int | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
    nice: int = 0,
    rows: Callable[[RangeResult], None] | None = None,
    fast_digests: bool = False,
) -> ExampleColumns:
    """Parse, validate and count every example of ``path`` with ``check``'s engine (worker processes for a
    big file), keeping every finding. Digests are seed-free, so they compare with ones made in any process
    (``digest(key, fast=False)``), unless ``fast_digests``: the caller knows that the worker processes
    hash as it does (``worker_hash.probe``), and they are ``digest(key, fast=True)``. ``nice`` lowers the
    worker processes' priority (an app keeps its window responsive while they use every core). Raises
    like :func:`run_check` for a file that cannot be read at all.

    ``rows``: the caller keeps the rows too (the editor). The file is then cut into small ranges, the
    first one smallest, and each range's result is handed to ``rows`` in file order as soon as it and the
    ones before it are done, with ``result.rows`` set (see ``RangeRows``; finding indexes local to the
    range); the columns returned do not hold the rows. A file without a line of UTF-8 is not refused:
    its lines come as rejected rows."""
    cat = catalog if catalog is not None else load_catalog()
    info = cat.require(model)
    n_workers = _worker_count(workers)
    scan, fmt = _scan(
        Path(path),
        info,
        None,
        n_workers,
        progress,
        cancel,
        process_context(),
        keep=KEEP_ALL,
        seed_free=True,
        nice=nice,
        rows=rows,
        fast_digests=fast_digests,
    )
    return ExampleColumns(scan.result, fmt, model, context_of(info))


def _handed(result: RangeResult, rows: Callable[[RangeResult], None] | None) -> RangeResult:
    """Hand ``result``'s rows to ``rows`` and drop them from it (the caller keeps them, not the scan)."""
    if rows is not None:
        rows(result)
        result.rows = None
    return result


def _run_parallel(
    ranges: list[tuple[int, int]],
    job: Callable[[int, int, int], RangeJob],
    workers: int,
    ctx: BaseContext,
    size: int,
    progress: ProgressCallback | None,
    cancel: CancelToken | None,
    lines: LineCounter,
    nice: int = 0,
    rows: Callable[[RangeResult], None] | None = None,
) -> list[RangeResult]:
    """Hand the ranges to worker processes in order; each range's first line is counted while the
    ranges before it are already being checked."""
    # Forked workers share the parent's memory until they write to it; the cycle collector writes to
    # every object it visits, so the parent's objects are frozen out of its reach before forking.
    with (
        gc_switch.frozen(ctx.get_start_method() == "fork"),
        lines,
        ProcessPoolExecutor(
            max_workers=workers, mp_context=ctx, initializer=lower_priority, initargs=(nice,)
        ) as pool,
    ):
        futures: list[tuple[int, Future[RangeResult]]] = []
        first = 1
        for k, (start, end) in enumerate(ranges):
            futures.append((end, pool.submit(check_range, job(start, end, first))))
            if k + 1 < len(ranges):
                first = lines.advance(start, end)
        results: list[RangeResult] = []
        for end, future in futures:
            if cancel is not None and cancel.cancelled:
                pool.shutdown(wait=False, cancel_futures=True)
                cancel.raise_if_cancelled()
            results.append(_handed(future.result(), rows))
            if progress is not None:
                progress(end, size)
        return results


def _sort_key(f: Finding) -> tuple[int, int, int]:
    return (f.line or 0, -1 if f.example is None else f.example, 0 if f.severity is Severity.ERROR else 1)


def _with_file(findings: list[Finding], file: str) -> Iterator[Finding]:
    for f in findings:
        yield f if f.file == file else dataclasses.replace(f, file=file)


# --- the check -------------------------------------------------------------------------------------------


def run_check(
    train_path: str | os.PathLike[str],
    *,
    validation_path: str | os.PathLike[str] | None = None,
    model: str | None = None,
    epochs: int | None = None,
    workers: int | None = None,
    catalog: Catalog | None = None,
    rate: Any = None,
    currency: str | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> CheckReport:
    """Check a training file (and optionally a validation file) for ``model``; never raises on bad content.

    Raises ``DatasetReadError`` when a file cannot be read at all (missing, a folder, no permission, not
    UTF-8 at all) and ``CatalogError`` for an unknown model. ``progress(done_bytes, total_bytes)`` covers the
    training file.
    """
    cat = catalog if catalog is not None else load_catalog()
    model_name = model or cat.default_model
    info = cat.require(model_name)
    n_workers = _worker_count(workers)
    train = Path(train_path)
    # Chosen once: digests from both files must come from processes that share one hash seed.
    ctx = process_context()
    scan, fmt = _scan(train, info, None, n_workers, progress, cancel, ctx)
    res = scan.result
    file = str(train)

    validation_keys: dict[int, int] | None = None
    extra: list[Finding] = []
    val_count: int | None = None
    counts, severities = Counter(scan.counts), dict(scan.severities)
    if validation_path is not None:
        vpath = Path(validation_path)
        vscan, _ = _scan(vpath, info, fmt, n_workers, None, cancel, ctx)
        vres = vscan.result
        val_count = vres.count
        validation_keys = {}
        for line, key in zip(vres.lines, vres.full_keys, strict=True):
            validation_keys.setdefault(key, line)
        extra = sorted(
            [*issue_findings(vscan.issues, str(vpath)), *_with_file(vres.findings, str(vpath))],
            key=_sort_key,
        )
        counts.update(vscan.counts)
        for code, severity in vscan.severities.items():
            severities.setdefault(code, severity)

    tally: Counter[str] = Counter()
    rules = dataset_findings(
        lines=res.lines,
        formats=res.formats,
        images=res.images,
        full_keys=res.full_keys,
        prompt_keys=res.prompt_keys,
        answer_keys=res.answer_keys,
        no_key=NO_KEY,
        validation_keys=validation_keys,
        tally=tally,
        keep=KEEP_PER_CODE,
    )
    counts.update(tally)
    for f in rules:
        severities.setdefault(f.code, f.severity)
    findings = sorted(
        [
            *issue_findings(scan.issues, file),
            *_with_file(res.findings, file),
            *_with_file(rules, file),
        ],
        key=_sort_key,
    )
    findings = _first_per_code(findings + extra)

    n = res.count
    figures = training_figures(
        res.totals,
        res.billed,
        n,
        info,
        cat,
        assistant=res.assistant,
        estimated=res.estimated,
        epochs=epochs,
        rate=rate,
        currency=currency,
    )
    return CheckReport(
        file=file,
        format=fmt if n == 0 else majority_format_from_codes(res.formats, fmt),
        model=model_name,
        model_info=info,
        examples=n,
        findings=findings,
        tokens=figures.tokens,
        epochs=figures.epochs,
        epochs_is_default=figures.epochs_is_default,
        cost=figures.cost,
        validation_file=None if validation_path is None else str(validation_path),
        validation_examples=val_count,
        catalog_problems=list(cat.problems),
        worker_cpu_seconds=res.cpu_seconds,
        counts=counts,
        severities=severities,
    )


def majority_format_from_codes(codes: bytes | bytearray, fallback: DatasetFormat) -> DatasetFormat:
    chat, pref = codes.count(b"c"), codes.count(b"p")
    if chat == 0 and pref == 0:
        return fallback
    return DatasetFormat.CHAT if chat >= pref else DatasetFormat.PREFERENCE
