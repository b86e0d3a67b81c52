"""JSONL reading and writing that never loses a byte: the one import for dataset file I/O.

The work lives in smaller modules; this one re-exports their public names so callers need not know them:

* :mod:`.jsonl_reader`: files, block by block (``load_jsonl``, ``iter_jsonl_chunks``, ``DatasetReadError``)
* :mod:`.jsonl_parse`: bytes to examples (``parse_jsonl_bytes``, ``chunk_boundaries``, ``merge_chunks``)
* :mod:`.jsonl_lines`: one line's problems and the ``ParsedChunk`` they go into
* :mod:`.jsonl_compact`: compressed raw lines and shared strings of a loaded file
* :mod:`.jsonl_writer`: ``serialize_example``, ``dumps_compact``, atomic ``save_jsonl``
"""

from __future__ import annotations

from finetune_desktop.core.dataset.examples import DatasetFormat, detect_format
from finetune_desktop.core.dataset.jsonl_lines import ParsedChunk
from finetune_desktop.core.dataset.jsonl_parse import (
    chunk_boundaries,
    merge_chunks,
    parse_jsonl_bytes,
    parse_jsonl_values,
)
from finetune_desktop.core.dataset.jsonl_reader import DatasetReadError, iter_jsonl_chunks, load_jsonl
from finetune_desktop.core.dataset.jsonl_writer import (
    SerializeError,
    dumps_compact,
    save_jsonl,
    serialize_example,
)

__all__ = [  # DatasetFormat and detect_format are re-exported: callers import all I/O from here
    "DatasetFormat",
    "DatasetReadError",
    "ParsedChunk",
    "SerializeError",
    "chunk_boundaries",
    "detect_format",
    "dumps_compact",
    "iter_jsonl_chunks",
    "load_jsonl",
    "merge_chunks",
    "parse_jsonl_bytes",
    "parse_jsonl_values",
    "save_jsonl",
    "serialize_example",
]
