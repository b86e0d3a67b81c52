"""The token figures of a whole file, from per-example counts: what ``check`` prints and the editor shows."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from finetune_desktop.core.tokens.counter import token_stats


@dataclass(frozen=True)
class TokenSummary:
    """Totals over the examples and the distribution of per-example totals (nearest-rank percentiles).

    ``billed`` sums each example's billed tokens (its total capped at the training context);
    ``truncated_examples`` counts the examples longer than that context.
    """

    total: int
    billed: int
    assistant: int
    min: int
    p50: int
    p90: int
    max_example: int
    truncated_examples: int
    estimated: bool

    def to_json(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "billed": self.billed,
            "max_example": self.max_example,
            "p50": self.p50,
            "p90": self.p90,
            "estimated": self.estimated,
        }


def summarize_tokens(
    totals: Sequence[int],
    billed: Sequence[int],
    *,
    assistant: Iterable[int] = (),
    estimated: bool = False,
) -> TokenSummary:
    """The summary of per-example ``totals`` and ``billed`` tokens (same order, same length)."""
    stats = token_stats(totals)
    return TokenSummary(
        total=sum(totals),
        billed=sum(billed),
        assistant=sum(assistant),
        min=stats.min,
        p50=stats.p50,
        p90=stats.p90,
        max_example=stats.max,
        truncated_examples=sum(1 for t, b in zip(totals, billed, strict=True) if b < t),
        estimated=estimated,
    )
