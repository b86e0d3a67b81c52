"""One packed int per example's token count: 100k examples cost 100k ints, not 100k objects.

A cell holds ``total << 33 | billed << 1 | estimated`` (billed < 2**32), as core's counter made them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from finetune_desktop.gui.dataset.core_api import TokenInfo

NO_TOKENS = -1  # the counter could not read the example


def pack_tokens(info: TokenInfo) -> int:
    """One int per example instead of an object: total, billed (< 2**32) and the estimated flag."""
    return pack_counts(info.total, info.billed, info.estimated)


def pack_counts(total: int, billed: int, estimated: bool) -> int:
    """``pack_tokens`` of the three figures, without building a ``TokenInfo`` (100k of them on an open)."""
    return (total << 33) | (min(billed, 0xFFFFFFFF) << 1) | int(bool(estimated))


def unpack_tokens(packed: int) -> TokenInfo:
    return TokenInfo(packed >> 33, (packed >> 1) & 0xFFFFFFFF, bool(packed & 1))


def packed_total(packed: int) -> int:
    return packed >> 33


def packed_billed(packed: int) -> int:
    return (packed >> 1) & 0xFFFFFFFF


def count_packed(counter: Callable[[Any], TokenInfo], data: Any) -> int:
    """``pack_tokens(counter(data))``; ``NO_TOKENS`` when the counter cannot read the example (a malformed
    example gets no count, not a crash)."""
    try:
        return pack_tokens(counter(data))
    except Exception:  # noqa: BLE001
        return NO_TOKENS


class TotalsView(Mapping[int, int]):
    """A live read-only view uid -> total tokens over the document's packed cells (for the validator)."""

    def __init__(self, tokens: dict[int, int]) -> None:
        self._tokens = tokens

    def __getitem__(self, uid: int) -> int:
        return self._tokens[uid] >> 33

    def __iter__(self) -> Iterator[int]:
        return iter(list(self._tokens))

    def __len__(self) -> int:
        return len(self._tokens)
