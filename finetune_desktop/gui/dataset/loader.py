"""The editor's loader: the rows of an opened file, handed to the UI thread in chunks, in file order.

``RowIntake`` is the usual way (see ``DatasetDocument.open``): ``check``'s worker processes parse,
validate, count and make the search text of every line, range by range, and hand back each range's rows
packed (raw bytes compressed, spans, search texts); the intake makes the examples, their search block, their
validator entries and token counts of that, and emits the chunk. The app parses no line itself.

``stream_load`` reads and parses the file in the app, for when ``check``'s engine could not (a file it
refuses, a worker that died): two stages on the task runner, ``stream_load`` (read, parse, search text;
CPU pool) and ``HandOverStage.run`` (releases each example's parsed JSON and emits the chunks in order, on
a thread of its own: see ``TaskRunner`` ``pool="own"``). Everything pauses for the UI thread (``pacing``),
so the first rows show at once and scrolling stays smooth.
"""

from __future__ import annotations

import dataclasses
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path
from typing import Any

from finetune_desktop.core.cancel import Cancelled, CancelToken, ProgressCallback
from finetune_desktop.core.dataset.examples import Example, LoadIssue, RejectedLine
from finetune_desktop.core.validation.findings import Finding
from finetune_desktop.gui.dataset import core_api
from finetune_desktop.gui.dataset.pacing import READER_REST_S, READER_SLICE_S, gc_paused, paced, wait_for_ui
from finetune_desktop.gui.dataset.search_index import Block, SearchIndex
from finetune_desktop.gui.dataset.token_cells import pack_counts

FIRST_CHUNK = 96 * 1024  # small so the first rows appear at once
CHUNK = 1024 * 1024  # each chunk is one insertion and repaint in the UI: not too many of them
PIECE = 64 * 1024  # parsed in one go (~1.5 ms); smaller pieces parse slower
QUEUE = 2  # parsed chunks waiting to be released and emitted (bounds the parsed JSON held at once)
POLL_S = 0.1  # how often a stage waiting on the other looks for a cancel
MERGE_SLICE = 256  # examples given their validator entries between two breaths (see ``pacing``)
TOO_LONG = "example_too_long"  # (the validator finds it from the document's own token totals)


@dataclass
class LoadedChunk:
    """Examples read by the loader, already released (raw bytes only), with the search text it computed
    for each (``search``, then joined into ``block``)."""

    examples: list[Example]
    issues: list[LoadIssue]
    rejected: list[RejectedLine]
    search: list[bytes]
    block: Block | None = None


class RowIntake:
    """Takes the rows of an opened file from ``check``'s engine (``core_api.check_file``'s ``rows``),
    range by range in file order, on the check's task: each range's examples are made from their packed
    raw bytes, indexed with the search texts the workers made, given their validator entries and token
    counts from the same result, and emitted as one chunk. While it runs the intake owns the validator
    (see ``DatasetDocument._request_validation``).

    ``end`` and ``next_line`` say where the rows handed so far end, so a failed check can be finished by
    ``stream_load``; ``tokens`` maps uid to packed count for ``check``'s model.
    """

    def __init__(self, index: SearchIndex, validator: Any, emit: Callable[[LoadedChunk], None]) -> None:
        self.index = index
        self.validator = validator
        self._emit = emit
        self.tokens: dict[int, int] = {}
        self.count = 0  # examples taken so far
        self.end = 0
        self.next_line = 1
        self.crlf_lines = 0
        self.first_crlf_line: int | None = None

    def __call__(self, result: core_api.RangeResult) -> None:
        rows = result.rows
        if rows is None:
            raise ValueError("check's engine handed a range without its rows")
        wait_for_ui()  # (the UI thread may be inserting and painting the previous chunk)
        with paced(READER_SLICE_S, READER_REST_S) as breathe, gc_paused():
            examples = rows.packed.unpack()
            texts = self.index.join_shared(rows.search)
            breathe()
            self.tokens.update(merge_range(examples, result, self.count, self.validator, breathe))
        block = Block([ex.uid for ex in examples], texts) if examples else None
        self._emit(LoadedChunk(examples, rows.issues, rows.rejected, [], block))
        self.count += len(examples)
        self.end, self.next_line = result.end, result.next_line
        self.crlf_lines += result.crlf_lines
        if self.first_crlf_line is None:
            self.first_crlf_line = result.first_crlf_line

    def finish(self) -> None:
        """After the last range: the file's CRLF issue, once."""
        if self.first_crlf_line is not None:
            self._emit(LoadedChunk([], [core_api.crlf_issue(self.first_crlf_line, self.crlf_lines)], [], []))


def read_checked(
    path: Path,
    model: str,
    intake: RowIntake,
    fast_digests: bool,
    *,
    cancel: CancelToken,
    progress: ProgressCallback,
) -> core_api.ExampleColumns:
    """The check's task: ``check``'s engine on ``path`` with its rows handed to ``intake`` (whose
    validator digests keys as ``fast_digests`` says: see ``core_api.make_validator``)."""
    columns = core_api.check_file(path, model, intake, fast_digests, cancel=cancel, progress=progress)
    intake.finish()
    return columns


def merge_range(
    examples: list[Example],
    result: core_api.RangeResult,
    offset: int,
    validator: Any,
    breathe: Callable[[], None],
) -> dict[int, int]:
    """Give each of a range's examples (``result``'s, in order; ``offset`` examples came before) its
    validator entry (findings, format, images, key digests) from ``result``, and return its packed token
    count as uid -> packed."""
    by_index: dict[int, list[Finding]] = {}
    for f in result.findings:
        if f.example is not None and f.code != TOO_LONG:  # (the validator words "too long" itself)
            by_index.setdefault(f.example, []).append(dataclasses.replace(f, example=f.example + offset))
    codes = {ord(code): fmt for fmt, code in core_api.FORMAT_CODES.items()}
    formats = [codes[c] for c in result.formats]
    images = list(map(bool, result.images))
    full, prompt, answer = result.full_keys, result.prompt_keys, result.answer_keys
    no_key = core_api.NO_KEY
    found = by_index.get
    for start in range(0, len(examples), MERGE_SLICE):
        breathe()
        rows: list[core_api.CheckedRow] = []
        for i, ex in enumerate(examples[start : start + MERGE_SLICE], start):
            a = answer[i]
            # (NO_KEY for the answer: no answer to compare, so no prompt either)
            p, a2 = (0, None) if a == no_key else (prompt[i], a)
            rows.append((ex, offset + i, found(i, ()), formats[i], images[i], full[i], p, a2))
        validator.add_checked_rows(rows)
    uids = [ex.uid for ex in examples]
    return dict(
        zip(uids, map(pack_counts, result.totals, result.billed, repeat(result.estimated)), strict=True)
    )


class Analyser:
    """What ``stream_load`` (the app's own reader, when ``check``'s engine failed) does with each parsed
    example before dropping its parsed JSON: its search text. The per-example checks and the token counts
    come from the document's usual jobs afterwards. Keeping only compact results per example is what keeps
    memory under 4x the file."""

    def __init__(self, index: SearchIndex) -> None:
        self.index = index
        self.count = 0
        self.crlf_lines = 0
        self.first_crlf_line: int | None = None

    def __call__(self, chunk: core_api.Chunk, out: LoadedChunk, breathe: Callable[[], None]) -> None:
        make = self.index.make
        for ex in chunk.examples:
            out.search.append(make(ex.data))
            self.count += 1
            breathe()
        out.examples += chunk.examples
        out.issues += chunk.issues
        out.rejected += chunk.rejected
        self.crlf_lines += chunk.crlf_lines
        if self.first_crlf_line is None:
            self.first_crlf_line = chunk.first_crlf_line

    def file_issues(self) -> list[LoadIssue]:
        """What is reported once for the whole file, when all of it was read (CRLF line ends)."""
        if self.first_crlf_line is None:
            return []
        return [core_api.crlf_issue(self.first_crlf_line, self.crlf_lines)]


class HandOverStage:
    """Releases the examples' parsed JSON of parsed chunks on a second worker and emits the chunks in
    order; it waits whenever the UI thread asked for quiet (``pacing.ui_busy``). The document starts
    :meth:`run` as a task before the loading task; the loader hands chunks over with :meth:`put` and ends
    with :meth:`close`, which raises what went wrong on the stage's task.
    """

    def __init__(self, emit: Callable[[LoadedChunk], None], progress: ProgressCallback) -> None:
        self._emit = emit
        self._progress = progress
        self._queue: queue.Queue[tuple[LoadedChunk, int, int] | None] = queue.Queue(QUEUE)
        self._error: BaseException | None = None
        self._finished = threading.Event()
        self._stopped = threading.Event()

    # ------------------------------------------------------------ the stage's task
    def run(self, *, cancel: CancelToken) -> None:
        """The task's body: release and emit every chunk until the loader closes the stage or a cancel."""
        try:
            while not (cancel.cancelled or self._stopped.is_set()):
                try:
                    item = self._queue.get(timeout=POLL_S)
                except queue.Empty:
                    continue
                if item is None:
                    return
                chunk, done, total = item
                self._release(chunk)
                if cancel.cancelled or self._stopped.is_set():
                    return
                self._emit(chunk)
                self._progress(done, total)
        except BaseException as exc:  # noqa: BLE001 - handed to the loading task, which reports it
            self._error = exc
        finally:
            self._finished.set()

    @staticmethod
    def _release(chunk: LoadedChunk) -> None:
        for ex in chunk.examples:
            wait_for_ui()
            ex.release_data()

    # ------------------------------------------------------------ the loader's side
    def put(self, chunk: LoadedChunk, done: int, total: int, cancel: CancelToken) -> None:
        while True:
            if self._finished.is_set():
                self._raise()
            try:
                self._queue.put((chunk, done, total), timeout=POLL_S)
                return
            except queue.Full:
                cancel.raise_if_cancelled()

    def close(self, cancel: CancelToken) -> None:
        """Wait until every chunk is emitted; raises what went wrong on the stage's task."""
        while not self._finished.is_set():
            try:
                self._queue.put(None, timeout=POLL_S)
                break
            except queue.Full:
                cancel.raise_if_cancelled()
        while not self._finished.wait(POLL_S):
            cancel.raise_if_cancelled()
        if self._error is not None:
            raise self._error

    def abort(self) -> None:
        """The loader stops: let the stage's task end without waiting for it."""
        self._stopped.set()
        try:
            self._queue.put_nowait(None)
        except queue.Full:
            pass

    def _raise(self) -> None:
        if self._error is not None:
            raise self._error
        raise Cancelled  # the stage's task was cancelled before the loader


def stream_load(
    path: Path,
    stage: HandOverStage,
    analyse: Analyser,
    start: int = 0,
    first_line: int = 1,
    *,
    cancel: CancelToken,
) -> int:
    """Read ``path`` from byte ``start`` (where line ``first_line`` starts) in line-aligned chunks, analyse
    each example and pass each chunk to ``stage`` (which releases and emits it); returns the line count.

    Each block is parsed and analysed in small pieces with a pause for the UI thread between them (see
    ``paced``); one chunk per block goes to the UI, so it gets about a hundred signals, not 100,000.
    """
    size = path.stat().st_size
    done = start
    line = first_line
    pending = b""
    block = FIRST_CHUNK
    try:
        with open(path, "rb") as f, paced(READER_SLICE_S, READER_REST_S) as breathe, gc_paused():
            f.seek(start)
            while True:
                cancel.raise_if_cancelled()
                data = f.read(block)
                block = CHUNK
                if not data:
                    buf, pending = pending, b""
                else:
                    buf = pending + data
                    cut = buf.rfind(b"\n")
                    if cut < 0:
                        pending = buf
                        continue
                    buf, pending = buf[: cut + 1], buf[cut + 1 :]
                if buf:
                    out = LoadedChunk([], [], [], [])
                    start = 0
                    while start < len(buf):
                        end = buf.find(b"\n", min(len(buf) - 1, start + PIECE))
                        end = len(buf) if end < 0 else end + 1
                        piece = buf[start:end]
                        analyse(core_api.parse_chunk(piece, line, share_strings=False), out, breathe)
                        line += piece.count(b"\n")
                        start = end
                        breathe()
                        cancel.raise_if_cancelled()
                    done += len(buf)
                    if out.examples:
                        out.block = Block([ex.uid for ex in out.examples], out.search)
                    out.search = []
                    stage.put(out, done, size, cancel)
                if not data:
                    break
        file_issues = analyse.file_issues()
        if file_issues:
            stage.put(LoadedChunk([], file_issues, [], []), size, size, cancel)
        stage.close(cancel)
    except BaseException:
        stage.abort()
        raise
    return line - 1
