"""Fixtures for the Compare screen's tests: a sandbox over loopback and a context pointed at it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import cast

import pytest
from keyring.backend import KeyringBackend
from pytestqt.qtbot import QtBot

from finetune_desktop.core.accounts.keystore import KeyStore
from finetune_desktop.core.accounts.profile_store import ProfileStore
from finetune_desktop.gui.compare.model_picker import ModelDirectory
from finetune_desktop.gui.context import AppContext
from finetune_desktop.gui.dataset.document import DatasetDocument
from finetune_desktop.gui.i18n import ensure_english_plurals
from finetune_desktop.sandbox import SandboxServer
from tests.gui.test_settings import MemoryKeyring

MODEL_A = "gpt-4o-mini-2024-07-18"
MODEL_B = "gpt-4.1-mini-2025-04-14"


@pytest.fixture(scope="module")
def sandbox_server() -> Iterator[SandboxServer]:
    with SandboxServer(speed=1.0) as server:
        yield server


@pytest.fixture
def sandbox(sandbox_server: SandboxServer) -> SandboxServer:
    sandbox_server.reset()
    return sandbox_server


@pytest.fixture
def context(qtbot: QtBot, sandbox: SandboxServer) -> Iterator[AppContext]:
    ensure_english_plurals()  # as the main window does: "%n day(s)" reads "44 days"
    ctx = AppContext(
        ProfileStore(),
        KeyStore(backend=cast(KeyringBackend, MemoryKeyring())),
        sandbox_url=lambda: sandbox.base_url,
    )
    yield ctx
    assert ctx.runner.shutdown(), "a compare task was still running at the end of the test"


@pytest.fixture
def directory(qtbot: QtBot, context: AppContext) -> ModelDirectory:
    d = ModelDirectory(context)
    d.start()
    qtbot.waitUntil(lambda: d.catalog is not None)
    return d


@pytest.fixture
def document(context: AppContext) -> DatasetDocument:
    return DatasetDocument(context.runner, context)  # (goes with its runner, never outlives it)
