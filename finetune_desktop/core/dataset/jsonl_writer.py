"""Writing JSONL without losing a byte: unchanged examples byte for byte, edited ones as compact JSON.

Saves are atomic (temp file, fsync, rename) and keep the previous file as ``<name>.bak``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from finetune_desktop.core.cancel import CancelToken, ProgressCallback
from finetune_desktop.core.dataset.examples import Dataset, Example, RawBlock, raw_lines
from finetune_desktop.core.dataset.jsonl_parse import RAW_BLOCK
from finetune_desktop.core.files.atomic import atomic_writer

SAVE_BATCH = 8192


def rejected_line(raw: bytes) -> bytes:
    """A rejected line's raw bytes as a file line, so that reading it back gives ``raw`` again.

    The reader takes one CR before a line's end as part of a CRLF line end, so a line whose own bytes end
    in CR (a file's ``\\r\\r\\n``) is written with one more CR; any other line ends with a plain ``\\n``.
    """
    return raw + (b"\r\n" if raw.endswith(b"\r") else b"\n")


class SerializeError(ValueError):
    """An edited example holds something JSON cannot represent (NaN, a non-JSON object)."""


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
            f.write(b"".join(rejected_line(r.raw) for r in rejected))
    if progress:
        progress(total, total)
    if adopt and isinstance(dataset_or_examples, Dataset):
        for n, (ex, (block, s, e)) in enumerate(zip(examples, adopted, strict=True), start=1):
            ex._attach(block, s, e)
            ex.line = n
        dataset_or_examples.path = Path(path)
