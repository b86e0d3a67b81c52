"""The bundled model catalog, name resolution and user overrides (good and bad)."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from finetune_desktop.core.catalog.models import CatalogError, load_catalog, user_catalog_path

FOUR = {"gpt-4.1-2025-04-14", "gpt-4.1-mini-2025-04-14", "gpt-4o-2024-08-06", "gpt-4o-mini-2024-07-18"}


def test_bundled_catalog_has_the_four_models_with_dates() -> None:
    cat = load_catalog()
    assert set(cat.fine_tunable_ids()) == FOUR
    assert cat.problems == []
    for model_id in FOUR:
        info = cat.require(model_id)
        assert info.encoding == "o200k_base"
        assert info.training_context == 65_536
        assert info.new_jobs_until == date(2027, 1, 6)
        assert info.shutdown_date == date(2027, 1, 14)
        assert set(info.methods) == {"supervised", "dpo"}
        assert info.training_price_per_1m is not None
        assert info.prices_date
    assert not cat.require("gpt-4.1-2025-04-14").training_context_verified
    assert cat.require("gpt-4o-2024-08-06").training_context_verified
    assert cat.require("gpt-4o-mini-2024-07-18").training_price_per_1m == Decimal("3.00")
    assert cat.default_model in FOUR
    assert cat.currency.code == "CNY"
    assert cat.currency.rate_date


def test_fine_tunable_by_date() -> None:
    cat = load_catalog()
    assert {m.id for m in cat.fine_tunable(date(2026, 12, 1))} == FOUR
    assert cat.fine_tunable(date(2027, 1, 7)) == []
    assert cat.require("gpt-4o-2024-08-06").is_shut_down(date(2027, 1, 14))


def test_retired_models_are_known_for_old_ft_names() -> None:
    cat = load_catalog()
    nano = cat.require("ft:gpt-4.1-nano-2025-04-14:acme::x1")
    assert nano.status == "retired"
    assert not nano.accepts_new_jobs(date(2026, 1, 1))
    gpt35 = cat.require("ft:gpt-3.5-turbo-0125:acme:bot:x:ckpt-step-3")
    assert gpt35.encoding == "cl100k_base"
    assert gpt35.training_context == 16_385


def test_get_by_alias_ft_and_checkpoint_name() -> None:
    cat = load_catalog()
    assert cat.get("gpt-4o-mini").id == "gpt-4o-mini-2024-07-18"  # type: ignore[union-attr]
    assert cat.get("ft:gpt-4.1-mini-2025-04-14:org::abc:ckpt-step-9").id == "gpt-4.1-mini-2025-04-14"  # type: ignore[union-attr]
    assert cat.get("nope") is None
    with pytest.raises(CatalogError, match="Unknown model 'nope'"):
        cat.require("nope")


def _write(path: Path, data: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_override_merges_per_field_and_adds_models(tmp_path: Path) -> None:
    over = _write(
        tmp_path / "m.json",
        {
            "currency": {"rate_per_usd": "7.25", "rate_date": "2026-11-20"},
            "models": {
                "gpt-4o-mini-2024-07-18": {"training_price_per_1m": 2.5, "training_context": 131072},
                "my-proxy-model": {"training_price_per_1m": "1", "training_context": 8192},
            },
        },
    )
    cat = load_catalog(over)
    mini = cat.require("gpt-4o-mini-2024-07-18")
    assert mini.training_price_per_1m == Decimal("2.5")
    assert mini.training_context == 131_072
    assert mini.shutdown_date == date(2027, 1, 14)  # untouched fields kept
    assert cat.require("gpt-4o-2024-08-06").training_price_per_1m == Decimal("25.00")
    added = cat.require("my-proxy-model")
    assert added.encoding == "o200k_base"
    assert cat.currency.rate_per_usd == Decimal("7.25")
    assert cat.currency.code == "CNY"
    assert cat.sources[-1] == over


def test_user_config_override_is_picked_up() -> None:
    _write(user_catalog_path(), {"models": {"gpt-4.1-2025-04-14": {"training_context": 32768}}})
    assert load_catalog().require("gpt-4.1-2025-04-14").training_context == 32_768


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON at line 1"),
        ("[1, 2]", "must hold a JSON object"),
        ('{"models": {"gpt-4o-2024-08-06": {"training_price_per_1m": "cheap"}}}', "training_price_per_1m"),
        ('{"models": {"gpt-4o-2024-08-06": {"training_price_per_1m": -1}}}', "zero or more"),
        ('{"models": {"gpt-4o-2024-08-06": {"training_context": "big"}}}', "training_context"),
        ('{"models": {"gpt-4o-2024-08-06": {"encoding": "p50k_base"}}}', "encoding"),
        ('{"models": {"gpt-4o-2024-08-06": {"shutdown_date": "soon"}}}', "YYYY-MM-DD"),
        ('{"models": {"gpt-4o-2024-08-06": {"trainig_price": 1}}}', "unknown field"),
        ('{"models": {"gpt-4o-2024-08-06": 5}}', "must be an object"),
        ('{"currency": {"rate_per_usd": 0}}', "above zero"),
        ('{"modles": {}}', "unknown top-level"),
    ],
)
def test_bad_explicit_override_raises_clear_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CatalogError, match=message) as info:
        load_catalog(path)
    assert str(path) in str(info.value)


def test_missing_explicit_override(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="file not found"):
        load_catalog(tmp_path / "missing.json")


def test_bad_user_override_falls_back_with_problem() -> None:
    path = user_catalog_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"models": {"gpt-4o-2024-08-06": {"training_price_per_1m": "x"}}}', encoding="utf-8")
    cat = load_catalog()
    assert cat.require("gpt-4o-2024-08-06").training_price_per_1m == Decimal("25.00")
    assert len(cat.problems) == 1
    assert str(path) in cat.problems[0]
    assert "bundled model list is used instead" in cat.problems[0]
