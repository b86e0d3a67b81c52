"""A whole session with a key, then every file the app could have written is searched for it.

Covers: the profiles file, the UI settings (QSettings INI), the log file (with a logged key, a logged
exception holding the key), a crash report raised through the crash hook, and a real "Test connection"
over HTTP against the sandbox. With a Secret Service (scripts/test.sh) the key goes to the real keyring;
without one it is kept for the session only, which must not reach the disk either.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from finetune_desktop.core.accounts.keystore import KeySource, KeyStore
from finetune_desktop.core.accounts.profile_store import ProfileStore
from finetune_desktop.core.accounts.profiles import ProfileKind
from finetune_desktop.core.logging_setup import install_crash_hook, setup_logging, teardown_logging
from finetune_desktop.core.paths import app_paths
from finetune_desktop.gui.context import AppContext
from finetune_desktop.gui.first_run.tour import mark_tour_seen
from finetune_desktop.gui.settings.page import SettingsPage

FAKE_KEY = "sk-test-FAKE-leakcheck-0042"


@pytest.fixture
def sandbox_url() -> Iterator[str]:
    server_module = pytest.importorskip("finetune_desktop.sandbox.server")
    server = server_module.SandboxServer(state_dir=app_paths().data / "sandbox")
    url = server.start()
    try:
        yield url
    finally:
        server.stop()


def files_holding(needle: bytes, roots: list[Path]) -> list[Path]:
    hits = []
    for root in roots:
        for path in root.rglob("*"):
            if path.is_file() and needle in path.read_bytes():
                hits.append(path)
    return hits


def test_no_key_in_any_file_after_a_full_session(
    qtbot: QtBot, app_home: Path, sandbox_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = app_paths().ensure()
    log_path = setup_logging(logging.DEBUG)
    hook = install_crash_hook()
    keys = KeyStore()
    context = AppContext(ProfileStore(), keys, sandbox_url=lambda: sandbox_url)
    stored_in_keyring = keys.status.available
    try:
        page = SettingsPage(context)
        qtbot.addWidget(page)
        page.show()

        # Add a profile with a key through the dialog (a compatible server: the sandbox over HTTP).
        page.add_button.click()
        dialog = page.profile_dialog
        assert dialog is not None
        dialog.kind.setCurrentIndex(dialog.kind.findData(ProfileKind.COMPATIBLE.value))
        qtbot.keyClicks(dialog.name, "Leak check")
        qtbot.keyClicks(dialog.base_url, sandbox_url)
        qtbot.keyClicks(dialog.key.edit, FAKE_KEY)
        if not stored_in_keyring:
            assert dialog.session_only.isChecked()
        with qtbot.waitSignal(dialog.profile_saved) as saved:
            dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
        profile = saved.args[0]
        expected = KeySource.KEYRING if stored_in_keyring else KeySource.SESSION
        assert keys.source(profile.id) is expected

        # Make it active (persisted) and test the connection for real.
        context.set_active_profile(profile.id)
        with qtbot.waitSignal(page.connection_tested, timeout=20_000) as tested:
            qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
        assert not isinstance(tested.args[0], BaseException), page.result.toPlainText()

        # UI state goes to QSettings; logging and a crash carry the key in their text.
        settings = context.ui_settings()
        mark_tour_seen(settings)
        settings.setValue("window/geometry", b"\x01\x02")
        settings.sync()
        log = logging.getLogger("finetune_desktop.leakcheck")
        log.info("connecting with %s", FAKE_KEY)
        log.debug("headers: Authorization: Bearer %s", FAKE_KEY)
        try:
            raise ConnectionError(f"server rejected key {FAKE_KEY}")
        except ConnectionError:
            log.exception("test failure")
        try:
            raise RuntimeError(f"unexpected state, key={FAKE_KEY}")
        except RuntimeError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)
        assert hook.reports
        for handler in logging.getLogger().handlers:
            handler.flush()
    finally:
        hook.uninstall()
        teardown_logging()
        context.runner.shutdown()
        if stored_in_keyring:
            keys.delete(profile.id)

    assert log_path.is_file()
    assert log_path.read_text(encoding="utf-8").count("[REDACTED]") >= 3  # info, debug, traceback
    assert (paths.config / "profiles.json").is_file()
    assert (paths.config / "ui.ini").is_file()
    roots = [*paths.all(), app_home]
    assert files_holding(FAKE_KEY.encode(), roots) == []
    assert files_holding(FAKE_KEY.encode("utf-16-le"), roots) == []
    assert FAKE_KEY not in capsys.readouterr().err
