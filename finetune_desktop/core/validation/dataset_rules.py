"""Rules about the file as a whole: example counts, duplicates, conflicts, mixed formats, overlap with the
validation file, and the one-call ``validate_dataset``.
"""

from __future__ import annotations

from finetune_desktop.core.dataset.examples import DatasetFormat, Example
from finetune_desktop.core.validation.codes import make_finding
from finetune_desktop.core.validation.findings import NO_PARAMS, Finding

MIN_EXAMPLES = 10  # OpenAI rejects smaller files
RECOMMENDED_EXAMPLES = 50  # the guide: clear improvements from 50-100 examples
MAX_IMAGE_EXAMPLES = 50_000

_FORMAT_NAMES = {DatasetFormat.CHAT: "chat", DatasetFormat.PREFERENCE: "preference (DPO)"}


def describe(example: Example, index: int) -> str:
    """How a message names another example: its file line, else its position."""
    if example.line is not None:
        return f"line {example.line}"
    return f"example {index + 1} (not yet saved)"


def other_params(example: Example, index: int) -> dict[str, int]:
    """``describe`` as params: the other example's file line, else its 1-based position."""
    if example.line is not None:
        return {"other_line": example.line}
    return {"other_example": index + 1}


def count_findings(n: int) -> list[Finding]:
    if n < MIN_EXAMPLES:
        return [
            make_finding(
                "too_few_examples",
                f"The file has {n} example{'' if n == 1 else 's'}; OpenAI requires at least {MIN_EXAMPLES}.",
                index=None,
                line=None,
                path=None,
                params={"count": n, "minimum": MIN_EXAMPLES},
            )
        ]
    if n < RECOMMENDED_EXAMPLES:
        return [
            make_finding(
                "few_examples",
                f"The file has {n} examples; {RECOMMENDED_EXAMPLES} to 100 well-made examples usually give "
                "clear improvements.",
                index=None,
                line=None,
                path=None,
                params={"count": n, "recommended": RECOMMENDED_EXAMPLES},
            )
        ]
    return []


def image_examples_finding(count: int) -> Finding:
    """More examples with images than OpenAI accepts (the caller compares with ``MAX_IMAGE_EXAMPLES``)."""
    return make_finding(
        "too_many_image_examples",
        f"{count:,} examples contain images; at most {MAX_IMAGE_EXAMPLES:,} are allowed.",
        index=None,
        line=None,
        path=None,
        params={"count": count, "limit": MAX_IMAGE_EXAMPLES},
    )


def duplicate_finding(ex: Example, index: int, first: Example, first_index: int) -> Finding:
    return make_finding(
        "duplicate_example",
        f"This example is an exact duplicate of {describe(first, first_index)}.",
        index=index,
        line=ex.line,
        path=None,
        variant="line" if first.line is not None else "example",
        params=other_params(first, first_index),
    )


def conflict_finding(ex: Example, index: int, other: Example, other_index: int) -> Finding:
    return make_finding(
        "conflicting_answers",
        f"{describe(other, other_index).capitalize()} has the same prompt but a different answer, which "
        "teaches the model two answers to one question.",
        index=index,
        line=ex.line,
        path=None,
        variant="line" if other.line is not None else "example",
        params=other_params(other, other_index),
    )


def mixed_format_finding(
    ex: Example, index: int, fmt: DatasetFormat, majority: DatasetFormat, n_majority: int, n: int
) -> Finding:
    return make_finding(
        "mixed_formats",
        f"This is a {_FORMAT_NAMES.get(fmt, str(fmt))} example, but {n_majority:,} of the file's {n:,} "
        f"examples are {_FORMAT_NAMES.get(majority, str(majority))}; a file must hold one format.",
        index=index,
        line=ex.line,
        path=None,
        params={"format": str(fmt), "majority": str(majority), "majority_count": n_majority, "count": n},
    )


def overlap_finding(ex: Example, index: int, validation_example: Example) -> Finding:
    where = f"line {validation_example.line}" if validation_example.line is not None else "an example"
    return make_finding(
        "train_validation_overlap",
        f"This example is also in the validation file ({where}); validation scores would be meaningless.",
        index=index,
        line=ex.line,
        path=None,
        variant="" if validation_example.line is None else "line",
        params=NO_PARAMS if validation_example.line is None else {"other_line": validation_example.line},
    )
