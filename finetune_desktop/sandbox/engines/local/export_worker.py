"""The export child process: ``python -m finetune_desktop.sandbox.engines.local.export_worker SPEC.json``.

It writes a fine-tune (or a checkpoint) into a new folder, and appends one JSON line per happening to
the spec's ``progress`` file: ``stage`` (``done`` of ``total`` stages, with a word for what it does), then
``done`` (with the files written) or ``error`` (a code and a plain sentence). Two kinds:

* ``adapter``: the LoRA adapter in PEFT layout (``adapter_config.json`` + ``adapter_model.safetensors``);
  only a copy, so torch is not imported;
* ``merged``: the base model with the adapter merged into its weights, as a Hugging Face folder
  (``config.json``, safetensors weights, tokenizer files with the chat template, and a
  ``generation_config.json`` holding the app's answer settings: greedy, repetition penalty 1.1), which
  ``AutoModelForCausalLM.from_pretrained`` loads and which answers like the fine-tune did in the app.

Everything is written into ``partial`` (a hidden folder beside the target) and renamed into place at the
end, so the target is either absent (or empty, as it was) or complete. The server cancels it by killing
it and removing ``partial``.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import sys
import traceback
from pathlib import Path
from typing import Any

from finetune_desktop.sandbox.engines.local.protocol import ProgressWriter

ADAPTER_FILES = ("adapter_config.json", "adapter_model.safetensors")
#: what the app's chat uses (``inference.LocalChat._options``): written into the merged model's
#: generation_config.json, so a plain ``generate()`` answers like the app did
REPETITION_PENALTY = 1.1


def _dtype_of(folder: Path) -> str:
    """The base model's own precision as config.json names it; float32 when it names none (a GGUF file,
    which transformers de-quantises to float32)."""
    try:
        config = json.loads((folder / "config.json").read_text("utf-8"))
    except (OSError, ValueError):
        return "float32"
    name = config.get("dtype") or config.get("torch_dtype")
    return name if name in ("float32", "bfloat16", "float16") else "float32"


def _export_adapter(spec: dict[str, Any], partial: Path, out: ProgressWriter) -> None:
    out.write("stage", stage="copying the adapter", done=0, total=1)
    source = Path(spec["adapter"])
    for name in ADAPTER_FILES:
        shutil.copyfile(source / name, partial / name)


def _export_merged(spec: dict[str, Any], partial: Path, out: ProgressWriter) -> None:
    import torch

    from finetune_desktop.sandbox.engines.local.trainer import load_model

    torch.set_num_threads(max(1, int(spec.get("threads") or 0) or os.cpu_count() or 1))
    out.write("stage", stage="loading the base model", done=0, total=3)
    base = Path(spec["folder"])
    tokenizer, model = load_model(base, spec.get("gguf_file"), torch.device("cpu"))
    out.write("stage", stage="merging the adapter into the weights", done=1, total=3)
    import warnings

    from peft import PeftModel

    with warnings.catch_warnings():  # transformers' deprecation notices, raised inside peft
        warnings.simplefilter("ignore", FutureWarning)
        peft = PeftModel.from_pretrained(model, spec["adapter"])
        merged = peft.merge_and_unload()
    dtype = _dtype_of(base) if spec.get("gguf_file") is None else "float32"
    merged = merged.to(getattr(torch, dtype))
    out.write("stage", stage="writing the merged model", done=2, total=3)
    gen = merged.generation_config
    pad = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id
    gen.do_sample = False
    gen.repetition_penalty = REPETITION_PENALTY
    gen.eos_token_id = tokenizer.eos_token_id
    gen.pad_token_id = pad
    for name in ("temperature", "top_p", "top_k"):  # sampling settings mean nothing when greedy
        if hasattr(gen, name):
            setattr(gen, name, None)
    merged.config.name_or_path = spec["model"]
    merged.save_pretrained(str(partial))
    tokenizer.save_pretrained(str(partial))


def export(spec: dict[str, Any], out: ProgressWriter) -> None:
    target = Path(spec["target"])
    partial = Path(spec["partial"])
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=False)
    if spec["kind"] == "merged":
        _export_merged(spec, partial, out)
    else:
        _export_adapter(spec, partial, out)
    if target.is_dir():  # an empty folder the user chose: replaced by the complete one
        target.rmdir()
    os.replace(partial, target)
    files = sorted(p.name for p in target.iterdir())
    out.write("done", files=files, bytes=sum((target / f).stat().st_size for f in files))


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    spec = json.loads(Path(args[0]).read_text("utf-8"))
    out = ProgressWriter(Path(spec["progress"]))
    try:
        export(spec, out)
    except OSError as exc:
        traceback.print_exc()
        shutil.rmtree(spec["partial"], ignore_errors=True)
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            out.write(
                "error",
                code="no_disk_space",
                message=f"The disk is full: there is not enough free space in {Path(spec['target']).parent} "
                "for the export. Free some space or choose a folder on another disk.",
            )
        else:
            out.write("error", code="export_failed", message=f"The export could not be written: {exc}")
        return 1
    except MemoryError:
        shutil.rmtree(spec["partial"], ignore_errors=True)
        out.write(
            "error",
            code="out_of_memory",
            message="Merging ran out of memory: export the adapter instead, or close other programs.",
        )
        return 1
    except Exception as exc:  # noqa: BLE001 - reported to the export as its error, traceback in the log
        traceback.print_exc()
        shutil.rmtree(spec["partial"], ignore_errors=True)
        out.write("error", code="export_failed", message=f"The export failed: {type(exc).__name__}: {exc}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
