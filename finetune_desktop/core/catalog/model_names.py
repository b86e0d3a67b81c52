"""Reading model names apart: the one parser for fine-tune (``ft:``) and checkpoint names.

``ft:<base>:<org>:<suffix>:<id>`` names a fine-tuned model (suffix and org may be empty);
``...:ckpt-step-<n>`` one of its checkpoints. The catalog, the tokenizer map, the connection check and
the local server all ask here which base model a name stands on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CKPT_RE = re.compile(r":ckpt-step-(\d+)$")


@dataclass(frozen=True)
class ModelName:
    """A model name read apart. For a base model only ``base`` is set (the name itself)."""

    name: str
    base: str
    fine_tuned: bool = False
    org: str | None = None
    suffix: str | None = None
    tag: str | None = None
    checkpoint_step: int | None = None


def parse_model_name(model: str) -> ModelName:
    """``ft:gpt-4o-mini-2024-07-18:acme:support:AbC123:ckpt-step-40`` -> base ``gpt-4o-mini-2024-07-18``,
    org ``acme``, suffix ``support``, tag ``AbC123``, checkpoint step 40. A name that is not ``ft:`` (or
    an ``ft:`` name without a base) is its own base."""
    name = model.strip()
    step: int | None = None
    ckpt = _CKPT_RE.search(name)
    if ckpt is not None:
        step = int(ckpt.group(1))
        name = name[: ckpt.start()]
    parts = name.split(":")
    if parts[0] != "ft" or len(parts) < 2 or not parts[1]:
        return ModelName(model, name, checkpoint_step=step)

    def part(i: int) -> str | None:
        return parts[i] if len(parts) > i else None

    return ModelName(model, parts[1], True, part(2), part(3), part(4), step)


def base_model(model: str) -> str:
    """The base model of a fine-tuned or checkpoint name; other names come back unchanged (stripped).

    ``ft:gpt-4o-mini-2024-07-18:acme:support:AbC123`` and ``...:AbC123:ckpt-step-40`` both give
    ``gpt-4o-mini-2024-07-18``.
    """
    return parse_model_name(model).base
