"""The editor's one doorway into ``core``: every core call the dataset screens make goes through here.

Thin adapters that give the screens the shapes they draw from (rows of cells, column indexes, packed
token figures), so a change in core touches this file, not every widget.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, cast

from finetune_desktop.core.cancel import CancelToken, ProgressCallback
from finetune_desktop.core.catalog import pricing
from finetune_desktop.core.catalog.models import Catalog, ModelInfo, load_catalog
from finetune_desktop.core.check import worker_hash
from finetune_desktop.core.check.pipeline import FORMAT_CODES as FORMAT_CODES
from finetune_desktop.core.check.pipeline import NO_KEY as NO_KEY
from finetune_desktop.core.check.pipeline import RangeResult as RangeResult
from finetune_desktop.core.check.pipeline import digest
from finetune_desktop.core.check.run import ExampleColumns as ExampleColumns
from finetune_desktop.core.check.run import scan_examples
from finetune_desktop.core.dataset import jsonl_lines, jsonl_parse, jsonl_writer, split, tabular
from finetune_desktop.core.dataset.examples import DatasetFormat, Example, LoadIssue, RejectedLine
from finetune_desktop.core.dataset.examples import detect_format as detect_example_format
from finetune_desktop.core.files import atomic
from finetune_desktop.core.tokens.counter import (
    PARALLEL_MIN_EXAMPLES,
    TokenCounter,
    context_of,
    count_dataset,
    default_workers,
    process_context,
    training_context_for,
    warm_worker_server,
)
from finetune_desktop.core.validation.codes import FINDING_CODES
from finetune_desktop.core.validation.incremental import Checked as Checked
from finetune_desktop.core.validation.incremental import CheckedRow as CheckedRow
from finetune_desktop.core.validation.incremental import DatasetValidator
from finetune_desktop.core.validation.load_findings import issue_findings as issue_findings
from finetune_desktop.gui.finding_titles import finding_title

# ---------------------------------------------------------------- JSONL


@dataclass
class Chunk:
    """One piece of a file, parsed. CRLF line ends are not among ``issues``: a file reports them once
    (``crlf_issue``), so a reader of many pieces adds ``crlf_lines`` up and reports them at the end."""

    examples: list[Example]
    issues: list[LoadIssue]
    rejected: list[RejectedLine]
    crlf_lines: int = 0
    first_crlf_line: int | None = None


def parse_chunk(buf: bytes, first_line: int, *, share_strings: bool = True) -> Chunk:
    """``share_strings=False`` for examples whose parsed values are released at once (the loader)."""
    parsed = jsonl_parse.parse_jsonl_bytes(buf, first_line=first_line, share_strings=share_strings)
    issues = [i for i in parsed.issues if i.code != "crlf"]
    return Chunk(
        list(parsed.examples), issues, list(parsed.rejected), parsed.crlf_lines, parsed.first_crlf_line
    )


def crlf_issue(first_line: int, count: int) -> LoadIssue:
    """The file's one CRLF issue, worded as ``check`` words it."""
    return jsonl_lines.crlf_issue(first_line, count)


def detect_format(data: Any) -> DatasetFormat:
    return detect_example_format(data)


def serialize_example(ex: Example) -> bytes:
    return jsonl_writer.serialize_example(ex)


def atomic_write_bytes(path: Path, data: bytes, *, backup: bool = False) -> None:
    atomic.atomic_write_bytes(path, data, backup=backup)


def save_examples(
    examples: Sequence[Example], path: Path, *, backup: bool = True, rejected: Sequence[RejectedLine] = ()
) -> None:
    """Save; ``rejected`` lines are written byte for byte where they were (before the first example
    that came after them in the file), so an unedited file is written back as it was read."""
    jsonl_writer.save_jsonl(
        with_rejected_in_place(examples, rejected) if rejected else list(examples), path, backup=backup
    )


def with_rejected_in_place(examples: Sequence[Example], rejected: Sequence[RejectedLine]) -> list[Example]:
    """The examples with each unreadable line put back at its place, as a line of raw bytes."""
    pending = sorted(rejected, key=lambda r: r.line)
    out: list[Example] = []
    k = 0
    for ex in examples:
        while k < len(pending) and ex.line is not None and pending[k].line < ex.line:
            out.append(Example(None, line=pending[k].line, raw=pending[k].raw))
            k += 1
        out.append(ex)
    out.extend(Example(None, line=r.line, raw=r.raw) for r in pending[k:])
    return out


# ---------------------------------------------------------------- validation


def make_validator(
    training_context: int | None = None,
    token_totals: Mapping[int, int] | None = None,
    *,
    fast_digests: bool = False,
) -> DatasetValidator:
    """A DatasetValidator (incremental: ``full``, ``update``, ``findings``) whose key digests are the ones
    ``check_file`` gets from the worker processes with the same ``fast_digests`` (seed-free unless they
    hash as this process does: ``workers_hash_alike``), so entries it makes and entries made there
    (``add_checked``) compare."""
    return DatasetValidator(
        training_context=training_context,
        token_totals=token_totals,
        digest=fast_digest if fast_digests else seed_free,
    )


def seed_free(key: Any) -> int:
    """The digest ``check``'s workers make of a validator key (the same in every process)."""
    return digest(key, False)


def fast_digest(key: Any) -> int:
    """The digest ``check``'s workers make of a validator key when they hash as this process does."""
    return digest(key, True)


def workers_hash_alike() -> bool:
    """Whether ``check``'s worker processes are known to hash text as this process does (asked once
    by ``warm_check_workers``; False until then)."""
    return worker_hash.known_alike(process_context())


#: How far below the app's priority ``check_file``'s worker processes run.
CHECK_NICE = 10


def check_file(
    path: Path,
    model: str,
    rows: Callable[[RangeResult], None] | None = None,
    fast_digests: bool = False,
    *,
    cancel: CancelToken,
    progress: ProgressCallback,
) -> ExampleColumns:
    """Every example of ``path`` parsed, validated and counted by ``check``'s engine: worker processes for
    a big file (no GIL shared with the UI), every finding kept. Raises like ``check`` for a file it cannot
    read at all. The workers run at a lower priority than the app: the window's thread wins the CPU.
    ``rows``: the lines themselves come too, range by range in file order (see ``scan_examples``);
    ``fast_digests``: see ``make_validator``."""
    return scan_examples(
        path,
        model=model,
        progress=progress,
        cancel=cancel,
        nice=CHECK_NICE,
        rows=rows,
        fast_digests=fast_digests,
    )


def counts_context(model: str, training_context: int | None) -> int:
    """The context ``make_counter(model, training_context)`` caps billed tokens at (0: no cap)."""
    return training_context_for(model) if training_context is None else training_context


def finding_description(code: str) -> str:
    """The code's one-line description in the GUI's language ("" for an unknown code)."""
    title = finding_title(code)
    if title is not None:
        return title
    entry = FINDING_CODES.get(code)
    return entry[1] if entry else ""


# ---------------------------------------------------------------- tokens, catalog, pricing


@dataclass(frozen=True)
class TokenInfo:
    total: int
    billed: int
    estimated: bool


def warm_check_workers() -> None:
    """Start the process check's workers fork from, once, and ask one of them how it hashes (call it off
    the UI thread)."""
    warm_worker_server()
    worker_hash.probe(process_context())


def make_counter(model: str, training_context: int | None = None) -> Callable[[Any], TokenInfo]:
    """A function data -> TokenInfo. Loading the vocabulary reads disk: call this off the UI thread."""
    counter = TokenCounter(model, training_context=training_context)
    # ExampleTokens has the same fields (total, billed, estimated): keep it, no copy per example
    return cast(Callable[[Any], TokenInfo], counter.count_example)


def count_in_processes(n_examples: int) -> bool:
    """Whether ``count_examples`` pays off for this many examples (worker processes cost a start-up)."""
    return n_examples >= PARALLEL_MIN_EXAMPLES and default_workers() > 1


def count_examples(
    examples: Sequence[Example],
    model: str,
    training_context: int | None,
    *,
    cancel: CancelToken,
    progress: ProgressCallback,
) -> dict[int, TokenInfo]:
    """uid -> tokens of every example, by core's ``count_dataset`` (worker processes for big sets)."""
    counter = TokenCounter(model, training_context=training_context)
    counted = count_dataset(examples, counter, workers=default_workers(), cancel=cancel, progress=progress)
    return cast(dict[int, TokenInfo], counted.per_example)


@dataclass(frozen=True)
class ModelChoice:
    """A fine-tunable model as the cost panel offers it; ``info`` is the catalog's entry."""

    id: str
    training_context: int
    info: ModelInfo
    prices_date: str
    new_jobs_until: str
    shutdown_date: str

    @property
    def training_price_per_1m(self) -> Decimal | None:
        return self.info.training_price_per_1m


def load_models() -> tuple[list[ModelChoice], list[str], Catalog]:
    """The fine-tunable models to offer (the catalog's default first), the catalog's problems, and the
    catalog itself (its currency and rate price the file).

    A broken user override (``<config>/models.json``) is reported in the problems and the bundled
    list is used, so the editor keeps working and the user sees why their prices were not taken.
    """
    catalog = load_catalog()
    out = []
    for m in catalog.models.values():
        if m.status != "available":
            continue
        out.append(
            ModelChoice(
                str(m.id),
                context_of(m),
                m,
                str(m.prices_date or ""),
                str(m.new_jobs_until or ""),
                str(m.shutdown_date or ""),
            )
        )
    out.sort(key=lambda m: m.id != catalog.default_model)
    return out, list(catalog.problems), catalog


def training_figures(
    totals: Sequence[int],
    billed: Sequence[int],
    n_examples: int,
    model: ModelChoice,
    catalog: Catalog,
    *,
    estimated: bool,
    epochs: int | None,
    rate: float | None,
    currency: str,
) -> pricing.TrainingFigures:
    """Core's figures for the file (the same function ``check`` prices with); ``rate`` as the user set
    it (``None``: the catalog's)."""
    return pricing.training_figures(
        totals,
        billed,
        n_examples,
        model.info,
        catalog,
        estimated=estimated,
        epochs=epochs,
        rate=None if rate is None else pricing.to_decimal(rate),
        currency=currency,
    )


def money(value: Decimal) -> Decimal:
    return pricing.money(value)


# ---------------------------------------------------------------- tables and split


@dataclass
class TableData:
    headers: list[str]
    rows: list[list[str]]
    core: tabular.Table  # what core.dataset.tabular read; the rows above are its cells
    sheets: list[str] | None = None


def table_sheets(path: Path) -> list[str]:
    """Sheet names of an Excel workbook (empty for CSV/TSV)."""
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return []
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        return list(wb.sheetnames)
    finally:
        wb.close()


def read_table(path: Path, sheet: str | None = None) -> TableData:
    t = tabular.read_table(path, sheet=sheet)
    return TableData(list(t.headers), t.rows, t, list(t.sheets))


@dataclass
class TableMapping:
    """Which columns make the conversation: optional system column/text and (user, assistant) pairs."""

    system_column: int | None
    system_text: str
    turns: list[tuple[int, int]]


def guess_mapping(headers: Sequence[str]) -> TableMapping:
    cm = tabular.guess_mapping(list(headers))
    pos = {h: i for i, h in enumerate(headers)}
    turns = [(pos[u], pos[a]) for u, a in cm.turns if u in pos and a in pos]
    if not turns and len(headers) >= 2:
        turns = [(0, 1)]
    return TableMapping(pos.get(cm.system) if cm.system else None, "", turns)


def table_to_examples(table: TableData, mapping: TableMapping) -> tuple[list[Example], list[LoadIssue]]:
    """Rows become chat examples; a row without a user or assistant text is reported, not dropped silently."""
    h = table.headers
    turns = [
        (h[u], h[a])
        for u, a in mapping.turns
        if u is not None and a is not None and 0 <= u < len(h) and 0 <= a < len(h)
    ]
    if not turns:
        return [], []
    system = h[mapping.system_column] if mapping.system_column is not None else None
    cm = tabular.ColumnMapping(
        turns=turns, system=system, system_text=mapping.system_text, keep_rows_without_reply=True
    )
    made, problems = tabular.table_to_examples(table.core, cm)
    return made, list(getattr(table.core, "issues", []) or []) + list(problems)


def split_random(
    examples: Sequence[Example], fraction: float, seed: int
) -> tuple[list[Example], list[Example]]:
    train, val = split.split_random(list(examples), fraction, seed)
    return list(train), list(val)


def overlap_count(train: Iterable[Example], validation: Iterable[Example]) -> int:
    """Validation examples whose conversation also appears in the training file."""
    pairs = split.find_overlap(list(train), list(validation))
    return len({p.validation_index for p in pairs})
