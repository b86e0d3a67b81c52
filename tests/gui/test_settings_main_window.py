"""Settings plugged into the real MainWindow: the page, the status-bar switcher and the banner together."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, cast

import pytest
from keyring.backend import KeyringBackend
from pytestqt.qtbot import QtBot

from finetune_desktop.core.accounts.keystore import KeyStore
from finetune_desktop.core.accounts.profile_store import ProfileStore
from finetune_desktop.core.accounts.profiles import SANDBOX_PROFILE_ID, Profile, ProfileKind
from finetune_desktop.gui.context import AppContext
from finetune_desktop.gui.settings.page import SettingsPage
from tests.gui.test_settings import MemoryKeyring, add_openai_profile


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[Any]:
    main_window = pytest.importorskip("finetune_desktop.gui.main_window")
    context = AppContext(ProfileStore(), KeyStore(backend=cast(KeyringBackend, MemoryKeyring())))
    win = main_window.MainWindow(context)
    qtbot.addWidget(win)
    win.show()
    yield win
    context.runner.shutdown()


def test_settings_page_and_switcher_in_the_main_window(qtbot: QtBot, window: Any) -> None:
    assert ("settings", "Settings") in window.page_keys()
    page = window.page("settings")
    assert isinstance(page, SettingsPage)
    window.show_page("settings")
    assert window.stack.currentWidget() is page
    assert window.banner.isVisible()

    profile: Profile = add_openai_profile(qtbot, page, name="Work")
    switcher = window.profile_switcher
    assert switcher.combo.findData(profile.id) >= 0
    with qtbot.waitSignal(window.context.active_profile_changed):
        switcher.combo.activated.emit(switcher.combo.findData(profile.id))
    assert ProfileStore().active_id == profile.id
    assert window.profile_switcher.text() == "Backend: Work"
    assert not window.banner.isVisible()
    assert window.context.active_profile.kind is ProfileKind.OPENAI

    page.select_profile(SANDBOX_PROFILE_ID)
    page.use_button.click()
    assert switcher.current_profile_id() == SANDBOX_PROFILE_ID
    assert window.banner.isVisible()
