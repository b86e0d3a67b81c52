"""Default epochs and training cost, in USD and a second currency, with exact decimal arithmetic.

:func:`training_figures` is the one place the CLI's ``check``, the editor's cost panel and the local
server turn per-example counts into tokens, epochs and a price, so they always agree.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from finetune_desktop.core.catalog.models import Catalog, ModelInfo
from finetune_desktop.core.tokens.summary import TokenSummary, summarize_tokens

MILLION = Decimal(1_000_000)
CENT = Decimal("0.01")


def default_epochs(n_examples: int) -> int:
    """OpenAI's default: 3; raised to 100 // n (at most 25) for small sets, lowered to 25000 // n (at
    least 1) for large ones. No examples: 3."""
    if n_examples <= 0:
        return 3
    if n_examples * 3 < 100:
        return min(25, 100 // n_examples)
    if n_examples * 3 > 25_000:
        return max(1, 25_000 // n_examples)
    return 3


#: Second-currency units per US dollar: above zero and at most this (no real currency comes close).
MAX_RATE = Decimal(1_000_000)


def parse_rate(text: str) -> Decimal:
    """A user-typed exchange rate; ``ValueError`` with a plain reason unless it is a number above zero
    and at most ``MAX_RATE`` (``inf``, ``nan``, ``-1``, ``abc``, ``1e999`` and 5,000 digits are refused)."""
    t = text.strip()
    if len(t) > 40:
        raise ValueError(f"{t[:20]}... is too long for a rate; write it like 7.1")
    try:
        d = Decimal(t)
    except ArithmeticError:  # decimal.InvalidOperation
        raise ValueError(f"{t!r} is not a number; write the rate like 7.1") from None
    if not d.is_finite():
        raise ValueError(f"{t!r} is not a number; write the rate like 7.1")
    if d <= 0 or d > MAX_RATE:
        raise ValueError(f"the rate must be above 0 and at most {MAX_RATE:,}, not {t}")
    return d


def to_decimal(value: Decimal | int | float | str) -> Decimal:
    """Decimal from user input; floats go through ``str`` so 7.1 stays 7.1."""
    return value if isinstance(value, Decimal) else Decimal(str(value))


def money(value: Decimal) -> Decimal:
    """Round to cents, half up (what a person expects on a price)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Cost:
    """Estimated training cost. ``usd``/``local`` are exact; use :func:`money` to show them.

    ``usd`` is None when the catalog has no per-token training price for the model.
    """

    billed_tokens: int
    epochs: int
    trained_tokens: int
    price_per_1m: Decimal | None
    prices_date: str | None
    usd: Decimal | None
    currency: str
    rate: Decimal
    rate_date: str | None
    local: Decimal | None
    estimated: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            # not rounded to cents: a script sums or compares them (the human report rounds)
            "usd": None if self.usd is None else float(self.usd),
            self.currency.lower(): None if self.local is None else float(self.local),
            "currency": self.currency,
            "rate": str(self.rate),
            "rate_date": self.rate_date,
            "price_per_1m_usd": None if self.price_per_1m is None else str(self.price_per_1m),
            "prices_date": self.prices_date,
            "trained_tokens": self.trained_tokens,
            "estimated": self.estimated,
        }


def estimate_cost(
    billed_tokens: int,
    epochs: int,
    model_info: ModelInfo,
    *,
    rate: Decimal | int | float | str | None = None,
    currency: str = "CNY",
    rate_date: str | None = None,
    estimated: bool = False,
) -> Cost:
    """cost = billed tokens x epochs x training price / 1M, also in ``currency`` at ``rate`` per USD.

    ``rate=None`` uses the catalog's default rate (when its currency is ``currency``).
    """
    if rate is None:
        from finetune_desktop.core.catalog.models import load_catalog

        cur = load_catalog().currency
        if cur.code == currency.upper():
            rate, rate_date = cur.rate_per_usd, rate_date or cur.rate_date
        else:
            rate = Decimal(1) if currency.upper() == "USD" else Decimal(0)
    r = to_decimal(rate)
    trained = max(0, billed_tokens) * max(0, epochs)
    price = model_info.training_price_per_1m
    usd = None if price is None else Decimal(trained) * price / MILLION
    local = None if usd is None or r == 0 else usd * r
    return Cost(
        billed_tokens=billed_tokens,
        epochs=epochs,
        trained_tokens=trained,
        price_per_1m=price,
        prices_date=model_info.prices_date,
        usd=usd,
        currency=currency.upper(),
        rate=r,
        rate_date=rate_date,
        local=local,
        estimated=estimated,
    )


@dataclass(frozen=True)
class TrainingFigures:
    """What a training file costs for one model: its token summary, the epochs and the price."""

    examples: int
    tokens: TokenSummary
    epochs: int
    epochs_is_default: bool
    cost: Cost


def training_figures(
    totals: Sequence[int],
    billed: Sequence[int],
    n_examples: int,
    model_info: ModelInfo,
    catalog: Catalog,
    *,
    assistant: Iterable[int] = (),
    estimated: bool = False,
    epochs: int | None = None,
    rate: Decimal | int | float | str | None = None,
    currency: str | None = None,
) -> TrainingFigures:
    """Summary, epochs (``None``: :func:`default_epochs` of ``n_examples``) and cost of a file whose
    examples have these ``totals`` and ``billed`` tokens (billed: capped at the training context).

    ``currency`` defaults to the catalog's; ``rate=None`` takes the catalog's rate (and its date) when
    the currency is the catalog's, else no second-currency price.
    """
    tokens = summarize_tokens(totals, billed, assistant=assistant, estimated=estimated)
    n_epochs = epochs if epochs is not None else default_epochs(n_examples)
    cur = currency or catalog.currency.code
    own = cur == catalog.currency.code
    use_rate = rate if rate is not None else (catalog.currency.rate_per_usd if own else None)
    cost = estimate_cost(
        tokens.billed,
        n_epochs,
        model_info,
        rate=use_rate if use_rate is not None else 0,
        currency=cur,
        rate_date=catalog.currency.rate_date if rate is None and own else None,
        estimated=estimated,
    )
    return TrainingFigures(n_examples, tokens, n_epochs, epochs is None, cost)
