"""The same leak check through the whole app (composition root, main window, autosave, sample dataset)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from finetune_desktop.core.accounts.profiles import ProfileKind
from finetune_desktop.core.logging_setup import setup_logging, teardown_logging
from finetune_desktop.core.paths import app_paths
from finetune_desktop.gui.first_run.tour import GuidedTour
from finetune_desktop.gui.settings.page import SettingsPage

FAKE_KEY = "sk-test-FAKE-leakcheck-app-7"


def test_no_key_in_any_file_after_an_app_session(qtbot: QtBot, qapp: QApplication, app_home: Path) -> None:
    app_module = pytest.importorskip("finetune_desktop.app")
    setup_logging(logging.DEBUG)
    window: Any
    window, sandbox = app_module.build_main_window(qapp)
    qtbot.addWidget(window)
    window.show()
    profile_id = None
    try:
        qtbot.waitUntil(lambda: len(window.document.examples) == 24, timeout=10_000)
        page = window.page("settings")
        assert isinstance(page, SettingsPage)
        window.show_page("settings")
        page.add_button.click()
        dialog = page.profile_dialog
        assert dialog is not None
        dialog.kind.setCurrentIndex(dialog.kind.findData(ProfileKind.COMPATIBLE.value))
        qtbot.keyClicks(dialog.name, "Local")
        qtbot.keyClicks(dialog.base_url, sandbox.url())
        qtbot.keyClicks(dialog.key.edit, FAKE_KEY)
        with qtbot.waitSignal(dialog.profile_saved) as saved:
            dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
        profile_id = saved.args[0].id
        window.profile_switcher.combo.activated.emit(window.profile_switcher.combo.findData(profile_id))
        assert window.context.active_profile.id == profile_id
        with qtbot.waitSignal(page.connection_tested, timeout=20_000) as tested:
            qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
        assert not isinstance(tested.args[0], BaseException), page.result.toPlainText()
        window.autosave.save_now()
        for tour in window.findChildren(GuidedTour):
            tour.close()
        window.close()
    finally:
        if profile_id is not None:
            window.context.keys.delete(profile_id)
        window.context.runner.shutdown()
        sandbox.stop()
        teardown_logging()

    paths = app_paths()
    needles = (FAKE_KEY.encode(), FAKE_KEY.encode("utf-16-le"))
    hits = [
        p
        for root in (*paths.all(), app_home)
        for p in root.rglob("*")
        if p.is_file() and any(n in p.read_bytes() for n in needles)
    ]
    assert hits == []
    assert (paths.config / "profiles.json").is_file()
