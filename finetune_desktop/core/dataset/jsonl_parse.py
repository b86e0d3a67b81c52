"""Parsing JSONL bytes into examples: fast batches of lines, exact line-by-line reports on any problem.

``parse_jsonl_bytes`` is pure and picklable in and out, so worker processes can parse the chunks that
``chunk_boundaries`` cuts; ``merge_chunks`` joins their results in order.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from typing import Any

from finetune_desktop.core import gc_switch
from finetune_desktop.core.dataset.examples import Example, RawBlock
from finetune_desktop.core.dataset.jsonl_compact import Interner
from finetune_desktop.core.dataset.jsonl_lines import (
    JSON_DECODER,
    SURROGATE_ESCAPE,
    ParsedChunk,
    finish_crlf,
    load_line,
    prepare_line,
)
from finetune_desktop.core.dataset.packed_rows import PackedRows

#: Lines per ``json.loads`` call (see ``_Batch``).
BATCH_LINES = 256
#: Lines per ``json`` call when a clean slice is parsed in one go (``parse_jsonl_values``).
FAST_BATCH = 32
#: Raw lines are kept compressed in blocks of about this size.
RAW_BLOCK = 64 * 1024
#: Bytes decoded at once; small slices keep temporaries small (big ones fragment the C heap around the
#: long-lived parsed objects, and the process keeps ~20% more memory for nothing).
DECODE_SLICE = 1024 * 1024


def parse_jsonl_bytes(
    buf: bytes,
    *,
    first_line: int = 1,
    base_offset: int = 0,
    keep_raw: bool = True,
    share_strings: bool = True,
) -> ParsedChunk:
    """Parse JSONL lines from ``buf`` (which starts at a line boundary); never raises on bad content.

    ``first_line`` is the file line number of the first line in ``buf`` and ``base_offset`` its byte
    offset in the file (both only make the reported positions right). A missing final newline is fine.
    The examples' raw bytes are kept compressed in ``RawBlock``s of about ``RAW_BLOCK`` bytes; with
    ``keep_raw=False`` (a one-shot check that never saves) they are not kept at all. ``share_strings``:
    repeated role names and system prompts become one string each (saves memory when the parsed values
    are kept; a reader that releases them at once saves the time instead).
    Works through ``buf`` in slices of ``DECODE_SLICE`` bytes so temporary memory stays small.
    """
    # Parsing creates millions of containers that all stay alive; the cycle collector would rescan them
    # again and again for nothing (10-30% of the load time). JSON cannot create cycles.
    with gc_switch.paused():
        return _parse(buf, first_line, base_offset, keep_raw, None, share_strings)


def parse_jsonl_values(
    buf: bytes, *, first_line: int = 1, base_offset: int = 0
) -> tuple[ParsedChunk, list[tuple[Any, int]]]:
    """``parse_jsonl_bytes`` for one pass over a file that is not kept (``check``): every good line as
    ``(parsed value, line number)`` instead of an ``Example``; the chunk holds the issues and rejected lines.

    No raw bytes are kept and repeated strings are not shared (that only saves memory for data kept).
    """
    values: list[tuple[Any, int]] = []
    with gc_switch.paused():  # (see parse_jsonl_bytes)
        return _parse(buf, first_line, base_offset, False, values, False), values


def parse_jsonl_packed(
    buf: bytes, *, first_line: int = 1, base_offset: int = 0
) -> tuple[ParsedChunk, list[tuple[Any, int]], PackedRows]:
    """``parse_jsonl_values`` that keeps the raw bytes too, packed for another process (``PackedRows``):
    what ``check``'s workers hand the editor. The values and the packed rows list the same examples."""
    values: list[tuple[Any, int]] = []
    packed = PackedRows()
    with gc_switch.paused():  # (see parse_jsonl_bytes)
        return _parse(buf, first_line, base_offset, True, values, False, packed), values, packed


def _parse(
    buf: bytes,
    first_line: int,
    base_offset: int,
    keep_raw: bool,
    values: list[tuple[Any, int]] | None,
    share_strings: bool,
    packed: PackedRows | None = None,
) -> ParsedChunk:
    """``values``: collect ``(data, line)`` there instead of building Examples (and, with ``packed``,
    the raw bytes there)."""
    out = ParsedChunk()
    batch = _Batch(buf, base_offset, out, share_strings=share_strings)
    n = len(buf)
    line_no = first_line
    pos = block_start = 0
    while pos < n:
        cut = buf.rfind(b"\n", pos, min(n, pos + DECODE_SLICE))
        cut = n if cut < 0 or pos + DECODE_SLICE >= n else cut + 1
        try:  # decoding a whole slice is much faster than line by line
            decoded = buf[pos:cut].decode("utf-8")
        except UnicodeDecodeError:
            texts: list[str] | None = None  # some line is not UTF-8: decode each line alone to find which
        else:
            texts = decoded.split("\n")
            if "\r" not in decoded and "\ufeff" not in decoded:
                lines = texts[:-1] if buf[cut - 1] == 10 else texts
                dicts = _decode_all(lines, batch.marker)
                if dicts is not None:  # every line one object: nothing to report, no line-by-line work
                    batch.flush()
                    if values is not None and packed is None:
                        _flush_block(buf, block_start, pos, batch.done, out.examples, keep_raw, values)
                        values.extend(zip(dicts, range(line_no, line_no + len(lines)), strict=True))
                        pos = block_start = cut
                    else:
                        block_start = _add_clean(
                            buf, pos, cut, block_start, line_no, dicts, batch, out, keep_raw, values, packed
                        )
                        pos = cut
                    line_no += len(lines)
                    continue
        i = 0
        while pos < cut:
            nl = buf.find(b"\n", pos, cut)
            end = cut if nl < 0 else nl
            text = None if texts is None else texts[i]
            prepared = prepare_line(buf, pos, end, text, line_no, base_offset, out)
            if prepared is not None:
                batch.add(prepared[0], line_no, prepared[1], prepared[2])
            pos = end + 1
            line_no += 1
            i += 1
            if pos - block_start >= RAW_BLOCK:
                batch.flush()
                _flush_block(buf, block_start, pos, batch.done, out.examples, keep_raw, values, packed)
                block_start = pos
        pos = cut
    batch.flush()
    _flush_block(buf, block_start, n, batch.done, out.examples, keep_raw, values, packed)
    out.lines = line_no - first_line
    out.issues.sort(key=lambda issue: issue.line)  # batches report JSON errors late
    out.rejected.sort(key=lambda r: r.line)
    finish_crlf(out)
    return out


class _Batch:
    """Parses up to ``BATCH_LINES`` lines with one ``json.loads`` call, falling back line by line.

    One call shares the dict keys (``role``, ``content``...) between all its examples instead of
    storing them again per line (~0.1x the file size), at no extra cost. Each line is followed by a
    random marker number; the batch is accepted only when every marker comes back in its place and
    every value between is an object, which proves each value is exactly one line.
    """

    def __init__(self, buf: bytes, base: int, out: ParsedChunk, *, share_strings: bool = True) -> None:
        self.buf, self.base, self.out = buf, base, out
        self.lines: list[tuple[str, int, int, int]] = []  # text, line, start, end
        self.done: list[tuple[Any, int, int, int]] = []  # data, line, start, end (in buf)
        self.interner = Interner() if share_strings else None
        self.marker = random.getrandbits(60) | (1 << 60)

    def add(self, text: str, line_no: int, start: int, end: int) -> None:
        self.lines.append((text, line_no, start, end))
        if len(self.lines) >= BATCH_LINES:
            self.flush()

    def flush(self) -> None:
        lines = self.lines
        if not lines:
            return
        done = self.done
        before = len(done)
        dicts = decode_lines([text for text, _, _, _ in lines], self.marker)
        if dicts is not None:
            done.extend((data, line_no, s, e) for (_, line_no, s, e), data in zip(lines, dicts, strict=True))
        else:
            for text, line_no, s, e in lines:
                data = load_line(text, self.buf, s, e, line_no, self.base, self.out)
                if data is not None:
                    done.append((data, line_no, s, e))
        if self.interner is not None:  # shares strings inside each value, in place
            compact = self.interner.compact
            for k in range(before, len(done)):
                compact(done[k][0])
        lines.clear()


def _decode_all(texts: list[str], marker: int) -> list[Any] | None:
    """``decode_lines`` over ``FAST_BATCH`` lines at a time (small inputs stay in the CPU cache)."""
    out: list[Any] = []
    for k in range(0, len(texts), FAST_BATCH):
        dicts = decode_lines(texts[k : k + FAST_BATCH], marker)
        if dicts is None:
            return None
        out.extend(dicts)
    return out


def decode_lines(texts: list[str], marker: int) -> list[Any] | None:
    """Each line's value with one ``json`` call, or None unless every line is exactly one JSON object.

    Each line is followed by the number ``marker + k``; only when every marker comes back in its place and
    every value between is an object is each value known to be exactly one line (see ``_Batch``).
    A possible lone surrogate escape also gives None: ``load_line`` checks such lines one by one.
    """
    parts: list[str] = []
    for k, text in enumerate(texts):
        parts.append(text)
        parts.append(str(marker + k))
    joined = "[" + ",\n".join(parts) + "]"
    if SURROGATE_ESCAPE.search(joined) is not None:
        return None
    try:
        values = JSON_DECODER.decode(joined)
    except (ValueError, RecursionError):
        return None
    if (
        len(values) == 2 * len(texts)
        and values[1::2] == list(range(marker, marker + len(texts)))
        and all(type(v) is dict for v in values[0::2])
    ):
        return values[0::2]  # type: ignore[no-any-return]
    return None


def _add_clean(
    buf: bytes,
    pos: int,
    cut: int,
    block_start: int,
    line_no: int,
    dicts: list[Any],
    batch: _Batch,
    out: ParsedChunk,
    keep_raw: bool,
    values: list[tuple[Any, int]] | None = None,
    packed: PackedRows | None = None,
) -> int:
    """The examples of the clean lines ``buf[pos:cut]`` (one object per line, no CR, no BOM), parsed in
    one go as ``dicts``: each gets its line's span, in raw blocks of about ``RAW_BLOCK`` bytes, exactly as
    the line-by-line path would give them. Returns where the unfinished raw block starts."""
    done = batch.done
    compact = batch.interner.compact if batch.interner is not None else None
    find = buf.find
    start = pos
    for k, data in enumerate(dicts):
        nl = find(b"\n", start, cut)
        end = cut if nl < 0 else nl
        if compact is not None:
            compact(data)
        done.append((data, line_no + k, start, end))
        start = end + 1
        if start - block_start >= RAW_BLOCK:
            _flush_block(buf, block_start, start, done, out.examples, keep_raw, values, packed)
            block_start = start
    return block_start


def _flush_block(
    buf: bytes,
    start: int,
    end: int,
    pending: list[tuple[Any, int, int, int]],
    into: list[Example],
    keep_raw: bool,
    values: list[tuple[Any, int]] | None,
    packed: PackedRows | None = None,
) -> None:
    if not pending:
        return
    if packed is not None and keep_raw:
        packed.add_block(RawBlock(buf[start:end]), pending, start)
    if values is not None:
        values.extend((data, line) for data, line, _, _ in pending)
    elif keep_raw:
        block = RawBlock(buf[start:end])
        make = Example._from_block
        into.extend(make(data, line, block, s - start, e - start) for data, line, s, e in pending)
    else:
        into.extend(Example(data, line) for data, line, _, _ in pending)
    pending.clear()


def chunk_boundaries(buf: bytes, parts: int) -> list[tuple[int, int, int]]:
    """Cut ``buf`` into at most ``parts`` ``(start, end, first_line)`` ranges that end at newlines.

    Parse each with ``parse_jsonl_bytes(buf[start:end], first_line=first_line, base_offset=start)``
    and join the results, in order, with ``merge_chunks``. Empty input gives no ranges.
    """
    n = len(buf)
    if n == 0:
        return []
    parts = max(1, parts)
    out: list[tuple[int, int, int]] = []
    start, line = 0, 1
    for k in range(1, parts + 1):
        if start >= n:
            break
        if k == parts:
            end = n
        else:
            nl = buf.find(b"\n", max(start, n * k // parts - 1))
            end = n if nl < 0 else nl + 1
        out.append((start, end, line))
        line += buf.count(b"\n", start, end)
        start = end
    return out


def merge_chunks(chunks: Iterable[ParsedChunk]) -> ParsedChunk:
    """Join chunk results in file order; CRLF is reported once for the whole file."""
    merged = ParsedChunk()
    for c in chunks:
        merged.examples.extend(c.examples)
        merged.rejected.extend(c.rejected)
        merged.issues.extend(i for i in c.issues if i.code != "crlf")
        merged.crlf_lines += c.crlf_lines
        merged.lines += c.lines
        if merged.first_crlf_line is None:
            merged.first_crlf_line = c.first_crlf_line
    finish_crlf(merged)
    return merged
