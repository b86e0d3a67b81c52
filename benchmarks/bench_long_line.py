"""Reading one very long line must cost time linear in its length (issue 13: it was quadratic).

Run: ``.venv/bin/python benchmarks/bench_long_line.py [--sizes 25 50 100 200]`` (MB).

For each size, two files of the same number of bytes are read side by side: one line holding a single
JSON example of that size, and a baseline of 64 kB lines. Both go through the editor's reader
(``load_jsonl(keep_raw=False)``) and through ``check``'s range reader (``check_range`` with the
tokenizer switched to its estimate, so only reading and parsing are timed). The figure is the ratio
long-line time / baseline time: flat across sizes means linear; growing with the size means quadratic.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from finetune_desktop.core.check.pipeline import RangeJob, check_range
from finetune_desktop.core.dataset.examples import DatasetFormat
from finetune_desktop.core.dataset.jsonl_reader import load_jsonl


def _write(path: Path, mb: int, *, one_line: bool) -> None:
    size = mb * 1024 * 1024
    if one_line:
        text = "word " * (size // 5)
        data = json.dumps({"messages": [{"role": "user", "content": text}]}).encode() + b"\n"
    else:
        line = json.dumps({"messages": [{"role": "user", "content": "word " * 13_000}]}).encode() + b"\n"
        data = line * max(1, size // len(line))
    path.write_bytes(data)


def _time(fn: object) -> float:
    start = time.perf_counter()
    fn()  # type: ignore[operator]
    return time.perf_counter() - start


def _check(path: Path) -> None:
    size = path.stat().st_size
    job = RangeJob(str(path), 0, size, 1, "gpt-4o-mini-2024-07-18", "o200k_base", 0, DatasetFormat.CHAT,
                   estimate=True)  # fmt: skip
    check_range(job)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[25, 50, 100, 200])
    args = parser.parse_args()
    print(
        f"{'MB':>5} {'reader long':>12} {'base':>7} {'ratio':>6} {'check long':>11} {'base':>7} {'ratio':>6}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for mb in args.sizes:
            long_path, base_path = Path(tmp) / "long.jsonl", Path(tmp) / "base.jsonl"
            _write(long_path, mb, one_line=True)
            _write(base_path, mb, one_line=False)
            rl = _time(lambda p=long_path: load_jsonl(p, keep_raw=False))
            rb = _time(lambda p=base_path: load_jsonl(p, keep_raw=False))
            cl = _time(lambda p=long_path: _check(p))
            cb = _time(lambda p=base_path: _check(p))
            print(
                f"{mb:>5} {rl:>11.2f}s {rb:>6.2f}s {rl / rb:>6.2f} {cl:>10.2f}s {cb:>6.2f}s {cl / cb:>6.2f}"
            )


if __name__ == "__main__":
    main()
