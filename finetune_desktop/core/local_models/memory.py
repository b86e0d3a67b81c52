"""Whether LoRA training of a base model fits this machine's memory: an estimate, and the memory there is.

The estimate, in bytes, for one training step of ``batch_size`` examples of ``seq_len`` tokens (the
local engine loads weights in float32 and trains in bf16 autocast on CUDA):

* weights: parameters x 4;
* LoRA: its parameters (rank r on q, k, v, o, gate, up and down of each trained layer) x 16: float32
  weight, gradient and Adam's two moments;
* activations kept for the backward pass, in the trained layers only (on the CPU the engine puts LoRA on
  the top 8 layers; on CUDA on all of them): tokens x trained layers x (8 hidden + 2 kv + 4 intermediate)
  values, 4 bytes each on the CPU and 2 on CUDA (bf16);
* logits: the engine computes them on labelled tokens only (about half a step's tokens): x vocabulary x 8
  (float32 logits and their gradient);
* the frozen-prefix cache on the CPU, when the training set's token count is known: tokens x hidden x 4,
  at most 2 GiB;
* the runtime: 1 GiB (torch and transformers in the process, or the CUDA context and kernels).

"fits" when the estimate is at most 80% of the memory free now, "tight" when it is at most 95% of all the
memory (other programs must make room, or it swaps), else "too big". With CUDA the GPU's memory counts
(the first GPU: training uses one); else the computer's RAM. Reads ``nvidia-smi`` and psutil (or
``/proc/meminfo``): call it off the GUI thread.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from typing import Any

from finetune_desktop.core.local_models.catalog import HubModel

#: the local engine's training settings the estimate assumes (its defaults)
DEFAULT_SEQ_LEN = 2048
DEFAULT_RANK = 16
CPU_LORA_LAYERS = 8
RUNTIME_BYTES = 1 << 30
PREFIX_CACHE_MAX = 2 << 30
FITS_SHARE = 0.8
TIGHT_SHARE = 0.95
VERDICTS = ("fits", "tight", "too_big")


@dataclass(frozen=True, slots=True)
class Machine:
    """The memory training would use: ``device`` "cuda" (the first GPU) or "cpu" (RAM), in bytes."""

    device: str
    total: int
    available: int
    name: str = ""


@dataclass(frozen=True, slots=True)
class Estimate:
    weights: int
    lora: int
    activations: int
    logits: int
    cache: int
    runtime: int

    @property
    def total(self) -> int:
        return self.weights + self.lora + self.activations + self.logits + self.cache + self.runtime


@dataclass(frozen=True, slots=True)
class Fit:
    model: str
    verdict: str  # fits | tight | too_big
    need: int
    machine: Machine
    estimate: Estimate

    def to_json(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict,
            "need_bytes": self.need,
            "device": self.machine.device,
            "device_name": self.machine.name,
            "total_bytes": self.machine.total,
            "available_bytes": self.machine.available,
        }


def _gpu() -> Machine | None:
    exe = shutil.which("nvidia-smi")
    if exe is None:
        return None
    try:
        out = subprocess.run(
            [exe, "--query-gpu=name,memory.total,memory.free", "--format=csv,noheader,nounits"],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout
        name, total, free = (part.strip() for part in out.splitlines()[0].split(","))
        return Machine("cuda", int(float(total)) << 20, int(float(free)) << 20, name)
    except (OSError, subprocess.SubprocessError, ValueError, IndexError):
        return None


def _ram() -> Machine:
    try:
        import psutil

        vm = psutil.virtual_memory()
        return Machine("cpu", int(vm.total), int(vm.available), "RAM")
    except ImportError:
        pass
    fields: dict[str, int] = {}
    with open("/proc/meminfo", encoding="ascii") as fh:
        for line in fh:
            key, _, rest = line.partition(":")
            fields[key] = int(rest.split()[0]) * 1024
    total = fields["MemTotal"]
    return Machine("cpu", total, fields.get("MemAvailable", fields.get("MemFree", total)), "RAM")


def machine_memory() -> Machine:
    """The GPU's memory when an NVIDIA GPU answers ``nvidia-smi``, else the RAM."""
    return _gpu() or _ram()


def estimate(
    model: HubModel,
    *,
    device: str,
    seq_len: int = DEFAULT_SEQ_LEN,
    batch_size: int = 1,
    rank: int = DEFAULT_RANK,
    dataset_tokens: int = 0,
) -> Estimate:
    cuda = device == "cuda"
    trained = model.layers if cuda else min(CPU_LORA_LAYERS, model.layers)
    tokens = max(1, seq_len) * max(1, batch_size)
    per_token_layer = 8 * model.hidden + 2 * model.kv_dim + 4 * model.intermediate
    cache = 0
    if not cuda and trained < model.layers:
        cache = min(PREFIX_CACHE_MAX, dataset_tokens * model.hidden * 4)
    return Estimate(
        weights=model.params * 4,
        lora=model.lora_params(rank, trained) * 16,
        activations=tokens * trained * per_token_layer * (2 if cuda else 4),
        logits=(tokens // 2) * model.vocab * 8,
        cache=cache,
        runtime=RUNTIME_BYTES,
    )


def fit(
    model: HubModel,
    machine: Machine,
    *,
    seq_len: int = DEFAULT_SEQ_LEN,
    batch_size: int = 1,
    rank: int = DEFAULT_RANK,
    dataset_tokens: int = 0,
) -> Fit:
    est = estimate(
        model,
        device=machine.device,
        seq_len=seq_len,
        batch_size=batch_size,
        rank=rank,
        dataset_tokens=dataset_tokens,
    )
    need = est.total
    if need <= FITS_SHARE * machine.available:
        verdict = "fits"
    elif need <= TIGHT_SHARE * machine.total:
        verdict = "tight"
    else:
        verdict = "too_big"
    return Fit(model.id, verdict, need, machine, est)


def gib(n: int) -> str:
    """Bytes as GB with one decimal (binary gigabytes, as memory is sold)."""
    return f"{n / (1 << 30):.1f} GB"
