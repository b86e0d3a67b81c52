"""What the About dialog and ``--version`` report, read without Qt."""

from __future__ import annotations

import importlib.metadata
import json
from pathlib import Path

from finetune_desktop.core.about import about_facts, app_version, catalog_dates
from finetune_desktop.core.catalog.models import bundled_catalog_path, user_catalog_path


def test_version_comes_from_the_installed_metadata() -> None:
    assert app_version() == importlib.metadata.version("finetune-desktop")


def test_catalog_dates_are_the_newest_price_date_and_the_rate_date() -> None:
    raw = json.loads(bundled_catalog_path().read_text(encoding="utf-8"))
    newest = max(m["prices_date"] for m in raw["models"].values() if m.get("prices_date"))
    dates = catalog_dates()
    assert dates.prices_date == newest
    assert dates.rate_date == raw["currency"]["rate_date"]
    assert dates.problem == ""


def test_a_newer_user_override_shows_its_own_date() -> None:
    path = user_catalog_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"models": {"gpt-4.1-2025-04-14": {"prices_date": "2099-01"}}}), "utf-8")
    dates = catalog_dates()
    assert dates.prices_date == "2099-01"
    assert path in dates.sources


def test_a_broken_override_is_reported_and_the_bundled_dates_shown() -> None:
    path = user_catalog_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{not json", encoding="utf-8")
    dates = catalog_dates()
    assert dates.prices_date is not None
    assert "bundled model list is used instead" in dates.problem


def test_facts_name_this_app_home(app_home: Path) -> None:
    facts = about_facts()
    assert facts.license == "MIT"
    assert facts.data == app_home / "data"
    assert facts.config == app_home / "config"
    assert facts.logs == app_home / "logs"
