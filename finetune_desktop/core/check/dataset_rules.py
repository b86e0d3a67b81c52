"""Dataset-wide rules over the compact columns the check workers return (no parsed examples needed).

The same rules, and the validation package's own finding builders, as ``DatasetValidator``: example counts,
mixed formats, images, exact duplicates (every copy after the first), one prompt with different answers
(every member of such a group), and training/validation overlap. Examples are compared by 64-bit digests
of the validator's own example keys, which keeps a 100,000-example file to a few MB here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import cast

from finetune_desktop.core.dataset.examples import DatasetFormat, Example
from finetune_desktop.core.validation.dataset_rules import (
    MAX_IMAGE_EXAMPLES,
    conflict_finding,
    count_findings,
    duplicate_finding,
    image_examples_finding,
    mixed_format_finding,
    overlap_finding,
)
from finetune_desktop.core.validation.findings import Finding

_CODE_FORMATS = {ord("c"): DatasetFormat.CHAT, ord("p"): DatasetFormat.PREFERENCE}


class _At:
    """Stands in for an Example where a finding builder only needs its line."""

    __slots__ = ("line",)

    def __init__(self, line: int | None) -> None:
        self.line = line


def _ex(line: int | None) -> Example:
    return cast(Example, _At(line))


def dataset_findings(
    *,
    lines: Sequence[int],
    formats: bytes | bytearray,
    images: bytes | bytearray,
    full_keys: Sequence[int],
    prompt_keys: Sequence[int],
    answer_keys: Sequence[int],
    no_key: int,
    validation_keys: dict[int, int] | None = None,
    check_counts: bool = True,
    tally: Counter[str] | None = None,
    keep: int | None = None,
) -> list[Finding]:
    """Findings that need the whole file. ``validation_keys``: full-key digest -> validation file line.

    With ``tally`` every finding is counted there by code and only the first ``keep`` of each code are
    built (a million duplicates cost a counter, not a million findings).
    """
    n = len(lines)
    out: list[Finding] = count_findings(n) if check_counts else []
    related: dict[int, list[Finding]] = {}
    if tally is not None:
        tally.update(f.code for f in out)

    def wanted(code: str) -> bool:
        if tally is None:
            return True
        tally[code] += 1
        return keep is None or tally[code] <= keep

    chat, pref = formats.count(b"c"), formats.count(b"p")
    if chat and pref:
        majority = DatasetFormat.CHAT if chat >= pref else DatasetFormat.PREFERENCE
        n_major = max(chat, pref)
        for i, code in enumerate(formats):
            fmt = _CODE_FORMATS.get(code)
            if fmt is not None and fmt is not majority and wanted("mixed_formats"):
                related.setdefault(i, []).append(
                    mixed_format_finding(_ex(lines[i]), i, fmt, majority, n_major, n)
                )
    with_images = sum(images)
    if with_images > MAX_IMAGE_EXAMPLES and wanted("too_many_image_examples"):
        out.append(image_examples_finding(with_images))

    # Most files have no duplicates and few repeated prompts: set and Counter (C loops) find out before
    # any per-example Python loop runs.
    duplicates: set[int] = set()
    if len(set(full_keys)) != n:
        first_full: dict[int, int] = {}
        for i, fk in enumerate(full_keys):
            first = first_full.setdefault(fk, i)
            if first != i:
                duplicates.add(i)
                if wanted("duplicate_example"):
                    related.setdefault(i, []).append(
                        duplicate_finding(_ex(lines[i]), i, _ex(lines[first]), first)
                    )
    repeated = set() if len(set(prompt_keys)) == n else {k for k, c in Counter(prompt_keys).items() if c > 1}
    groups: dict[int, list[int]] = {}  # prompt digest -> example indexes (non-duplicates with an answer)
    if repeated:
        for i, pk in enumerate(prompt_keys):
            if pk in repeated and answer_keys[i] != no_key and i not in duplicates:
                groups.setdefault(pk, []).append(i)
    for members in groups.values():
        if len(members) < 2:
            continue
        firsts: dict[int, int] = {}
        for i in members:
            firsts.setdefault(answer_keys[i], i)
        if len(firsts) < 2:
            continue
        for i in members:
            if not wanted("conflicting_answers"):
                continue
            other = next(j for a, j in firsts.items() if a != answer_keys[i])
            related.setdefault(i, []).append(conflict_finding(_ex(lines[i]), i, _ex(lines[other]), other))

    if validation_keys and not validation_keys.keys().isdisjoint(full_keys):
        for i, fk in enumerate(full_keys):
            vline = validation_keys.get(fk)
            if vline is not None and wanted("train_validation_overlap"):
                related.setdefault(i, []).append(overlap_finding(_ex(lines[i]), i, _ex(vline)))
    for i in sorted(related):
        out.extend(related[i])
    return out
