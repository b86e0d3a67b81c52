"""What every screen shares: profiles, keys, the active profile, the task runner and UI settings.

Created once by ``app.py`` (or directly by a test) and passed to each widget, so widgets work standalone.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QSettings, Signal

from finetune_desktop.core.accounts.connection import resolve_connection
from finetune_desktop.core.accounts.keystore import KeyStore
from finetune_desktop.core.accounts.profile_store import ProfileStore
from finetune_desktop.core.accounts.profiles import Profile, ProfileKind
from finetune_desktop.core.paths import app_paths
from finetune_desktop.gui.tasks import TaskRunner

UI_SETTINGS_FILE = "ui.ini"


class AppContext(QObject):
    """Signals: ``active_profile_changed(Profile)``, ``profiles_changed()`` (added, edited, renamed,
    deleted or a key changed), ``keyring_status_changed(KeyringStatus)``."""

    active_profile_changed = Signal(object)
    profiles_changed = Signal()
    keyring_status_changed = Signal(object)

    def __init__(
        self,
        store: ProfileStore | None = None,
        keys: KeyStore | None = None,
        runner: TaskRunner | None = None,
        *,
        sandbox_url: Callable[[], str] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store or ProfileStore()
        self.keys = keys or KeyStore()
        self.runner = runner or TaskRunner(self)
        # Returns the base URL (".../v1") of the running built-in sandbox, starting it on first use.
        # Set by app.py (the composition root); tests pass a SandboxServer's URL.
        self.sandbox_url: Callable[[], str] | None = sandbox_url
        # Whether the built-in sandbox trains on this computer (its local engine) rather than simulating;
        # set by app.py once it has started the server. Local base models are offered only then.
        self.sandbox_trains_locally: Callable[[], bool] = lambda: False
        # A profile used for this session only (not saved), and why; see :meth:`use_for_session`.
        self._session_id: str | None = None
        self.session_reason = ""

    # -- profiles -----------------------------------------------------------------------------------
    @property
    def active_id(self) -> str:
        """The profile in use: a session-only choice if one is set, else the saved active profile."""
        if self._session_id is not None and self.store.find(self._session_id) is not None:
            return self._session_id
        return self.store.active_id

    @property
    def active_profile(self) -> Profile:
        return self.store.get(self.active_id)

    def set_active_profile(self, profile_id: str) -> None:
        """Make ``profile_id`` active (persisted, and ends any session-only choice); tell every screen."""
        before = self.active_id
        self._session_id = None
        self.session_reason = ""
        self.store.active_id = profile_id
        if self.active_id != before:
            self.active_profile_changed.emit(self.active_profile)

    def use_for_session(self, profile_id: str, reason: str) -> None:
        """Use ``profile_id`` until the app closes without changing the saved choice.

        Used at start-up when the saved profile's key cannot be read (locked or missing password
        store): the app falls back to the sandbox for now, and the saved profile is back next time.
        """
        before = self.active_id
        self._session_id = self.store.get(profile_id).id
        self.session_reason = reason
        if self.active_id != before:
            self.active_profile_changed.emit(self.active_profile)

    def notify_profiles_changed(self) -> None:
        """Call after changing the store; also re-announces the active profile if it was deleted."""
        self.profiles_changed.emit()
        self.active_profile_changed.emit(self.active_profile)

    def connection_for(self, profile_id: str | None = None) -> tuple[Profile, str | None, str | None]:
        """(profile, key, base_url_override) for the service layer. Raises MissingKeyError."""
        profile, key = resolve_connection(self.store, self.keys, profile_id or self.active_id)
        override = None
        if profile.kind is ProfileKind.SANDBOX:
            if self.sandbox_url is None:
                raise RuntimeError(self.tr("The built-in sandbox is not running in this window."))
            override = self.sandbox_url()
        return profile, key, override

    # -- non-secret UI state ------------------------------------------------------------------------
    @staticmethod
    def ui_settings() -> QSettings:
        """QSettings for UI state (window geometry, tour seen...) in an INI file under the config folder.

        Never put a key here. One file per app home, so every test gets its own.
        """
        path = app_paths().config / UI_SETTINGS_FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        return QSettings(str(path), QSettings.Format.IniFormat)
