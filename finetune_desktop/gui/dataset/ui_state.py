"""Non-secret UI state (window geometry, recent files, chosen model) in the app's one UI settings file,
so ``FINETUNE_DESKTOP_HOME`` moves it with everything else and tests never share it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from finetune_desktop.gui.context import AppContext

MAX_RECENT = 8


def ui_settings() -> QSettings:
    return AppContext.ui_settings()


def recent_files() -> list[Path]:
    value = ui_settings().value("recent_files", [])
    items: list[str] = [value] if isinstance(value, str) else [str(v) for v in (value or [])]  # type: ignore[attr-defined]
    return [Path(p) for p in items if p]


def add_recent_file(path: Path) -> list[Path]:
    items = [p for p in recent_files() if p != path]
    items.insert(0, path)
    items = items[:MAX_RECENT]
    ui_settings().setValue("recent_files", [str(p) for p in items])
    return items
