"""JSONL reading and writing that never loses a byte.

Reading reports every bad line (with line, column or byte offset, and a fix) and still loads every good
line; a line that cannot become an example is kept with its raw bytes in ``rejected``. Unchanged examples
are written back byte for byte; edited ones as compact JSON (UTF-8, key order kept). Saves are atomic.

``parse_jsonl_bytes`` is pure and picklable in and out, so worker processes can parse the chunks that
``chunk_boundaries`` cuts; ``merge_chunks`` joins their results in order.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import random
import zlib
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from finetune_desktop.core.atomic import atomic_writer
from finetune_desktop.core.cancel import CancelToken, ProgressCallback
from finetune_desktop.core.dataset import (
    Dataset,
    DatasetFormat,
    Example,
    LoadIssue,
    RawBlock,
    RejectedLine,
    detect_format,
    majority_format,
    raw_lines,
)

__all__ = [  # DatasetFormat and detect_format are re-exported: callers import all I/O from here
    "DatasetFormat",
    "DatasetReadError",
    "ParsedChunk",
    "SerializeError",
    "chunk_boundaries",
    "detect_format",
    "dumps_compact",
    "iter_jsonl_chunks",
    "load_jsonl",
    "merge_chunks",
    "parse_jsonl_bytes",
    "save_jsonl",
    "serialize_example",
]

BOM = b"\xef\xbb\xbf"
# Small read blocks and decode slices keep temporaries small: with 8 MB ones the C allocator's heap
# fragments around the long-lived parsed objects and the process holds ~20% more memory for nothing.
READ_BLOCK = 1024 * 1024
SAVE_BATCH = 8192
BATCH_LINES = 256
RAW_BLOCK = 64 * 1024
DECODE_SLICE = 1024 * 1024
_BLANK = " \t\r\n\x0b\x0c"  # what bytes.isspace() calls blank
_BLANK_B = _BLANK.encode()


class DatasetReadError(OSError):
    """The file cannot be read at all (missing, a folder, no permission); the message says which and why."""


class SerializeError(ValueError):
    """An edited example holds something JSON cannot represent (NaN, a non-JSON object)."""


@dataclass
class ParsedChunk:
    """What one stretch of lines parsed into; ``crlf_lines`` counts CRLF lines (reported once per chunk)."""

    examples: list[Example] = field(default_factory=list)
    issues: list[LoadIssue] = field(default_factory=list)
    rejected: list[RejectedLine] = field(default_factory=list)
    crlf_lines: int = 0
    first_crlf_line: int | None = None
    lines: int = 0


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def _json_fix(text: str, msg: str) -> str:
    stripped = text.strip()
    if stripped in ("{", "[", "}", "]", "},", "],") or stripped.endswith(("{", "[", ",")):
        return (
            "This looks like JSON spread over several lines (or a JSON array). JSONL needs exactly one "
            "complete example object per line: re-export it as JSON Lines."
        )
    if msg.startswith("Extra data"):
        return "Put exactly one JSON object on this line; remove what follows the closing brace."
    if "double quotes" in msg:
        return "Use double quotes around keys and strings, and remove any trailing comma."
    if msg.startswith("Invalid control character"):
        return "Write line breaks and tabs inside strings as \\n and \\t."
    if "is not valid JSON" in msg:
        return "Replace NaN / Infinity with a number or null."
    return "Fix the JSON syntax at the column shown (a JSON validator shows the exact spot)."


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Parsing creates millions of containers that all stay alive; the cyclic GC would rescan them
    again and again for nothing (10-30% of the load time). JSON cannot create cycles."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _reject(out: ParsedChunk, line_no: int, raw: bytes, issue: LoadIssue) -> None:
    out.issues.append(issue)
    out.rejected.append(RejectedLine(line_no, raw, issue))


def _prepare_line(
    buf: bytes, start: int, end: int, text: str | None, line_no: int, base: int, out: ParsedChunk
) -> tuple[str, int, int] | None:
    """Check the line ``buf[start:end]`` (no newline) up to its JSON; ``text`` is it decoded, if known.

    Handles CR, BOM, blank lines and UTF-8 (issues and rejected lines go to ``out``). Returns
    ``(text, raw_start, raw_end)`` for a line to parse (the span without BOM and CR), else None.
    ``base`` is the file offset of ``buf``.
    """
    if end > start and buf[end - 1] == 13:  # CR of a CRLF line end
        end -= 1
        if text is not None:
            text = text[:-1]
        out.crlf_lines += 1
        if out.first_crlf_line is None:
            out.first_crlf_line = line_no
    if buf.startswith(BOM, start, end):
        out.issues.append(
            LoadIssue(
                "bom",
                line_no,
                f"Line {line_no} starts with a UTF-8 byte order mark (BOM).",
                "Nothing to do: the line was loaded and saving removes the mark. "
                "Other tools may reject it: save as 'UTF-8' rather than 'UTF-8 with BOM'.",
                byte_offset=base + start,
            )
        )
        start += 3
        if text is not None:
            text = text[1:]
    offset = base + start
    if text is None:
        raw = buf[start:end]
        if not raw.strip(_BLANK_B):
            text = ""
        else:
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as e:
                col = len(raw[: e.start].decode("utf-8", "replace")) + 1
                issue = LoadIssue(
                    "invalid_utf8",
                    line_no,
                    f"Line {line_no} is not valid UTF-8: byte {e.start + 1} of the line "
                    f"(byte {offset + e.start} of the file) is 0x{raw[e.start]:02x}.",
                    "Save the file as UTF-8 (in Excel or Notepad: 'Save as' > encoding 'UTF-8'), or fix "
                    "the text at that spot; the line was not loaded.",
                    column=col,
                    byte_offset=offset + e.start,
                    fatal=True,
                )
                _reject(out, line_no, raw, issue)
                return None
    if not text.strip(_BLANK):
        out.issues.append(
            LoadIssue(
                "blank_line",
                line_no,
                f"Line {line_no} is empty.",
                "Nothing to do: blank lines hold no example and saving drops them.",
            )
        )
        return None
    return text, start, end


def _load_line(
    text: str, buf: bytes, start: int, end: int, line_no: int, base: int, out: ParsedChunk
) -> dict[str, Any] | None:
    """Parse one prepared line; report and reject it when it is not a JSON object."""
    offset = base + start
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as e:
        issue = LoadIssue(
            "invalid_json",
            line_no,
            f"Line {line_no}, column {e.colno}: invalid JSON ({e.msg}).",
            _json_fix(text, e.msg),
            column=e.colno,
            byte_offset=offset + len(text[: e.pos].encode("utf-8", "surrogatepass")),
            fatal=True,
        )
        _reject(out, line_no, buf[start:end], issue)
        return None
    except (ValueError, RecursionError) as e:  # NaN/Infinity, or nested too deeply for Python
        msg = str(e) if isinstance(e, ValueError) else "nested too deeply"
        issue = LoadIssue(
            "invalid_json",
            line_no,
            f"Line {line_no}: invalid JSON ({msg}).",
            _json_fix(text, msg),
            fatal=True,
            byte_offset=offset,
        )
        _reject(out, line_no, buf[start:end], issue)
        return None
    if not isinstance(data, dict):
        kind = {list: "an array", str: "a string", bool: "true/false", type(None): "null"}.get(
            type(data), "a number"
        )
        issue = LoadIssue(
            "not_an_object",
            line_no,
            f"Line {line_no} is {kind}, not an example object {{...}}.",
            'Each line must be one object such as {"messages": [...]}; the line was not loaded.',
            column=1,
            byte_offset=offset,
            fatal=True,
        )
        _reject(out, line_no, buf[start:end], issue)
        return None
    return data


def parse_jsonl_bytes(
    buf: bytes, *, first_line: int = 1, base_offset: int = 0, keep_raw: bool = True
) -> ParsedChunk:
    """Parse JSONL lines from ``buf`` (which starts at a line boundary); never raises on bad content.

    ``first_line`` is the file line number of the first line in ``buf`` and ``base_offset`` its byte
    offset in the file (both only make the reported positions right). A missing final newline is fine.
    The examples' raw bytes are kept compressed in ``RawBlock``s of about ``RAW_BLOCK`` bytes; with
    ``keep_raw=False`` (a one-shot check that never saves) they are not kept at all.
    Works through ``buf`` in slices of ``DECODE_SLICE`` bytes so temporary memory stays small.
    """
    with _gc_paused():
        return _parse(buf, first_line, base_offset, keep_raw)


def _parse(buf: bytes, first_line: int, base_offset: int, keep_raw: bool) -> ParsedChunk:
    out = ParsedChunk()
    batch = _Batch(buf, base_offset, out)
    compressor = _Compressor() if keep_raw else None
    n = len(buf)
    line_no = first_line
    pos = block_start = 0
    while pos < n:
        cut = buf.rfind(b"\n", pos, min(n, pos + DECODE_SLICE))
        cut = n if cut < 0 or pos + DECODE_SLICE >= n else cut + 1
        try:  # decoding a whole slice is much faster than line by line
            texts: list[str] | None = buf[pos:cut].decode("utf-8").split("\n")
        except UnicodeDecodeError:
            texts = None  # some line is not UTF-8: decode each line alone to find which
        i = 0
        while pos < cut:
            nl = buf.find(b"\n", pos, cut)
            end = cut if nl < 0 else nl
            text = None if texts is None else texts[i]
            prepared = _prepare_line(buf, pos, end, text, line_no, base_offset, out)
            if prepared is not None:
                batch.add(prepared[0], line_no, prepared[1], prepared[2])
            pos = end + 1
            line_no += 1
            i += 1
            if pos - block_start >= RAW_BLOCK:
                batch.flush()
                _flush_block(buf, block_start, pos, batch.done, out.examples, compressor)
                block_start = pos
        pos = cut
    batch.flush()
    _flush_block(buf, block_start, n, batch.done, out.examples, compressor)
    if compressor is not None:
        compressor.finish()
    out.lines = line_no - first_line
    out.issues.sort(key=lambda issue: issue.line)  # batches report JSON errors late
    out.rejected.sort(key=lambda r: r.line)
    _finish_crlf(out)
    return out


class _Batch:
    """Parses up to ``BATCH_LINES`` lines with one ``json.loads`` call, falling back line by line.

    One call shares the dict keys (``role``, ``content``...) between all its examples instead of
    storing them again per line (~0.1x the file size), at no extra cost. Each line is followed by a
    random marker number; the batch is accepted only when every marker comes back in its place and
    every value between is an object, which proves each value is exactly one line.
    """

    def __init__(self, buf: bytes, base: int, out: ParsedChunk) -> None:
        self.buf, self.base, self.out = buf, base, out
        self.lines: list[tuple[str, int, int, int]] = []  # text, line, start, end
        self.done: list[tuple[Any, int, int, int]] = []  # data, line, start, end (in buf)
        self.interner = _Interner()
        self.marker = random.getrandbits(60) | (1 << 60)

    def add(self, text: str, line_no: int, start: int, end: int) -> None:
        self.lines.append((text, line_no, start, end))
        if len(self.lines) >= BATCH_LINES:
            self.flush()

    def flush(self) -> None:
        lines = self.lines
        if not lines:
            return
        marker = self.marker
        parts: list[str] = []
        for k, (text, _, _, _) in enumerate(lines):
            parts.append(text)
            parts.append(str(marker + k))
        values: list[Any] | None
        try:
            values = json.loads("[" + ",\n".join(parts) + "]", parse_constant=_reject_constant)
        except (ValueError, RecursionError):
            values = None
        compact = self.interner.compact
        if (
            values is not None
            and len(values) == 2 * len(lines)
            and values[1::2] == list(range(marker, marker + len(lines)))
            and all(type(v) is dict for v in values[0::2])
        ):
            for (_, line_no, s, e), data in zip(lines, values[0::2], strict=True):
                self.done.append((compact(data), line_no, s, e))
        else:
            for text, line_no, s, e in lines:
                data = _load_line(text, self.buf, s, e, line_no, self.base, self.out)
                if data is not None:
                    self.done.append((compact(data), line_no, s, e))
        lines.clear()


class _Compressor:
    """Compresses raw blocks on a helper thread while the parser goes on (zlib releases the GIL), so
    keeping raw bytes costs little wall time when a second core is free. ``finish`` waits for all."""

    _pool: ThreadPoolExecutor | None = None
    _pool_pid = 0

    def __init__(self) -> None:
        self._jobs: list[tuple[RawBlock, Future[bytes]]] = []
        cls = type(self)
        if cls._pool is None or cls._pool_pid != os.getpid():  # a forked worker has no pool threads
            cls._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="jsonl-compress")
            cls._pool_pid = os.getpid()
        self._executor = cls._pool

    def block(self, data: bytes) -> RawBlock:
        block = RawBlock()
        try:
            self._jobs.append((block, self._executor.submit(zlib.compress, data, 1)))
        except RuntimeError:  # interpreter shutting down: no new threads
            block._fill(zlib.compress(data, 1))
        return block

    def finish(self) -> None:
        for block, job in self._jobs:
            block._fill(job.result())
        self._jobs.clear()


def _flush_block(
    buf: bytes,
    start: int,
    end: int,
    pending: list[tuple[Any, int, int, int]],
    into: list[Example],
    compressor: _Compressor | None,
) -> None:
    if not pending:
        return
    if compressor is not None:
        block = compressor.block(buf[start:end])
        make = Example._from_block
        into.extend(make(data, line, block, s - start, e - start) for data, line, s, e in pending)
    else:
        into.extend(Example(data, line) for data, line, _, _ in pending)
    pending.clear()


class _Interner:
    """Share the string values every example repeats: role names and system prompts.

    Python keeps each parsed string separately; for a chat file with one system prompt the repeats
    cost ~0.3x the file size. Only values under known keys are shared, and the table is bounded.
    """

    MAX_ENTRIES = 20_000

    def __init__(self) -> None:
        self._seen: dict[str, str] = {}

    def _share(self, value: str) -> str:
        seen = self._seen
        hit = seen.get(value)
        if hit is not None:
            return hit
        if len(seen) < self.MAX_ENTRIES:
            seen[value] = value
        return value

    def _messages(self, messages: list[Any]) -> None:
        share = self._share
        for m in messages:
            if type(m) is not dict:
                continue
            role = m.get("role")
            if isinstance(role, str):
                m["role"] = share(role)
                if role in ("system", "developer"):
                    content = m.get("content")
                    if isinstance(content, str):
                        m["content"] = share(content)

    def compact(self, data: dict[str, Any]) -> dict[str, Any]:
        for key in ("messages", "preferred_output", "non_preferred_output"):
            value = data.get(key)
            if type(value) is list:
                self._messages(value)
        inp = data.get("input")
        if type(inp) is dict:
            value = inp.get("messages")
            if type(value) is list:
                self._messages(value)
        return data


def _finish_crlf(chunk: ParsedChunk) -> None:
    """Report CRLF once (it is a property of the whole file), in line order with the other issues."""
    if chunk.first_crlf_line is not None:
        chunk.issues.append(_crlf_issue(chunk.first_crlf_line, chunk.crlf_lines))
        chunk.issues.sort(key=lambda i: i.line)


def _crlf_issue(first: int, count: int) -> LoadIssue:
    more = f" and {count - 1} more line{'s' if count > 2 else ''}" if count > 1 else ""
    return LoadIssue(
        "crlf",
        first,
        f"Line {first}{more} end with a Windows line ending (CRLF)."
        if count > 1
        else f"Line {first} ends with a Windows line ending (CRLF).",
        "Nothing to do: the lines were loaded and saving writes plain line ends (LF).",
    )


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
    _finish_crlf(merged)
    return merged


def _read_error(path: Path, e: OSError) -> DatasetReadError:
    if isinstance(e, FileNotFoundError):
        why = "it does not exist. Check the name and folder"
    elif isinstance(e, IsADirectoryError):
        why = "it is a folder, not a file. Choose a .jsonl file"
    elif isinstance(e, PermissionError):
        why = "you do not have permission to read it. Check the file's permissions"
    else:
        why = f"{e.strerror or e}. Check that the disk or share is available"
    return DatasetReadError(f"Cannot read {path}: {why}.")


def iter_jsonl_chunks(
    path: str | os.PathLike[str],
    *,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
    keep_raw: bool = True,
) -> Iterator[ParsedChunk]:
    """Read a JSONL file in 1 MB blocks and yield each block's parsed lines as soon as they are ready
    (a viewer can show the first rows while the rest loads). Join them with ``merge_chunks``.

    Raises ``DatasetReadError`` when the file cannot be read, ``Cancelled`` when ``cancel`` fires.
    """
    p = Path(path)
    try:
        f = open(p, "rb")  # noqa: SIM115 - closed below; errors must be translated first
        total = os.fstat(f.fileno()).st_size
    except OSError as e:
        raise _read_error(p, e) from e
    pending = bytearray()
    done = 0
    line = 1
    with f:
        if progress:
            progress(0, total)
        while True:
            if cancel:
                cancel.raise_if_cancelled()
            try:
                block = f.read(READ_BLOCK)
            except OSError as e:
                raise _read_error(p, e) from e
            if not block:
                break
            pending += block
            cut = pending.rfind(b"\n") + 1
            if cut:
                piece = bytes(pending[:cut])
                del pending[:cut]
                chunk = parse_jsonl_bytes(piece, first_line=line, base_offset=done, keep_raw=keep_raw)
                line += chunk.lines
                done += cut
                del piece
                if progress:
                    progress(done + len(pending), total)
                yield chunk
            elif progress:
                progress(done + len(pending), total)
        if pending:
            tail = bytes(pending)
            del pending[:]
            yield parse_jsonl_bytes(tail, first_line=line, base_offset=done, keep_raw=keep_raw)
            if progress:
                progress(total, total)


_FILE_TYPES = (
    (b"PK\x03\x04", "an Excel workbook or another zip file", "Import it with File > Import CSV or Excel."),
    (b"\xd0\xcf\x11\xe0", "an old Excel (.xls) or Word file", "Save it as .xlsx or CSV, then import it."),
    (b"\xff\xfe", "UTF-16 text", "Save the file as UTF-8 (Notepad: Save as > Encoding: UTF-8)."),
    (b"\xfe\xff", "UTF-16 text", "Save the file as UTF-8 (Notepad: Save as > Encoding: UTF-8)."),
)


def _file_type_hint(path: str | os.PathLike[str]) -> LoadIssue | None:
    """One clear word when the whole file is of the wrong kind, above its per-line issues."""
    try:
        with open(path, "rb") as f:
            head = f.read(8)
    except OSError:
        return None
    for magic, what, fix in _FILE_TYPES:
        if head.startswith(magic):
            return LoadIssue("not_jsonl", 1, f"This file is {what}, not JSON Lines.", fix, fatal=True)
    return None


def load_jsonl(
    path: str | os.PathLike[str],
    *,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
    keep_raw: bool = True,
) -> Dataset:
    """Read a whole JSONL file; bad lines become issues (and ``rejected`` lines), never exceptions.

    Raises ``DatasetReadError`` only when the file cannot be read at all, and ``Cancelled`` when
    ``cancel`` fires (checked between 1 MB blocks). ``progress(done_bytes, total_bytes)``.
    ``keep_raw=False`` saves memory and time when the dataset will never be saved (``check``).
    """
    with _gc_paused():
        merged = merge_chunks(iter_jsonl_chunks(path, progress=progress, cancel=cancel, keep_raw=keep_raw))
    ds = Dataset(merged.examples, Path(path), merged.issues, merged.rejected)
    hint = _file_type_hint(path)
    if hint is not None:
        ds.issues.insert(0, hint)
    ds.format = majority_format(ex.data for ex in ds.examples)
    return ds


def dumps_compact(data: Any) -> bytes:
    """Compact JSON, non-ASCII kept as UTF-8, key order kept; lone surrogates fall back to \\u escapes."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(data, ensure_ascii=True, separators=(",", ":"), allow_nan=False).encode("ascii")


def serialize_example(ex: Example) -> bytes:
    """The line for ``ex`` without newline: its original bytes if unchanged, else compact JSON."""
    return _serialize(ex, ex.raw)


def _blocks_for(lines: list[bytes]) -> Iterator[tuple[RawBlock, int, int]]:
    """Pack written lines into compressed blocks again (what the reader would have built)."""
    i = 0
    while i < len(lines):
        j, size = i, 0
        while j < len(lines) and size < RAW_BLOCK:
            size += len(lines[j]) + 1
            j += 1
        block = RawBlock(b"\n".join(lines[i:j]))
        pos = 0
        for line in lines[i:j]:
            yield block, pos, pos + len(line)
            pos += len(line) + 1
        i = j


def _serialize(ex: Example, raw: bytes | None) -> bytes:
    if raw is not None:
        return raw
    try:
        return dumps_compact(ex.data)
    except (TypeError, ValueError, RecursionError) as e:
        where = f"line {ex.line}" if ex.line is not None else f"example #{ex.uid}"
        raise SerializeError(f"The example at {where} cannot be saved as JSON: {e}.") from e


def save_jsonl(
    dataset_or_examples: Dataset | Sequence[Example],
    path: str | os.PathLike[str],
    *,
    backup: bool = True,
    include_rejected: bool = False,
    adopt: bool = False,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> None:
    """Write examples one per line (``\\n`` ends) atomically; the previous file is kept as ``<name>.bak``.

    ``include_rejected`` appends a Dataset's rejected lines verbatim at the end (to keep them while the
    user fixes them). ``adopt`` (Dataset only, for Save / Save As): afterwards the examples' ``raw`` and
    ``line`` describe the new file and ``dataset.path`` is ``path``. On any error the target is untouched.
    """
    if isinstance(dataset_or_examples, Dataset):
        examples = dataset_or_examples.examples
        rejected = dataset_or_examples.rejected if include_rejected else []
    else:
        examples, rejected = list(dataset_or_examples), []
    total = len(examples) + len(rejected)
    adopted: list[tuple[RawBlock, int, int]] = []  # per example, applied only once the save succeeded
    with atomic_writer(path, backup=backup) as f:
        for start in range(0, len(examples), SAVE_BATCH):
            if cancel:
                cancel.raise_if_cancelled()
            part = examples[start : start + SAVE_BATCH]
            batch = [_serialize(ex, raw) for ex, raw in zip(part, raw_lines(part), strict=True)]
            if adopt:
                adopted.extend(_blocks_for(batch))
            batch.append(b"")
            f.write(b"\n".join(batch))
            if progress:
                progress(start + len(part), total)
        if rejected:
            f.write(b"\n".join([*(r.raw for r in rejected), b""]))
    if progress:
        progress(total, total)
    if adopt and isinstance(dataset_or_examples, Dataset):
        for n, (ex, (block, s, e)) in enumerate(zip(examples, adopted, strict=True), start=1):
            ex._attach(block, s, e)
            ex.line = n
        dataset_or_examples.path = Path(path)
