"""The open dataset: its examples, undo stack, dirty state, and the background validator and counter.

Edits replace ``Example.data`` with a new object (never mutate it in place), so a worker that is still
reading an old value sees a consistent example. Structural changes and per-example changes are
announced through signals the table model relays to views.
"""

from __future__ import annotations

import gc
import logging
import operator
import threading
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtGui import QUndoStack

from finetune_desktop.core.catalog.models import load_catalog
from finetune_desktop.core.dataset.examples import Dataset, DatasetFormat, Example
from finetune_desktop.core.validation.findings import Finding
from finetune_desktop.gui.dataset import core_api
from finetune_desktop.gui.dataset.document_work import (
    MISSING,
    count_work,
    index_work,
    save_work,
    validate_work,
)
from finetune_desktop.gui.dataset.findings_view import FindingsView
from finetune_desktop.gui.dataset.loader import (
    Analyser,
    HandOverStage,
    LoadedChunk,
    RowIntake,
    read_checked,
    stream_load,
)
from finetune_desktop.gui.dataset.pacing import ui_busy
from finetune_desktop.gui.dataset.search_index import IndexScan, SearchIndex
from finetune_desktop.gui.dataset.token_cells import (
    TotalsView,
    unpack_tokens,
)
from finetune_desktop.gui.tasks import Task, TaskRunner
from finetune_desktop.gui.workers import Relay, SerialJob

log = logging.getLogger(__name__)

_uid_of = operator.attrgetter("uid")
EDIT_DELAY_MS = 40


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
        self.model = load_catalog().default_model
        self.training_context: int | None = None
        self.loading = False
        #: grows on every insert, removal or reset (a worker's row-based result is stale once it moved)
        self.structure_version = 0
        #: ``check``'s engine on the opened file (worker processes), which hands over the rows too
        self._check_task: Task | None = None
        #: the app's own reader, when that engine failed (see ``_read_rest``)
        self._load_task: Task | None = None
        self._stage_task: Task | None = None
        self._checking = False  # from open() until check's results are merged (or it failed)
        self._check_failed = False
        self._load_gen = 0
        self._row_of: dict[int, int] | None = None
        self._search = SearchIndex()
        self._tokens: dict[int, int] = {}  # uid -> pack_tokens(...)
        self._findings_by_uid: dict[int, list[Finding]] = {}
        self._findings_view: FindingsView | None = None
        self.dataset_findings: list[Finding] = []
        self.load_findings: list[Finding] = []
        self._validated = False  # the validator holds an entry for every example (else: full run)
        self._edited_while_loading: set[int] = set()
        self._fast_digests = False
        self._validator: Any = core_api.make_validator(None, TotalsView(self._tokens))
        self._counter: Callable[[Any], core_api.TokenInfo] | None = None
        self._counter_model = ""
        self._counter_lock = threading.Lock()
        self._validate_job = SerialJob(runner, partial(validate_work, self), self)
        self._validate_job.result.connect(self._on_validated)
        self._validate_job.progress.connect(lambda d, t: self.activity.emit(self.tr("Checking"), d, t))
        self._validate_job.failed.connect(lambda m: self.error.emit(self.tr("Checking failed"), m))
        self._validate_job.idle.connect(self._maybe_idle)
        self._count_job = SerialJob(runner, partial(count_work, self), self)
        self._count_job.result.connect(self._on_counted)
        self._count_job.progress.connect(lambda d, t: self.activity.emit(self.tr("Counting tokens"), d, t))
        self._count_job.failed.connect(lambda m: self.error.emit(self.tr("Token counting failed"), m))
        self._count_job.idle.connect(self._maybe_idle)
        self._index_job = SerialJob(runner, partial(index_work, self), self)
        # After an edit the UI has work of its own (rows, the editor, a repaint): the checking and
        # counting it causes start a moment later, without competing for the GIL meanwhile.
        self._soon_validate: set[int] = set()
        self._soon_count: set[int] = set()
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(EDIT_DELAY_MS)
        self._soon.timeout.connect(self._flush_soon)
        # Load the tokenizer vocabulary now, not in the middle of opening a big file (and so live
        # counts work at once; it is cached per process), and start the server check's worker processes
        # fork from (it loads the check and the vocabulary once for all of them).
        runner.op(self._prepare, self.model).start(self)

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
        if self._row_of is None:  # (zip/map run in C: 100k entries in a few ms)
            examples = self.dataset.examples
            self._row_of = dict(zip(map(_uid_of, examples), range(len(examples)), strict=True))
        return self._row_of.get(uid)

    def example_by_uid(self, uid: int) -> Example | None:
        row = self.row_of(uid)
        return None if row is None else self.dataset.examples[row]

    def search_text(self, row: int) -> bytes:
        """Lower-cased UTF-8 of all message text (see ``SearchIndex``; test it with ``search_matcher``;
        a search over all rows goes faster through ``search_scan``)."""
        ex = self.dataset.examples[row]
        text = self._search.get(ex.uid)
        if text is None:
            text = self._search.make(ex.data)
            self._search.set(ex.uid, text)
        return text

    def search_scan(self, needle: str, prior: IndexScan | None = None) -> IndexScan:
        """A search of every example, a block at a time (``step()`` until ``done``; then ``matched``);
        ``prior``: the finished search for the needle typed just before (see ``IndexScan``)."""
        return self._search.scan(needle, prior)

    def search_indexed(self, uid: int) -> bool:
        """Whether an unreleased example has its text in the index (a released one always has)."""
        return self._search.has_own(uid)

    def search_matcher(self, needle: str) -> Callable[[bytes], bool]:
        """``matches(search_text(row))`` for a needle cleaned by ``search_index.clean_needle``."""
        return self._search.matcher(needle)

    def tokens_for(self, uid: int) -> core_api.TokenInfo | None:
        packed = self._tokens.get(uid)
        return None if packed is None else unpack_tokens(packed)

    def token_columns(self) -> tuple[list[int], list[int], bool]:
        """Totals and billed tokens of every counted example, in row order, and whether any is estimated."""
        tokens = self._tokens
        packed = [t for ex in self.dataset.examples if (t := tokens.get(ex.uid)) is not None]
        return [t >> 33 for t in packed], [(t >> 1) & 0xFFFFFFFF for t in packed], any(t & 1 for t in packed)

    def all_tokens(self) -> list[core_api.TokenInfo]:
        tokens = self._tokens
        return [unpack_tokens(t) for ex in self.dataset.examples if (t := tokens.get(ex.uid)) is not None]

    def findings_for(self, uid: int) -> list[Finding]:
        return self._findings_by_uid.get(uid, [])

    def examples_with_findings(self) -> int:
        return len(self._findings_by_uid)

    def all_findings(self) -> list[Finding]:
        """Load problems first, then dataset-wide findings, then per-example ones in row order."""
        return list(self.findings_view().findings)

    def findings_view(self) -> FindingsView:
        """Every finding, grouped by code: as the last check made it when no row moved since (the usual
        case: cheap with 100k findings), else renumbered now."""
        view = self._findings_view
        if (
            view is not None
            and view.version == self.structure_version
            and view.loaded == len(self.load_findings)
        ):
            return view
        return FindingsView.of(self.structure_version, len(self.load_findings), self._number_findings())

    def _number_findings(self) -> list[Finding]:
        out = list(self.load_findings) + list(self.dataset_findings)
        by_uid = self._findings_by_uid
        if not by_uid:
            return out
        for i, ex in enumerate(self.dataset.examples):
            for f in by_uid.get(ex.uid, ()):
                out.append(
                    Finding(
                        f.code, f.severity, f.message, f.fix, ex.line, i, f.path, f.file, f.variant, f.params
                    )
                )
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
        """Load in the background: ``check``'s engine parses, validates, counts and indexes the file on
        worker processes (every core, no GIL shared with the UI) and hands its rows over range by range,
        so rows appear chunk by chunk with their findings and counts; the dataset-wide findings follow.
        If the engine cannot read the file, or fails on the way, the app reads the rest itself."""
        self.cancel_load()
        self._replace_dataset(Dataset(path=path))
        self.path_changed.emit()
        self.loading = True
        self._checking = True
        self._load_gen += 1
        gen = self._load_gen
        relay = Relay(partial(self._on_chunk, gen), self)
        intake = RowIntake(self._search, self._validator, relay)
        # A thread of its own: it mostly waits on the worker processes (or, for a small file, checks it
        # at once here), and it must never queue behind other work.
        self._check_task = (
            self.runner.op(
                read_checked,
                path,
                self.model,
                intake,
                self._fast_digests,
                cancel=True,
                progress=True,
                pool="own",
            )
            .on_progress(partial(self._on_load_progress, gen))
            .on_result(partial(self._on_checked, gen, intake))
            .on_error(partial(self._on_check_failed, gen, intake))
            .on_done(relay.deleteLater)
            .start(self)
        )
        self.activity.emit(self.tr("Opening"), 0, 1)

    def _read_rest(self, gen: int, path: Path, intake: RowIntake) -> None:
        """``check``'s engine failed: read the file from where its rows stopped, in the app (the examples
        without a result are then checked and counted on the usual jobs)."""
        relay = Relay(partial(self._on_chunk, gen), self)
        progress_relay = Relay(lambda figures: self._on_load_progress(gen, *figures), self)
        stage = HandOverStage(relay, lambda done, total: progress_relay((done, total)))
        analyse = Analyser(self._search)
        analyse.crlf_lines, analyse.first_crlf_line = intake.crlf_lines, intake.first_crlf_line
        # The stage first, on a thread of its own: the loader waits on it, never the reverse. It counts
        # nothing: it releases each example's parsed JSON and emits the chunks.
        self._stage_task = (
            self.runner.op(stage.run, cancel=True, pool="own").on_done(progress_relay.deleteLater).start(self)
        )
        self._load_task = (
            self.runner.op(stream_load, path, stage, analyse, intake.end, intake.next_line, cancel=True)
            .on_result(partial(self._on_loaded, gen))
            .on_error(partial(self._on_load_failed, gen))
            .on_done(relay.deleteLater)
            .start(self)
        )

    def load_examples(self, examples: list[Example], path: Path | None = None) -> None:
        """Replace the content with already parsed examples (a restore); not undoable, marks clean."""
        self.cancel_load()
        self._replace_dataset(Dataset(examples=list(examples), path=path))
        self.path_changed.emit()
        self._analyse_all()

    def save(self, path: Path | None = None, *, keep_unreadable: bool = False) -> Task | None:
        """Save in the background; unreadable lines go to a side file, or (``keep_unreadable``) stay at
        their place in the file itself (``save_unreadable.save_dataset`` asks the user which)."""
        target = path or self.dataset.path
        if target is None:
            return None
        snapshot = list(self.dataset.examples)
        rejected = list(self.dataset.rejected)
        clean_index = self.undo_stack.index()
        task = (
            self.runner.op(save_work, snapshot, rejected, target, keep_unreadable)
            .on_result(lambda _r: self._on_saved(target, clean_index))
            .on_error(
                lambda exc, _tb: self.error.emit(
                    self.tr("Could not save"),
                    self.tr("{0}\n\nChoose another folder or file name.").format(exc),
                )
            )
            .start(self)
        )
        self.activity.emit(self.tr("Saving"), 0, 0)
        return task

    def set_model(self, model: str, training_context: int | None) -> None:
        if model == self.model and training_context == self.training_context:
            return
        recount = model != self.model or self._counter is None
        self.model = model
        self.training_context = training_context
        # Only "too long" depends on the model, through the token totals: keep every cached check.
        self._validator.training_context = training_context
        if recount:
            self._tokens.clear()
            self._count_job.reset()
            self._count_job.request_all()
        self.model_changed.emit(model)
        self.tokens_changed.emit()
        self._request_validation([-1])
        self.all_changed.emit()

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
            self.structure_version += 1
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
            self.structure_version += 1
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
        self._search.update(uid, data)
        self.example_changed.emit(uid)
        self._later([uid], [uid])

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
        self._row_of = None if dataset.examples else {}  # (a load extends it chunk by chunk)
        self.structure_version += 1
        self._search = SearchIndex()  # a new object: a cancelled loader may still write to the old one
        self._tokens = {}
        self._findings_by_uid = {}
        self._findings_view = None
        self.dataset_findings = []
        self.load_findings = []
        self._validated = False
        self._edited_while_loading = set()
        # (check's workers, when known to hash as the app does, compare Python's hash of the keys: the
        # validator's digests must be theirs for as long as it lives)
        self._fast_digests = core_api.workers_hash_alike()
        self._validator = core_api.make_validator(
            self.training_context, TotalsView(self._tokens), fast_digests=self._fast_digests
        )
        self._validate_job.reset()
        self._count_job.reset()
        self._index_job.reset()
        self._soon.stop()
        self._soon_validate, self._soon_count = set(), set()
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self.reset_done.emit()
        self.findings_changed.emit()
        self.tokens_changed.emit()
        self.dirty_changed.emit(False)

    def cancel_load(self) -> None:
        for task in (self._load_task, self._stage_task, self._check_task):
            if task is not None:
                task.cancel()
        self._load_task = self._stage_task = self._check_task = None
        self._load_gen += 1
        self.loading = False
        self._checking = False
        self._check_failed = False

    def _request_validation(self, uids: list[int]) -> None:
        """Validate these examples (uid -1: only refresh the findings); while loading, the merge of check's
        results owns the validator, so the request waits for its end."""
        if self.loading or self._checking:
            self._edited_while_loading.update(uids)
        elif self._validated:
            self._validate_job.request(uids)
        else:
            self._validate_job.request_all()

    def _structure_changed(self) -> None:
        # findings() validates new examples and forgets removed ones; the count job finds new ones
        self._later([-1], [MISSING])
        self.tokens_changed.emit()

    def _later(self, validate: Iterable[int], count: Iterable[int]) -> None:
        self._soon_validate.update(validate)
        self._soon_count.update(count)
        if not self._soon.isActive():
            self._soon.start()

    @Slot()
    def _flush_soon(self) -> None:
        validate, count = self._soon_validate, self._soon_count
        self._soon_validate, self._soon_count = set(), set()
        if validate:
            self._request_validation(list(validate))
        if count:
            self._count_job.request(count)

    def _analyse_all(self) -> None:
        self._validated = False
        self._validate_job.request_all()
        self._count_job.request_all()
        self._index_job.request_all()

    @Slot(object)
    def _on_chunk(self, gen: int, chunk: LoadedChunk) -> None:
        if gen != self._load_gen:
            return
        name = str(self.dataset.path) if self.dataset.path else None
        ui_busy()  # the loader waits until these rows are in and painted
        if chunk.examples:
            # Loaded examples live as long as the document and hold no reference cycles: move them out
            # of the cyclic collector's view, or each full collection walks millions of objects while
            # holding the GIL (a visible freeze at 100k examples). Refcounting still frees them.
            gc.freeze()
            if chunk.block is not None:
                self._search.add_block(chunk.block)
            first = len(self.dataset.examples)
            self.rows_about_to_be_inserted.emit(first, first + len(chunk.examples) - 1)
            self.dataset.examples.extend(chunk.examples)
            row_of = self._row_of
            if row_of is not None:  # appended: extend the map (rebuilding 100k entries takes ~30 ms)
                for i, ex in enumerate(chunk.examples, first):
                    row_of[ex.uid] = i
            self.structure_version += 1
            self.rows_inserted.emit()
        if chunk.issues or chunk.rejected:
            self.dataset.issues.extend(chunk.issues)
            self.dataset.rejected.extend(chunk.rejected)
            self.load_findings.extend(core_api.issue_findings(chunk.issues, name, cookbook=False))
            self.findings_changed.emit()

    def _on_load_progress(self, gen: int, done: int, total: int) -> None:
        if gen == self._load_gen and self.loading:
            self.activity.emit(self.tr("Opening"), done, total)

    def _on_checked(self, gen: int, intake: RowIntake, columns: core_api.ExampleColumns) -> None:
        """Every row came from ``check``'s engine with its results."""
        if gen != self._load_gen:
            return
        self._check_task = None
        self._on_loaded(gen)
        self._checks_merged(gen, columns, intake.tokens)

    def _on_check_failed(self, gen: int, intake: RowIntake, exc: BaseException, _tb: str = "") -> None:
        if gen != self._load_gen:
            return
        # (the app's own reader reports a file it cannot read; what it reads is checked on the usual jobs)
        log.info(
            "check's engine could not read %s (rows handed: %d): %s", self.dataset.path, intake.count, exc
        )
        self._check_task = None
        self._check_failed = True
        path = self.dataset.path
        if path is None:  # (cannot happen: open() set it)
            self._on_load_failed(gen, exc)
            return
        self._read_rest(gen, path, intake)

    def _on_loaded(self, gen: int, _lines: object = None) -> None:
        """Every row is in (from ``check``'s engine or the app's own reader)."""
        if gen != self._load_gen:
            return
        ui_busy()  # the checking this starts waits for the last rows' repaint
        self.loading = False
        self._load_task = self._stage_task = None
        if self._check_failed:
            self._checks_merged(gen, None, {})
        self.tokens_changed.emit()
        # The views answer the end of loading (select a row, build its editor) on a later pass than the
        # last rows' repaint: two short frames instead of one long one.
        QTimer.singleShot(1, partial(self._announce_loaded, gen))

    def _checks_merged(
        self, gen: int, columns: core_api.ExampleColumns | None, tokens: dict[int, int]
    ) -> None:
        """Check's results are in the validator (``tokens``: uid -> packed count, for check's model):
        what is left is numbering the findings, the dataset-wide rules and whatever check did not cover
        (examples added or edited meanwhile, a file it could not read), on the usual jobs."""
        if gen != self._load_gen:
            return
        ui_busy()
        self._checking = False
        edited = self._edited_while_loading
        if (
            tokens
            and columns is not None
            and columns.model == self.model
            and columns.training_context == core_api.counts_context(self.model, self.training_context)
        ):
            # (in C: a Python loop over 100k counts here was a 20-30 ms frame)
            own = self._tokens
            for uid in edited:
                tokens.pop(uid, None)
            for uid in own:  # (few: counts of examples edited or added meanwhile win)
                tokens.pop(uid, None)
            own.update(tokens)
        if self._check_failed:
            self._check_failed = False
            self._validated = False
            self._validate_job.request_all()
        else:
            self.dataset.format = self._validator.majority_format()
            self._validated = True
            self._validate_job.request([-1, *edited])
        self._edited_while_loading = set()
        self._count_job.request([MISSING])  # any example without a count (it looks on its worker)
        self.tokens_changed.emit()
        self.all_changed.emit()

    def _announce_loaded(self, gen: int) -> None:
        if gen == self._load_gen:
            self.load_finished.emit(True)

    def _on_load_failed(self, gen: int, exc: BaseException, _tb: str = "") -> None:
        if gen != self._load_gen:
            return
        self.loading = False
        self._load_task = self._stage_task = None
        if self._check_task is not None:
            self._check_task.cancel()
        self._check_task = None
        self._checking = False
        self.activity.emit("", 0, 0)
        where = self.dataset.path
        self.error.emit(
            self.tr("Could not open the file"),
            self.tr("{0}\n\n{1}\n\nCheck that the file exists and that you can read it.").format(where, exc),
        )
        self.load_finished.emit(False)
        self._validated = False
        self._validate_job.request_all()  # the examples read before the failure stay, checked from scratch

    def _on_saved(self, path: Path, clean_index: int) -> None:
        changed = self.dataset.path != path
        self.dataset.path = path
        if self.undo_stack.index() == clean_index:
            self.undo_stack.setClean()
        self.activity.emit("", 0, 0)
        if changed:
            self.path_changed.emit()
        self.saved.emit(str(path))

    @Slot(object)
    def _on_validated(
        self, result: tuple[dict[int, list[Finding]], list[Finding], FindingsView, DatasetFormat]
    ) -> None:
        by_uid, dataset_wide, self._findings_view, self.dataset.format = result
        self._validated = True
        old = self._findings_by_uid
        self._findings_by_uid = by_uid
        self.dataset_findings = dataset_wide
        self.findings_changed.emit()
        if len(by_uid) + len(old) < 200:
            for uid in set(by_uid) | set(old):
                self.example_changed.emit(uid)
        elif by_uid or old:
            self.all_changed.emit()

    def _prepare(self, model: str) -> None:
        """On a worker, at start: what opening the first file would otherwise wait for."""
        self._counter_for(model)
        core_api.warm_check_workers()

    def _counter_for(self, model: str) -> Callable[[Any], core_api.TokenInfo]:
        """The counter for ``model``, made on first use (loading the vocabulary: call it off the UI
        thread); the lock keeps two workers from loading it twice."""
        with self._counter_lock:
            counter = self._counter
            if counter is None or self._counter_model != model:
                counter = core_api.make_counter(model, self.training_context)
                if self.model == model:
                    self._counter, self._counter_model = counter, model
            return counter

    @Slot(object)
    def _on_counted(self, result: tuple[str, dict[int, int]]) -> None:
        model, counts = result
        if model != self.model:
            return
        self._tokens.update(counts)
        self.tokens_changed.emit()
        if self.training_context is not None and counts:
            self._request_validation([-1])  # "too long" findings depend on the counts
        if len(counts) < 200:
            for uid in counts:
                self.example_changed.emit(uid)
        else:
            self.all_changed.emit()

    def _maybe_idle(self) -> None:
        if not self.analysing:
            self.activity.emit("", 0, 0)

    @property
    def analysing(self) -> bool:
        busy = self._validate_job.busy or self._count_job.busy
        return self.loading or self._checking or busy or self._soon.isActive()
