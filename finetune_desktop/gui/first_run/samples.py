"""The bundled sample dataset the app opens on first run (no key needed)."""

from __future__ import annotations

import shutil
from pathlib import Path

from finetune_desktop.core.paths import documents_dir, resources_dir

SAMPLE_DATASET = "micro_fiction_en_zh.jsonl"


def sample_dataset_path() -> Path:
    """A small bilingual (English/Chinese) chat-format training set: 50-word micro-fiction."""
    return resources_dir() / "samples" / SAMPLE_DATASET


def samples_dir() -> Path:
    return resources_dir() / "samples"


def is_sample(path: Path | None) -> bool:
    """Whether ``path`` is the sample (the user's copy or the bundled file)."""
    if path is None:
        return False
    return path.name == SAMPLE_DATASET and path.parent in (documents_dir(), samples_dir())


def user_sample_copy() -> Path:
    """The user's own copy of the sample, made once in their documents folder.

    The app opens this copy, never the bundled file: saving, splitting and exporting then write next
    to it, not into the (possibly read-only) install folder, and an edited copy is never overwritten.
    """
    target = documents_dir() / SAMPLE_DATASET
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".partial")
        shutil.copyfile(sample_dataset_path(), partial)
        partial.replace(target)
    return target
