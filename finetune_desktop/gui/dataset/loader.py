"""The editor's loader pipeline: read a file in line-aligned chunks, index each example for search, and
hand the chunks to the UI thread in order (``check``'s worker processes validate and count the same file
meanwhile: see ``DatasetDocument.open``).

Two stages run on the task runner: ``stream_load`` (read, parse, search text; CPU pool) and
``HandOverStage.run`` (releases each example's parsed JSON and emits the chunks in order, on a thread of
its own: see ``TaskRunner`` ``pool="own"``). Both pause for the UI thread (``pacing``), so the
first rows show at once and scrolling stays smooth.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from finetune_desktop.core.cancel import Cancelled, CancelToken, ProgressCallback
from finetune_desktop.core.dataset.examples import Example, LoadIssue, RejectedLine
from finetune_desktop.gui.dataset import core_api
from finetune_desktop.gui.dataset.pacing import READER_REST_S, READER_SLICE_S, gc_paused, paced, wait_for_ui
from finetune_desktop.gui.dataset.search_index import Block, SearchIndex

FIRST_CHUNK = 96 * 1024  # small so the first rows appear at once
CHUNK = 1024 * 1024  # each chunk is one insertion and repaint in the UI: not too many of them
PIECE = 64 * 1024  # parsed in one go (~1.5 ms); smaller pieces parse slower
QUEUE = 2  # parsed chunks waiting to be released and emitted (bounds the parsed JSON held at once)
POLL_S = 0.1  # how often a stage waiting on the other looks for a cancel


@dataclass
class LoadedChunk:
    """Examples read by the loader, already released (raw bytes only), with the search text it computed
    for each (``search``, then joined into ``block``)."""

    examples: list[Example]
    issues: list[LoadIssue]
    rejected: list[RejectedLine]
    search: list[bytes]
    block: Block | None = None


class Analyser:
    """What the loader does with each parsed example before dropping its parsed JSON: its search text. The
    per-example checks and the token counts come from ``check``'s worker processes, which read the same
    file (see ``DatasetDocument.open``). Keeping only compact results per example is what keeps memory
    under 3x the file."""

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
    *,
    cancel: CancelToken,
) -> int:
    """Read ``path`` in line-aligned chunks, analyse each example and pass each chunk to ``stage`` (which
    releases and emits it); returns the line count.

    Each block is parsed and analysed in small pieces with a pause for the UI thread between them (see
    ``paced``); one chunk per block goes to the UI, so it gets about a hundred signals, not 100,000.
    """
    size = path.stat().st_size
    done = 0
    line = 1
    pending = b""
    block = FIRST_CHUNK
    try:
        with open(path, "rb") as f, paced(READER_SLICE_S, READER_REST_S) as breathe, gc_paused():
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
