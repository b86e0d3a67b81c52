"""API keys: in the operating system's keyring, or in memory for this session only. Never on disk.

Merely installing ``keyrings.alt`` makes a plaintext file the default backend on a machine without a
Secret Service, so the backend is inspected before use: fail/null/chained-with-nothing/plaintext
backends count as unavailable, and a locked store counts as locked. Then the user is told plainly and
may keep the key in memory for this session; there is no silent fallback to anything that writes a file.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

import keyring
import keyring.errors
from keyring.backend import KeyringBackend

from finetune_desktop.core.accounts.redact import forget_secret, register_secret

log = logging.getLogger(__name__)

SERVICE_NAME = "FinetuneDesktop"
ENVIRONMENT_PROFILE_ID = "environment"
ENV_KEY_VARIABLE = "OPENAI_API_KEY"
_PROBE_USER = "__finetune_desktop_probe__"
#: The pause before the one retry of a keyring call (see ``KeyStore._call``).
RETRY_PAUSE_S = 0.2
_T = TypeVar("_T")


class KeyringState(StrEnum):
    AVAILABLE = "available"
    LOCKED = "locked"
    UNAVAILABLE = "unavailable"


@dataclass(frozen=True)
class KeyringStatus:
    """What the settings screen tells the user about where keys go."""

    state: KeyringState
    message: str  # plain language (English); the GUI translates by ``reason``
    backend: str = ""  # class name of the keyring backend, for the About/diagnostics text
    reason: str = ""  # "ok", "no_store", "locked" or "insecure"

    @property
    def available(self) -> bool:
        return self.state is KeyringState.AVAILABLE


class KeyStoreError(Exception):
    """A key could not be stored or removed. The message is for the user and never holds the key."""


class KeySource(StrEnum):
    KEYRING = "keyring"
    SESSION = "session"  # memory only, gone when the app quits
    ENVIRONMENT = "environment"


_NO_STORE = (
    "No password store (Secret Service) is running on this desktop, so keys cannot be saved. "
    "You can keep a key for this session only; it is forgotten when the app closes. To save keys, "
    "start your desktop's keyring (for example GNOME Keyring or KWallet) and press Retry in Settings."
)
_LOCKED = (
    "The password store is locked or access was refused, so keys cannot be saved right now. Unlock "
    "your keyring (or allow access when asked) and press Retry, or keep a key for this session only."
)
_INSECURE = (
    "The only password store found keeps keys in a plain file ({backend}), which this app does not "
    "use. You can keep a key for this session only; to save keys, start your desktop's keyring."
)


def _backend_name(backend: KeyringBackend) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def _viable_backends(backend: KeyringBackend) -> list[KeyringBackend]:
    """The real backends behind ``backend`` (a chainer holds several, any other backend is itself)."""
    from keyring.backends import chainer, fail, null

    if isinstance(backend, chainer.ChainerBackend):
        return [b for b in backend.backends if _is_secure(b)]
    if isinstance(backend, fail.Keyring | null.Keyring):
        return []
    return [backend] if _is_secure(backend) else []


def _is_secure(backend: KeyringBackend) -> bool:
    name = _backend_name(backend)
    if name.startswith("keyrings.alt") or "plaintext" in name.lower():
        return False
    try:
        priority = float(backend.priority)
    except Exception:  # noqa: BLE001 - a backend that cannot even rate itself is not usable
        return False
    # keyring marks file/plaintext/"insecure" backends with priority < 1 (fail is 0, null is -1).
    return priority >= 1


def detect_status(backend: KeyringBackend | None = None) -> KeyringStatus:
    """Inspect the keyring backend and try one harmless read, which is what reveals a locked store."""
    try:
        backend = backend or keyring.get_keyring()
    except Exception as exc:  # noqa: BLE001 - keyring's own init can fail in many ways
        log.warning("keyring backend could not be loaded: %s", type(exc).__name__)
        return KeyringStatus(KeyringState.UNAVAILABLE, _NO_STORE, reason="no_store")
    name = _backend_name(backend)
    if not _viable_backends(backend):
        if name.startswith("keyrings.alt") or "plaintext" in name.lower():
            return KeyringStatus(KeyringState.UNAVAILABLE, _INSECURE.format(backend=name), name, "insecure")
        return KeyringStatus(KeyringState.UNAVAILABLE, _NO_STORE, name, "no_store")
    try:
        backend.get_password(SERVICE_NAME, _PROBE_USER)
    except keyring.errors.KeyringLocked:
        return KeyringStatus(KeyringState.LOCKED, _LOCKED, name, "locked")
    except (keyring.errors.InitError, keyring.errors.NoKeyringError):
        return KeyringStatus(KeyringState.UNAVAILABLE, _NO_STORE, name, "no_store")
    except keyring.errors.KeyringError as exc:
        log.warning("keyring probe failed: %s", type(exc).__name__)
        return KeyringStatus(KeyringState.LOCKED, _LOCKED, name, "locked")
    except Exception as exc:  # noqa: BLE001 - e.g. D-Bus errors surfacing from the Secret Service
        log.warning("keyring probe failed: %s", type(exc).__name__)
        return KeyringStatus(KeyringState.UNAVAILABLE, _NO_STORE, name, "no_store")
    return KeyringStatus(
        KeyringState.AVAILABLE, "Keys are saved in your system's password store.", name, "ok"
    )


class KeyStore:
    """Keys per profile id. ``get`` looks in session memory, then the environment profile, then the keyring.

    Thread-safe: "Test connection" reads keys from a worker thread.
    """

    def __init__(
        self,
        *,
        service: str = SERVICE_NAME,
        backend: KeyringBackend | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> None:
        self.service = service
        self._backend = backend
        self._environ = environ if environ is not None else os.environ
        self._session: dict[str, str] = {}
        self._lock = threading.RLock()
        self._status: KeyringStatus | None = None

    def __repr__(self) -> str:
        return f"KeyStore(service={self.service!r}, session_keys={len(self._session)})"

    # -- status -------------------------------------------------------------------------------------
    @property
    def status(self) -> KeyringStatus:
        with self._lock:
            if self._status is None:
                self._status = detect_status(self._backend)
            return self._status

    def refresh_status(self) -> KeyringStatus:
        """Detect again (after the user unlocked the keyring and pressed Retry)."""
        with self._lock:
            self._status = None
            return self.status

    def _keyring(self) -> KeyringBackend:
        return self._backend or keyring.get_keyring()

    # -- keys ---------------------------------------------------------------------------------------
    def get(self, profile_id: str) -> str | None:
        with self._lock:
            if profile_id in self._session:
                return self._session[profile_id]
        if profile_id == ENVIRONMENT_PROFILE_ID:
            key = self._environ.get(ENV_KEY_VARIABLE) or None
            register_secret(key)
            return key
        if not self.status.available:
            return None
        try:
            key = self._call(lambda backend: backend.get_password(self.service, profile_id))
        except keyring.errors.KeyringError as exc:
            log.warning("reading a key from the keyring failed: %s", type(exc).__name__)
            self._mark_failed(exc)
            return None
        register_secret(key)
        return key or None

    def source(self, profile_id: str) -> KeySource | None:
        """Where the key of ``profile_id`` lives, or None when there is none."""
        with self._lock:
            if profile_id in self._session:
                return KeySource.SESSION
        if profile_id == ENVIRONMENT_PROFILE_ID:
            return KeySource.ENVIRONMENT if self._environ.get(ENV_KEY_VARIABLE) else None
        return KeySource.KEYRING if self.get(profile_id) else None

    def has(self, profile_id: str) -> bool:
        return self.get(profile_id) is not None

    def set(self, profile_id: str, key: str, *, session_only: bool = False) -> KeySource:
        """Store ``key``: in the keyring, or in memory when ``session_only`` (the user's choice).

        Raises :class:`KeyStoreError` when the keyring is not available and ``session_only`` is False:
        the caller asks the user whether to keep the key for this session instead.
        """
        key = key.strip()
        if not key:
            raise KeyStoreError("The key is empty. Paste the whole key, or remove the key instead.")
        if profile_id == ENVIRONMENT_PROFILE_ID:
            raise KeyStoreError(
                "The Environment profile is read-only: its key comes from OPENAI_API_KEY and is never saved."
            )
        register_secret(key)
        if session_only:
            with self._lock:
                self._session[profile_id] = key
            return KeySource.SESSION
        status = self.status
        if not status.available:
            raise KeyStoreError(status.message)
        try:
            self._call(lambda backend: backend.set_password(self.service, profile_id, key))
        except Exception as exc:  # noqa: BLE001 - any backend failure becomes one plain message
            log.warning("saving a key to the keyring failed: %s", type(exc).__name__)
            self._mark_failed(exc)
            raise KeyStoreError(self.status.message) from None
        with self._lock:
            self._session.pop(profile_id, None)  # the saved key wins over an older session key
        return KeySource.KEYRING

    def delete(self, profile_id: str) -> None:
        """Forget the key everywhere this store keeps it. A missing key is not an error."""
        with self._lock:
            forget_secret(self._session.pop(profile_id, None))
        if profile_id == ENVIRONMENT_PROFILE_ID or not self.status.available:
            return
        try:
            self._call(lambda backend: backend.delete_password(self.service, profile_id))
        except keyring.errors.PasswordDeleteError:
            pass  # nothing stored
        except Exception as exc:  # noqa: BLE001
            log.warning("removing a key from the keyring failed: %s", type(exc).__name__)
            self._mark_failed(exc)
            raise KeyStoreError(
                "The key could not be removed from the password store. " + self.status.message
            ) from None

    def _call(self, op: Callable[[KeyringBackend], _T]) -> _T:
        """``op`` on the keyring, once more after a short pause when it fails to reach the default
        collection (``InitError``). This store calls the keyring only after its probe read it
        (``status``), so such an error comes between calls that worked: gnome-keyring now and then
        answers for a moment that its default collection does not exist (seen under load), and the
        Secret Service backend then tries to create one. An error that stays is the answer."""
        backend = self._keyring()
        try:
            return op(backend)
        except keyring.errors.InitError as exc:
            log.info("the keyring could not be reached (%s); trying once more", type(exc).__name__)
            time.sleep(RETRY_PAUSE_S)
            return op(backend)

    def _mark_failed(self, exc: BaseException) -> None:
        with self._lock:
            name = self._status.backend if self._status else ""
            if isinstance(exc, keyring.errors.KeyringLocked):
                self._status = KeyringStatus(KeyringState.LOCKED, _LOCKED, name, "locked")
            else:
                self._status = KeyringStatus(KeyringState.UNAVAILABLE, _NO_STORE, name, "no_store")
