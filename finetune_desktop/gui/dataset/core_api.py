"""The editor's one doorway into ``core``: every core call the dataset screens make goes through here.

The core modules are written in parallel with the editor; each adapter uses the contract function when
it exists and otherwise a small stand-in, so the editor runs (and its tests pass) at every step.
"""

from __future__ import annotations

import json
import os
import random
import statistics
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from finetune_desktop.core.dataset import Dataset, DatasetFormat, Example, LoadIssue, RejectedLine
from finetune_desktop.core.findings import Finding, Severity

# ---------------------------------------------------------------- JSONL


@dataclass
class Chunk:
    examples: list[Example]
    issues: list[LoadIssue]
    rejected: list[RejectedLine]


def parse_chunk(buf: bytes, first_line: int) -> Chunk:
    try:
        from finetune_desktop.core.jsonl import parse_jsonl_bytes
    except ImportError:
        return _fallback_parse(buf, first_line)
    parsed = parse_jsonl_bytes(buf, first_line=first_line)
    return Chunk(list(parsed.examples), list(parsed.issues), list(parsed.rejected))


def _fallback_parse(buf: bytes, first_line: int) -> Chunk:
    chunk = Chunk([], [], [])
    for i, raw in enumerate(buf.split(b"\n")):
        line = first_line + i
        raw = raw.removesuffix(b"\r")
        if not raw.strip():
            continue
        try:
            data = json.loads(raw)
        except (ValueError, UnicodeDecodeError) as exc:
            issue = LoadIssue(
                "invalid_json",
                line,
                f"Line {line} is not valid JSON: {exc}",
                "Fix the line or delete it.",
                fatal=True,
            )
            chunk.issues.append(issue)
            chunk.rejected.append(RejectedLine(line, raw, issue))
            continue
        if not isinstance(data, dict):
            issue = LoadIssue(
                "not_an_object",
                line,
                f"Line {line} is not a JSON object.",
                "Each line must be one example object.",
                fatal=True,
            )
            chunk.issues.append(issue)
            chunk.rejected.append(RejectedLine(line, raw, issue))
            continue
        chunk.examples.append(Example(data=data, line=line, raw=raw))
    return chunk


def detect_format(data: Any) -> DatasetFormat:
    try:
        from finetune_desktop.core.jsonl import detect_format as real
    except ImportError:
        if isinstance(data, dict) and "preferred_output" in data:
            return DatasetFormat.PREFERENCE
        if isinstance(data, dict) and "messages" in data:
            return DatasetFormat.CHAT
        return DatasetFormat.UNKNOWN
    return real(data)


def serialize_example(ex: Example) -> bytes:
    try:
        from finetune_desktop.core.jsonl import serialize_example as real
    except ImportError:
        if ex.raw is not None:
            return ex.raw
        return json.dumps(ex.data, ensure_ascii=False, separators=(",", ":")).encode()
    return real(ex)


def atomic_write_bytes(path: Path, data: bytes, *, backup: bool = False) -> None:
    try:
        from finetune_desktop.core.atomic import atomic_write_bytes as real
    except ImportError:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if backup and path.exists():
            os.replace(path, path.with_name(path.name + ".bak"))
        os.replace(tmp, path)
        return
    real(path, data, backup=backup)


def save_examples(examples: Sequence[Example], path: Path, *, backup: bool = True) -> None:
    try:
        from finetune_desktop.core.jsonl import save_jsonl
    except ImportError:
        atomic_write_bytes(path, b"".join(serialize_example(e) + b"\n" for e in examples), backup=backup)
        return
    save_jsonl(list(examples), path, backup=backup)


# ---------------------------------------------------------------- validation


class _FallbackValidator:
    """Minimal stand-in: checks only what the editor needs to show something useful."""

    def __init__(self) -> None:
        self._by_uid: dict[int, list[Finding]] = {}
        self._order: list[Example] = []

    def full(self, dataset: Dataset) -> list[Finding]:
        self._order = list(dataset.examples)
        self._by_uid = {ex.uid: _fallback_check(ex, i) for i, ex in enumerate(self._order)}
        return self.findings()

    def update(self, example: Example) -> list[Finding]:
        idx = next((i for i, e in enumerate(self._order) if e.uid == example.uid), None)
        if idx is not None:
            self._by_uid[example.uid] = _fallback_check(example, idx)
        return self.findings()

    def findings(self) -> list[Finding]:
        out: list[Finding] = []
        n = len(self._order)
        if 0 < n < 10:
            out.append(
                Finding(
                    "too_few_examples",
                    Severity.ERROR,
                    f"The file has {n} examples; at least 10 are required.",
                    "Add more examples.",
                )
            )
        for i, ex in enumerate(self._order):
            out.extend(
                Finding(f.code, f.severity, f.message, f.fix, ex.line, i, f.path)
                for f in self._by_uid.get(ex.uid, [])
            )
        return out


def _fallback_check(ex: Example, index: int) -> list[Finding]:
    d = ex.data
    msgs = d.get("messages") if isinstance(d, dict) else None
    if not isinstance(msgs, list):
        return [
            Finding(
                "missing_messages_list",
                Severity.ERROR,
                "The example has no messages list.",
                "Add a messages list.",
                ex.line,
                index,
                "messages",
            )
        ]
    out = []
    for i, m in enumerate(msgs):
        if isinstance(m, dict) and m.get("role") in ("user", "assistant", "system") and not m.get("content"):
            if m.get("role") == "assistant" and m.get("tool_calls"):
                continue
            out.append(
                Finding(
                    "missing_content",
                    Severity.ERROR,
                    f"Message {i + 1} has no text.",
                    "Type the message or remove it.",
                    ex.line,
                    index,
                    f"messages[{i}].content",
                )
            )
    if not any(isinstance(m, dict) and m.get("role") == "assistant" for m in msgs):
        out.append(
            Finding(
                "example_missing_assistant_message",
                Severity.ERROR,
                "The example has no assistant reply.",
                "Add an assistant message.",
                ex.line,
                index,
                "messages",
            )
        )
    return out


def make_validator(training_context: int | None = None, token_totals: Mapping[int, int] | None = None) -> Any:
    """A DatasetValidator (incremental: ``full``, ``update``, ``findings``)."""
    try:
        from finetune_desktop.core.validation import DatasetValidator
    except ImportError:
        return _FallbackValidator()
    return DatasetValidator(training_context=training_context, token_totals=token_totals)


def finding_description(code: str) -> str:
    try:
        from finetune_desktop.core.validation import FINDING_CODES
    except ImportError:
        return ""
    entry = FINDING_CODES.get(code)
    return entry[1] if entry else ""


# ---------------------------------------------------------------- tokens, catalog, pricing


@dataclass(frozen=True)
class TokenInfo:
    total: int
    billed: int
    estimated: bool


class TotalsView(Mapping[int, int]):
    """A live read-only view uid -> total tokens over the document's token cache (for the validator),
    which holds one packed int per example (total << 33 | billed << 1 | estimated)."""

    def __init__(self, tokens: dict[int, int]) -> None:
        self._tokens = tokens

    def __getitem__(self, uid: int) -> int:
        return self._tokens[uid] >> 33

    def __iter__(self) -> Iterator[int]:
        return iter(list(self._tokens))

    def __len__(self) -> int:
        return len(self._tokens)


def make_counter(model: str, training_context: int | None = None) -> Callable[[Any], TokenInfo]:
    """A function data -> TokenInfo. Loading the vocabulary reads disk: call this off the UI thread."""
    try:
        from finetune_desktop.core.tokens import TokenCounter
    except ImportError:

        def estimate(data: Any) -> TokenInfo:
            n = len(json.dumps(data, ensure_ascii=False)) // 4 + 3
            return TokenInfo(n, n, True)

        return estimate
    counter = TokenCounter(model, training_context=training_context)
    # ExampleTokens has the same fields (total, billed, estimated): keep it, no copy per example
    return cast(Callable[[Any], TokenInfo], counter.count_example)


@dataclass(frozen=True)
class ModelChoice:
    id: str
    training_context: int
    training_price_per_1m: float | None
    prices_date: str
    new_jobs_until: str
    shutdown_date: str


_FALLBACK_MODELS = [
    ModelChoice("gpt-4.1-mini-2025-04-14", 65536, 5.0, "2025-04-14", "2027-01-06", "2027-01-14"),
    ModelChoice("gpt-4.1-2025-04-14", 65536, 25.0, "2025-04-14", "2027-01-06", "2027-01-14"),
    ModelChoice("gpt-4o-mini-2024-07-18", 65536, 3.0, "2024-07-18", "2027-01-06", "2027-01-14"),
    ModelChoice("gpt-4o-2024-08-06", 65536, 25.0, "2024-08-06", "2027-01-06", "2027-01-14"),
]


def load_models() -> list[ModelChoice]:
    try:
        from finetune_desktop.core.catalog import load_catalog
    except ImportError:
        return list(_FALLBACK_MODELS)
    try:
        catalog = load_catalog()
    except Exception:  # noqa: BLE001 - a broken override file must not stop the editor
        return list(_FALLBACK_MODELS)
    out = []
    for m in catalog.models.values():
        if getattr(m, "status", "available") != "available":
            continue
        price = m.training_price_per_1m
        out.append(
            ModelChoice(
                str(m.id),
                int(m.training_context or 65536),
                None if price is None else float(price),
                str(m.prices_date or ""),
                str(m.new_jobs_until or ""),
                str(m.shutdown_date or ""),
            )
        )
    default = getattr(catalog, "default_model", "")
    out.sort(key=lambda m: m.id != default)
    return out or list(_FALLBACK_MODELS)


def currency_default() -> tuple[str, float]:
    try:
        from finetune_desktop.core.catalog import load_catalog

        cur = load_catalog().currency
        return str(cur.code), float(cur.rate_per_usd)
    except Exception:  # noqa: BLE001
        return "CNY", 7.1


def default_epochs(n_examples: int) -> int:
    try:
        from finetune_desktop.core.pricing import default_epochs as real
    except ImportError:
        if n_examples <= 0:
            return 3
        if n_examples * 3 < 100:
            return min(25, 100 // n_examples)
        if n_examples * 3 > 25000:
            return max(1, 25000 // n_examples)
        return 3
    return int(real(n_examples))


def cost_usd(billed_tokens: int, epochs: int, model: ModelChoice) -> float | None:
    if model.training_price_per_1m is None:
        return None
    return billed_tokens * epochs * model.training_price_per_1m / 1_000_000


def token_stats(values: Sequence[int]) -> dict[str, int]:
    if not values:
        return {"min": 0, "p50": 0, "p90": 0, "max": 0}
    s = sorted(values)
    return {
        "min": s[0],
        "p50": int(statistics.median(s)),
        "p90": s[min(len(s) - 1, int(len(s) * 0.9))],
        "max": s[-1],
    }


# ---------------------------------------------------------------- tables and split


@dataclass
class TableData:
    headers: list[str]
    rows: list[list[str]]
    core: Any = None  # the core ``Table`` when core.tabular read it
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
    try:
        from finetune_desktop.core.tabular import read_table as real
    except ImportError:
        return _fallback_read_table(path, sheet)
    t = real(path, sheet=sheet)
    return TableData(list(t.headers), t.rows, t, list(getattr(t, "sheets", []) or []))


def _fallback_read_table(path: Path, sheet: str | None) -> TableData:
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        import openpyxl

        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        ws = wb[sheet] if sheet else wb.active
        rows = [["" if c is None else str(c) for c in r] for r in ws.iter_rows(values_only=True)]
        wb.close()
    else:
        import csv

        text = path.read_text(encoding="utf-8-sig")
        delim = "\t" if suffix == ".tsv" or ("\t" in text.split("\n", 1)[0]) else ","
        rows = list(csv.reader(text.splitlines(), delimiter=delim))
    if not rows:
        return TableData([], [])
    return TableData(rows[0], rows[1:])


@dataclass
class TableMapping:
    """Which columns make the conversation: optional system column/text and (user, assistant) pairs."""

    system_column: int | None
    system_text: str
    turns: list[tuple[int, int]]


def guess_mapping(headers: Sequence[str]) -> TableMapping:
    try:
        from finetune_desktop.core.tabular import guess_mapping as real
    except ImportError:
        return _fallback_guess(headers)
    cm = real(list(headers))
    pos = {h: i for i, h in enumerate(headers)}
    turns = [(pos[u], pos[a]) for u, a in cm.turns if u in pos and a in pos]
    if not turns and len(headers) >= 2:
        turns = [(0, 1)]
    return TableMapping(pos.get(cm.system) if cm.system else None, "", turns)


def _fallback_guess(headers: Sequence[str]) -> TableMapping:
    low = [h.strip().lower() for h in headers]

    def find(*names: str) -> int | None:
        for i, h in enumerate(low):
            if any(n in h for n in names):
                return i
        return None

    system = find("system", "instruction", "系统")
    user = find("user", "prompt", "question", "input", "用户", "问题")
    assistant = find("assistant", "answer", "response", "output", "completion", "回答", "助手")
    if user is None:
        user = 0 if headers else None
    if assistant is None:
        assistant = 1 if len(headers) > 1 else None
    turns = [(user, assistant)] if user is not None and assistant is not None else []
    return TableMapping(system, "", turns)


def table_to_examples(table: TableData, mapping: TableMapping) -> tuple[list[Example], list[LoadIssue]]:
    """Rows become chat examples; a row without a user or assistant text is reported, not dropped silently."""
    if table.core is not None:
        from finetune_desktop.core.tabular import ColumnMapping
        from finetune_desktop.core.tabular import table_to_examples as real

        h = table.headers
        turns = [
            (h[u], h[a])
            for u, a in mapping.turns
            if u is not None and a is not None and 0 <= u < len(h) and 0 <= a < len(h)
        ]
        if not turns:
            return [], []
        system = h[mapping.system_column] if mapping.system_column is not None else None
        cm = ColumnMapping(
            turns=turns, system=system, system_text=mapping.system_text, keep_rows_without_reply=True
        )
        made, problems = real(table.core, cm)
        return made, list(getattr(table.core, "issues", []) or []) + list(problems)
    examples: list[Example] = []
    issues: list[LoadIssue] = []
    for r, row in enumerate(table.rows, start=2):  # row 1 holds the headers

        def cell(c: int | None, row: list[str] = row) -> str:
            return row[c].strip() if c is not None and c < len(row) and row[c] is not None else ""

        if not any(str(c).strip() for c in row):
            continue
        msgs: list[dict[str, Any]] = []
        system = cell(mapping.system_column) or mapping.system_text.strip()
        if system:
            msgs.append({"role": "system", "content": system})
        for u, a in mapping.turns:
            ut, at = cell(u), cell(a)
            if ut or at:
                msgs.append({"role": "user", "content": ut})
                msgs.append({"role": "assistant", "content": at})
        if not any(m["role"] == "assistant" and m["content"] for m in msgs):
            issues.append(
                LoadIssue(
                    "empty_row",
                    r,
                    f"Row {r} has no assistant text; it was imported without a reply.",
                    "Fill in the reply in the editor.",
                )
            )
        examples.append(Example(data={"messages": msgs}, line=r))
    return examples, issues


def split_random(
    examples: Sequence[Example], fraction: float, seed: int
) -> tuple[list[Example], list[Example]]:
    try:
        from finetune_desktop.core.split import split_random as real
    except ImportError:
        idx = list(range(len(examples)))
        random.Random(seed).shuffle(idx)
        n_val = round(len(examples) * fraction)
        chosen = set(idx[:n_val])
        return (
            [e for i, e in enumerate(examples) if i not in chosen],
            [e for i, e in enumerate(examples) if i in chosen],
        )
    train, val = real(list(examples), fraction, seed)
    return list(train), list(val)


def overlap_count(train: Iterable[Example], validation: Iterable[Example]) -> int:
    """Validation examples whose conversation also appears in the training file."""
    try:
        from finetune_desktop.core.split import find_overlap
    except ImportError:
        return _fallback_overlap(train, validation)
    val = list(validation)
    pairs = find_overlap(list(train), val)
    return len({p.validation_index for p in pairs})


def _fallback_overlap(train: Iterable[Example], validation: Iterable[Example]) -> int:
    def key(e: Example) -> str:
        return json.dumps(e.data, sort_keys=True, ensure_ascii=False)

    seen = {key(e) for e in train}
    return sum(1 for e in validation if key(e) in seen)
