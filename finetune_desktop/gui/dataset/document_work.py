"""The document's background half: what its index, validate, count and save jobs run on a worker.

Each job reads a snapshot of the document's rows and its caches and returns a result the document swaps
in on the UI thread (``DatasetDocument._on_validated``, ``_on_counted``); the loops pause for the UI
thread (``pacing``). Split from ``document.py`` so that file holds the document's state and signals.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from finetune_desktop.core.cancel import CancelToken, ProgressCallback
from finetune_desktop.core.dataset.examples import Dataset, DatasetFormat, Example, RejectedLine
from finetune_desktop.core.validation.findings import Finding
from finetune_desktop.gui.dataset import core_api
from finetune_desktop.gui.dataset.findings_view import FindingsView
from finetune_desktop.gui.dataset.pacing import gc_paused, paced
from finetune_desktop.gui.dataset.search_index import Block
from finetune_desktop.gui.dataset.token_cells import NO_TOKENS, count_packed, pack_tokens

if TYPE_CHECKING:
    from pathlib import Path

    from finetune_desktop.gui.dataset.document import DatasetDocument

MISSING = -1  # a uid that asks the count job for every example without a count
TOO_LONG = "example_too_long"  # (the validator finds it from the document's own token totals)


def index_work(
    doc: DatasetDocument, everything: bool, uids: set[int], *, cancel: CancelToken, progress: ProgressCallback
) -> None:
    """Build the search text of every example so the first search is fast, and release the parsed
    JSON of unchanged examples (their raw bytes are kept; ``data`` parses them when asked)."""
    index = doc._search
    block_uids: list[int] = []
    texts: list[bytes] = []
    with paced() as breathe:
        done: list[Example] = []
        for i, ex in enumerate(list(doc.dataset.examples)):
            if i % 1000 == 0:
                cancel.raise_if_cancelled()
                _add_index_block(doc, block_uids, texts, done)
                block_uids, texts, done = [], [], []
            breathe()
            if not index.has_own(ex.uid):  # (the index is new: only edits made meanwhile are in)
                block_uids.append(ex.uid)
                texts.append(index.make(ex.data))
                done.append(ex)
        _add_index_block(doc, block_uids, texts, done)


def _add_index_block(
    doc: DatasetDocument, uids: list[int], texts: list[bytes], examples: list[Example]
) -> None:
    """Index these examples, then release them (in this order: a released example is indexed)."""
    if uids:
        doc._search.add_block(Block(uids, texts))
    for ex in examples:
        ex.release_data()


def validate_work(
    doc: DatasetDocument, everything: bool, uids: set[int], *, cancel: CancelToken, progress: ProgressCallback
) -> tuple[dict[int, list[Finding]], list[Finding], FindingsView, DatasetFormat]:
    """Runs on a worker: validates what changed, then numbers the findings and groups them by example
    and by code (so the UI thread only swaps references, even with 100k findings); and the format most
    examples have."""
    validator = doc._validator
    version = doc.structure_version  # (read before the snapshot: never newer than it)
    snapshot = list(doc.dataset.examples)
    total = len(snapshot)
    with paced() as breathe, gc_paused():
        if everything:
            validator.full(Dataset(examples=[], path=doc.dataset.path, format=doc.dataset.format))
        else:
            wanted = {u for u in uids if u >= 0}  # uid -1 only asks for fresh findings
            for ex in snapshot if wanted else ():
                if ex.uid in wanted:
                    validator.update(ex)
                    breathe()
        # examples the validator never saw (new, restored, re-inserted by an undo), pausing for the UI
        for i, ex in enumerate(snapshot):
            if i % 256 == 0:
                breathe()
                cancel.raise_if_cancelled()
                if everything:
                    progress(i, total)
            if ex.uid not in validator:
                validator.add(ex, i)
                breathe()
        validator.set_examples(snapshot)
        findings = validator.findings(breathe)
        by_uid: dict[int, list[Finding]] = {}
        dataset_wide: list[Finding] = []
        per_example: list[Finding] = []
        for i, f in enumerate(findings):
            if not i & 255:
                breathe()
            if f.example is None or not (0 <= f.example < total):
                dataset_wide.append(f)
            else:
                by_uid.setdefault(snapshot[f.example].uid, []).append(f)
                per_example.append(f)
        if not snapshot:
            dataset_wide = []  # "too few examples" says nothing useful about an empty new dataset
        loaded = list(doc.load_findings)
        view = FindingsView.of(version, len(loaded), loaded + dataset_wide + per_example)
    return by_uid, dataset_wide, view, validator.majority_format()


def count_work(
    doc: DatasetDocument, everything: bool, uids: set[int], *, cancel: CancelToken, progress: ProgressCallback
) -> tuple[str, dict[int, int]]:
    model = doc.model
    counter = doc._counter_for(model)
    out: dict[int, int] = {}
    with paced() as breathe, gc_paused():
        examples = list(doc.dataset.examples)
        if everything:
            targets = examples
        else:  # (the scan for examples without a count pauses too: 100k examples take ~20 ms)
            tokens = doc._tokens
            missing = MISSING in uids
            targets = []
            for i, ex in enumerate(examples):
                if ex.uid in uids or (missing and ex.uid not in tokens):
                    targets.append(ex)
                if not i & 1023:
                    breathe()
    total = len(targets)
    if core_api.count_in_processes(total):
        # (a new model for a big file) core's count_dataset on worker processes: the UI thread
        # keeps the GIL to itself and every core counts
        counted = core_api.count_examples(
            targets, model, doc.training_context, cancel=cancel, progress=progress
        )
        return model, {uid: pack_tokens(t) for uid, t in counted.items()}
    with paced() as breathe, gc_paused():
        for i, ex in enumerate(targets):
            if i % 500 == 0:
                cancel.raise_if_cancelled()
                progress(i, total)
            breathe()
            packed = count_packed(counter, ex.data)
            if packed != NO_TOKENS:
                out[ex.uid] = packed
    progress(total, total)
    return model, out


def save_work(examples: list[Example], rejected: list[RejectedLine], path: Path, keep: bool = False) -> None:
    if keep:  # the lines stay in the file as they are, at their place
        core_api.save_examples(examples, path, rejected=rejected)
        return
    core_api.save_examples(examples, path)
    if rejected:
        # Lines that could not be read are never dropped silently: they go next to the file.
        side = path.with_name(path.stem + ".unreadable-lines.txt")
        core_api.atomic_write_bytes(side, b"".join(r.raw + b"\n" for r in rejected))
