"""The open chat models the local engine can download from the Hugging Face hub and train with LoRA.

Each entry has the shape numbers the memory estimate needs (from the model's ``config.json``) and its
parameter count. Llama 3.2 is gated: the hub serves it only after its licence is accepted on
huggingface.co and a token is stored (``hf auth login``).
"""

from __future__ import annotations

import json
import struct
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class HubModel:
    id: str  # the model id the server lists
    repo: str  # the Hugging Face repository
    params: int  # parameters, embeddings included once (tied)
    hidden: int
    layers: int
    intermediate: int
    heads: int
    kv_heads: int
    vocab: int
    gated: bool = False

    @property
    def kv_dim(self) -> int:
        return self.hidden // self.heads * self.kv_heads

    def lora_params(self, rank: int, layers: int) -> int:
        """LoRA A and B on every projection (q, k, v, o, gate, up, down) of ``layers`` layers."""
        h, kv, i = self.hidden, self.kv_dim, self.intermediate
        per_layer = (h + h) + 2 * (h + kv) + (h + h) + 2 * (h + i) + (i + h)
        return rank * per_layer * min(layers, self.layers)


HUB_MODELS: tuple[HubModel, ...] = (
    HubModel(
        "qwen2.5-0.5b-instruct", "Qwen/Qwen2.5-0.5B-Instruct", 494_032_768, 896, 24, 4864, 14, 2, 151_936
    ),
    HubModel(
        "qwen2.5-1.5b-instruct", "Qwen/Qwen2.5-1.5B-Instruct", 1_543_714_304, 1536, 28, 8960, 12, 2, 151_936
    ),
    HubModel(
        "qwen2.5-3b-instruct", "Qwen/Qwen2.5-3B-Instruct", 3_085_938_688, 2048, 36, 11008, 16, 2, 151_936
    ),
    HubModel(
        "llama-3.2-1b-instruct",
        "meta-llama/Llama-3.2-1B-Instruct",
        1_235_814_400,
        2048,
        16,
        8192,
        32,
        8,
        128_256,
        gated=True,
    ),
    HubModel(
        "llama-3.2-3b-instruct",
        "meta-llama/Llama-3.2-3B-Instruct",
        3_212_749_824,
        3072,
        28,
        8192,
        24,
        8,
        128_256,
        gated=True,
    ),
    HubModel(
        "smollm2-135m-instruct",
        "HuggingFaceTB/SmolLM2-135M-Instruct",
        134_515_008,
        576,
        30,
        1536,
        9,
        3,
        49_152,
    ),
    HubModel(
        "smollm2-360m-instruct",
        "HuggingFaceTB/SmolLM2-360M-Instruct",
        361_821_120,
        960,
        32,
        2560,
        15,
        5,
        49_152,
    ),
    HubModel(
        "smollm2-1.7b-instruct",
        "HuggingFaceTB/SmolLM2-1.7B-Instruct",
        1_711_376_384,
        2048,
        24,
        8192,
        32,
        32,
        49_152,
    ),
)

BY_ID = {m.id: m for m in HUB_MODELS}


def hub_model(model_id: str) -> HubModel | None:
    return BY_ID.get(model_id)


def folder_model_id(path: str | Path) -> str:
    """The model id the local engine gives a model folder or a ``.gguf`` file: its name, lower case."""
    p = Path(path).expanduser()
    return (p.stem if p.suffix.lower() == ".gguf" else p.name).lower()


def model_path_problem(path: str | Path) -> str | None:
    """None when ``path`` is a model the local engine can use, else why not (in words)."""
    p = Path(path).expanduser()
    if p.is_file() and p.suffix.lower() == ".gguf":
        return None
    if p.is_dir() and (p / "config.json").is_file():
        if any(p.glob("*.safetensors")):
            return None
        return f"{p} has no .safetensors weights"
    return f"{p} is not a model folder (config.json and .safetensors files) or a .gguf file"


def _safetensors_params(folder: Path) -> int:
    total = 0
    for path in folder.glob("*.safetensors"):
        with path.open("rb") as fh:
            (size,) = struct.unpack("<Q", fh.read(8))
            header = json.loads(fh.read(size))
        for name, info in header.items():
            if name != "__metadata__":
                n = 1
                for dim in info["shape"]:
                    n *= int(dim)
                total += n
    return total


def shape_from_folder(model_id: str, folder: Path) -> HubModel | None:
    """The shape numbers of a safetensors model folder, from its ``config.json`` and the safetensors
    headers (no weights are read); None if they cannot be read."""
    try:
        cfg = json.loads((folder / "config.json").read_text("utf-8"))
        cfg = cfg.get("text_config", cfg)
        heads = int(cfg["num_attention_heads"])
        return HubModel(
            model_id,
            "",
            _safetensors_params(folder),
            int(cfg["hidden_size"]),
            int(cfg["num_hidden_layers"]),
            int(cfg["intermediate_size"]),
            heads,
            int(cfg.get("num_key_value_heads") or heads),
            int(cfg["vocab_size"]),
        )
    except (OSError, ValueError, KeyError, TypeError, struct.error):
        return None
