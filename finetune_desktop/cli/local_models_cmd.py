"""``finetune-desktop local-models``: the base models the local engine can download, and whether LoRA
training of each fits this machine's memory (GPU memory with CUDA, else RAM)."""

from __future__ import annotations

import argparse
import json
import sys

from finetune_desktop.cli import Command

WORDS = {"fits": "fits", "tight": "tight", "too_big": "too big"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--seq-len", type=int, default=None, help="training sequence length in tokens (default: 2048)"
    )
    parser.add_argument("--batch-size", type=int, default=1, help="examples per step (default: 1)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")


def run(args: argparse.Namespace) -> int:
    from finetune_desktop.core.local_models.catalog import HUB_MODELS
    from finetune_desktop.core.local_models.memory import DEFAULT_SEQ_LEN, fit, gib, machine_memory

    seq_len = args.seq_len or DEFAULT_SEQ_LEN
    if seq_len < 1 or args.batch_size < 1:
        print("error: --seq-len and --batch-size must be at least 1", file=sys.stderr)
        return 2
    machine = machine_memory()
    fits = [fit(m, machine, seq_len=seq_len, batch_size=args.batch_size) for m in HUB_MODELS]
    if args.json:
        out = {
            "device": machine.device,
            "device_name": machine.name,
            "total_bytes": machine.total,
            "available_bytes": machine.available,
            "seq_len": seq_len,
            "batch_size": args.batch_size,
            "models": [
                {"id": m.id, "repo": m.repo, "parameters": m.params, "gated": m.gated, **f.to_json()}
                for m, f in zip(HUB_MODELS, fits, strict=True)
            ],
        }
        print(json.dumps(out, indent=2))
        return 0
    where = f"GPU {machine.name}" if machine.device == "cuda" else "RAM"
    print(
        f"LoRA training at {seq_len} tokens x batch {args.batch_size} on this machine's {where}: "
        f"{gib(machine.available)} free of {gib(machine.total)}"
    )
    for m, f in zip(HUB_MODELS, fits, strict=True):
        gated = "  (gated: accept the licence on huggingface.co, then hf auth login)" if m.gated else ""
        print(
            f"  {m.id:<24} {m.params / 1e9:5.2f}B  needs ~{gib(f.need):>8}  {WORDS[f.verdict]:<7}  "
            f"{m.repo}{gated}"
        )
    print(
        "A job on one of them downloads it once from the Hugging Face hub "
        "(finetune-desktop sandbox --engine local)."
    )
    return 0


COMMANDS: dict[str, Command] = {
    "local-models": (
        "List the base models the local engine can download and whether training each fits this machine.",
        add_arguments,
        run,
    ),
}
