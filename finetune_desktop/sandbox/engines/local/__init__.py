"""The local engine: real LoRA fine-tuning of an open chat model on this computer (CPU, or CUDA in bf16).

Optional: ``pip install "finetune-desktop[local]"`` brings torch (CPU build pinned), transformers, peft
and gguf. This module imports none of them; the training child process and the chat path do, on first
use. Training runs in a child process per job (``worker.py``) so the server stays responsive and cancel
and pause are real; answers come from the base model, the final adapter or any kept checkpoint.
"""

from __future__ import annotations

import importlib.util
import secrets
import shutil
import tempfile
import threading
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from finetune_desktop.sandbox.engine import ChatReply, ChatTarget, FailedRun, RunFailure, TrainingSpec
from finetune_desktop.sandbox.engines.local.export import LocalExport, export_bytes
from finetune_desktop.sandbox.engines.local.fit import FitCache
from finetune_desktop.sandbox.engines.local.hub import cached_folder
from finetune_desktop.sandbox.engines.local.models import LocalModel, demo_model, hub_models, model_from_path
from finetune_desktop.sandbox.engines.local.run import LocalRun, estimate_seconds
from finetune_desktop.sandbox.errors import ApiError

REQUIRED = ("torch", "transformers", "peft", "gguf")


def missing_packages() -> list[str]:
    """The optional packages the local engine needs that are not installed."""
    return [name for name in REQUIRED if importlib.util.find_spec(name) is None]


def _gpu_present() -> bool:
    """Whether an NVIDIA driver is visible (cheap: no torch import in the server)."""
    return Path("/proc/driver/nvidia/version").exists()


class LocalEngine:
    org = "local"
    simulated_time = False
    validate_seconds = 0.0
    queue_seconds = 0.0

    def __init__(
        self, models: Sequence[str | Path | LocalModel] = (), *, options: dict[str, Any] | None = None
    ) -> None:
        found = [m if isinstance(m, LocalModel) else model_from_path(m) for m in models]
        demo = demo_model()
        if demo is not None:
            found.append(demo)
        self.options = dict(options or {})
        if self.options.pop("hub", True):
            found.extend(hub_models())  # a folder or the demo model of the same id comes first
        self.models: dict[str, LocalModel] = {}
        for m in found:
            self.models.setdefault(m.id, m)
        self._fits = FitCache(self.options)
        self._runs: dict[str, LocalRun] = {}
        self._lock = threading.Lock()
        self._tmp: Path | None = None
        self._chat: Any = None
        self._exports: dict[str, LocalExport] = {}

    def base_models(self) -> dict[str, dict[str, Any]]:
        return {
            m.id: {
                "created": m.created,
                "shutdown_date": None,
                "local": self._fits.describe(m),
            }
            for m in self.models.values()
        }

    def _scratch(self) -> Path:
        """The engine's own temporary folder (made on first use, removed on close)."""
        with self._lock:
            if self._tmp is None:
                self._tmp = Path(tempfile.mkdtemp(prefix="finetune-local-"))
            return self._tmp

    def _workdir(self, spec: TrainingSpec) -> Path:
        if spec.workdir is not None:
            return spec.workdir
        return self._scratch() / spec.job_id

    def start(
        self,
        spec: TrainingSpec,
        training: Sequence[Any],
        validation: Sequence[Any],
        *,
        completed_steps: int = 0,
    ) -> LocalRun | FailedRun:
        model = self.models.get(spec.model)
        if model is None:
            why = (
                "continuing a fine-tuned model is not supported by the local engine yet; "
                "start from its base model"
                if spec.model.startswith("ft:")
                else "it is not one of this engine's models"
            )
            return FailedRun(spec, RunFailure("model_not_available", f"Cannot train {spec.model}: {why}."))
        if spec.method != "supervised":
            return FailedRun(
                spec,
                RunFailure(
                    "invalid_method", f"The local engine trains 'supervised' jobs only, not '{spec.method}'."
                ),
            )
        run = LocalRun(
            spec,
            model,
            self._workdir(spec),
            training,
            validation,
            completed_steps=completed_steps,
            options=self.options,
        )
        with self._lock:
            old = self._runs.pop(spec.job_id, None)
            self._runs[spec.job_id] = run
        if old is not None:
            old.close()
        return run

    def estimate_seconds(self, spec: TrainingSpec, train_tokens: int) -> float:
        return estimate_seconds(spec, train_tokens, gpu=_gpu_present())

    def chat(self, target: ChatTarget, messages: list[Any], max_tokens: int | None) -> ChatReply:
        model = self.models.get(target.base)
        if model is None or (target.job_id is not None and target.artifact is None):
            raise ApiError(
                404,
                f"The model '{target.model}' has no weights on this computer (its base model or its files "
                "are gone).",
                param="model",
                code="model_not_found",
            )
        model = self._on_disk(model)
        with self._lock:
            if self._chat is None:
                from finetune_desktop.sandbox.engines.local.inference import LocalChat

                self._chat = LocalChat()
            chat = self._chat
        reply: ChatReply = chat.answer(model, target.artifact, messages, max_tokens)
        return reply

    @staticmethod
    def _on_disk(model: LocalModel) -> LocalModel:
        """``model`` with its folder: a hub model's cached snapshot; ApiError when not downloaded yet."""
        if model.folder is not None:
            return model
        folder = cached_folder(model.repo) if model.repo is not None else None
        if folder is None:
            raise ApiError(
                404,
                f"The base model '{model.id}' is not downloaded yet: a fine-tuning job on it downloads "
                f"it from the Hugging Face hub ({model.repo}).",
                param="model",
                code="model_not_found",
            )
        return replace(model, folder=folder)

    # export ----------------------------------------------------------------------------------------
    def _export_source(self, target: ChatTarget) -> tuple[LocalModel, Path]:
        """(base model, adapter folder) of a fine-tune or checkpoint; ApiError when it has no files."""
        model = self.models.get(target.base)
        adapter = Path(target.artifact) if target.artifact else None
        if model is None or adapter is None or not (adapter / "adapter_model.safetensors").is_file():
            raise ApiError(
                404,
                f"The model '{target.model}' has no weights on this computer (its base model or its files "
                "are gone), so it cannot be exported.",
                param="model",
                code="model_not_found",
            )
        return self._on_disk(model), adapter

    def export_bytes(self, target: ChatTarget, merged: bool) -> int:
        model, adapter = self._export_source(target)
        return export_bytes(model, adapter, merged)

    def protected_folders(self) -> list[Path]:
        """Folders an export must never be written into: the base models' and the engine's own."""
        folders = [m.folder for m in self.models.values() if m.folder is not None]
        with self._lock:
            if self._tmp is not None:
                folders.append(self._tmp)
        return folders

    def start_export(self, target: ChatTarget, folder: Path, merged: bool) -> dict[str, Any]:
        """Write ``target`` into ``folder`` (checked by the caller) in a child process; returns at once."""
        model, adapter = self._export_source(target)
        export_id = "export-" + secrets.token_hex(8)
        control = self._scratch() / "exports" / export_id
        job = LocalExport(
            export_id,
            model_name=target.model,
            base=model,
            adapter=adapter,
            target=folder,
            merged=merged,
            control=control,
            threads=int(self.options.get("threads") or 0),
        )
        with self._lock:
            self._exports[export_id] = job
        return job.to_json()

    def export_status(self, export_id: str, *, cancel: bool = False) -> dict[str, Any] | None:
        with self._lock:
            job = self._exports.get(export_id)
        if job is None:
            return None
        if cancel:
            job.cancel()
        else:
            job.refresh()
        return job.to_json()

    def exports_running_into(self, folder: Path) -> bool:
        with self._lock:
            jobs = list(self._exports.values())
        for job in jobs:
            job.refresh()
        return any(j.status == "running" and j.target == folder for j in jobs)

    def forget(self) -> None:
        self.close()

    def close(self) -> None:
        with self._lock:
            exports = list(self._exports.values())
            self._exports.clear()
        for job in exports:
            job.cancel()
        with self._lock:
            runs = list(self._runs.values())
            self._runs.clear()
            tmp, self._tmp = self._tmp, None
            chat, self._chat = self._chat, None
        if chat is not None:
            chat.close()
        for run in runs:
            run.close()
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
