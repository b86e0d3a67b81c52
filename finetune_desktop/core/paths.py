"""Where the app keeps its non-secret files.

One place decides the folders so tests (and portable installs) can move all of them at once with
``FINETUNE_DESKTOP_HOME``; nothing in here ever holds a key.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "FinetuneDesktop"
HOME_ENV = "FINETUNE_DESKTOP_HOME"


@dataclass(frozen=True)
class AppPaths:
    config: Path
    data: Path
    cache: Path
    logs: Path

    def all(self) -> tuple[Path, ...]:
        return (self.config, self.data, self.cache, self.logs)

    def ensure(self) -> AppPaths:
        for p in self.all():
            p.mkdir(parents=True, exist_ok=True)
        return self


def app_paths() -> AppPaths:
    """The folders for this user, or all under ``$FINETUNE_DESKTOP_HOME`` when it is set."""
    home = os.environ.get(HOME_ENV)
    if home:
        root = Path(home)
        return AppPaths(root / "config", root / "data", root / "cache", root / "logs")
    return AppPaths(
        Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
    )


def documents_dir() -> Path:
    """Where the user's own datasets go by default (a visible folder, unlike ``data``)."""
    home = os.environ.get(HOME_ENV)
    if home:
        return Path(home) / "documents"
    return Path(platformdirs.user_documents_dir()) / "Finetune Desktop"


def resources_dir() -> Path:
    """The bundled ``resources/`` folder (next to the package in a checkout, inside it when frozen)."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "resources", here.parent / "resources"):
        if candidate.is_dir():
            return candidate
    return here.parent / "resources"
