"""Settings: the list of connection profiles, their keys (masked) and "Test connection"."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from finetune_desktop.core.accounts.connection import MissingKeyError
from finetune_desktop.core.accounts.connection_check import ConnectionReport, check_connection
from finetune_desktop.core.accounts.keystore import KeyringStatus, KeySource, KeyStoreError
from finetune_desktop.core.accounts.profile_store import ProfileError, is_read_only
from finetune_desktop.core.accounts.profiles import Profile, ProfileKind
from finetune_desktop.core.accounts.redact import redact
from finetune_desktop.gui.context import AppContext
from finetune_desktop.gui.settings.engine_row import EngineRow
from finetune_desktop.gui.settings.key_field import KeyField
from finetune_desktop.gui.settings.keyring_text import keyring_message
from finetune_desktop.gui.settings.language_row import LanguageRow
from finetune_desktop.gui.settings.model_folders_row import ModelFoldersRow
from finetune_desktop.gui.settings.profile_dialog import ProfileDialog
from finetune_desktop.gui.settings.profile_errors import profile_error_text
from finetune_desktop.gui.settings.profile_names import display_name, missing_key_text
from finetune_desktop.gui.settings.report_text import failure_html, report_html
from finetune_desktop.gui.settings.sandbox_speed_row import SandboxSpeedRow
from finetune_desktop.gui.tasks import Task

PROFILE_ID_ROLE = Qt.ItemDataRole.UserRole


class SettingsPage(QWidget):
    """Signals: ``connection_tested(object)`` with the ``ConnectionReport`` or the exception;
    ``key_read(str)`` with the profile id once its key and where it lives are shown."""

    connection_tested = Signal(object)
    key_read = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.profile_dialog: ProfileDialog | None = None
        self.rename_dialog: QInputDialog | None = None
        self.delete_confirm: QMessageBox | None = None
        self._test_task: Task | None = None
        self._build()
        context.profiles_changed.connect(self.reload)
        context.active_profile_changed.connect(self._on_context_active_changed)
        self.reload()

    def kind_label(self, kind: ProfileKind) -> str:
        return {
            ProfileKind.OPENAI: self.tr("OpenAI"),
            ProfileKind.AZURE: self.tr("Azure OpenAI"),
            ProfileKind.COMPATIBLE: self.tr("Compatible server"),
            ProfileKind.SANDBOX: self.tr("Built-in sandbox (no account needed)"),
            ProfileKind.ENVIRONMENT: self.tr("From the OPENAI_API_KEY environment variable (read-only)"),
        }[kind]

    def short_kind_label(self, kind: ProfileKind) -> str:
        return {
            ProfileKind.OPENAI: self.tr("OpenAI"),
            ProfileKind.AZURE: self.tr("Azure OpenAI"),
            ProfileKind.COMPATIBLE: self.tr("Compatible server"),
            ProfileKind.SANDBOX: self.tr("Built-in, no account"),
            ProfileKind.ENVIRONMENT: self.tr("OPENAI_API_KEY, read-only"),
        }[kind]

    # -- layout -------------------------------------------------------------------------------------
    def _build(self) -> None:
        title = QLabel(self.tr("Connections"), self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        intro = QLabel(
            self.tr(
                "A connection says where the app sends fine-tuning work: OpenAI, Azure OpenAI, another "
                "compatible server, or the built-in sandbox that needs no account. Keys are kept only in "
                "your system's password store."
            ),
            self,
        )
        intro.setWordWrap(True)

        self.keyring_box = QFrame(self)
        self.keyring_box.setObjectName("keyringStatus")
        self.keyring_box.setFrameShape(QFrame.Shape.StyledPanel)
        self.keyring_box.hide()  # until the password store has been found unusable
        self.keyring_box.setStyleSheet(
            "#keyringStatus { background: #fff4e0; border: 1px solid #e0b060; border-radius: 4px; }"
        )
        self.keyring_label = QLabel(self.keyring_box)
        self.keyring_label.setWordWrap(True)
        self.keyring_retry = QPushButton(self.tr("Retry"), self.keyring_box)
        self.keyring_retry.clicked.connect(self._on_keyring_retry_clicked)
        box = QHBoxLayout(self.keyring_box)
        box.addWidget(self.keyring_label, 1)
        box.addWidget(self.keyring_retry, 0, Qt.AlignmentFlag.AlignTop)

        self.profile_list = QListWidget(self)
        self.profile_list.setObjectName("profileList")
        self.profile_list.setMinimumWidth(260)
        self.profile_list.setMaximumWidth(420)
        self.profile_list.setStyleSheet("#profileList::item { padding: 6px 8px; }")
        self.profile_list.setAccessibleName(self.tr("Connections"))
        self.profile_list.currentItemChanged.connect(self._on_list_current_changed)
        self.profile_list.itemDoubleClicked.connect(self._on_edit_clicked)
        self.add_button = QPushButton(self.tr("Add…"), self)
        self.edit_button = QPushButton(self.tr("Edit…"), self)
        self.rename_button = QPushButton(self.tr("Rename…"), self)
        self.delete_button = QPushButton(self.tr("Delete…"), self)
        self.add_button.clicked.connect(self._on_add_clicked)
        self.edit_button.clicked.connect(self._on_edit_clicked)
        self.rename_button.clicked.connect(self._on_rename_clicked)
        self.delete_button.clicked.connect(self._on_delete_clicked)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.rename_button, self.delete_button):
            buttons.addWidget(b)
        left = QVBoxLayout()
        left.addWidget(self.profile_list, 1)
        left.addLayout(buttons)

        self.details = QFrame(self)
        self.details.setObjectName("profileDetails")
        self.details.setFrameShape(QFrame.Shape.StyledPanel)
        self.details_title = QLabel(self.details)
        heading = self.details_title.font()
        heading.setBold(True)
        heading.setPointSizeF(heading.pointSizeF() * 1.2)
        self.details_title.setFont(heading)
        self.kind_value = QLabel(self)
        self.kind_value.setWordWrap(True)
        self.address_value = QLabel(self)
        self.address_value.setWordWrap(True)
        self.address_value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.org_value = QLabel(self)
        self.org_value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_field = KeyField(self, read_only=True)
        self.key_source = QLabel(self)
        form = QFormLayout()
        self.details_form = form
        form.addRow(self.tr("Type"), self.kind_value)
        form.addRow(self.tr("Address"), self.address_value)
        form.addRow(self.tr("Organization / project"), self.org_value)
        form.addRow(self.tr("API key"), self.key_field)
        form.addRow("", self.key_source)
        self.use_button = QPushButton(self.tr("Use this connection"), self)
        self.use_button.clicked.connect(self._on_use_clicked)
        self.test_button = QPushButton(self.tr("Test connection"), self)
        self.test_button.clicked.connect(self._on_test_clicked)
        actions = QHBoxLayout()
        actions.addWidget(self.use_button)
        actions.addWidget(self.test_button)
        actions.addStretch(1)
        self.result = QTextBrowser(self)
        self.result.setOpenExternalLinks(False)
        right = QVBoxLayout(self.details)
        right.setContentsMargins(14, 12, 14, 12)
        right.addWidget(self.details_title)
        right.addLayout(form)
        right.addLayout(actions)
        right.addWidget(self.result, 1)

        columns = QHBoxLayout()
        columns.setSpacing(12)
        columns.addLayout(left, 1)
        columns.addWidget(self.details, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(self.keyring_box)
        layout.addLayout(columns, 1)
        self.language_row = LanguageRow(self.context.ui_settings(), self)
        layout.addWidget(self.language_row)
        self.engine_row = EngineRow(self.context.ui_settings(), self)
        layout.addWidget(self.engine_row)
        self.model_folders_row = ModelFoldersRow(self.context.ui_settings(), self.context.runner, self)
        layout.addWidget(self.model_folders_row)
        self.sandbox_speed_row = SandboxSpeedRow(self.context.ui_settings(), self)
        layout.addWidget(self.sandbox_speed_row)

    # -- state --------------------------------------------------------------------------------------
    def selected_profile(self) -> Profile | None:
        item = self.profile_list.currentItem()
        return self.context.store.find(item.data(PROFILE_ID_ROLE)) if item else None

    def select_profile(self, profile_id: str) -> None:
        for row in range(self.profile_list.count()):
            if self.profile_list.item(row).data(PROFILE_ID_ROLE) == profile_id:
                self.profile_list.setCurrentRow(row)
                return

    @Slot()
    def reload(self) -> None:
        """Rebuild the list from the store, keeping the selection where possible."""
        current = self.selected_profile()
        active = self.context.active_id
        self.profile_list.blockSignals(True)
        self.profile_list.clear()
        for profile in self.context.store.list():
            label = display_name(profile) + ("  " + self.tr("(in use)") if profile.id == active else "")
            item = QListWidgetItem(f"{label}\n{self.short_kind_label(profile.kind)}")
            item.setData(PROFILE_ID_ROLE, profile.id)
            item.setToolTip(self.kind_label(profile.kind))
            if profile.id == active:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            self.profile_list.addItem(item)
        self.profile_list.blockSignals(False)
        wanted = current.id if current and self.context.store.find(current.id) else active
        self.select_profile(wanted)
        self._show_keyring_status()
        self._show_details()

    def _show_result_hint(self) -> None:
        hint = self.tr(
            "“Test connection” lists the models, checks whether new fine-tuning jobs are still possible "
            "and shows when your fine-tuned models shut down."
        )
        self.result.setHtml(f"<p style='color: gray'>{hint}</p>")

    def _show_keyring_status(self) -> None:
        """The password store's state, found off the UI thread (its first probe is a D-Bus round trip)."""
        self.context.runner.op(lambda: self.context.keys.status, pool="net").on_result(
            self._on_keyring_status_read
        ).start(self)

    @Slot(object)
    def _on_keyring_status_read(self, status: KeyringStatus) -> None:
        self.keyring_box.setVisible(not status.available)
        self.keyring_label.setText(keyring_message(status))

    def _show_details(self) -> None:
        profile = self.selected_profile()
        editable = profile is not None and not is_read_only(profile)
        self.edit_button.setEnabled(editable)
        self.rename_button.setEnabled(editable)
        self.delete_button.setEnabled(editable)
        self.details.setEnabled(profile is not None)
        self._show_result_hint()
        if profile is None:
            return
        self.details_title.setText(display_name(profile))
        needs_org = profile.kind in (ProfileKind.OPENAI, ProfileKind.ENVIRONMENT, ProfileKind.AZURE)
        self.details_form.setRowVisible(self.org_value, needs_org)
        self.details_form.setRowVisible(self.key_field, profile.kind is not ProfileKind.SANDBOX)
        self.details_form.setRowVisible(self.key_source, profile.kind is not ProfileKind.SANDBOX)
        self.kind_value.setText(self.kind_label(profile.kind))
        address = {
            ProfileKind.SANDBOX: self.tr("This computer (a local imitation of the API)"),
            ProfileKind.AZURE: f"{profile.azure_endpoint}  ·  api-version {profile.api_version}",
            ProfileKind.COMPATIBLE: profile.base_url or "",
        }.get(profile.kind, profile.base_url or "https://api.openai.com/v1")
        self.address_value.setText(address)
        org = " / ".join(x for x in (profile.organization, profile.project) if x)
        self.org_value.setText(org or self.tr("default"))
        self.use_button.setEnabled(profile.id != self.context.active_id)
        # The key and where it lives come from the password store: read off the UI thread, shown when
        # they arrive if this profile is still the one selected.
        self.key_field.setText("")
        self.key_source.setText(self.tr("Reading the password store…") if self._needs_key(profile) else "")
        keys = self.context.keys
        self.context.runner.op(
            lambda: (profile, keys.get(profile.id), keys.source(profile.id)), pool="net"
        ).on_result(self._on_key_read).start(self)

    @staticmethod
    def _needs_key(profile: Profile) -> bool:
        return profile.kind is not ProfileKind.SANDBOX

    @Slot(object)
    def _on_key_read(self, read: tuple[Profile, str | None, KeySource | None]) -> None:
        profile, key, source = read
        current = self.selected_profile()
        if current is None or current.id != profile.id:
            return  # the user moved on; that profile's read is shown when it is selected again
        self.key_field.setText(key or "")
        self.key_source.setText(
            {
                KeySource.KEYRING: self.tr("Saved in your system's password store."),
                KeySource.SESSION: self.tr("Kept for this session only; forgotten when the app closes."),
                KeySource.ENVIRONMENT: self.tr("Read from OPENAI_API_KEY; never saved by this app."),
                None: self.tr("No key needed.")
                if profile.kind in (ProfileKind.SANDBOX, ProfileKind.COMPATIBLE)
                else self.tr("No key stored. Use Edit… to add one."),
            }[source]
        )
        self.key_read.emit(profile.id)

    # -- slots --------------------------------------------------------------------------------------
    @Slot()
    def _on_list_current_changed(self, *_: Any) -> None:
        self._show_details()

    @Slot(object)
    def _on_context_active_changed(self, _profile: object) -> None:
        self.reload()

    @Slot()
    def _on_keyring_retry_clicked(self) -> None:
        self.keyring_retry.setEnabled(False)
        self.context.runner.op(self.context.keys.refresh_status, pool="net").on_result(
            self._on_keyring_refreshed
        ).on_done(lambda: self.keyring_retry.setEnabled(True)).start(self)

    @Slot(object)
    def _on_keyring_refreshed(self, status: KeyringStatus) -> None:
        self.context.keyring_status_changed.emit(status)
        self.reload()

    @Slot()
    def _on_add_clicked(self) -> None:
        self._open_profile_dialog(None)

    @Slot()
    def _on_edit_clicked(self, *_: Any) -> None:
        profile = self.selected_profile()
        if profile is not None and not is_read_only(profile):
            self._open_profile_dialog(profile)

    def _open_profile_dialog(self, profile: Profile | None) -> None:
        dialog = ProfileDialog(self.context, profile, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.profile_saved.connect(self._on_profile_saved)
        self.profile_dialog = dialog
        dialog.open()

    @Slot(object)
    def _on_profile_saved(self, profile: Profile) -> None:
        self.reload()
        self.select_profile(profile.id)

    @Slot()
    def _on_rename_clicked(self) -> None:
        profile = self.selected_profile()
        if profile is None or is_read_only(profile):
            return
        dialog = QInputDialog(self)
        dialog.setWindowTitle(self.tr("Rename connection"))
        dialog.setLabelText(self.tr("New name for “{name}”:").format(name=profile.name))
        dialog.setTextValue(profile.name)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.textValueSelected.connect(lambda name, pid=profile.id: self._rename(pid, name))
        self.rename_dialog = dialog
        dialog.open()

    def _rename(self, profile_id: str, name: str) -> None:
        try:
            self.context.store.rename(profile_id, name)
        except ProfileError as exc:
            self._warn(self.tr("Could not rename"), profile_error_text(exc))
            return
        self.context.notify_profiles_changed()
        self.select_profile(profile_id)

    @Slot()
    def _on_delete_clicked(self) -> None:
        profile = self.selected_profile()
        if profile is None or is_read_only(profile):
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Delete connection"),
            self.tr("Delete “{name}” and remove its key from the password store?").format(name=profile.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda result, pid=profile.id: self._on_delete_answered(pid, result))
        self.delete_confirm = box
        box.open()

    def _on_delete_answered(self, profile_id: str, result: int) -> None:
        if result != QMessageBox.StandardButton.Yes.value:
            return
        try:
            self.context.store.delete(profile_id, keys=self.context.keys)
        except ProfileError as exc:
            self._warn(self.tr("Could not delete"), profile_error_text(exc))
            return
        except KeyStoreError:
            self._warn(self.tr("Could not delete"), keyring_message(self.context.keys.status))
            return
        self.context.notify_profiles_changed()

    @Slot()
    def _on_use_clicked(self) -> None:
        profile = self.selected_profile()
        if profile is not None:
            self.context.set_active_profile(profile.id)

    @Slot()
    def _on_test_clicked(self) -> None:
        profile = self.selected_profile()
        if profile is None or self._test_task is not None:
            return
        try:
            profile, key, override = self.context.connection_for(profile.id)
        except MissingKeyError as exc:
            self._show_failure(missing_key_text(exc.profile))
            return
        except RuntimeError as exc:
            self._show_failure(str(exc))
            return
        self.test_button.setEnabled(False)
        self.test_button.setText(self.tr("Testing…"))
        self.result.setHtml("<p>" + self.tr("Contacting the server…") + "</p>")
        self._test_task = (
            self.context.runner.op(check_connection, profile, key, base_url_override=override, pool="net")
            .on_result(self._on_test_finished)
            .on_error(self._on_test_failed)
            .on_done(self._on_test_done)
            .start(self)
        )

    @Slot(object)
    def _on_test_finished(self, report: ConnectionReport) -> None:
        self.result.setHtml(report_html(report))
        self.connection_tested.emit(report)

    @Slot(object, str)
    def _on_test_failed(self, exc: BaseException, _traceback: str) -> None:
        title = getattr(exc, "title", None) or self.tr("The connection test failed")
        what = getattr(exc, "what_to_do", "") or ""
        detail = "" if getattr(exc, "title", None) else f"{type(exc).__name__}: {exc}"
        self.result.setHtml(failure_html(redact(str(title)), redact(str(what)), redact(detail)))
        self.connection_tested.emit(exc)

    @Slot()
    def _on_test_done(self) -> None:
        self._test_task = None
        self.test_button.setEnabled(True)
        self.test_button.setText(self.tr("Test connection"))

    def _show_failure(self, message: str) -> None:
        self.result.setHtml(failure_html(message))
        self.connection_tested.emit(RuntimeError(message))

    def _warn(self, title: str, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
