"""What ``/v1/models`` says about each local base model: where it comes from, whether it is on this computer
and whether LoRA training fits this machine's memory (core's estimate, see ``core/local_models/memory``).

A model folder's shape comes from core's ``shape_from_folder`` (config.json and the safetensors headers);
a GGUF file's shape is not read (no estimate). The machine's memory is
read at most every ``MACHINE_TTL`` seconds.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from finetune_desktop.core.local_models.catalog import HubModel, hub_model, shape_from_folder
from finetune_desktop.core.local_models.memory import (
    DEFAULT_RANK,
    DEFAULT_SEQ_LEN,
    Machine,
    fit,
    machine_memory,
)
from finetune_desktop.sandbox.engines.local.hub import cached_folder
from finetune_desktop.sandbox.engines.local.models import LocalModel

MACHINE_TTL = 30.0


class FitCache:
    """Each model's memory fit for the engine's settings; the machine's memory re-read after a while."""

    def __init__(self, options: dict[str, Any]) -> None:
        self.seq_len = int(options.get("max_len") or DEFAULT_SEQ_LEN)
        self.rank = int(options.get("rank") or DEFAULT_RANK)
        self._lock = threading.Lock()
        self._machine: tuple[float, Machine] | None = None
        self._shapes: dict[str, HubModel | None] = {}

    def machine(self) -> Machine:
        with self._lock:
            if self._machine is None or time.monotonic() - self._machine[0] > MACHINE_TTL:
                self._machine = (time.monotonic(), machine_memory())
            return self._machine[1]

    def shape(self, model: LocalModel) -> HubModel | None:
        if model.repo is not None:
            return hub_model(model.id)
        if model.gguf_file is not None or model.folder is None:
            return None
        with self._lock:
            if model.id not in self._shapes:
                self._shapes[model.id] = shape_from_folder(model.id, model.folder)
            return self._shapes[model.id]

    def describe(self, model: LocalModel) -> dict[str, Any]:
        """The ``local`` object of a base model in ``/v1/models``."""
        shape = self.shape(model)
        found = None if shape is None else fit(shape, self.machine(), seq_len=self.seq_len, rank=self.rank)
        if model.repo is not None:
            source, on_disk = "hub", cached_folder(model.repo) is not None
        else:
            source, on_disk = ("gguf" if model.gguf_file else "folder"), True
        return {
            "source": source,
            "repo": model.repo,
            "downloaded": on_disk,
            "parameters": shape.params if shape else None,
            "memory": found.to_json() if found else None,
        }
