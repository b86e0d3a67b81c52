"""LoRA training of a causal LM with packing, a frozen-prefix cache and loss on labelled tokens only.

Why it is faster than a plain padded loop on the same model and data:

* **packing**: a step's examples are laid end to end in as few rows as fit, each example seeing only
  itself (a block-diagonal causal mask and positions restarting at 0), so no compute goes to padding
  and nothing leaks between examples;
* **logits only where there is a label**: the vocabulary projection (a large share of a small model's
  work) runs on assistant tokens only, straight into the cross-entropy;
* **frozen-prefix cache**: LoRA goes on the top ``lora_layers`` layers; the layers below are frozen, so
  their output for an example never changes and is computed once, then reused every epoch (and by the
  validation passes). With LoRA on every layer the cache holds just the embeddings.

Imports torch and transformers: only the training child process and the chat server load this module.
"""

from __future__ import annotations

import math
import random
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch
import torch.nn.functional as F

from finetune_desktop.sandbox.engines.local.data import IGNORE, Example
from finetune_desktop.sandbox.engines.local.parallel import Group

LORA_TARGETS = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]
#: bytes of cached prefix activations kept in memory; examples past it are recomputed each time
CACHE_BUDGET = 2 << 30


@dataclass(frozen=True, slots=True)
class StepStats:
    loss: float
    accuracy: float
    tokens: int  # tokens that went through the model
    labels: int  # tokens the loss was computed on


def pick_device() -> tuple[torch.device, torch.dtype | None]:
    """CUDA with bf16 when present; else the CPU, in bf16 autocast where it has bf16 matrix units."""
    if torch.cuda.is_available():
        return torch.device("cuda"), torch.bfloat16
    try:
        bf16 = bool(torch.ops.mkldnn._is_mkldnn_bf16_supported())
    except (AttributeError, RuntimeError):
        bf16 = False
    return torch.device("cpu"), torch.bfloat16 if bf16 else None


def load_model(folder: Path, gguf_file: str | None, device: torch.device) -> tuple[Any, Any]:
    """(tokenizer, causal LM in float32 on ``device``) from a model folder or a GGUF file."""
    import transformers

    hf: Any = transformers
    hf.utils.logging.disable_progress_bar()
    extra = {"gguf_file": gguf_file} if gguf_file else {}
    tokenizer = hf.AutoTokenizer.from_pretrained(str(folder), **extra)
    model = hf.AutoModelForCausalLM.from_pretrained(
        str(folder), dtype=torch.float32, attn_implementation="sdpa", **extra
    )
    return tokenizer, model.to(device)


def lora_config(n_layers: int, lora_layers: int, rank: int) -> Any:
    from peft import LoraConfig

    top = min(n_layers, max(1, lora_layers))
    layers = None if top >= n_layers else list(range(n_layers - top, n_layers))
    return LoraConfig(
        r=rank,
        lora_alpha=2 * rank,
        lora_dropout=0.0,
        target_modules=LORA_TARGETS,
        layers_to_transform=layers,
        task_type="CAUSAL_LM",
    )


class PackedLoRA:
    """A PEFT LoRA model trained with packing, a frozen-prefix cache and label-only logits."""

    def __init__(
        self,
        model: Any,
        *,
        lora_layers: int,
        rank: int,
        lr: float,
        device: torch.device,
        autocast: torch.dtype | None,
        max_row: int,
    ) -> None:
        from peft import get_peft_model

        n_layers = int(model.config.num_hidden_layers)
        self.split = n_layers - min(n_layers, max(1, lora_layers))
        with warnings.catch_warnings():  # transformers' deprecation notices, raised inside peft
            warnings.simplefilter("ignore", FutureWarning)
            self.peft = get_peft_model(model, lora_config(n_layers, lora_layers, rank))
        self.causal = self.peft.base_model.model  # the *ForCausalLM, LoRA layers in place
        self.inner = self.causal.model  # its decoder stack
        self.device = device
        self.autocast = autocast
        self.max_row = max_row
        self.trainable = [p for p in self.peft.parameters() if p.requires_grad]
        self.optimizer = torch.optim.AdamW(self.trainable, lr=lr, weight_decay=0.0)
        self._cache: dict[tuple[str, int], torch.Tensor] = {}
        self._cached_bytes = 0

    # forward pieces ---------------------------------------------------------------------------------
    def _amp(self) -> Any:
        return torch.autocast(
            self.device.type, dtype=self.autocast or torch.float32, enabled=bool(self.autocast)
        )

    def _layers(
        self, h: torch.Tensor, pos: torch.Tensor, mask: torch.Tensor | None, lo: int, hi: int
    ) -> torch.Tensor:
        pe = self.inner.rotary_emb(h, position_ids=pos)
        for layer in self.inner.layers[lo:hi]:
            out = layer(h, attention_mask=mask, position_ids=pos, position_embeddings=pe)
            h = out[0] if isinstance(out, tuple) else out
        return h

    def _prefix(self, key: tuple[str, int], ex: Example) -> torch.Tensor:
        """Output of the frozen layers for one example, alone (T, H): cached while the budget lasts."""
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        ids = torch.tensor([ex.ids], device=self.device)
        with torch.no_grad(), self._amp():
            h = self.inner.embed_tokens(ids)
            if self.split:
                pos = torch.arange(ids.shape[1], device=self.device)[None]
                h = self._layers(h, pos, None, 0, self.split)
        out: torch.Tensor = h[0].detach()
        size = out.numel() * out.element_size()
        if self._cached_bytes + size <= CACHE_BUDGET:
            self._cache[key] = out
            self._cached_bytes += size
        return out

    def _pack(self, examples: Sequence[Example]) -> list[list[int]]:
        """Indices of ``examples`` in rows of at most ``max_row`` tokens (first fit, longest first)."""
        order = sorted(range(len(examples)), key=lambda i: -len(examples[i].ids))
        rows: list[list[int]] = []
        sizes: list[int] = []
        for i in order:
            n = len(examples[i].ids)
            for r, size in enumerate(sizes):
                if size + n <= self.max_row:
                    rows[r].append(i)
                    sizes[r] += n
                    break
            else:
                rows.append([i])
                sizes.append(n)
        return rows

    def _batch(
        self, keys: Sequence[tuple[str, int]], examples: Sequence[Example]
    ) -> tuple[torch.Tensor, ...]:
        """Packed rows: (hidden, positions, block-diagonal causal mask, targets) for the top layers."""
        rows = self._pack(examples)
        width = max(sum(len(examples[i].ids) for i in row) for row in rows)
        hidden = []
        pos = torch.zeros(len(rows), width, dtype=torch.long, device=self.device)
        mask = torch.zeros(len(rows), 1, width, width, dtype=torch.bool, device=self.device)
        targets = torch.full((len(rows), width), IGNORE, dtype=torch.long, device=self.device)
        for r, row in enumerate(rows):
            parts = []
            at = 0
            for i in row:
                ex = examples[i]
                n = len(ex.ids)
                parts.append(self._prefix(keys[i], ex))
                pos[r, at : at + n] = torch.arange(n, device=self.device)
                mask[r, 0, at : at + n, at : at + n] = torch.ones(
                    n, n, dtype=torch.bool, device=self.device
                ).tril()
                # position j predicts token j + 1 of the same example
                targets[r, at : at + n - 1] = torch.tensor(ex.labels[1:], device=self.device)
                at += n
            if at < width:  # padding rows attend to themselves only and carry no label
                idx = torch.arange(at, width, device=self.device)
                mask[r, 0, idx, idx] = True
                parts.append(
                    torch.zeros(width - at, parts[0].shape[-1], dtype=parts[0].dtype, device=self.device)
                )
            hidden.append(torch.cat(parts))
        return torch.stack(hidden), pos, mask, targets

    def _loss(
        self, keys: Sequence[tuple[str, int]], examples: Sequence[Example]
    ) -> tuple[torch.Tensor, torch.Tensor, int, int]:
        h, pos, mask, targets = self._batch(keys, examples)
        with self._amp():
            h = self._layers(h, pos, mask, self.split, len(self.inner.layers))
            h = self.inner.norm(h)
            sel = targets != IGNORE
            logits = self.causal.lm_head(h[sel]).float()
        wanted = targets[sel]
        loss = F.cross_entropy(logits, wanted)
        correct = (logits.argmax(-1) == wanted).sum()
        return loss, correct, int(pos.numel()), int(wanted.numel())

    # public ---------------------------------------------------------------------------------------
    def train_step(
        self, keys: Sequence[tuple[str, int]], examples: Sequence[Example], group: Group | None = None
    ) -> StepStats:
        """One optimiser step on ``examples`` (with several processes in ``group``: this one's share)."""
        self.peft.train()
        if group is None or group.size == 1:
            loss, correct, tokens, labels = self._loss(keys, examples)
            torch.autograd.backward(loss)
            self.optimizer.step()
            self.optimizer.zero_grad(set_to_none=True)
            return StepStats(float(loss.detach()), float(correct) / max(1, labels), tokens, labels)
        # Several processes: each weighs its summed loss by the step's label count over all of them, so
        # the summed gradients are those of the whole batch's mean loss.
        part: torch.Tensor | None = None
        mine = right = 0.0
        tokens = labels = 0
        if examples:  # a process may get none when a step has fewer examples than processes
            part, correct_t, tokens, labels = self._loss(keys, examples)
            mine, right = float(part.detach()) * labels, float(correct_t)
        (all_labels,) = group.total(float(labels))
        if part is not None:
            torch.autograd.backward(part * (labels / max(1.0, all_labels)))
        group.sum_gradients(self.trainable)
        self.optimizer.step()
        self.optimizer.zero_grad(set_to_none=True)
        loss_sum, right_sum, all_tokens = group.total(mine, right, float(tokens))
        n = max(1.0, all_labels)
        return StepStats(loss_sum / n, right_sum / n, int(all_tokens), int(all_labels))

    @torch.no_grad()
    def evaluate(self, keys: Sequence[tuple[str, int]], examples: Sequence[Example]) -> StepStats:
        """Mean loss and token accuracy over ``examples`` (in packed chunks), weighted by label count."""
        self.peft.eval()
        total = correct_sum = 0.0
        n_tokens = n_labels = 0
        chunk = 16
        for lo in range(0, len(examples), chunk):
            loss, correct, tokens, labels = self._loss(keys[lo : lo + chunk], examples[lo : lo + chunk])
            total += float(loss) * labels
            correct_sum += float(correct)
            n_tokens += tokens
            n_labels += labels
        return StepStats(total / max(1, n_labels), correct_sum / max(1, n_labels), n_tokens, n_labels)

    def save(self, folder: Path, state: dict[str, Any]) -> None:
        """The adapter (PEFT layout: adapter_config.json + adapter_model.safetensors) and what resumes it."""
        folder.mkdir(parents=True, exist_ok=True)
        self.peft.save_pretrained(str(folder))
        torch.save({"optimizer": self.optimizer.state_dict(), **state}, folder / "trainer_state.pt")

    def load(self, folder: Path) -> dict[str, Any]:
        from peft import set_peft_model_state_dict
        from safetensors.torch import load_file

        set_peft_model_state_dict(self.peft, load_file(str(folder / "adapter_model.safetensors")))
        state: dict[str, Any] = torch.load(folder / "trainer_state.pt", weights_only=False)
        self.optimizer.load_state_dict(state.pop("optimizer"))
        return state


def epoch_order(n: int, seed: int, epoch: int) -> list[int]:
    """The example order of one epoch (0-based): a seeded shuffle, the same after a resume."""
    order = list(range(n))
    random.Random(seed * 1009 + epoch).shuffle(order)
    return order


def batch_indices(n: int, batch_size: int, seed: int, step: int) -> tuple[int, list[int], bool]:
    """(epoch 1-based, example indices, epoch_end) of optimiser step ``step`` (1-based)."""
    per_epoch = max(1, math.ceil(n / batch_size))
    epoch, within = divmod(step - 1, per_epoch)
    order = epoch_order(n, seed, epoch)
    return epoch + 1, order[within * batch_size : (within + 1) * batch_size], within == per_epoch - 1
