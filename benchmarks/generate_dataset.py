"""Generate a seeded chat fine-tuning file: multi-turn, mixed English and Chinese, one shared system prompt.

Run: ``.venv/bin/python benchmarks/generate_dataset.py OUT.jsonl [--examples 100000] [--seed 7]``.
100,000 examples come to about 140 MB. A few examples use tools, names and weights so every branch of the
token formula runs; every example is valid so the benchmark measures the clean path.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

_EN_TEXT = (
    "the customer asked about a refund for an order that arrived late and the package was damaged so we "
    "need to explain the return policy shipping times warranty coverage and how to contact support team "
    "please provide tracking number invoice date product model serial account email address thank you"
)
EN_WORDS = _EN_TEXT.split()
ZH_TEXT = (
    "客户询问关于退款的问题订单延迟到达并且包装损坏我们需要解释退货政策运输时间保修范围以及如何联系客服团队"
    "请提供快递单号发票日期产品型号序列号账户邮箱地址谢谢您的耐心等待祝您生活愉快"
)
SYSTEM = (
    "You are a helpful, concise customer support assistant for an online electronics shop. Answer in the "
    "user's language, be polite, never invent order details, and ask for the order number when needed. "
    "你是一个乐于助人的客服助手，请使用用户的语言回答。"
)
TOOLS = [
    {
        "type": "function",
        "function": {
            "name": "lookup_order",
            "description": "Look up an order by its number.",
            "parameters": {
                "type": "object",
                "properties": {"order_id": {"type": "string"}},
                "required": ["order_id"],
            },
        },
    }
]


def _text(rng: random.Random, words: int) -> str:
    if rng.random() < 0.5:  # Chinese sentence: random 2-6 character pieces, so strings rarely repeat
        out = []
        for _ in range(words // 2 + 1):
            n = rng.randint(2, 6)
            i = rng.randrange(len(ZH_TEXT) - n)
            out.append(ZH_TEXT[i : i + n])
        return "，".join(out) + "。"
    return " ".join(rng.choice(EN_WORDS) for _ in range(words)).capitalize() + "."


def make_example(rng: random.Random, i: int) -> dict[str, object]:
    messages: list[dict[str, object]] = [{"role": "system", "content": SYSTEM}]
    example: dict[str, object] = {"messages": messages}
    for turn in range(rng.randint(2, 4)):
        user: dict[str, object] = {"role": "user", "content": _text(rng, rng.randint(8, 24))}
        if i % 50 == 0 and turn == 0:
            user["name"] = "customer"
        messages.append(user)
        if i % 20 == 0 and turn == 0:
            example["tools"] = TOOLS
            call_id = f"call_{i}"
            messages.append(
                {
                    "role": "assistant",
                    "tool_calls": [
                        {
                            "id": call_id,
                            "type": "function",
                            "function": {
                                "name": "lookup_order",
                                "arguments": json.dumps({"order_id": f"{i}"}),
                            },
                        }
                    ],
                }
            )
            messages.append({"role": "tool", "tool_call_id": call_id, "content": '{"status": "shipped"}'})
        reply: dict[str, object] = {"role": "assistant", "content": _text(rng, rng.randint(14, 38))}
        if i % 10 == 0:
            reply["weight"] = turn % 2
        messages.append(reply)
    if i % 10 == 0:
        # keep at least one trainable assistant message
        for m in reversed(messages):
            if m["role"] == "assistant" and "weight" in m:
                m["weight"] = 1
                break
    return example


def generate(path: Path, examples: int, seed: int = 7) -> int:
    """Write ``examples`` lines to ``path``; return the file size in bytes."""
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as f:
        for i in range(examples):
            f.write(json.dumps(make_example(rng, i), ensure_ascii=False, separators=(",", ":")))
            f.write("\n")
    return path.stat().st_size


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("out", type=Path)
    ap.add_argument("--examples", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    size = generate(args.out, args.examples, args.seed)
    print(f"wrote {args.examples:,} examples, {size / 1e6:.1f} MB to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
