"""What handing the editor its rows costs (not a test): ``check``'s worker work with and without the rows,
and the app's intake of them, in one process, on one file.

* **workers**: ``check_range`` on the first quarter of the file, with ``rows=False`` (what ``check`` does)
  and ``rows=True`` (what the editor asks for: raw bytes compressed, spans, search texts), alternating,
  in CPU seconds; the difference is what the editor's open costs beyond ``check``'s own work.
  ``--estimate`` skips the tokenizer, so the difference stands out against less noise.
* **intake**: the whole file's ranges, pickled as a worker hands them over, then the app's steps for each
  (``RowIntake``): unpickling, making the released examples, the search texts (``join_shared``), the
  validator entries and token counts (``merge_range``) and the search block, in CPU seconds.

Run: ``TIKTOKEN_CACHE_DIR=.cache/tiktoken .venv/bin/python benchmarks/bench_rows.py --file
/tmp/bench-editor-100k.jsonl [--rounds 3] [--estimate]`` (one benchmark at a time: ``flock /tmp/bench.lock``).
Figures: benchmarks/README.md, "LZ4, a prompt's search text once, entries in bulk".
"""

from __future__ import annotations

import argparse
import itertools
import os
import pickle
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from finetune_desktop.core.catalog.models import load_catalog  # noqa: E402
from finetune_desktop.core.check.pipeline import RangeJob, RangeResult, check_range  # noqa: E402
from finetune_desktop.core.dataset.examples import DatasetFormat  # noqa: E402


def _cuts(path: Path, parts: int) -> list[int]:
    """``parts + 1`` offsets that cut the file at line ends."""
    size = path.stat().st_size
    out = [0]
    with path.open("rb") as f:
        for k in range(1, parts):
            f.seek(size * k // parts)
            f.readline()
            out.append(f.tell())
    return [*out, size]


def _job(path: Path, start: int, end: int, line: int, rows: bool, estimate: bool) -> RangeJob:
    return RangeJob(
        path=str(path),
        start=start,
        end=end,
        first_line=line,
        model=load_catalog().default_model,
        encoding="o200k_base",
        training_context=65536,
        fmt=DatasetFormat.UNKNOWN,
        fast_digests=True,
        estimate=estimate,
        rows=rows,
        keep_per_code=10**9,  # (the editor keeps every finding)
    )


def workers(path: Path, rounds: int, estimate: bool) -> None:
    cuts = _cuts(path, 4)
    check_range(_job(path, 0, cuts[1], 1, False, estimate))  # (loads the vocabulary)
    times: dict[bool, list[float]] = {False: [], True: []}
    for _ in range(rounds):
        for rows in (False, True):
            t0 = time.process_time()
            check_range(_job(path, 0, cuts[1], 1, rows, estimate))
            times[rows].append(time.process_time() - t0)
    plain, kept = sorted(times[False]), sorted(times[True])
    print(f"workers, the first quarter ({'estimated tokens' if estimate else 'tokenizer'}), CPU s:")
    print("  without rows (check): " + ", ".join(f"{t:.3f}" for t in plain))
    print("  with rows (editor):   " + ", ".join(f"{t:.3f}" for t in kept))
    print(f"  medians: {kept[len(kept) // 2] - plain[len(plain) // 2]:+.3f} s for the rows")


def intake(path: Path, rounds: int, estimate: bool) -> None:
    from finetune_desktop.gui.dataset import core_api
    from finetune_desktop.gui.dataset.loader import merge_range
    from finetune_desktop.gui.dataset.search_index import Block, SearchIndex

    cuts = _cuts(path, 4)
    blobs: list[bytes] = []
    line = 1
    for a, b in itertools.pairwise(cuts):
        result = check_range(_job(path, a, b, line, True, estimate))
        line = result.next_line
        blobs.append(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    steps = ("unpickle", "examples", "search texts", "entries + counts", "search block")
    spent = dict.fromkeys(steps, 0.0)
    for _ in range(rounds):
        index = SearchIndex()
        validator = core_api.make_validator(65536, fast_digests=True)
        count = 0
        for blob in blobs:
            t = time.process_time()
            r: RangeResult = pickle.loads(blob)
            assert r.rows is not None
            t = _tick(spent, "unpickle", t)
            examples = r.rows.packed.unpack()
            t = _tick(spent, "examples", t)
            texts = _texts(index, r)
            t = _tick(spent, "search texts", t)
            merge_range(examples, r, count, validator, lambda: None)
            t = _tick(spent, "entries + counts", t)
            index.add_block(Block([ex.uid for ex in examples], texts))
            _tick(spent, "search block", t)
            count += len(examples)
    print(f"intake of {count:,} examples ({sum(map(len, blobs)) / 1e6:.0f} MB pickled), CPU s per open:")
    print("  " + ", ".join(f"{k} {v / rounds:.3f}" for k, v in spent.items()))


def _texts(index: Any, result: RangeResult) -> list[bytes]:
    """The index texts of a range's rows (in a tree before ``SearchTexts``, as that tree made them, so
    this script can time a baseline copied into it)."""
    rows: Any = result.rows
    if hasattr(index, "join_shared"):
        return index.join_shared(rows.search)  # type: ignore[no-any-return]
    return [index.shared(t, n) for t, n in zip(rows.search, rows.prompt_lens, strict=True)]


def _tick(spent: dict[str, float], step: str, since: float) -> float:
    now = time.process_time()
    spent[step] += now - since
    return now


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    ap.add_argument("--file", type=Path, required=True, help="a JSONL file (e.g. bench_editor.py's)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--estimate", action="store_true", help="no tokenizer: estimated counts")
    args = ap.parse_args()
    print(f"file: {args.file} ({os.path.getsize(args.file) / 1e6:.1f} MB)")
    workers(args.file, args.rounds, args.estimate)
    intake(args.file, args.rounds, args.estimate)


if __name__ == "__main__":
    main()
