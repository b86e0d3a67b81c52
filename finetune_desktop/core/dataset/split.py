"""Train / validation split and overlap detection.

A validation example that also appears in the training file measures memorisation, not learning, so
overlap is compared on normalised content (key order, Unicode form and whitespace do not matter), not on
raw bytes.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from finetune_desktop.core.cancel import CancelToken
from finetune_desktop.core.dataset.examples import Example

__all__ = ["OverlapPair", "content_key", "find_overlap", "normalize_content", "split_random"]

T = TypeVar("T")
_WS = re.compile(r"\s+")


def split_random(examples: Sequence[T], validation_fraction: float, seed: int) -> tuple[list[T], list[T]]:
    """Pick ``round(n * fraction)`` examples for validation (at least 1 when the fraction is above 0 and
    there are 2+ examples, never all); the same seed always gives the same split. Both parts keep the
    original order.
    """
    if not 0.0 <= validation_fraction < 1.0:
        raise ValueError(
            f"The validation share must be at least 0% and below 100% (got {validation_fraction:.0%})."
        )
    n = len(examples)
    k = round(n * validation_fraction)
    if validation_fraction > 0 and n >= 2:
        k = min(max(k, 1), n - 1)
    chosen = set(random.Random(seed).sample(range(n), k))
    train = [ex for i, ex in enumerate(examples) if i not in chosen]
    validation = [ex for i, ex in enumerate(examples) if i in chosen]
    return train, validation


def normalize_content(value: Any) -> Any:
    """The same JSON with every string NFC-normalised, trimmed and its whitespace runs collapsed."""
    if isinstance(value, str):
        return _WS.sub(" ", unicodedata.normalize("NFC", value)).strip()
    if isinstance(value, dict):
        return {str(k): normalize_content(v) for k, v in value.items()}
    if isinstance(value, list):
        return [normalize_content(v) for v in value]
    return value


def content_key(data: Any) -> bytes:
    """A 16-byte digest equal for examples with the same normalised content (any key order)."""
    try:
        text = json.dumps(normalize_content(data), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    except (TypeError, ValueError, RecursionError):
        text = repr(data)
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


@dataclass(frozen=True, slots=True)
class OverlapPair:
    """Training example ``train_index`` and validation example ``validation_index`` (0-based) match."""

    train_index: int
    validation_index: int


def _data(item: Any) -> Any:
    return item.data if isinstance(item, Example) else item


def find_overlap(
    train: Iterable[Any],
    validation: Iterable[Any],
    *,
    cancel: CancelToken | None = None,
) -> list[OverlapPair]:
    """Every (train, validation) pair with identical normalised content; accepts Examples or raw data."""
    index: dict[bytes, list[int]] = {}
    for i, item in enumerate(train):
        if cancel is not None and i % 4096 == 0:
            cancel.raise_if_cancelled()
        index.setdefault(content_key(_data(item)), []).append(i)
    pairs: list[OverlapPair] = []
    for j, item in enumerate(validation):
        if cancel is not None and j % 4096 == 0:
            cancel.raise_if_cancelled()
        for i in index.get(content_key(_data(item)), ()):
            pairs.append(OverlapPair(i, j))
    return pairs
