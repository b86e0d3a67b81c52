"""Mending an unreadable line: does the user's corrected text now make an example, and if not, why.

The same reader rules as loading a file (``jsonl_lines``): one JSON object, no NaN, no byte order mark
in the middle, so a line mended in the editor loads the same way when the file is opened again.
"""

from __future__ import annotations

from typing import Any

from finetune_desktop.core.dataset.examples import LoadIssue
from finetune_desktop.core.dataset.jsonl_lines import ParsedChunk, load_line, prepare_line

#: the load issues that keep a line out of the dataset (its bytes are kept as a ``RejectedLine``)
UNREADABLE_CODES = frozenset({"invalid_json", "invalid_utf8", "not_an_object"})


def mend_line(text: str, line: int) -> tuple[dict[str, Any] | None, LoadIssue | None]:
    """``(data, None)`` when ``text`` is one example object, else ``(None, the problem)``.

    A blank text is a problem too (``blank_line``): deleting a line is not mending it.
    """
    out = ParsedChunk()
    raw = text.encode("utf-8", "surrogatepass")
    prepared = prepare_line(raw, 0, len(raw), None, line, 0, out)
    if prepared is None:
        return None, out.issues[-1] if out.issues else None
    body, start, end = prepared
    data = load_line(body, raw, start, end, line, 0, out)
    if data is None:
        return None, next((i for i in out.issues if i.fatal), out.issues[-1] if out.issues else None)
    return data, None
