"""An OpenAI-compatible fine-tuning server on loopback: the app's default backend and the tests' network.

It speaks the same HTTP API as api.openai.com (files, uploads, fine-tuning jobs, models, chat completions)
so the real ``openai`` client can be pointed at it with ``base_url``. Training is simulated by a
pluggable :class:`~finetune_desktop.sandbox.engine.TrainingEngine`.
"""

from __future__ import annotations

from finetune_desktop.sandbox.faults import FaultRule, parse_fault
from finetune_desktop.sandbox.server import SandboxServer

__all__ = ["FaultRule", "SandboxServer", "parse_fault"]
