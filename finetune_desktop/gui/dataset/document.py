"""The open dataset: its examples, undo stack, dirty state, and the background validator and counter.

Edits replace ``Example.data`` with a new object (never mutate it in place), so a worker that is still
reading an old value sees a consistent example. Structural changes and per-example changes are
announced through signals the table model relays to views.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QUndoStack

from finetune_desktop.core.cancel import CancelToken, ProgressCallback
from finetune_desktop.core.dataset import Dataset, DatasetFormat, Example, LoadIssue, RejectedLine
from finetune_desktop.core.findings import Finding, Severity
from finetune_desktop.gui.dataset import core_api
from finetune_desktop.gui.dataset.summaries import search_bytes
from finetune_desktop.gui.tasks import Task, TaskRunner
from finetune_desktop.gui.workers import Relay, SerialJob, background_slices, start_watched

log = logging.getLogger(__name__)

FIRST_CHUNK = 96 * 1024  # small so the first rows appear at once
CHUNK = 1024 * 1024
PIECE = 32 * 1024  # parsed between GIL pauses, so each slice of parsing stays short
DEFAULT_MODEL = "gpt-4.1-mini-2025-04-14"


def stream_load(
    path: Path, emit: Callable[[core_api.Chunk], None], *, cancel: CancelToken, progress: ProgressCallback
) -> int:
    """Read ``path`` in line-aligned chunks and hand each parsed chunk to ``emit``; returns line count.

    Each block is parsed in small pieces with a pause for the UI thread between them (see
    ``background_slices``); one chunk per block goes to the UI, so it gets a few dozen signals, not
    thousands.
    """
    size = path.stat().st_size
    done = 0
    line = 1
    pending = b""
    block = FIRST_CHUNK
    with open(path, "rb") as f, background_slices() as breathe:
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
                out = core_api.Chunk([], [], [])
                start = 0
                while start < len(buf):
                    end = buf.find(b"\n", min(len(buf) - 1, start + PIECE))
                    end = len(buf) if end < 0 else end + 1
                    piece = buf[start:end]
                    part = core_api.parse_chunk(piece, line)
                    out.examples += part.examples
                    out.issues += part.issues
                    out.rejected += part.rejected
                    line += piece.count(b"\n")
                    start = end
                    breathe()
                emit(out)
                done += len(buf)
                progress(done, size)
            if not data:
                break
    return line - 1


def issue_to_finding(issue: LoadIssue, file: str | None) -> Finding:
    sev = Severity.ERROR if issue.fatal else Severity.WARNING
    return Finding(issue.code, sev, issue.message, issue.fix, issue.line, None, None, file)


class DatasetDocument(QObject):
    """Signals: ``rows_about_to_be_inserted(first, last)``, ``rows_inserted()``,
    ``rows_about_to_be_removed(first, last)``, ``rows_removed()``, ``about_to_reset()``, ``reset_done()``,
    ``example_changed(uid)``, ``findings_changed()``, ``tokens_changed()``, ``path_changed()``,
    ``dirty_changed(bool)``, ``activity(text, done, total)`` (total 0 = idle), ``load_finished(bool)``,
    ``saved(str)``, ``error(title, text)``, ``model_changed(str)``, ``all_changed()`` (every row's
    tokens or findings may differ; same rows)."""

    rows_about_to_be_inserted = Signal(int, int)
    rows_inserted = Signal()
    rows_about_to_be_removed = Signal(int, int)
    rows_removed = Signal()
    about_to_reset = Signal()
    reset_done = Signal()
    example_changed = Signal(int)
    findings_changed = Signal()
    tokens_changed = Signal()
    path_changed = Signal()
    dirty_changed = Signal(bool)
    activity = Signal(str, int, int)
    load_finished = Signal(bool)
    saved = Signal(str)
    error = Signal(str, str)
    model_changed = Signal(str)
    all_changed = Signal()

    def __init__(self, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)
        self.dataset = Dataset()
        self.model = DEFAULT_MODEL
        self.training_context: int | None = None
        self.loading = False
        self._load_task: Task | None = None
        self._load_gen = 0
        self._row_of: dict[int, int] | None = None
        self._search: dict[int, bytes] = {}
        self._tokens: dict[int, core_api.TokenInfo] = {}
        self._findings_by_uid: dict[int, list[Finding]] = {}
        self.dataset_findings: list[Finding] = []
        self.load_findings: list[Finding] = []
        self._val_order: list[int] = []
        self._validator: Any = core_api.make_validator(None, core_api.TotalsView(self._tokens))
        self._counter: Callable[[Any], core_api.TokenInfo] | None = None
        self._counter_model = ""
        self._validate_job = SerialJob(runner, self._validate_work, self)
        self._validate_job.result.connect(self._on_validated)
        self._validate_job.progress.connect(lambda d, t: self.activity.emit(self.tr("Checking"), d, t))
        self._validate_job.failed.connect(lambda m: self.error.emit(self.tr("Checking failed"), m))
        self._validate_job.idle.connect(self._maybe_idle)
        self._count_job = SerialJob(runner, self._count_work, self)
        self._count_job.result.connect(self._on_counted)
        self._count_job.progress.connect(lambda d, t: self.activity.emit(self.tr("Counting tokens"), d, t))
        self._count_job.failed.connect(lambda m: self.error.emit(self.tr("Token counting failed"), m))
        self._count_job.idle.connect(self._maybe_idle)
        self._index_job = SerialJob(runner, self._index_work, self)
        # Load the tokenizer vocabulary now, not in the middle of opening a big file (and so live
        # counts work at once); the vocabulary is cached per process.
        start_watched(runner, self, self._warm_counter)

    @Slot(bool)
    def _on_clean_changed(self, clean: bool) -> None:
        self.dirty_changed.emit(not clean)

    # ------------------------------------------------------------ read access
    @property
    def examples(self) -> list[Example]:
        return self.dataset.examples

    @property
    def path(self) -> Path | None:
        return self.dataset.path

    @property
    def dirty(self) -> bool:
        return not self.undo_stack.isClean()

    def __len__(self) -> int:
        return len(self.dataset.examples)

    def row_of(self, uid: int) -> int | None:
        if self._row_of is None:
            self._row_of = {ex.uid: i for i, ex in enumerate(self.dataset.examples)}
        return self._row_of.get(uid)

    def example_by_uid(self, uid: int) -> Example | None:
        row = self.row_of(uid)
        return None if row is None else self.dataset.examples[row]

    def search_text(self, row: int) -> bytes:
        """Lower-cased UTF-8 of all message text (bytes: half the memory of a str with any CJK)."""
        ex = self.dataset.examples[row]
        text = self._search.get(ex.uid)
        if text is None:
            text = search_bytes(ex.data)
            self._search[ex.uid] = text
        return text

    def tokens_for(self, uid: int) -> core_api.TokenInfo | None:
        return self._tokens.get(uid)

    def all_tokens(self) -> list[core_api.TokenInfo]:
        return [t for ex in self.dataset.examples if (t := self._tokens.get(ex.uid)) is not None]

    def findings_for(self, uid: int) -> list[Finding]:
        return self._findings_by_uid.get(uid, [])

    def examples_with_findings(self) -> int:
        return len(self._findings_by_uid)

    def all_findings(self) -> list[Finding]:
        """Load problems first, then dataset-wide findings, then per-example ones in row order."""
        out = list(self.load_findings) + list(self.dataset_findings)
        for i, ex in enumerate(self.dataset.examples):
            for f in self._findings_by_uid.get(ex.uid, ()):
                out.append(Finding(f.code, f.severity, f.message, f.fix, ex.line, i, f.path, f.file))
        return out

    def count_tokens_now(self, data: Any) -> core_api.TokenInfo | None:
        """Live count for the editor; None until the vocabulary was loaded in the background."""
        counter = self._counter
        if counter is None or self._counter_model != self.model:
            return None
        try:
            return counter(data)
        except Exception:  # noqa: BLE001 - a broken example must not break typing
            return None

    # ------------------------------------------------------------ whole-document operations
    def new(self) -> None:
        self.cancel_load()
        self._replace_dataset(Dataset())
        self.path_changed.emit()

    def open(self, path: Path) -> None:
        """Load in the background: rows appear chunk by chunk; checking starts when all are in."""
        self.cancel_load()
        self._replace_dataset(Dataset(path=path))
        self.path_changed.emit()
        self.loading = True
        self._load_gen += 1
        gen = self._load_gen
        relay = Relay(partial(self._on_chunk, gen), self)
        self._load_task = start_watched(
            self.runner,
            self,
            stream_load,
            path,
            relay,
            cancel=True,
            progress=True,
            on_progress=partial(self._on_load_progress, gen),
            on_finished=partial(self._on_loaded, gen),
            on_failed=partial(self._on_load_failed, gen),
            on_done=relay.deleteLater,
        )
        self.activity.emit(self.tr("Opening"), 0, 1)

    def load_examples(self, examples: list[Example], path: Path | None = None) -> None:
        """Replace the content with already parsed examples (a restore); not undoable, marks clean."""
        self.cancel_load()
        self._replace_dataset(Dataset(examples=list(examples), path=path))
        self.path_changed.emit()
        self._analyse_all()

    def save(self, path: Path | None = None) -> Task | None:
        target = path or self.dataset.path
        if target is None:
            return None
        snapshot = list(self.dataset.examples)
        rejected = list(self.dataset.rejected)
        clean_index = self.undo_stack.index()
        task = start_watched(
            self.runner,
            self,
            _save_work,
            snapshot,
            rejected,
            target,
            on_finished=lambda _r: self._on_saved(target, clean_index),
            on_failed=lambda exc, _tb: self.error.emit(
                self.tr("Could not save"), self.tr("{0}\n\nChoose another folder or file name.").format(exc)
            ),
        )
        self.activity.emit(self.tr("Saving"), 0, 0)
        return task

    def set_model(self, model: str, training_context: int | None) -> None:
        if model == self.model and training_context == self.training_context:
            return
        self.model = model
        self.training_context = training_context
        self._tokens.clear()
        self._validator = core_api.make_validator(training_context, core_api.TotalsView(self._tokens))
        self._validate_job.reset()
        self._count_job.reset()
        self.model_changed.emit(model)
        self.tokens_changed.emit()
        self._analyse_all()

    # ------------------------------------------------------------ mutations (used by undo commands)
    def insert_examples(self, items: Iterable[tuple[int, Example]]) -> None:
        """Insert each example at its row (rows ascending, as they will be after insertion)."""
        items = sorted(items, key=lambda it: it[0])
        i = 0
        while i < len(items):
            j = i
            while j + 1 < len(items) and items[j + 1][0] == items[j][0] + 1:
                j += 1
            first = min(items[i][0], len(self.dataset.examples))
            self.rows_about_to_be_inserted.emit(first, first + j - i)
            self.dataset.examples[first:first] = [ex for _r, ex in items[i : j + 1]]
            self._row_of = None
            self.rows_inserted.emit()
            i = j + 1
        self._structure_changed()

    def remove_rows(self, rows: Iterable[int]) -> list[tuple[int, Example]]:
        rows = sorted(set(rows))
        removed = [(r, self.dataset.examples[r]) for r in rows]
        # contiguous ranges from the bottom so earlier row numbers stay valid
        ranges: list[tuple[int, int]] = []
        for r in rows:
            if ranges and ranges[-1][1] == r - 1:
                ranges[-1] = (ranges[-1][0], r)
            else:
                ranges.append((r, r))
        for first, last in reversed(ranges):
            self.rows_about_to_be_removed.emit(first, last)
            del self.dataset.examples[first : last + 1]
            self._row_of = None
            self.rows_removed.emit()
        for _r, ex in removed:
            self._findings_by_uid.pop(ex.uid, None)
        self._structure_changed()
        return removed

    def set_data(self, uid: int, data: Any) -> None:
        ex = self.example_by_uid(uid)
        if ex is None:
            return
        ex.data = data
        ex.touch()
        self._search[uid] = search_bytes(data)
        self.example_changed.emit(uid)
        self._validate_job.request([uid])
        self._count_job.request([uid])

    def set_tags(self, uid: int, tags: set[str]) -> None:
        ex = self.example_by_uid(uid)
        if ex is None:
            return
        ex.tags = set(tags)
        self.example_changed.emit(uid)

    # ------------------------------------------------------------ internals
    def _replace_dataset(self, dataset: Dataset) -> None:
        self.about_to_reset.emit()
        self.dataset = dataset
        self._row_of = None
        self._search.clear()
        self._tokens.clear()
        self._findings_by_uid.clear()
        self.dataset_findings = []
        self.load_findings = []
        self._val_order = []
        self._validator = core_api.make_validator(self.training_context, core_api.TotalsView(self._tokens))
        self._validate_job.reset()
        self._count_job.reset()
        self._index_job.reset()
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self.reset_done.emit()
        self.findings_changed.emit()
        self.tokens_changed.emit()
        self.dirty_changed.emit(False)

    def cancel_load(self) -> None:
        if self._load_task is not None:
            self._load_task.cancel()
            self._load_task = None
        self._load_gen += 1
        self.loading = False

    def _structure_changed(self) -> None:
        self._validate_job.request_all()
        new = [ex.uid for ex in self.dataset.examples if ex.uid not in self._tokens]
        if new:
            self._count_job.request(new)
        self.tokens_changed.emit()

    def _analyse_all(self) -> None:
        self._validate_job.request_all()
        self._count_job.request_all()
        self._index_job.request_all()

    def _index_work(
        self, everything: bool, uids: set[int], *, cancel: CancelToken, progress: ProgressCallback
    ) -> None:
        """Build the lower-case search text of every example so the first search is fast."""
        cache = self._search
        with background_slices() as breathe:
            for i, ex in enumerate(list(self.dataset.examples)):
                if i % 1000 == 0:
                    cancel.raise_if_cancelled()
                breathe()
                if ex.uid not in cache:
                    cache[ex.uid] = search_bytes(ex.data)

    @Slot(object)
    def _on_chunk(self, gen: int, chunk: core_api.Chunk) -> None:
        if gen != self._load_gen:
            return
        name = str(self.dataset.path) if self.dataset.path else None
        if chunk.examples:
            # Loaded examples live as long as the document and hold no reference cycles: move them out
            # of the cyclic collector's view, or each full collection walks millions of objects while
            # holding the GIL (a visible freeze at 100k examples). Refcounting still frees them.
            gc.freeze()
            first = len(self.dataset.examples)
            self.rows_about_to_be_inserted.emit(first, first + len(chunk.examples) - 1)
            self.dataset.examples.extend(chunk.examples)
            self._row_of = None
            self.rows_inserted.emit()
        if chunk.issues or chunk.rejected:
            self.dataset.issues.extend(chunk.issues)
            self.dataset.rejected.extend(chunk.rejected)
            self.load_findings.extend(issue_to_finding(i, name) for i in chunk.issues)
            self.findings_changed.emit()

    def _on_load_progress(self, gen: int, done: int, total: int) -> None:
        if gen == self._load_gen:
            self.activity.emit(self.tr("Opening"), done, total)

    def _on_loaded(self, gen: int, _lines: object = None) -> None:
        ok = True
        if gen != self._load_gen:
            return
        self.loading = False
        self._load_task = None
        formats: dict[DatasetFormat, int] = {}
        for ex in self.dataset.examples[:200]:  # a sample: the validator reports mixed formats anyway
            fmt = core_api.detect_format(ex.data)
            formats[fmt] = formats.get(fmt, 0) + 1
        if formats:
            self.dataset.format = max(formats.items(), key=lambda kv: kv[1])[0]
        self.activity.emit("", 0, 0)
        self.load_finished.emit(ok)
        self._analyse_all()

    def _on_load_failed(self, gen: int, exc: BaseException, _tb: str = "") -> None:
        if gen != self._load_gen:
            return
        self.loading = False
        self._load_task = None
        self.activity.emit("", 0, 0)
        where = self.dataset.path
        self.error.emit(
            self.tr("Could not open the file"),
            self.tr("{0}\n\n{1}\n\nCheck that the file exists and that you can read it.").format(where, exc),
        )
        self.load_finished.emit(False)

    def _on_saved(self, path: Path, clean_index: int) -> None:
        changed = self.dataset.path != path
        self.dataset.path = path
        if self.undo_stack.index() == clean_index:
            self.undo_stack.setClean()
        self.activity.emit("", 0, 0)
        if changed:
            self.path_changed.emit()
        self.saved.emit(str(path))

    def _validate_work(
        self, everything: bool, uids: set[int], *, cancel: CancelToken, progress: ProgressCallback
    ) -> tuple[list[int], list[Finding]]:
        validator = self._validator
        with background_slices() as breathe:
            if everything or not self._val_order:
                snapshot = list(self.dataset.examples)
                order = [ex.uid for ex in snapshot]
                growing = Dataset(examples=[], path=self.dataset.path, format=self.dataset.format)
                validator.full(growing)  # then example by example, pausing for the UI between slices
                total = len(snapshot)
                for i, ex in enumerate(snapshot):
                    if i % 256 == 0:
                        cancel.raise_if_cancelled()
                        progress(i, total)
                    growing.examples.append(ex)
                    validator.add(ex, i)
                    breathe()
            else:
                order = self._val_order
                for uid in uids:  # uid -1 only asks for fresh findings (token totals changed)
                    cancel.raise_if_cancelled()
                    edited = self.example_by_uid(uid) if uid >= 0 else None
                    if edited is not None:
                        validator.update(edited)
                    breathe()
            findings = validator.findings()
        return order, list(findings)

    @Slot(object)
    def _on_validated(self, result: tuple[list[int], list[Finding]]) -> None:
        order, findings = result
        self._val_order = order
        by_uid: dict[int, list[Finding]] = {}
        dataset_wide: list[Finding] = []
        for f in findings:
            if f.example is None or not (0 <= f.example < len(order)):
                dataset_wide.append(f)
            else:
                by_uid.setdefault(order[f.example], []).append(f)
        if not self.dataset.examples:
            dataset_wide = []  # "too few examples" says nothing useful about an empty new dataset
        changed = set(by_uid) | set(self._findings_by_uid)
        self._findings_by_uid = by_uid
        self.dataset_findings = dataset_wide
        self.findings_changed.emit()
        if len(changed) < 200:
            for uid in changed:
                self.example_changed.emit(uid)
        else:
            self.all_changed.emit()

    def _warm_counter(self) -> None:
        model = self.model
        if self._counter is None or self._counter_model != model:
            counter = core_api.make_counter(model, self.training_context)
            if self.model == model:
                self._counter, self._counter_model = counter, model

    def _count_work(
        self, everything: bool, uids: set[int], *, cancel: CancelToken, progress: ProgressCallback
    ) -> tuple[str, dict[int, core_api.TokenInfo]]:
        model = self.model
        if self._counter is None or self._counter_model != model:
            self._counter = core_api.make_counter(model, self.training_context)
            self._counter_model = model
        counter = self._counter
        if everything:
            targets = list(self.dataset.examples)
        else:
            targets = [ex for uid in uids if (ex := self.example_by_uid(uid)) is not None]
        out: dict[int, core_api.TokenInfo] = {}
        total = len(targets)
        with background_slices() as breathe:
            for i, ex in enumerate(targets):
                if i % 500 == 0:
                    cancel.raise_if_cancelled()
                    progress(i, total)
                breathe()
                try:
                    out[ex.uid] = counter(ex.data)
                except Exception:  # noqa: BLE001 - a malformed example gets no count, not a crash
                    continue
        progress(total, total)
        return model, out

    @Slot(object)
    def _on_counted(self, result: tuple[str, dict[int, core_api.TokenInfo]]) -> None:
        model, counts = result
        if model != self.model:
            return
        self._tokens.update(counts)
        self.tokens_changed.emit()
        if self.training_context is not None and counts:
            self._validate_job.request([-1])  # "too long" findings depend on the counts
        if len(counts) < 200:
            for uid in counts:
                self.example_changed.emit(uid)
        else:
            self.all_changed.emit()

    def _maybe_idle(self) -> None:
        if not (self.loading or self._validate_job.busy or self._count_job.busy):
            self.activity.emit("", 0, 0)

    @property
    def analysing(self) -> bool:
        return self.loading or self._validate_job.busy or self._count_job.busy


def _save_work(examples: list[Example], rejected: list[RejectedLine], path: Path) -> None:
    core_api.save_examples(examples, path)
    if rejected:
        # Lines that could not be read are never dropped silently: they go next to the file.
        side = path.with_name(path.stem + ".unreadable-lines.txt")
        core_api.atomic_write_bytes(side, b"".join(r.raw + b"\n" for r in rejected))
