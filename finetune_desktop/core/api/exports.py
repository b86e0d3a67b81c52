"""Exporting a local fine-tune: its state as the server reports it, and the next steps to use it elsewhere.

No SDK here (screens import it): the service layer (``core/service/exports.py``) makes the requests. The
next steps are the commands of llama.cpp and Ollama as their own documentation gives them (checked
2026-12: llama.cpp's ``convert_hf_to_gguf.py`` / ``convert_lora_to_gguf.py`` argument parsers and
``--lora`` option, Ollama's ``docs/import.mdx``); screens wrap them in translated sentences, the CLI in
:func:`next_steps_text`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from finetune_desktop.core.api.errors import ServiceError

KINDS = ("adapter", "merged")
#: what Ollama's import guide lists for a safetensors adapter (``ADAPTER <folder>``)
OLLAMA_ADAPTER_ARCHITECTURES = "Llama, Mistral and Gemma"
#: what it lists for a safetensors model folder (``FROM <folder>``, built as an MLX model)
OLLAMA_SAFETENSORS_ARCHITECTURES = "Gemma 4, Laguna and Qwen3"


class ExportFailed(ServiceError):
    """The server could not write the export; ``title`` says why in plain words."""

    default_title = "The export failed"
    default_what_to_do = "Fix what the message says and export again."


@dataclass(frozen=True)
class ExportStatus:
    id: str
    model: str
    kind: str  # adapter | merged
    folder: str
    status: str  # running | succeeded | failed | cancelled
    stage: str = ""
    done: int = 0
    total: int = 0
    files: tuple[str, ...] = ()
    bytes: int = 0
    base_model: str = ""
    base_path: str = ""
    error_code: str | None = None
    error_message: str | None = None

    @property
    def finished(self) -> bool:
        return self.status != "running"


def status_from_json(d: Any) -> ExportStatus:
    if not isinstance(d, dict):
        d = {}
    err = d.get("error") if isinstance(d.get("error"), dict) else {}
    return ExportStatus(
        id=str(d.get("id", "")),
        model=str(d.get("model", "")),
        kind=str(d.get("kind", "adapter")),
        folder=str(d.get("folder", "")),
        status=str(d.get("status", "failed")),
        stage=str(d.get("stage") or ""),
        done=int(d.get("done") or 0),
        total=int(d.get("total") or 0),
        files=tuple(str(f) for f in d.get("files") or ()),
        bytes=int(d.get("bytes") or 0),
        base_model=str(d.get("base_model") or ""),
        base_path=str(d.get("base_path") or ""),
        error_code=str(err["code"]) if err.get("code") else None,
        error_message=str(err["message"]) if err.get("message") else None,
    )


def ollama_name(model: str) -> str:
    """A name Ollama accepts for ``model`` (``ft:base:local:fiction:ftjob-x`` -> ``fiction``)."""
    parts = model.split(":")
    word = parts[3] if model.startswith("ft:") and len(parts) > 3 and parts[3] else parts[-1]
    name = re.sub(r"[^a-z0-9._-]+", "-", word.lower()).strip("-.")
    return name or "my-model"


def _q(path: str) -> str:
    """A path as a shell word (quoted when it has spaces or shell characters)."""
    if re.fullmatch(r"[A-Za-z0-9_./:@%+=,-]+", path):
        return path
    return '"' + path.replace('"', '\\"') + '"'


@dataclass(frozen=True)
class NextSteps:
    """The commands to run, grouped; screens and the CLI put their own words around them."""

    gguf: tuple[str, ...]  # llama.cpp: to one GGUF file, then chat with it
    modelfile: tuple[str, ...]  # the lines of an Ollama Modelfile
    ollama: tuple[str, ...]  # the Ollama commands
    python: tuple[str, ...]  # transformers / peft in Python


def _base_args(base: str) -> str:
    """``from_pretrained``'s arguments for the base: a folder, or a GGUF file's folder and its name."""
    path = PurePath(base)
    if path.suffix.lower() == ".gguf":
        return f"{str(path.parent)!r}, gguf_file={path.name!r}"
    return repr(base)


#: Placeholders inside the next steps' commands, for what only the user knows (the GUI shows them in its
#: language: ``PLACEHOLDERS`` lists them all).
HF_ID_PLACEHOLDER = "<the base model's Hugging Face id>"
BASE_FOLDER_PLACEHOLDER = "<the base model's folder>"
OLLAMA_BASE_PLACEHOLDER = "<the same base model, in Ollama>"
PLACEHOLDERS = (HF_ID_PLACEHOLDER, BASE_FOLDER_PLACEHOLDER, OLLAMA_BASE_PLACEHOLDER)


def next_steps(status: ExportStatus) -> NextSteps:
    folder = _q(status.folder)
    name = ollama_name(status.model)
    if status.kind == "merged":
        return NextSteps(
            gguf=(
                f"python convert_hf_to_gguf.py {folder} --outfile model.gguf",
                "llama-cli -m model.gguf",
            ),
            modelfile=("FROM ./model.gguf",),
            ollama=(f"ollama create {name} -f Modelfile", f"ollama run {name}"),
            python=(f"AutoModelForCausalLM.from_pretrained({status.folder!r})",),
        )
    base = status.base_path
    if base.lower().endswith(".gguf"):
        base_arg = f"--base-model-id {HF_ID_PLACEHOLDER}"
        base_gguf = _q(base)
    else:
        base_arg = f"--base {_q(base)}" if base else f"--base {BASE_FOLDER_PLACEHOLDER}"
        base_gguf = "base.gguf"
    gguf = [f"python convert_lora_to_gguf.py {folder} {base_arg} --outfile adapter.gguf"]
    if base_gguf == "base.gguf":
        gguf.insert(0, f"python convert_hf_to_gguf.py {_q(base)} --outfile base.gguf")
    gguf.append(f"llama-cli -m {base_gguf} --lora adapter.gguf")
    return NextSteps(
        gguf=tuple(gguf),
        modelfile=(f"FROM {OLLAMA_BASE_PLACEHOLDER}", f"ADAPTER {folder}"),
        ollama=(f"ollama create {name} -f Modelfile", f"ollama run {name}"),
        python=(
            f"PeftModel.from_pretrained(AutoModelForCausalLM.from_pretrained({_base_args(base)}), "
            f"{status.folder!r})",
        ),
    )


def next_steps_text(status: ExportStatus) -> str:
    """The next steps in English, for the terminal."""
    steps = next_steps(status)
    lines: list[str] = []
    if status.kind == "merged":
        lines += [
            "llama.cpp: convert the folder to one GGUF file (in a llama.cpp checkout, after",
            "`pip install -r requirements.txt`), then chat with it:",
            *(f"    {c}" for c in steps.gguf),
            "Ollama: put a file named Modelfile beside model.gguf containing",
            *(f"    {c}" for c in steps.modelfile),
            "then run:",
            *(f"    {c}" for c in steps.ollama),
            f"(Ollama imports a safetensors model folder directly, FROM <folder>, only for the architectures "
            f"its MLX engine implements, such as {OLLAMA_SAFETENSORS_ARCHITECTURES}; convert to GGUF first "
            "for the others.)",
            "Python (transformers):",
            *(f"    {c}" for c in steps.python),
        ]
    else:
        lines += [
            "llama.cpp: convert the adapter to GGUF (in a llama.cpp checkout, after",
            "`pip install -r requirements.txt`) and load it on top of the base model:",
            *(f"    {c}" for c in steps.gguf),
            f"Ollama ({OLLAMA_ADAPTER_ARCHITECTURES} architectures): a Modelfile containing",
            *(f"    {c}" for c in steps.modelfile),
            "then run:",
            *(f"    {c}" for c in steps.ollama),
            "Python (transformers + peft):",
            *(f"    {c}" for c in steps.python),
        ]
    return "\n".join(lines)
