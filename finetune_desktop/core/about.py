"""What the About dialog and ``--version`` report: version, licence, folders, the catalog's dates.

Plain data, read without Qt, so the CLI, the self-test and the dialog show the same facts.
"""

from __future__ import annotations

import importlib.metadata
from dataclasses import dataclass
from pathlib import Path

from finetune_desktop.core.paths import app_paths

DISTRIBUTION = "finetune-desktop"
LICENSE = "MIT"


def app_version() -> str:
    """The installed distribution's version; the package's own when no metadata is installed."""
    try:
        return importlib.metadata.version(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        from finetune_desktop import __version__

        return __version__


@dataclass(frozen=True)
class CatalogDates:
    """The newest ``prices_date`` of any model, the currency rate's date, and the catalog's files."""

    prices_date: str | None
    rate_date: str | None
    sources: tuple[Path, ...]
    #: Why the catalog could not be read ("" when it was).
    problem: str = ""


def catalog_dates() -> CatalogDates:
    """Read the model catalog (bundled plus the user's override) for its price and rate dates."""
    from finetune_desktop.core.catalog.models import CatalogError, load_catalog

    try:
        catalog = load_catalog()
    except (CatalogError, OSError) as exc:
        return CatalogDates(None, None, (), str(exc))
    dates = [m.prices_date for m in catalog.models.values() if m.prices_date]
    return CatalogDates(
        max(dates) if dates else None,
        catalog.currency.rate_date,
        tuple(catalog.sources),
        " ".join(catalog.problems),
    )


@dataclass(frozen=True)
class AboutFacts:
    version: str
    license: str
    config: Path
    data: Path
    logs: Path
    catalog: CatalogDates


def about_facts() -> AboutFacts:
    paths = app_paths()
    return AboutFacts(app_version(), LICENSE, paths.config, paths.data, paths.logs, catalog_dates())
