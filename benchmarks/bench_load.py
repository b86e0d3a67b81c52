"""Load benchmark: generate ~140 MB of 100,000 multi-turn EN/ZH chat examples, load, save, measure.

Run: ``.venv/bin/python benchmarks/bench_load.py [--examples N] [--keep]``. The file goes to /tmp.
Reports load time, peak traced memory (tracemalloc, a separate run) and max RSS against the file size.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import time
import tracemalloc
from pathlib import Path

from finetune_desktop.core.dataset.jsonl_reader import load_jsonl
from finetune_desktop.core.dataset.jsonl_writer import save_jsonl

EN = [
    "the", "quick", "brown", "fox", "jumps", "over", "lazy", "dog", "while", "our", "customer", "asks",
    "about", "refund", "policy", "for", "an", "order", "that", "arrived", "late", "and", "damaged",
    "please", "explain", "next", "steps", "clearly",
]  # fmt: skip
ZH = "我们的客户询问关于退款政策的问题订单延迟到达并且损坏请清楚地解释接下来的步骤谢谢您的耐心等待"
SYSTEM = "You are a helpful, concise customer support assistant for an online shop. 请用用户的语言回答。"


def _text(rng: random.Random, words: int, zh_share: float) -> str:
    parts: list[str] = []
    for _ in range(words):
        if rng.random() < zh_share:
            n = rng.randint(2, 8)
            i = rng.randrange(len(ZH) - n)
            parts.append(ZH[i : i + n])
        else:
            parts.append(rng.choice(EN))
    return " ".join(parts)


def generate(path: Path, n: int, seed: int = 1, mix: str = "word") -> None:
    """``mix="word"``: every text mixes Chinese into English (worst case for Python's memory: the whole
    string is stored at 2 bytes per character); ``mix="message"``: each message is one language."""
    rng = random.Random(seed)

    def text(words: int) -> str:
        if mix == "word":
            return _text(rng, words, 0.3)
        return _text(rng, int(words * 0.6), 1.0) if rng.random() < 0.35 else _text(rng, words, 0.0)

    with open(path, "w", encoding="utf-8") as f:
        for _ in range(n):
            msgs = [{"role": "system", "content": SYSTEM}]
            for _ in range(rng.randint(2, 4)):
                msgs.append({"role": "user", "content": text(rng.randint(7, 20))})
                msgs.append({"role": "assistant", "content": text(rng.randint(14, 42))})
            f.write(json.dumps({"messages": msgs}, ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--examples", type=int, default=100_000)
    ap.add_argument("--mix", choices=["word", "message"], default="word", help="how EN and ZH are mixed")
    ap.add_argument("--keep", action="store_true", help="reuse the generated file if present")
    args = ap.parse_args(argv)
    path = Path(f"/tmp/bench_load_{args.mix}.jsonl")
    if not (args.keep and path.exists()):
        t = time.perf_counter()
        generate(path, args.examples, mix=args.mix)
        print(f"generated {path} in {time.perf_counter() - t:.1f} s")
    size = path.stat().st_size
    print(f"file: {size / 1e6:.1f} MB")

    t, c = time.perf_counter(), time.process_time()
    ds = load_jsonl(path)
    load_s, load_cpu = time.perf_counter() - t, time.process_time() - c
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux
    print(f"load: {len(ds)} examples, {len(ds.issues)} issues in {load_s:.2f} s wall, {load_cpu:.2f} s CPU")
    print(f"max RSS after load: {rss / 1e6:.0f} MB = {rss / size:.2f}x file (includes the interpreter)")

    out = Path("/tmp/bench_load_out.jsonl")
    t = time.perf_counter()
    save_jsonl(ds, out, backup=False)
    same = out.read_bytes() == path.read_bytes()
    print(f"save (unchanged, raw bytes): {time.perf_counter() - t:.2f} s, byte-identical: {same}")
    for ex in ds.examples:
        ex.touch()
    t = time.perf_counter()
    save_jsonl(ds, out, backup=False)
    print(f"save (all edited, re-serialised): {time.perf_counter() - t:.2f} s")
    del ds
    t, c = time.perf_counter(), time.process_time()
    ds = load_jsonl(path, keep_raw=False)
    print(
        f"load without raw bytes (check): {time.perf_counter() - t:.2f} s wall, "
        f"{time.process_time() - c:.2f} s CPU"
    )
    del ds

    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    t = time.perf_counter()
    ds = load_jsonl(path)  # noqa: F841 - held while measuring
    traced_s = time.perf_counter() - t
    cur, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"tracemalloc: held {(cur - base) / 1e6:.0f} MB = {(cur - base) / size:.2f}x, "
        f"peak {(peak - base) / 1e6:.0f} MB = {(peak - base) / size:.2f}x file "
        f"(load under tracing {traced_s:.1f} s)"
    )
    os.unlink(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
