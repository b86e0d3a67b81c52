"""The worker half of ``check``: parse, validate and count one byte range of a JSONL file.

A worker reads its range itself (the parent never holds the file), walks it in blocks of a few MB so
memory stays flat, and hands back compact columns (numbers and short digests per example) instead of
parsed examples, so a 140 MB file costs the parent a few MB. The parent joins ranges in order and runs the
dataset-wide rules on the digests (see :mod:`.dataset_rules`).
"""

from __future__ import annotations

import hashlib
import os
import time
from array import array
from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any

from finetune_desktop.core import gc_switch
from finetune_desktop.core.check.common import common_example, role_tokens
from finetune_desktop.core.dataset.examples import DatasetFormat, LoadIssue, RejectedLine
from finetune_desktop.core.dataset.jsonl_lines import ParsedChunk
from finetune_desktop.core.dataset.jsonl_parse import parse_jsonl_packed, parse_jsonl_values
from finetune_desktop.core.dataset.packed_rows import PackedRows
from finetune_desktop.core.dataset.summaries import SearchTexts
from finetune_desktop.core.tokens.counter import TokenCounter
from finetune_desktop.core.validation.example import check_example, too_long
from finetune_desktop.core.validation.findings import Finding, Severity
from finetune_desktop.core.validation.keys import COMPLEX

BLOCK = 4 * 1024 * 1024
#: With the rows (the editor): smaller blocks, as the worker processes run beside the app's own memory.
ROWS_BLOCK = 1024 * 1024
#: Findings (and reader issues) kept per code; the rest are only counted, so a file of a million bad
#: lines costs counters, not a million objects.
KEEP_PER_CODE = 1000
NO_KEY = 0  # digest for "no answer to compare"
FORMAT_CODES = {DatasetFormat.CHAT: "c", DatasetFormat.PREFERENCE: "p", DatasetFormat.UNKNOWN: "u"}
_CHAT = ord(FORMAT_CODES[DatasetFormat.CHAT])


@dataclass(frozen=True)
class RangeJob:
    path: str
    start: int
    end: int
    first_line: int
    model: str
    encoding: str
    training_context: int
    fmt: DatasetFormat
    fast_digests: bool = False
    estimate: bool = False  # the parent could not load the vocabulary: do not try again per worker
    #: Findings kept per code (the editor keeps every one: it shows each example's own findings).
    keep_per_code: int = KEEP_PER_CODE
    #: Also hand back the rows themselves (``RangeResult.rows``): the editor keeps them.
    rows: bool = False


@dataclass
class RangeRows:
    """What the editor keeps of a range's lines (``RangeJob.rows``), so that it never parses the file
    itself: its examples' raw bytes packed, each one's search text (``summaries.SearchTexts``), and the
    lines that could not become examples with every reader issue (CRLF aside: it is reported once per
    file, from ``RangeResult.crlf_lines``)."""

    packed: PackedRows = field(default_factory=PackedRows)
    search: SearchTexts = field(default_factory=SearchTexts)
    rejected: list[RejectedLine] = field(default_factory=list)
    issues: list[LoadIssue] = field(default_factory=list)


@dataclass
class RangeResult:
    """Columns for the examples of one range, in file order; finding indexes are local to the range."""

    lines: array[int] = field(default_factory=lambda: array("q"))
    totals: array[int] = field(default_factory=lambda: array("q"))
    assistant: array[int] = field(default_factory=lambda: array("q"))
    billed: array[int] = field(default_factory=lambda: array("q"))
    formats: bytearray = field(default_factory=bytearray)  # one FORMAT_CODES letter per example
    images: bytearray = field(default_factory=bytearray)  # 1 when the line mentions an image part
    full_keys: array[int] = field(default_factory=lambda: array("q"))
    prompt_keys: array[int] = field(default_factory=lambda: array("q"))
    answer_keys: array[int] = field(default_factory=lambda: array("q"))
    findings: list[Finding] = field(default_factory=list)  # at most KEEP_PER_CODE per code
    issues: list[LoadIssue] = field(default_factory=list)  # at most KEEP_PER_CODE per code
    #: Every finding's code, counted, with its severity; issues by ``(code, fatal)``.
    counts: Counter[str] = field(default_factory=Counter)
    severities: dict[str, Severity] = field(default_factory=dict)
    issue_counts: Counter[tuple[str, bool]] = field(default_factory=Counter)
    crlf_lines: int = 0
    first_crlf_line: int | None = None
    lines_read: int = 0
    estimated: bool = False
    cpu_seconds: float = 0.0  # this range's CPU time in its worker (for benchmarks)
    keep_limit: int = KEEP_PER_CODE  # findings kept per code (``RangeJob.keep_per_code``)
    rows: RangeRows | None = None  # with ``RangeJob.rows``
    end: int = 0  # where the range ends in the file (bytes)
    next_line: int = 1  # the line number right after it

    @property
    def count(self) -> int:
        return len(self.totals)

    def keep(self, found: Iterable[Finding]) -> None:
        """Count ``found`` and keep the first ``keep_limit`` of each code."""
        counts = self.counts
        limit = self.keep_limit
        for f in found:
            n = counts[f.code] + 1
            counts[f.code] = n
            if n <= limit:
                self.findings.append(f)
                self.severities.setdefault(f.code, f.severity)

    def keep_issues(self, issues: Iterable[LoadIssue]) -> None:
        counts = self.issue_counts
        for i in issues:
            key = (i.code, i.fatal)
            counts[key] += 1
            if counts[key] <= KEEP_PER_CODE:
                self.issues.append(i)


def _flatten(key: tuple[Hashable, ...]) -> bytes:
    """A key as text, for a seed-free digest: its texts joined, a nested tuple between ``\x1d`` marks,
    anything else as ``\x1c`` and its repr."""
    return _key_text(key).encode("utf-8", "surrogatepass")


def _key_text(key: tuple[Hashable, ...]) -> str:
    # (one pass in a comprehension: texts, nearly every part, cost no call)
    return "\x1f".join([p if type(p) is str else _part_text(p) for p in key])


def _part_text(p: Hashable) -> str:
    if isinstance(p, str):
        return p
    if isinstance(p, tuple):
        return "\x1d" + _key_text(p) + "\x1d"
    # keys.canonical() returns a fresh object() for unserialisable values: never equal to anything
    return f"\x1c{type(p).__name__}:{id(p)}" if type(p) is object else f"\x1c{p!r}"


def digest(key: tuple[Hashable, ...] | None, fast: bool) -> int:
    """A 64-bit digest of a validator key; 0 means "no key".

    ``fast`` uses Python's own tuple hash: only comparable between processes that share the hash seed,
    which forked workers and the parent do. Otherwise a seed-free BLAKE2b of the key's text.
    """
    if key is None:
        return NO_KEY
    if fast:
        return hash(key) or 1
    return _number(hashlib.blake2b(_flatten(key), digest_size=8).digest())


def _number(raw: bytes) -> int:
    return int.from_bytes(raw, "little", signed=True) or 1


def split_digests(
    full: tuple[Hashable, ...], prompt: tuple[Hashable, ...], answer: tuple[Hashable, ...]
) -> tuple[int, int, int]:
    """``digest(key, False)`` of ``full``, ``prompt`` and ``answer`` where ``prompt`` is the start of
    ``full`` and ``answer`` follows it (the common example's keys): the prompt's text, most of the
    example, is flattened and hashed once for both ``prompt`` and ``full``."""
    start = len(prompt)
    h = hashlib.blake2b(_flatten(prompt), digest_size=8)
    pk = _number(h.copy().digest())
    h.update(b"\x1f" + _flatten(full[start:]))  # ("\x1f".join of the whole = prompt's + "\x1f" + rest's)
    return _number(h.digest()), pk, digest(answer, False)


def parse_block(buf: bytes, first_line: int, base_offset: int) -> tuple[ParsedChunk, list[tuple[Any, int]]]:
    """The reader's issues for ``buf`` and ``(data, line)`` of every good line (no Examples, no raw bytes:
    check never writes the file back)."""
    return parse_jsonl_values(buf, first_line=first_line, base_offset=base_offset)


def _process_block(
    buf: bytes, first_line: int, base_offset: int, job: RangeJob, counter: TokenCounter, out: RangeResult
) -> int:
    rows = out.rows
    if rows is None:
        chunk, good = parse_block(buf, first_line, base_offset)
    else:  # (the raw bytes are kept, compressed; the parsed values are not)
        chunk, good, packed = parse_jsonl_packed(buf, first_line=first_line, base_offset=base_offset)
        rows.packed.extend(packed)
        rows.rejected += chunk.rejected
        rows.issues += (i for i in chunk.issues if i.code != "crlf")
    search = rows.search if rows is not None else None
    out.keep_issues(chunk.issues)
    del chunk.rejected[:]  # check never writes lines back: their bytes are not kept
    out.crlf_lines += chunk.crlf_lines
    if out.first_crlf_line is None:
        out.first_crlf_line = chunk.first_crlf_line
    ctx = job.training_context or None
    count_example = counter.count_example
    cached = counter.string_counts.get
    count_new = counter.count_new
    roles = role_tokens(counter.count_string)
    fast = job.fast_digests
    fmt = job.fmt
    lines, totals, assistant, billed = out.lines, out.totals, out.assistant, out.billed
    full_keys, prompt_keys, answer_keys = out.full_keys, out.prompt_keys, out.answer_keys
    formats, images = out.formats, out.images
    for data, line in good:
        index = len(totals)
        common = common_example(data, cached, count_new, roles) if type(data) is dict else None
        if common is not None:  # the usual example: no findings, chat, no images (see check.common)
            total, a, full, prompt, answer = common
            b = total if ctx is None or total <= ctx else ctx
            if ctx is not None and total > ctx:
                out.keep((too_long(total, ctx, index=index, line=line),))
            if search is not None:
                if COMPLEX in full:  # (a message with a name or a weight)
                    msgs = data["messages"]
                    search.add_parts(msgs[0]["role"], _named_texts(msgs))
                else:  # (the key holds the texts already: "chat", role, content, role, content...)
                    search.add_parts(full[1], full[2::2])  # type: ignore[arg-type]
            if fast:
                fk, pk, ak = hash(full) or 1, hash(prompt) or 1, hash(answer) or 1
            else:
                fk, pk, ak = split_digests(full, prompt, answer)
            lines.append(line)
            totals.append(total)
            assistant.append(a)
            billed.append(b)
            formats.append(_CHAT)
            images.append(0)
            full_keys.append(fk)
            prompt_keys.append(pk)
            answer_keys.append(ak)
            continue
        if search is not None:
            search.add(data)
        t = count_example(data)
        # One walk of the example gives findings, its format, images and duplicate keys.
        found, detected, n_images, keys = check_example(data, index=index, line=line, fmt=fmt)
        if ctx is not None and t.total > ctx:
            found.append(too_long(t.total, ctx, index=index, line=line))
        if found:
            out.keep(found)
        lines.append(line)
        totals.append(t.total)
        assistant.append(t.assistant)
        billed.append(t.billed)
        formats += FORMAT_CODES[detected].encode()
        images.append(1 if n_images else 0)
        if keys is None:
            full_keys.append(digest(("\x00line", str(line)), fast))
            prompt_keys.append(NO_KEY)
            answer_keys.append(NO_KEY)
        else:
            full_keys.append(digest(keys.full, fast))
            prompt_keys.append(digest(keys.prompt, fast))
            answer_keys.append(digest(keys.answer, fast))
    return chunk.lines


def _named_texts(messages: list[dict[str, Any]]) -> list[str]:
    """The texts a common example's messages hold (see ``check.common``): each one's content, then its
    name when it has one (the order ``summaries.search_text`` puts them in)."""
    out: list[str] = []
    for m in messages:
        out.append(m["content"])
        name = m.get("name")
        if name is not None:
            out.append(name)
    return out


def lower_priority(nice: int) -> None:
    """A worker process's initializer: run ``nice`` steps below normal priority (0: unchanged)."""
    if nice > 0 and hasattr(os, "nice"):
        try:
            os.nice(nice)
        except OSError:  # (not allowed here: run at normal priority)
            pass


def check_range(job: RangeJob) -> RangeResult:
    """Parse, validate and count the lines of ``job``'s byte range (a worker's whole task)."""
    # Parsed examples are freed by reference counting; the cycle collector would only rescan the
    # hundreds of thousands of fresh dicts and lists over and over, so it is paused for the range.
    with gc_switch.paused():
        start = time.process_time()
        result = _check_range(job)
        result.cpu_seconds = time.process_time() - start
        return result


def _check_range(job: RangeJob) -> RangeResult:
    counter = TokenCounter(
        job.model, encoding=job.encoding, training_context=job.training_context, estimate=job.estimate
    )
    out = RangeResult(
        estimated=counter.estimated, keep_limit=job.keep_per_code, rows=RangeRows() if job.rows else None
    )
    line = job.first_line
    with open(job.path, "rb") as f:
        f.seek(job.start)
        pos = job.start
        # The start of a line longer than a block, in pieces: joined once its newline comes, so a 1 GB
        # line costs one copy, not one per block (which made time quadratic in the line's length).
        pending: list[bytes] = []
        pending_len = 0
        while pos < job.end:
            block = f.read(min(ROWS_BLOCK if job.rows else BLOCK, job.end - pos))
            if not block:
                break
            pos += len(block)
            nl = block.rfind(b"\n") if pos < job.end else len(block) - 1
            if nl < 0:
                pending.append(block)
                pending_len += len(block)
                continue
            buf = b"".join([*pending, block[: nl + 1]]) if pending else block[: nl + 1]
            line += _process_block(buf, line, pos - len(block) - pending_len, job, counter, out)
            del buf
            rest = block[nl + 1 :]
            pending, pending_len = ([rest], len(rest)) if rest else ([], 0)
        if pending:
            tail = b"".join(pending)
            line += _process_block(tail, line, pos - len(tail), job, counter, out)
    out.lines_read = line - job.first_line
    out.end, out.next_line = job.end, line
    return out
