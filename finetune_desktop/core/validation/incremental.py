"""Whole-dataset validation that stays current while the user edits.

The editor calls ``update(example)`` after each edit of a 100k-example file, so an update costs the size of
that example, not of the file: per-example findings are cached by ``Example.uid``, and duplicates,
conflicts and format counts live in hash maps keyed by the hashes of example keys whose buckets hold
uids (the keys themselves are tuples of every message string: keeping them would keep all the text of a
100k-example file alive, ~1x its size, even after the editor released the parsed examples). Only
``findings()`` (which returns every finding anyway) walks the dataset, to number examples in their
current order.

The caller owns ``dataset.examples``: it inserts/deletes there and then tells the validator with
``add(example)`` / ``remove(uid)``. ``findings()`` also repairs any drift it notices (an example nobody
announced is validated then; a uid no longer in the list is dropped).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import replace
from typing import NamedTuple

from finetune_desktop.core import gc_switch
from finetune_desktop.core.dataset.examples import Dataset, DatasetFormat, Example
from finetune_desktop.core.validation.dataset_rules import (
    MAX_IMAGE_EXAMPLES,
    conflict_finding,
    count_findings,
    duplicate_finding,
    image_examples_finding,
    mixed_format_finding,
    overlap_finding,
)
from finetune_desktop.core.validation.example import check_example, example_keys, too_long
from finetune_desktop.core.validation.findings import Finding

_FORMATS = (DatasetFormat.CHAT, DatasetFormat.PREFERENCE)


class Checked(NamedTuple):
    """What validating one example found (here or in ``check``'s worker processes): its own findings
    (without "too long", which follows the token totals), its format, whether it has images, and the
    ``(full, prompt, answer)`` digests of its keys (``full`` None for a value that is not an object,
    ``answer`` None when there is no answer to compare)."""

    findings: Sequence[Finding]
    fmt: DatasetFormat
    images: bool
    keys: tuple[int | None, int, int | None]


#: ``add_checked_rows``'s rows: example, index, findings, format, images and the (full, prompt, answer)
#: digests (see ``Checked``).
CheckedRow = tuple[Example, int, Sequence[Finding], DatasetFormat, bool, int | None, int, int | None]


class _Entry:
    """One example's cached result. ``full``/``prompt``/``answer`` are digests of its keys (64-bit: two
    different examples collide with odds of ~1e-9 in a 100k-example file); ``full`` is None for a value
    that is not an object, ``answer`` None when there is no answer to compare."""

    __slots__ = ("answer", "example", "findings", "fmt", "full", "images", "index", "line", "prompt")

    def __init__(
        self,
        example: Example,
        index: int,
        findings: Sequence[Finding],
        fmt: DatasetFormat,
        images: bool,
        full: int | None,
        prompt: int,
        answer: int | None,
    ) -> None:
        self.example = example
        self.index = index
        self.line = example.line
        # most examples have no finding: share one empty tuple instead of keeping 100k empty lists
        self.findings: Sequence[Finding] = findings or ()
        self.fmt = fmt
        self.images = images
        self.full, self.prompt, self.answer = full, prompt, answer

    @classmethod
    def checked(cls, example: Example, index: int, digest: Callable[[Hashable], int]) -> _Entry:
        """Validate ``example`` now."""
        found, fmt, images, keys = check_example(example.data, index=index, line=example.line)
        full: int | None = None
        prompt = 0
        answer: int | None = None
        if keys is not None:
            full = digest(keys.full)
            if keys.answer is not None:
                prompt = digest(keys.prompt)
                answer = digest(keys.answer)
        return cls(example, index, found, fmt, images > 0, full, prompt, answer)


class _Buckets:
    """key -> ordered set of uids, tracking which keys hold more than one uid."""

    __slots__ = ("map", "multi")

    def __init__(self) -> None:
        self.map: dict[Hashable, int | dict[int, None]] = {}
        self.multi: set[Hashable] = set()

    def add(self, key: Hashable, uid: int) -> None:
        cur = self.map.get(key)
        if cur is None:
            self.map[key] = uid
        elif type(cur) is int:
            if cur != uid:
                self.map[key] = {cur: None, uid: None}
                self.multi.add(key)
        else:
            assert isinstance(cur, dict)
            cur[uid] = None

    def discard(self, key: Hashable, uid: int) -> None:
        cur = self.map.get(key)
        if cur is None:
            return
        if type(cur) is int:
            if cur == uid:
                del self.map[key]
            return
        assert isinstance(cur, dict)
        cur.pop(uid, None)
        if len(cur) == 1:
            self.map[key] = next(iter(cur))
            self.multi.discard(key)

    def members(self, key: Hashable) -> Iterable[int]:
        cur = self.map.get(key)
        if cur is None:
            return ()
        if type(cur) is int:
            return (cur,)
        assert isinstance(cur, dict)
        return cur.keys()


class DatasetValidator:
    """Incremental validator: ``full()`` once, then ``update``/``add``/``remove`` per edit, ``findings()``."""

    def __init__(
        self,
        *,
        training_context: int | None = None,
        token_totals: Mapping[int, int] | None = None,
        validation: Dataset | None = None,
        check_counts: bool = True,
        digest: Callable[[Hashable], int] = hash,
    ) -> None:
        """``digest`` turns an example's keys into the ints compared for duplicates and conflicts: Python's
        ``hash`` by default; a seed-free one (``check.pipeline.digest(key, False)``) when entries also come
        from other processes (``add_checked``)."""
        self.training_context = training_context
        self._digest = digest
        self.token_totals: Mapping[int, int] = token_totals if token_totals is not None else {}
        self.check_counts = check_counts
        self._dataset: Dataset | None = None
        self._entries: dict[int, _Entry] = {}
        self._full = _Buckets()
        self._prompt = _Buckets()
        self._formats: dict[DatasetFormat, dict[int, None]] = {f: {} for f in _FORMATS}
        self._images = 0
        self._validation: dict[int, Example] = {}
        if validation is not None:
            self.set_validation(validation)

    # --- building ---------------------------------------------------------------------------------
    def full(self, dataset: Dataset) -> list[Finding]:
        """Validate every example of ``dataset`` from scratch and return all findings."""
        self._dataset = dataset
        self._entries = {}
        self._full = _Buckets()
        self._prompt = _Buckets()
        self._formats = {f: {} for f in _FORMATS}
        self._images = 0
        # The loop allocates only acyclic objects (findings, tuples), yet every few thousand allocations
        # the cycle collector would re-scan the whole dataset (a third of the time): paused while building.
        with gc_switch.paused():
            for i, ex in enumerate(dataset.examples):
                self._insert(_Entry.checked(ex, i, self._digest))
            return self.findings()

    def __contains__(self, uid: object) -> bool:
        """True when the example with this uid has been added (or updated) and not removed."""
        return uid in self._entries

    def set_examples(self, examples: list[Example]) -> None:
        """Number by ``examples`` from now on (a snapshot in the current order that the caller leaves alone,
        so a worker can read it while the UI edits the live list); the next ``findings()`` validates the
        ones never added and forgets the ones gone."""
        self._dataset = Dataset(examples=examples)

    def set_validation(self, validation: Dataset | None) -> None:
        """The validation file whose examples must not also be in this (training) file."""
        self._validation = {}
        if validation is None:
            return
        for ex in validation.examples:
            keys = example_keys(ex.data)
            if keys is not None:
                self._validation.setdefault(self._digest(keys.full), ex)

    def update(self, example: Example) -> None:
        """Re-validate one edited example (O(size of the example)); read the result with ``findings_for``."""
        old = self._entries.get(example.uid)
        index = old.index if old is not None else len(self._entries)
        if old is not None:
            self._drop(old)
        self._insert(_Entry.checked(example, index, self._digest))

    def add(self, example: Example, index: int | None = None) -> None:
        """An example was inserted (``index`` is its position, a hint for numbering before ``findings()``)."""
        if example.uid in self._entries:
            self.update(example)
            return
        self._insert(_Entry.checked(example, len(self._entries) if index is None else index, self._digest))

    def add_checked(self, example: Example, index: int, checked: Checked) -> None:
        """Add (or replace) an example validated elsewhere (``check``'s worker processes); its key
        digests must be made with this validator's ``digest``."""
        old = self._entries.get(example.uid)
        if old is not None:
            self._drop(old)
        self._insert(_Entry(example, index, checked.findings, checked.fmt, checked.images, *checked.keys))

    def add_checked_rows(self, rows: Iterable[CheckedRow]) -> None:
        """``add_checked`` for many examples at once (an opened file's 100k): each row is an example, its
        index and what a ``Checked`` holds, flat."""
        entries = self._entries
        full, prompts = self._full, self._prompt
        full_map, prompt_map = full.map, prompts.map
        formats = self._formats
        for row in rows:
            entry = _Entry(*row)
            uid = entry.example.uid
            old = entries.get(uid)
            if old is not None:
                self._drop(old)
            entries[uid] = entry
            key = entry.full
            if key is not None:
                # (``_Buckets.add``, inline for the usual case: a key not seen before)
                if key in full_map:
                    full.add(key, uid)
                else:
                    full_map[key] = uid
                if entry.answer is not None:
                    key = entry.prompt
                    if key in prompt_map:
                        prompts.add(key, uid)
                    else:
                        prompt_map[key] = uid
            if entry.fmt in formats:
                formats[entry.fmt][uid] = None
            if entry.images:
                self._images += 1

    def remove(self, uid: int) -> None:
        """An example was deleted."""
        old = self._entries.get(uid)
        if old is not None:
            self._drop(old)

    def _insert(self, entry: _Entry) -> None:
        uid = entry.example.uid
        self._entries[uid] = entry
        if entry.full is not None:
            self._full.add(entry.full, uid)
            if entry.answer is not None:
                self._prompt.add(entry.prompt, uid)
        if entry.fmt in self._formats:
            self._formats[entry.fmt][uid] = None
        if entry.images:
            self._images += 1

    def _drop(self, entry: _Entry) -> None:
        uid = entry.example.uid
        del self._entries[uid]
        if entry.full is not None:
            self._full.discard(entry.full, uid)
            if entry.answer is not None:
                self._prompt.discard(entry.prompt, uid)
        if entry.fmt in self._formats:
            self._formats[entry.fmt].pop(uid, None)
        if entry.images:
            self._images -= 1

    # --- reading ----------------------------------------------------------------------------------
    def majority_format(self) -> DatasetFormat:
        chat = len(self._formats[DatasetFormat.CHAT])
        pref = len(self._formats[DatasetFormat.PREFERENCE])
        if chat == 0 and pref == 0:
            return DatasetFormat.UNKNOWN
        return DatasetFormat.PREFERENCE if pref > chat else DatasetFormat.CHAT

    def dataset_findings(self) -> list[Finding]:
        """Findings about the whole file (counts), without line or example."""
        out = count_findings(len(self._entries)) if self.check_counts else []
        if self._images > MAX_IMAGE_EXAMPLES:
            out.append(image_examples_finding(self._images))
        return out

    def findings(self, pause: Callable[[], None] | None = None) -> list[Finding]:
        """Every finding: file-wide first, then per example in dataset order.

        ``pause`` (if given) is called every few hundred examples: a GUI worker yields to its UI thread
        there (on 100k examples this walk takes a few hundred milliseconds).
        """
        examples = (
            self._dataset.examples
            if self._dataset is not None
            else [e.example for e in self._entries.values()]
        )
        self._reconcile(examples, pause)
        position: dict[int, int] = {}
        for i, ex in enumerate(examples):
            position[ex.uid] = i
            if pause is not None and not i & 1023:
                pause()
        related = self._related(position)
        out = self.dataset_findings()
        entries = self._entries
        context = self.training_context
        totals = self.token_totals
        for i, ex in enumerate(examples):
            if pause is not None and not i & 255:
                pause()
            entry = entries[ex.uid]
            if entry.findings:
                out.extend(self._renumbered(entry, i))
            extra = related.get(ex.uid)
            if extra:
                out.extend(extra)
            if context is not None:
                tokens = totals.get(ex.uid)
                if tokens is not None and tokens > context:
                    out.append(too_long(tokens, context, index=i, line=ex.line))
        return out

    def findings_for(self, uid: int) -> list[Finding]:
        """One example's findings (its own plus duplicate/conflict/format/overlap), cost O(its groups).

        Example numbers are as of the last ``findings()``/``update()`` of that example (inserts before it
        renumber it only at the next ``findings()``).
        """
        entry = self._entries.get(uid)
        if entry is None:
            return []
        out = list(entry.findings)
        index = entry.index
        out.extend(self._related_one(entry))
        if self.training_context is not None:
            tokens = self.token_totals.get(uid)
            if tokens is not None and tokens > self.training_context:
                out.append(too_long(tokens, self.training_context, index=index, line=entry.example.line))
        return out

    def _renumbered(self, entry: _Entry, index: int) -> Sequence[Finding]:
        line = entry.example.line
        if entry.index != index or entry.line != line:
            entry.findings = [replace(f, example=index, line=line) for f in entry.findings]
            entry.index = index
            entry.line = line
        return entry.findings

    def _reconcile(self, examples: list[Example], pause: Callable[[], None] | None = None) -> None:
        entries = self._entries
        if len(entries) == len(examples):
            for start in range(0, len(examples), 1024):  # (a pause between blocks: see ``findings``)
                if pause is not None:
                    pause()
                if not all(ex.uid in entries for ex in examples[start : start + 1024]):
                    break
            else:
                return
        seen: set[int] = set()
        for i, ex in enumerate(examples):
            seen.add(ex.uid)
            if ex.uid not in entries:
                self._insert(_Entry.checked(ex, i, self._digest))
        for uid in [u for u in entries if u not in seen]:
            self._drop(entries[uid])

    # --- dataset relations --------------------------------------------------------------------------
    def _related(self, position: dict[int, int]) -> dict[int, list[Finding]]:
        out: dict[int, list[Finding]] = {}
        entries = self._entries
        for key in self._full.multi:
            members = sorted(self._full.members(key), key=position.__getitem__)
            first = entries[members[0]].example
            for uid in members[1:]:
                ex = entries[uid].example
                out.setdefault(uid, []).append(
                    duplicate_finding(ex, position[uid], first, position[first.uid])
                )
        for key in self._prompt.multi:
            members = sorted(self._prompt.members(key), key=position.__getitem__)
            firsts: dict[int | None, int] = {}
            for uid in members:
                firsts.setdefault(entries[uid].answer, uid)
            if len(firsts) < 2:
                continue
            for uid in members:
                answer = entries[uid].answer
                other = next(u for a, u in firsts.items() if a != answer)
                ex = entries[uid].example
                oex = entries[other].example
                out.setdefault(uid, []).append(conflict_finding(ex, position[uid], oex, position[other]))
        majority = self.majority_format()
        for fmt in _FORMATS:
            if fmt is not majority and majority is not DatasetFormat.UNKNOWN:
                for uid in self._formats[fmt]:
                    ex = entries[uid].example
                    out.setdefault(uid, []).append(
                        mixed_format_finding(
                            ex, position[uid], fmt, majority, len(self._formats[majority]), len(entries)
                        )
                    )
        if self._validation:
            for uid, entry in entries.items():
                if entry.full is not None:
                    vex = self._validation.get(entry.full)
                    if vex is not None:
                        out.setdefault(uid, []).append(overlap_finding(entry.example, position[uid], vex))
        return out

    def _related_one(self, entry: _Entry) -> list[Finding]:
        out: list[Finding] = []
        entries = self._entries
        uid = entry.example.uid
        index = entry.index
        full = entry.full
        if full is not None:
            if full in self._full.multi:
                members = sorted(self._full.members(full), key=lambda u: entries[u].index)
                if members[0] != uid:
                    first = entries[members[0]]
                    out.append(duplicate_finding(entry.example, index, first.example, first.index))
            if entry.answer is not None and entry.prompt in self._prompt.multi:
                others = [entries[u] for u in self._prompt.members(entry.prompt) if u != uid]
                differing = [o for o in others if o.full is not None and o.answer != entry.answer]
                if differing:
                    other = min(differing, key=lambda o: o.index)
                    out.append(conflict_finding(entry.example, index, other.example, other.index))
            vex = self._validation.get(full)
            if vex is not None:
                out.append(overlap_finding(entry.example, index, vex))
        majority = self.majority_format()
        if entry.fmt in self._formats and entry.fmt is not majority and majority is not DatasetFormat.UNKNOWN:
            out.append(
                mixed_format_finding(
                    entry.example, index, entry.fmt, majority, len(self._formats[majority]), len(entries)
                )
            )
        return out


def validate_dataset(
    dataset: Dataset,
    *,
    training_context: int | None = None,
    token_totals: Mapping[int, int] | None = None,
    validation: Dataset | None = None,
    check_counts: bool = True,
) -> list[Finding]:
    """Every finding for a loaded file: per example, then file-wide rules. Never raises.

    ``token_totals`` maps ``Example.uid`` to the example's total tokens (for the too-long warning with
    ``training_context``); ``validation`` is the validation file, checked for overlap. Pass
    ``check_counts=False`` when validating a validation file (the 10/50 minimum applies to training).
    """
    validator = DatasetValidator(
        training_context=training_context,
        token_totals=token_totals,
        validation=validation,
        check_counts=check_counts,
    )
    return validator.full(dataset)
