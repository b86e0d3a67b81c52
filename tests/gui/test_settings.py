"""The Settings screen driven through its widgets: add, edit, rename, delete, mask/reveal, switcher, test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import cast

import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from finetune_desktop.core.accounts.keystore import KeySource, KeyStore
from finetune_desktop.core.accounts.profile_store import ProfileStore
from finetune_desktop.core.accounts.profiles import SANDBOX_PROFILE_ID, Profile, ProfileKind
from finetune_desktop.gui.context import AppContext
from finetune_desktop.gui.settings.key_field import KeyField
from finetune_desktop.gui.settings.page import SettingsPage
from finetune_desktop.gui.settings.profile_dialog import ProfileDialog
from finetune_desktop.gui.settings.profile_switcher import ProfileSwitcher

FAKE_KEY = "sk-test-FAKE-settings-01"


class MemoryKeyring:
    """A secure-looking in-memory backend for widget tests (the real Secret Service has its own tests).

    Duck-typed on purpose: a KeyringBackend subclass would register itself with keyring process-wide.
    """

    priority = 5

    def __init__(self) -> None:
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        import keyring.errors

        if (service, username) not in self.entries:
            raise keyring.errors.PasswordDeleteError("not found")
        del self.entries[(service, username)]


@pytest.fixture
def memory_keyring() -> MemoryKeyring:
    return MemoryKeyring()


@pytest.fixture
def context(qtbot: QtBot, memory_keyring: MemoryKeyring) -> Iterator[AppContext]:
    ctx = AppContext(ProfileStore(), KeyStore(backend=cast(KeyringBackend, memory_keyring)))
    yield ctx
    ctx.runner.shutdown()


@pytest.fixture
def page(qtbot: QtBot, context: AppContext) -> SettingsPage:
    widget = SettingsPage(context)
    qtbot.addWidget(widget)
    widget.resize(1000, 640)
    widget.show()
    return widget


def open_add_dialog(qtbot: QtBot, page: SettingsPage) -> ProfileDialog:
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    dialog = page.profile_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def add_openai_profile(qtbot: QtBot, page: SettingsPage, name: str = "Work", key: str = FAKE_KEY) -> Profile:
    dialog = open_add_dialog(qtbot, page)
    dialog.kind.setCurrentIndex(dialog.kind.findData(ProfileKind.OPENAI.value))
    qtbot.keyClicks(dialog.name, name)
    qtbot.keyClicks(dialog.key.edit, key)
    qtbot.keyClicks(dialog.organization, "org-test")
    with qtbot.waitSignal(dialog.profile_saved) as saved:
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    return cast(Profile, saved.args[0])


def list_names(page: SettingsPage) -> list[str]:
    return [page.profile_list.item(i).text().splitlines()[0] for i in range(page.profile_list.count())]


def test_starts_with_the_sandbox_selected_and_in_use(page: SettingsPage) -> None:
    assert list_names(page) == ["Sandbox (local)  (in use)"]
    assert page.kind_value.text().startswith("Built-in sandbox")
    assert not page.delete_button.isEnabled()
    assert not page.rename_button.isEnabled()
    assert page.keyring_box.isHidden()  # the (memory) keyring is available


def test_add_profile_stores_key_in_keyring_only(
    qtbot: QtBot, page: SettingsPage, context: AppContext, memory_keyring: MemoryKeyring, app_home: Path
) -> None:
    profile = add_openai_profile(qtbot, page)
    assert page.profile_dialog is not None
    qtbot.waitUntil(lambda: page.profile_dialog is None or not page.profile_dialog.isVisible())
    assert "Work" in list_names(page)
    assert page.selected_profile() == profile
    assert memory_keyring.entries == {("FinetuneDesktop", profile.id): FAKE_KEY}
    assert context.keys.source(profile.id) is KeySource.KEYRING
    assert ProfileStore().get("Work").organization == "org-test"
    qtbot.waitUntil(lambda: "Saved in your system's password store" in page.key_source.text())
    assert page.key_field.text() == FAKE_KEY
    for file in app_home.rglob("*"):
        if file.is_file():
            assert FAKE_KEY.encode() not in file.read_bytes(), file


def test_dialog_shows_the_problem_and_keeps_what_was_typed(qtbot: QtBot, page: SettingsPage) -> None:
    dialog = open_add_dialog(qtbot, page)
    dialog.kind.setCurrentIndex(dialog.kind.findData(ProfileKind.AZURE.value))
    assert dialog.endpoint.isVisible()
    assert not dialog.base_url.isVisible()
    qtbot.keyClicks(dialog.name, "Azure team")
    qtbot.keyClicks(dialog.key.edit, FAKE_KEY)
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.isVisible()
    assert dialog.error.isVisible()
    assert "Azure endpoint is required" in dialog.error.text()
    assert dialog.name.text() == "Azure team"
    assert dialog.key.text() == FAKE_KEY
    qtbot.keyClicks(dialog.endpoint, "https://team.openai.azure.com")
    with qtbot.waitSignal(dialog.profile_saved):
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert page.context.store.get("Azure team").api_version  # the default api-version was filled in


def test_key_pasted_into_the_wrong_field_is_refused(qtbot: QtBot, page: SettingsPage) -> None:
    dialog = open_add_dialog(qtbot, page)
    qtbot.keyClicks(dialog.name, "Oops")
    qtbot.keyClicks(dialog.organization, FAKE_KEY)
    qtbot.keyClicks(dialog.key.edit, FAKE_KEY)
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert "looks like an API key" in dialog.error.text()
    assert FAKE_KEY not in dialog.error.text()
    assert page.context.store.find("Oops") is None


def test_edit_profile_changes_fields_and_key(
    qtbot: QtBot, page: SettingsPage, memory_keyring: MemoryKeyring
) -> None:
    profile = add_openai_profile(qtbot, page)
    page.select_profile(profile.id)
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    dialog = page.profile_dialog
    assert dialog is not None
    assert dialog.key.text() == FAKE_KEY  # loaded, masked
    assert dialog.key.edit.echoMode() == QLineEdit.EchoMode.Password
    dialog.project.setText("proj_new")
    dialog.key.setText("sk-test-FAKE-settings-02")
    with qtbot.waitSignal(dialog.profile_saved):
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert ProfileStore().get(profile.id).project == "proj_new"
    assert memory_keyring.entries[("FinetuneDesktop", profile.id)] == "sk-test-FAKE-settings-02"


def test_rename_through_the_dialog(qtbot: QtBot, page: SettingsPage) -> None:
    profile = add_openai_profile(qtbot, page)
    page.select_profile(profile.id)
    qtbot.mouseClick(page.rename_button, Qt.MouseButton.LeftButton)
    dialog = page.rename_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    dialog.setTextValue("Personal")
    dialog.accept()
    assert ProfileStore().get(profile.id).name == "Personal"
    assert "Personal" in list_names(page)
    assert page.selected_profile() is not None
    assert page.selected_profile().name == "Personal"  # type: ignore[union-attr]


def test_delete_asks_first_then_removes_profile_and_keyring_entry(
    qtbot: QtBot, page: SettingsPage, memory_keyring: MemoryKeyring
) -> None:
    profile = add_openai_profile(qtbot, page)
    page.select_profile(profile.id)

    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    box = page.delete_confirm
    assert box is not None
    qtbot.waitUntil(box.isVisible)
    assert "Work" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert page.context.store.find(profile.id) is not None
    assert memory_keyring.entries

    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    box = page.delete_confirm
    assert box is not None
    qtbot.waitUntil(box.isVisible)
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: page.context.store.find(profile.id) is None)
    assert memory_keyring.entries == {}
    assert ProfileStore().find("Work") is None
    assert list_names(page) == ["Sandbox (local)  (in use)"]


def test_key_is_masked_and_shown_only_while_the_button_is_held(qtbot: QtBot) -> None:
    field = KeyField()
    qtbot.addWidget(field)
    field.show()
    assert not field.reveal.isEnabled()  # nothing to reveal
    field.setText(FAKE_KEY)
    assert field.edit.echoMode() == QLineEdit.EchoMode.Password
    assert field.edit.displayText() != FAKE_KEY
    qtbot.mousePress(field.reveal, Qt.MouseButton.LeftButton)
    assert field.revealed
    assert field.edit.displayText() == FAKE_KEY
    qtbot.mouseRelease(field.reveal, Qt.MouseButton.LeftButton)
    assert not field.revealed
    assert field.edit.displayText() != FAKE_KEY


def test_use_button_and_status_bar_switcher_change_the_active_profile(
    qtbot: QtBot, page: SettingsPage, context: AppContext
) -> None:
    switcher = ProfileSwitcher(context)
    qtbot.addWidget(switcher)
    profile = add_openai_profile(qtbot, page)
    assert switcher.combo.count() == 2
    assert switcher.current_profile_id() == SANDBOX_PROFILE_ID

    page.select_profile(profile.id)
    with qtbot.waitSignal(context.active_profile_changed) as changed:
        qtbot.mouseClick(page.use_button, Qt.MouseButton.LeftButton)
    assert changed.args[0] == profile
    assert switcher.current_profile_id() == profile.id
    assert ProfileStore().active_id == profile.id  # persisted

    index = switcher.combo.findData(SANDBOX_PROFILE_ID)
    with qtbot.waitSignal(context.active_profile_changed):
        switcher.combo.activated.emit(index)
    assert ProfileStore().active_id == SANDBOX_PROFILE_ID
    assert "(in use)" in list_names(page)[0]


def test_without_a_keyring_the_page_says_so_and_keys_are_kept_for_the_session(
    qtbot: QtBot, app_home: Path
) -> None:
    context = AppContext(ProfileStore(), KeyStore(backend=fail.Keyring()))
    page = SettingsPage(context)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(page.keyring_box.isVisible)
    assert "No password store" in page.keyring_label.text()
    dialog = open_add_dialog(qtbot, page)
    assert dialog.session_only.isChecked()
    assert not dialog.session_only.isEnabled()
    assert "No password store" in dialog.keyring_note.text()
    qtbot.keyClicks(dialog.name, "Work")
    qtbot.keyClicks(dialog.key.edit, FAKE_KEY)
    with qtbot.waitSignal(dialog.profile_saved) as saved:
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    profile = cast(Profile, saved.args[0])
    assert context.keys.source(profile.id) is KeySource.SESSION
    qtbot.waitUntil(lambda: "this session only" in page.key_source.text())
    for file in app_home.rglob("*"):
        if file.is_file():
            assert FAKE_KEY.encode() not in file.read_bytes(), file
    context.runner.shutdown()


def test_test_connection_without_a_key_says_where_to_add_it(
    qtbot: QtBot, page: SettingsPage, context: AppContext
) -> None:
    profile = context.store.add(Profile(id="", name="No key", kind=ProfileKind.OPENAI))
    context.notify_profiles_changed()
    page.select_profile(profile.id)
    with qtbot.waitSignal(page.connection_tested):
        qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    assert "No API key is stored" in page.result.toPlainText()


@pytest.fixture
def sandbox_url() -> Iterator[str]:
    server_module = pytest.importorskip("finetune_desktop.sandbox.server")
    server = server_module.SandboxServer()
    url = server.start()
    try:
        yield url
    finally:
        server.stop()


def test_test_connection_against_the_sandbox(
    qtbot: QtBot, page: SettingsPage, context: AppContext, sandbox_url: str
) -> None:
    context.sandbox_url = lambda: sandbox_url
    page.select_profile(SANDBOX_PROFILE_ID)
    with qtbot.waitSignal(page.connection_tested, timeout=20_000) as tested:
        qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    report = tested.args[0]
    assert not isinstance(report, BaseException), page.result.toPlainText()
    text = page.result.toPlainText()
    assert "Connected to “Sandbox (local)”" in text
    assert f"The server lists {report.model_count} models" in text
    assert report.model_count > 0
    assert "this server decides" in text
    qtbot.waitUntil(page.test_button.isEnabled)


def test_test_connection_against_a_compatible_server_profile(
    qtbot: QtBot, page: SettingsPage, context: AppContext, sandbox_url: str
) -> None:
    """A compatible-server profile pointed at the sandbox: a real profile, its key, real HTTP."""
    profile = context.store.add(
        Profile(id="", name="Local server", kind=ProfileKind.COMPATIBLE, base_url=sandbox_url)
    )
    context.keys.set(profile.id, FAKE_KEY)
    context.notify_profiles_changed()
    page.select_profile(profile.id)
    with qtbot.waitSignal(page.connection_tested, timeout=20_000) as tested:
        qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    assert not isinstance(tested.args[0], BaseException), page.result.toPlainText()
    assert "Connected to “Local server”" in page.result.toPlainText()


def test_test_connection_with_a_revoked_key_shows_the_service_error(
    qtbot: QtBot, page: SettingsPage, context: AppContext, sandbox_url: str
) -> None:
    revoked = "sk-test-revoked-FAKE-01"
    profile = context.store.add(
        Profile(id="", name="Revoked", kind=ProfileKind.COMPATIBLE, base_url=sandbox_url)
    )
    context.keys.set(profile.id, revoked)
    context.notify_profiles_changed()
    page.select_profile(profile.id)
    with qtbot.waitSignal(page.connection_tested, timeout=20_000) as tested:
        qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    assert isinstance(tested.args[0], BaseException)
    text = page.result.toPlainText()
    assert text.startswith("✘")
    assert revoked not in text


class RefusingKeyring(MemoryKeyring):
    """Readable, but the user refuses access when a key is written (a keyring prompt dismissed)."""

    def set_password(self, service: str, username: str, password: str) -> None:
        import keyring.errors

        raise keyring.errors.KeyringLocked("Prompt dismissed")


def test_when_saving_the_key_fails_the_dialog_stays_open_and_offers_the_session(
    qtbot: QtBot, app_home: Path
) -> None:
    backend = RefusingKeyring()
    context = AppContext(ProfileStore(), KeyStore(backend=cast(KeyringBackend, backend)))
    page = SettingsPage(context)
    qtbot.addWidget(page)
    page.show()
    dialog = open_add_dialog(qtbot, page)
    assert dialog.session_only.isEnabled()
    qtbot.keyClicks(dialog.name, "Work")
    qtbot.keyClicks(dialog.key.edit, FAKE_KEY)
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.isVisible()
    assert "locked" in dialog.error.text()
    assert FAKE_KEY not in dialog.error.text()
    assert dialog.key.text() == FAKE_KEY  # nothing typed is lost
    assert context.store.find("Work") is not None  # the profile itself is saved
    dialog.session_only.setChecked(True)
    with qtbot.waitSignal(dialog.profile_saved):
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert len(context.store.list()) == 2  # saved again as an edit, not added twice
    assert context.keys.source(context.store.get("Work").id) is KeySource.SESSION
    assert backend.entries == {}
    context.runner.shutdown()


def test_test_connection_lists_fine_tuned_models_with_their_shutdown_date(
    qtbot: QtBot, page: SettingsPage, context: AppContext
) -> None:
    server_module = pytest.importorskip("finetune_desktop.sandbox.server")
    service_module = pytest.importorskip("finetune_desktop.core.service.service")
    from finetune_desktop.core.accounts.profiles import sandbox_profile
    from finetune_desktop.gui.first_run.samples import sample_dataset_path

    with server_module.SandboxServer(speed=1000) as server:
        url = server.base_url
        service = service_module.connect(sandbox_profile(), None, base_url_override=url)
        uploaded = service.upload_file(sample_dataset_path(), poll_interval=0.05)
        job = service.create_job(model="gpt-4o-mini-2024-07-18", training_file=uploaded.id, suffix="tales")
        qtbot.waitUntil(lambda: service.get_job(job.id).status.is_terminal, timeout=20_000)
        model = service.get_job(job.id).fine_tuned_model
        service.close()
        assert model

        context.sandbox_url = lambda: url
        page.select_profile(SANDBOX_PROFILE_ID)
        with qtbot.waitSignal(page.connection_tested, timeout=20_000) as tested:
            qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    report = tested.args[0]
    assert [m.id for m in report.fine_tuned] == [model]
    text = page.result.toPlainText()
    assert "Your fine-tuned models and when they shut down" in text
    assert model in text
    assert "2027" in text.split(model, 1)[1]  # the shutdown date follows the model name
    assert "fine-tuning jobs on record" in text


class SlowKeyring(MemoryKeyring):
    """Answers after a pause, and notes which threads asked (the UI thread must never wait on it)."""

    def __init__(self) -> None:
        super().__init__()
        self.threads: set[str] = set()
        self.pause_s = 0.0

    def get_password(self, service: str, username: str) -> str | None:
        import threading
        import time

        self.threads.add(threading.current_thread().name)
        time.sleep(self.pause_s)
        return super().get_password(service, username)


def test_keys_are_read_off_the_ui_thread_and_a_late_answer_never_shows_on_another_profile(
    qtbot: QtBot, app_home: Path
) -> None:
    import threading

    slow = SlowKeyring()
    context = AppContext(ProfileStore(), KeyStore(backend=cast(KeyringBackend, slow)))
    first = context.store.add(Profile(id="", name="First", kind=ProfileKind.OPENAI))
    second = context.store.add(Profile(id="", name="Second", kind=ProfileKind.OPENAI))
    context.keys.set(first.id, "sk-test-FIRST-key-0001")
    context.keys.set(second.id, "sk-test-SECOND-key-002")  # the test's own set-up, on this thread
    slow.threads.clear()
    page = SettingsPage(context)
    qtbot.addWidget(page)
    page.show()

    slow.pause_s = 0.5
    page.select_profile(first.id)
    assert page.key_source.text() == "Reading the password store…"  # nothing waited on the UI thread
    slow.pause_s = 0.0
    with qtbot.waitSignal(page.key_read, check_params_cb=lambda pid: pid == second.id, timeout=5000):
        page.select_profile(second.id)
    assert page.key_field.text() == "sk-test-SECOND-key-002"
    qtbot.wait(700)  # the first profile's slow answer arrives now, and is dropped
    assert page.key_field.text() == "sk-test-SECOND-key-002"
    assert slow.threads
    assert threading.main_thread().name not in slow.threads
    context.runner.shutdown()
