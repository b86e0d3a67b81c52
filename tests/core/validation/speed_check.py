"""Speed check for validation (not a test: pytest does not collect it, and timings are never asserted).

    .venv/bin/python -m tests.core.validation.speed_check [N]

Builds N (default 100,000) multi-turn chat examples of mixed English and Chinese in memory, then times
``validate_dataset`` (every per-example check plus duplicates/conflicts/formats), a single
``DatasetValidator.update`` after an edit, and ``findings()``.
"""

from __future__ import annotations

import gc
import json
import random
import sys
import time

from finetune_desktop.core.dataset.examples import Dataset, Example
from finetune_desktop.core.validation.incremental import DatasetValidator, validate_dataset

_EN = [
    "the",
    "quick",
    "brown",
    "fox",
    "jumps",
    "over",
    "lazy",
    "dog",
    "model",
    "training",
    "data",
    "answer",
    "question",
    "please",
    "help",
]
_ZH = list("我们今天天气很好你想要什么帮助这个问题的答案是模型训练数据")


def build(n: int, seed: int = 1) -> tuple[Dataset, int]:
    rng = random.Random(seed)

    def text(words: int) -> str:
        return " ".join(
            rng.choice(_EN) if rng.random() < 0.6 else "".join(rng.choices(_ZH, k=4)) for _ in range(words)
        )

    system = "You are a helpful assistant. 你是一个乐于助人的助手。" * 3
    examples = []
    size = 0
    for i in range(n):
        msgs = [{"role": "system", "content": system}]
        for _ in range(rng.randint(1, 4)):
            msgs.append({"role": "user", "content": text(rng.randint(15, 40))})
            msgs.append({"role": "assistant", "content": text(rng.randint(20, 80))})
        raw = json.dumps({"messages": msgs}, ensure_ascii=False).encode()
        size += len(raw) + 1
        examples.append(Example(data=json.loads(raw), line=i + 1, raw=raw))
    return Dataset(examples=examples), size


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    dataset, size = build(n)
    messages = sum(len(ex.data["messages"]) for ex in dataset.examples)
    print(f"{n:,} examples, {messages:,} messages, {size / 1e6:.0f} MB as JSONL")
    for _ in range(3):
        gc.collect()
        start, cpu = time.perf_counter(), time.process_time()
        findings = validate_dataset(dataset, training_context=65_536, token_totals={})
        wall, cpu = time.perf_counter() - start, time.process_time() - cpu
        print(f"validate_dataset: {wall:.3f} s wall, {cpu:.3f} s CPU ({len(findings)} findings)")
        del findings
    validator = DatasetValidator()
    validator.full(dataset)
    example = dataset.examples[n // 2]
    start = time.perf_counter()
    for k in range(1000):
        example.data["messages"][1]["content"] = f"edited {k}"
        validator.update(example)
    print(f"update(): {(time.perf_counter() - start) * 1000:.1f} µs per edit")
    start = time.perf_counter()
    validator.findings()
    print(f"findings(): {time.perf_counter() - start:.3f} s")


if __name__ == "__main__":
    main()
