"""The bundled sample dataset the app opens on first run (no key needed)."""

from __future__ import annotations

from pathlib import Path

from finetune_desktop.core.paths import resources_dir

SAMPLE_DATASET = "micro_fiction_en_zh.jsonl"


def sample_dataset_path() -> Path:
    """A small bilingual (English/Chinese) chat-format training set: 50-word micro-fiction."""
    return resources_dir() / "samples" / SAMPLE_DATASET


def samples_dir() -> Path:
    return resources_dir() / "samples"
