"""One streamed reply with its timings: time to first token, total time, tokens in and out."""

from __future__ import annotations

import time
from collections.abc import Callable, Generator, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from finetune_desktop.core.cancel import CancelToken
from finetune_desktop.core.catalog.models import Catalog
from finetune_desktop.core.catalog.pricing import MILLION
from finetune_desktop.core.compare.access import ChunkLike
from finetune_desktop.core.compare.batch import ChatParams


@dataclass(frozen=True)
class ReplyStats:
    first_token_s: float | None
    total_s: float
    prompt_tokens: int | None
    completion_tokens: int | None
    finish_reason: str | None
    stopped: bool = False  # cancelled by the user before the end


@dataclass(frozen=True)
class Delta:
    text: str


StreamFn = Callable[..., Iterator[ChunkLike]]


def timed_stream(
    stream: StreamFn,
    model: str,
    messages: Sequence[Mapping[str, Any]],
    params: ChatParams,
    *,
    cancel: CancelToken,
    clock: Callable[[], float] = time.monotonic,
) -> Generator[Delta, None, ReplyStats]:
    """Yield the reply's text pieces; return its stats. ``stream`` is ``FineTuningService.chat``."""
    started = clock()
    first: float | None = None
    finish: str | None = None
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    for chunk in stream(
        model,
        messages,
        temperature=params.temperature,
        top_p=params.top_p,
        max_tokens=params.max_tokens,
        cancel=cancel,
    ):
        if chunk.text:
            if first is None:
                first = clock() - started
            yield Delta(chunk.text)
        finish = chunk.finish_reason or finish
        if chunk.usage is not None:
            prompt_tokens = chunk.usage.prompt_tokens
            completion_tokens = chunk.usage.completion_tokens
    return ReplyStats(first, clock() - started, prompt_tokens, completion_tokens, finish, cancel.cancelled)


@dataclass(frozen=True)
class ReplyPrice:
    usd: Decimal
    local: Decimal
    currency: str
    prices_date: str | None


def reply_price(
    model: str, prompt_tokens: int, completion_tokens: int, catalog: Catalog
) -> ReplyPrice | None:
    """What the reply cost at the catalog's rates, or None where the catalog has none for this model.

    The catalog holds the per-token rates of *fine-tuned* models (what the fine-tuning price list gives),
    so only fine-tuned and checkpoint models get a price; a base model's rates differ and are not in it.
    """
    if not model.startswith("ft:"):
        return None
    info = catalog.get(model)
    if info is None or info.input_price_per_1m is None or info.output_price_per_1m is None:
        return None
    usd = (prompt_tokens * info.input_price_per_1m + completion_tokens * info.output_price_per_1m) / MILLION
    rate = catalog.currency.rate_per_usd
    return ReplyPrice(usd, usd * rate, catalog.currency.code, info.prices_date)
