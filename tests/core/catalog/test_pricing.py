"""OpenAI's default-epochs rule and the cost arithmetic (exact decimals, second currency)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from finetune_desktop.core.catalog.models import load_catalog
from finetune_desktop.core.catalog.pricing import default_epochs, estimate_cost, money


@pytest.mark.parametrize(
    ("n", "epochs"),
    [
        (0, 3),
        (1, 25),
        (3, 25),
        (4, 25),
        (5, 20),
        (10, 10),
        (33, 3),
        (34, 3),
        (20, 5),
        (50, 3),
        (1000, 3),
        (8333, 3),
        (8334, 2),
        (12_500, 2),
        (12_501, 1),
        (25_000, 1),
        (100_000, 1),
    ],
)
def test_default_epochs(n: int, epochs: int) -> None:
    assert default_epochs(n) == epochs


def test_cost_arithmetic_usd_and_cny() -> None:
    info = load_catalog().require("gpt-4o-mini-2024-07-18")  # $3.00 per 1M
    cost = estimate_cost(1_234_567, 3, info, rate="7.10", currency="CNY", rate_date="2026-11-26")
    assert cost.trained_tokens == 3_703_701
    assert cost.usd == Decimal("11.111103")
    assert money(cost.usd) == Decimal("11.11")
    assert cost.local == Decimal("11.111103") * Decimal("7.10")
    assert money(cost.local) == Decimal("78.89")
    j = cost.to_json()
    assert j["usd"] == 11.111103  # --json is not rounded to cents (only the human report is)
    assert j["cny"] == float(Decimal("11.111103") * Decimal("7.10"))
    assert j["cny"] != 78.89
    assert j["currency"] == "CNY"
    assert j["prices_date"] == info.prices_date


def test_cost_default_rate_from_catalog_and_float_rate() -> None:
    info = load_catalog().require("gpt-4.1-2025-04-14")  # $25.00
    cost = estimate_cost(1_000_000, 2, info)
    assert cost.usd == Decimal(50)
    assert cost.rate == load_catalog().currency.rate_per_usd
    assert cost.rate_date == load_catalog().currency.rate_date
    assert estimate_cost(1_000_000, 2, info, rate=7.1).local == Decimal("355.0")


def test_cost_without_published_price_is_none() -> None:
    info = load_catalog().require("o4-mini-2025-04-16")
    cost = estimate_cost(1000, 3, info, rate=7)
    assert cost.usd is None
    assert cost.local is None
    assert cost.to_json()["usd"] is None
