"""The engines behind the sandbox server: ``simulated`` (the default demo) and ``local`` (real LoRA).

``make_engine`` builds one by name, so the CLI and the desktop app pick an engine with a word; the local
engine's heavy libraries (torch, transformers, peft) are only imported when it trains or answers.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from finetune_desktop.sandbox.engine import TrainingEngine

ENGINES = ("simulated", "local")


class EngineUnavailable(RuntimeError):
    """The chosen engine cannot run here; the message says what to install."""


def make_engine(name: str, *, models: Sequence[str | Path] = ()) -> TrainingEngine:
    """``simulated`` or ``local`` (``models``: extra local model folders or GGUF files for it)."""
    if name == "simulated":
        from finetune_desktop.sandbox.engines.simulated import SimulatedEngine

        return SimulatedEngine()
    if name == "local":
        from finetune_desktop.sandbox.engines.local import LocalEngine, missing_packages

        missing = missing_packages()
        if missing:
            raise EngineUnavailable(
                f"the local engine needs {', '.join(missing)}: install them with "
                '`pip install "finetune-desktop[local]"`'
            )
        return LocalEngine(models=models)
    raise ValueError(f"unknown engine {name!r}; choose one of: {', '.join(ENGINES)}")
