"""Chat answers from a local base model, a fine-tune (its LoRA adapter) or one of its checkpoints.

Each base model is loaded once and wrapped as a PEFT model; adapters are loaded onto it by folder and
switched per request (the base answers with the adapters disabled). One answer at a time per process:
generation is greedy, so the same question gets the same answer, which makes before/after comparisons
fair. Imports torch and transformers: the server loads this module only when a local model is asked.
"""

from __future__ import annotations

import hashlib
import threading
import warnings
from collections import OrderedDict
from typing import Any

import torch

from finetune_desktop.sandbox.answers import content_text
from finetune_desktop.sandbox.engine import ChatReply
from finetune_desktop.sandbox.engines.local.models import LocalModel
from finetune_desktop.sandbox.engines.local.trainer import load_model, pick_device

DEFAULT_MAX_TOKENS = 256
MAX_ADAPTERS = 8


class _Loaded:
    def __init__(self, model: LocalModel) -> None:
        self.device, _ = pick_device()
        if model.folder is None:
            raise ValueError(f"{model.id} is not downloaded yet")
        self.tokenizer, self.model = load_model(model.folder, model.gguf_file, self.device)
        self.model.eval()
        self.peft: Any = None
        self.adapters: OrderedDict[str, str] = OrderedDict()  # adapter name -> folder

    def use(self, folder: str | None) -> Any:
        """The model to generate with: the adapter from ``folder`` active, or the bare base (None)."""
        if folder is None:
            return self.model if self.peft is None else None
        from peft import PeftModel

        name = "a" + hashlib.sha1(folder.encode("utf-8")).hexdigest()[:12]
        with warnings.catch_warnings():  # transformers' deprecation notices, raised inside peft
            warnings.simplefilter("ignore", FutureWarning)
            if self.peft is None:
                self.peft = PeftModel.from_pretrained(self.model, folder, adapter_name=name)
                self.peft.eval()
            elif name not in self.adapters:
                self.peft.load_adapter(folder, adapter_name=name)
        self.adapters[name] = folder
        self.adapters.move_to_end(name)
        while len(self.adapters) > MAX_ADAPTERS:
            old, _ = self.adapters.popitem(last=False)
            self.peft.delete_adapter(old)
        self.peft.set_adapter(name)
        return self.peft


class LocalChat:
    """Loads models lazily and answers one request at a time."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loaded: dict[str, _Loaded] = {}

    def answer(
        self, model: LocalModel, adapter: str | None, messages: list[Any], max_tokens: int | None
    ) -> ChatReply:
        msgs = [
            {"role": str(m.get("role")), "content": content_text(m.get("content"))}
            for m in messages
            if isinstance(m, dict)
        ]
        limit = max_tokens or DEFAULT_MAX_TOKENS
        with self._lock:
            loaded = self._loaded.get(model.id)
            if loaded is None:
                loaded = self._loaded[model.id] = _Loaded(model)
            tok = loaded.tokenizer
            enc = tok.apply_chat_template(
                msgs, add_generation_prompt=True, return_tensors="pt", return_dict=True
            )
            enc = {k: v.to(loaded.device) for k, v in enc.items()}
            net = loaded.use(adapter)
            with torch.no_grad():
                if net is None:  # the base, with adapters loaded: switch them off for this answer
                    with loaded.peft.disable_adapter():
                        out = loaded.peft.generate(**enc, **self._options(tok, limit))
                else:
                    out = net.generate(**enc, **self._options(tok, limit))
        n_prompt = int(enc["input_ids"].shape[1])
        new = out[0, n_prompt:].tolist()
        eos = {tok.eos_token_id, *(getattr(tok, "additional_stop_ids", None) or [])}
        stopped = bool(new) and new[-1] in eos
        text = tok.decode(new, skip_special_tokens=True).strip()
        return ChatReply(text, "stop" if stopped or len(new) < limit else "length", n_prompt, len(new))

    @staticmethod
    def _options(tok: Any, limit: int) -> dict[str, Any]:
        pad = tok.pad_token_id if tok.pad_token_id is not None else tok.eos_token_id
        return {
            "max_new_tokens": limit,
            "do_sample": False,
            "repetition_penalty": 1.1,
            "pad_token_id": pad,
            "eos_token_id": tok.eos_token_id,
        }

    def close(self) -> None:
        with self._lock:
            self._loaded.clear()
