"""Every test gets its own app folders, so no test can see another's files (or a real user's)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

#: ``../shared`` beside the repository, or where scripts/test.sh found it (a clone elsewhere).
SHARED = Path(os.environ.get("FINETUNE_SHARED_DIR") or Path(__file__).resolve().parents[1].parent / "shared")


@pytest.fixture(autouse=True)
def app_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path_factory.mktemp("app-home")
    monkeypatch.setenv("FINETUNE_DESKTOP_HOME", str(home))
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    return home
