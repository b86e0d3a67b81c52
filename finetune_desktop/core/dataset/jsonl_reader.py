"""Reading JSONL files: block by block, with progress and cancel; bad lines become issues, not errors.

Reading reports every bad line (with line, column or byte offset, and a fix) and still loads every good
line; a line that cannot become an example is kept with its raw bytes in ``rejected``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from finetune_desktop.core import gc_switch
from finetune_desktop.core.cancel import CancelToken, ProgressCallback
from finetune_desktop.core.dataset.examples import Dataset, LoadIssue, majority_format
from finetune_desktop.core.dataset.jsonl_lines import ParsedChunk
from finetune_desktop.core.dataset.jsonl_parse import merge_chunks, parse_jsonl_bytes
from finetune_desktop.core.files.atomic import remove_stale_temp_files
from finetune_desktop.core.files.file_kind import not_regular_reason

# Small read blocks keep temporaries small: with 8 MB ones the C allocator's heap fragments around the
# long-lived parsed objects and the process holds ~20% more memory for nothing.
READ_BLOCK = 1024 * 1024


class DatasetReadError(OSError):
    """The file cannot be read at all (missing, a folder, no permission); the message says which and why."""


def read_error(path: Path, e: OSError) -> DatasetReadError:
    if isinstance(e, FileNotFoundError):
        why = "it does not exist. Check the name and folder"
    elif isinstance(e, IsADirectoryError):
        why = "it is a folder, not a file. Choose a .jsonl file"
    elif isinstance(e, PermissionError):
        why = "you do not have permission to read it. Check the file's permissions"
    else:
        why = f"{e.strerror or e}. Check that the disk or share is available"
    return DatasetReadError(f"Cannot read {path}: {why}.")


def iter_jsonl_chunks(
    path: str | os.PathLike[str],
    *,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
    keep_raw: bool = True,
) -> Iterator[ParsedChunk]:
    """Read a JSONL file in 1 MB blocks and yield each block's parsed lines as soon as they are ready
    (a viewer can show the first rows while the rest loads). Join them with ``merge_chunks``.

    Raises ``DatasetReadError`` when the file cannot be read, ``Cancelled`` when ``cancel`` fires.
    """
    p = Path(path)
    kind = not_regular_reason(p)
    if kind is not None and kind != "a folder":  # a folder: the open below says so
        raise DatasetReadError(f"Cannot read {p}: it is {kind}, not a file. Choose a .jsonl file.")
    try:
        f = open(p, "rb")  # noqa: SIM115 - closed below; errors must be translated first
        total = os.fstat(f.fileno()).st_size
    except OSError as e:
        raise read_error(p, e) from e
    pending = bytearray()
    done = 0
    line = 1
    with f:
        if progress:
            progress(0, total)
        while True:
            if cancel:
                cancel.raise_if_cancelled()
            try:
                block = f.read(READ_BLOCK)
            except OSError as e:
                raise read_error(p, e) from e
            if not block:
                break
            pending += block
            # Only the new block can hold the last newline: searching all of ``pending`` made a long
            # line quadratic.
            cut = pending.rfind(b"\n", len(pending) - len(block)) + 1
            if cut:
                piece = bytes(pending[:cut])
                del pending[:cut]
                chunk = parse_jsonl_bytes(piece, first_line=line, base_offset=done, keep_raw=keep_raw)
                line += chunk.lines
                done += cut
                del piece
                if progress:
                    progress(done + len(pending), total)
                yield chunk
            elif progress:
                progress(done + len(pending), total)
        if pending:
            tail = bytes(pending)
            del pending[:]
            yield parse_jsonl_bytes(tail, first_line=line, base_offset=done, keep_raw=keep_raw)
            if progress:
                progress(total, total)


# magic bytes, what the file is (English), fix, and the kind as a LoadIssue variant for the GUI
FILE_TYPES = (
    (
        b"PK\x03\x04",
        "an Excel workbook or another zip file",
        "Import it with File > Import CSV or Excel.",
        "zip",
    ),
    (
        b"\xd0\xcf\x11\xe0",
        "an old Excel (.xls) or Word file",
        "Save it as .xlsx or CSV, then import it.",
        "xls",
    ),
    (b"\xff\xfe", "UTF-16 text", "Save the file as UTF-8 (Notepad: Save as > Encoding: UTF-8).", "utf16"),
    (b"\xfe\xff", "UTF-16 text", "Save the file as UTF-8 (Notepad: Save as > Encoding: UTF-8).", "utf16"),
)


def file_type_hint(path: str | os.PathLike[str]) -> LoadIssue | None:
    """One clear word when the whole file is of the wrong kind, above its per-line issues."""
    if not_regular_reason(path) is not None:
        return None
    try:
        with open(path, "rb") as f:
            head = f.read(8)
    except OSError:
        return None
    for magic, what, fix, variant in FILE_TYPES:
        if head.startswith(magic):
            return LoadIssue(
                "not_jsonl", 1, f"This file is {what}, not JSON Lines.", fix, fatal=True, variant=variant
            )
    return None


def load_jsonl(
    path: str | os.PathLike[str],
    *,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
    keep_raw: bool = True,
) -> Dataset:
    """Read a whole JSONL file; bad lines become issues (and ``rejected`` lines), never exceptions.

    Raises ``DatasetReadError`` only when the file cannot be read at all, and ``Cancelled`` when
    ``cancel`` fires (checked between 1 MB blocks). ``progress(done_bytes, total_bytes)``.
    ``keep_raw=False`` saves memory and time when the dataset will never be saved (a read-only script).
    """
    with gc_switch.paused():  # (see parse_jsonl_bytes)
        merged = merge_chunks(iter_jsonl_chunks(path, progress=progress, cancel=cancel, keep_raw=keep_raw))
    remove_stale_temp_files(path)  # the file opened, so temps of saves killed before are not needed
    ds = Dataset(merged.examples, Path(path), merged.issues, merged.rejected)
    hint = file_type_hint(path)
    if hint is not None:
        ds.issues.insert(0, hint)
    ds.format = majority_format(ex.data for ex in ds.examples)
    return ds
