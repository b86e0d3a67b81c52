"""Add or edit one connection profile. Opened with ``open()``; stays open (nothing lost) until it saves."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from finetune_desktop.core.accounts.keystore import KeySource, KeyStoreError
from finetune_desktop.core.accounts.profile_store import (
    DEFAULT_AZURE_API_VERSION,
    ProfileError,
    validate_profile,
)
from finetune_desktop.core.accounts.profiles import Profile, ProfileKind
from finetune_desktop.gui.context import AppContext
from finetune_desktop.gui.settings.key_field import KeyField
from finetune_desktop.gui.settings.keyring_text import keyring_message
from finetune_desktop.gui.settings.profile_errors import profile_error_text

EDITABLE_KINDS = (ProfileKind.OPENAI, ProfileKind.AZURE, ProfileKind.COMPATIBLE)


class ProfileDialog(QDialog):
    """Signals: ``profile_saved(Profile)`` after the profile and its key were stored."""

    profile_saved = Signal(object)

    def __init__(self, context: AppContext, profile: Profile | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.original = profile
        self.setWindowTitle(self.tr("Edit connection") if profile else self.tr("Add a connection"))
        self.setMinimumWidth(520)

        self.kind = QComboBox(self)
        for kind, label in (
            (ProfileKind.OPENAI, self.tr("OpenAI")),
            (ProfileKind.AZURE, self.tr("Azure OpenAI")),
            (ProfileKind.COMPATIBLE, self.tr("Compatible server (own base URL)")),
        ):
            self.kind.addItem(label, kind.value)
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(self.tr("For example: Work account"))
        self.key = KeyField(self)
        self.session_only = QCheckBox(self.tr("Keep the key for this session only (not saved)"), self)
        self.organization = QLineEdit(self)
        self.organization.setPlaceholderText(self.tr("Optional, org-…"))
        self.project = QLineEdit(self)
        self.project.setPlaceholderText(self.tr("Optional, proj_…"))
        self.endpoint = QLineEdit(self)
        self.endpoint.setPlaceholderText("https://NAME.openai.azure.com")
        self.api_version = QLineEdit(self)
        self.api_version.setPlaceholderText(DEFAULT_AZURE_API_VERSION)
        self.base_url = QLineEdit(self)
        self.base_url.setPlaceholderText("http://localhost:8000/v1")
        self.keyring_note = QLabel(self)
        self.keyring_note.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.hide()

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.form.addRow(self.tr("Type"), self.kind)
        self.form.addRow(self.tr("Name"), self.name)
        self.form.addRow(self.tr("Azure endpoint"), self.endpoint)
        self.form.addRow(self.tr("API version"), self.api_version)
        self.form.addRow(self.tr("Base URL"), self.base_url)
        self.form.addRow(self.tr("API key"), self.key)
        self.form.addRow("", self.session_only)
        self.form.addRow(self.tr("Organization ID"), self.organization)
        self.form.addRow(self.tr("Project ID"), self.project)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self._on_save_clicked)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.keyring_note)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        self.kind.currentIndexChanged.connect(self._on_kind_changed)
        self._fill(profile)
        self._on_kind_changed()
        self._show_keyring_state()

    # -- filling and reading ------------------------------------------------------------------------
    def _fill(self, profile: Profile | None) -> None:
        if profile is None:
            return
        self.kind.setCurrentIndex(max(0, self.kind.findData(profile.kind.value)))
        self.name.setText(profile.name)
        self.organization.setText(profile.organization or "")
        self.project.setText(profile.project or "")
        self.endpoint.setText(profile.azure_endpoint or "")
        self.api_version.setText(profile.api_version or "")
        self.base_url.setText(profile.base_url or "")
        key = self.context.keys.get(profile.id)
        if key:
            self.key.setText(key)
        self.session_only.setChecked(self.context.keys.source(profile.id) is KeySource.SESSION)

    def current_kind(self) -> ProfileKind:
        return ProfileKind(self.kind.currentData())

    def profile(self) -> Profile:
        """The profile as typed (not yet validated)."""
        kind = self.current_kind()
        base = self.original or Profile(id="", name="", kind=kind)
        return replace(
            base,
            name=self.name.text(),
            kind=kind,
            organization=self.organization.text() if kind is not ProfileKind.COMPATIBLE else None,
            project=self.project.text() if kind is not ProfileKind.COMPATIBLE else None,
            azure_endpoint=self.endpoint.text() if kind is ProfileKind.AZURE else None,
            api_version=(
                (self.api_version.text() or DEFAULT_AZURE_API_VERSION) if kind is ProfileKind.AZURE else None
            ),
            base_url=self.base_url.text() if kind is ProfileKind.COMPATIBLE else None,
        )

    # -- reacting ------------------------------------------------------------------------------------
    @Slot()
    def _on_kind_changed(self) -> None:
        kind = self.current_kind()
        rows = {
            self.endpoint: kind is ProfileKind.AZURE,
            self.api_version: kind is ProfileKind.AZURE,
            self.base_url: kind is ProfileKind.COMPATIBLE,
            self.organization: kind is not ProfileKind.COMPATIBLE,
            self.project: kind is not ProfileKind.COMPATIBLE,
        }
        for widget, visible in rows.items():
            self.form.setRowVisible(widget, visible)
        self.key.setPlaceholderText(
            self.tr("Optional for this server") if kind is ProfileKind.COMPATIBLE else self.tr("sk-…")
        )

    def _show_keyring_state(self) -> None:
        status = self.context.keys.status
        if status.available:
            self.keyring_note.setText(keyring_message(status))
        else:
            self.keyring_note.setText(keyring_message(status))
            self.keyring_note.setStyleSheet("color: #8a5a00;")
            self.session_only.setChecked(True)
            self.session_only.setEnabled(False)

    def show_error(self, message: str, field: str | None = None) -> None:
        self.error.setText(message)
        self.error.show()
        widget = {
            "name": self.name,
            "organization": self.organization,
            "project": self.project,
            "azure_endpoint": self.endpoint,
            "api_version": self.api_version,
            "base_url": self.base_url,
        }.get(field or "")
        if widget is not None:
            widget.setFocus()
            widget.selectAll()

    @Slot()
    def _on_save_clicked(self) -> None:
        store, keys = self.context.store, self.context.keys
        try:
            profile = validate_profile(self.profile())
            key = self.key.text()
            if profile.needs_key and not key:
                raise ProfileError(self.tr("Paste the API key for this account."), "key", "")
            saved = store.update(profile) if self.original else store.add(profile)
        except ProfileError as exc:
            self.show_error(profile_error_text(exc), exc.field)
            if exc.field == "key":
                self.key.edit.setFocus()
            return
        try:
            if key:
                keys.set(saved.id, key, session_only=self.session_only.isChecked())
            elif self.original is not None:
                keys.delete(saved.id)
        except KeyStoreError as exc:
            # The profile is stored; only the key is not. Keep the dialog open so nothing typed is lost.
            self.original = saved
            self.setWindowTitle(self.tr("Edit connection"))
            self.session_only.setEnabled(True)
            status = keys.status
            reason = keyring_message(status) if not status.available else str(exc)
            hint = self.tr("Tick “Keep the key for this session only” to use it now.")
            self.show_error(f"{reason} {hint}")
            self.context.notify_profiles_changed()
            return
        self.context.notify_profiles_changed()
        self.profile_saved.emit(saved)
        self.accept()
