"""``finetune-desktop export MODEL --out DIR [--merged]``: write a local fine-tune into a folder.

The built-in server (``finetune-desktop sandbox --engine local``) writes it: the LoRA adapter in PEFT
layout, or with ``--merged`` the whole model as a Hugging Face folder. The command prints the stages,
then the folder and the next steps for llama.cpp and Ollama.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from finetune_desktop.cli import Command
from finetune_desktop.cli.workflow import (
    EXIT_OK,
    UsageError,
    _guarded,
    add_connection_arguments,
    open_service,
)


def _add(p: argparse.ArgumentParser) -> None:
    p.add_argument("model", metavar="MODEL", help="a fine-tuned model (ft:...) or one of its checkpoints")
    p.add_argument(
        "--out",
        required=True,
        metavar="DIR",
        help="a new or empty folder to write into (its parent folder must exist)",
    )
    p.add_argument(
        "--merged",
        action="store_true",
        help="write the whole model with the adapter merged in (a Hugging Face folder), not the adapter",
    )
    add_connection_arguments(p)


@_guarded
def _run(args: argparse.Namespace) -> int:
    from finetune_desktop.core.api.exports import next_steps_text

    out = Path(args.out).expanduser().absolute()
    if not out.parent.is_dir():
        raise UsageError(f"error: the folder {out.parent} does not exist; create it first or choose another.")
    what = "the merged model" if args.merged else "the adapter"
    print(f"exporting {what} of {args.model} to {out}", file=sys.stderr, flush=True)
    last = [-1]

    def progress(done: int, total: int) -> None:
        if total and done != last[0]:
            last[0] = done
            print(f"  step {min(done + 1, total)} of {total}", file=sys.stderr, flush=True)

    with open_service(args) as service:
        status = service.export_model(args.model, out, merged=args.merged, progress=progress)
    print(f"Exported {what} to {status.folder}: {', '.join(status.files)}")
    print()
    print("Next steps")
    print(next_steps_text(status))
    return EXIT_OK


COMMANDS: dict[str, Command] = {
    "export": (
        "Export a model trained by the local engine: its LoRA adapter, or --merged the whole model.",
        _add,
        _run,
    ),
}
