"""KeyStore against a failing backend (always runs) and against a real Secret Service (``-m keyring``)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import cast
from unittest import mock

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail, null

from finetune_desktop.core.accounts.connection import MissingKeyError, resolve_connection
from finetune_desktop.core.accounts.keystore import (
    ENVIRONMENT_PROFILE_ID,
    KeyringState,
    KeySource,
    KeyStore,
    KeyStoreError,
    detect_status,
)
from finetune_desktop.core.accounts.profile_store import ProfileStore
from finetune_desktop.core.accounts.profiles import Profile, ProfileKind

FAKE_KEY = "sk-test-FAKE-keystore-0001"


@pytest.fixture
def failing_keyring() -> Iterator[KeyringBackend]:
    previous = keyring.get_keyring()
    backend = fail.Keyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


def _all_bytes_under(root: Path) -> list[tuple[Path, bytes]]:
    return [(p, p.read_bytes()) for p in root.rglob("*") if p.is_file()]


def test_fail_backend_is_reported_unavailable_in_plain_words(failing_keyring: KeyringBackend) -> None:
    status = KeyStore().status
    assert status.state is KeyringState.UNAVAILABLE
    assert not status.available
    assert "No password store" in status.message
    assert "session only" in status.message


def test_fail_backend_refuses_to_save_but_keeps_a_session_key_in_memory_only(
    failing_keyring: KeyringBackend, app_home: Path
) -> None:
    store = ProfileStore()
    profile = store.add(Profile(id="", name="Work", kind=ProfileKind.OPENAI))
    keys = KeyStore()
    with pytest.raises(KeyStoreError, match="No password store") as info:
        keys.set(profile.id, FAKE_KEY)
    assert FAKE_KEY not in str(info.value)
    assert keys.get(profile.id) is None

    assert keys.set(profile.id, FAKE_KEY, session_only=True) is KeySource.SESSION
    assert keys.get(profile.id) == FAKE_KEY
    assert keys.source(profile.id) is KeySource.SESSION
    assert resolve_connection(store, keys, "Work") == (profile, FAKE_KEY)
    assert FAKE_KEY not in repr(keys)

    # Nothing reached the disk, and a restarted settings layer has no key.
    for path, data in _all_bytes_under(app_home):
        assert FAKE_KEY.encode() not in data, path
    with pytest.raises(MissingKeyError, match="No API key is stored for the profile “Work”"):
        resolve_connection(ProfileStore(), KeyStore(), "Work")

    store.delete(profile.id, keys=keys)
    assert keys.get(profile.id) is None


@pytest.mark.parametrize("name", ["fail", "null", "empty-chainer"])
def test_backends_without_a_real_store_are_unavailable(name: str) -> None:
    backend: KeyringBackend
    if name == "empty-chainer":  # what keyring builds on a desktop without any store
        backend = chainer.ChainerBackend()
        with mock.patch.object(chainer.ChainerBackend, "backends", []):
            status = detect_status(backend)
    else:
        status = detect_status(fail.Keyring() if name == "fail" else null.Keyring())
    assert status.state is KeyringState.UNAVAILABLE
    assert "No password store" in status.message


# The stand-in backends below are duck-typed on purpose: subclassing KeyringBackend would register them
# with keyring as candidates for every later keyring.get_keyring() in this process.


class PlaintextKeyring:
    """Stands in for keyrings.alt.file.PlaintextKeyring: what it would do is write a file."""

    priority = 0.5
    written: dict[tuple[str, str], str] = {}  # noqa: RUF012

    def get_password(self, service: str, username: str) -> str | None:
        return self.written.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.written[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.written.pop((service, username), None)


def test_plaintext_backend_is_refused_and_never_written() -> None:
    backend = PlaintextKeyring()
    keys = KeyStore(backend=cast(KeyringBackend, backend))
    assert keys.status.state is KeyringState.UNAVAILABLE
    assert "plain file" in keys.status.message
    with pytest.raises(KeyStoreError):
        keys.set("p-1", FAKE_KEY)
    assert backend.written == {}


class LockedKeyring:
    priority = 5

    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringLocked("Failed to unlock the collection!")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.KeyringLocked("Failed to unlock the collection!")

    def delete_password(self, service: str, username: str) -> None:
        raise keyring.errors.KeyringLocked("Failed to unlock the collection!")


class BrokenInitKeyring(LockedKeyring):
    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.InitError("Failed to create the collection: Prompt dismissed..")


def test_locked_keyring_is_reported_locked_and_session_key_still_works() -> None:
    keys = KeyStore(backend=cast(KeyringBackend, LockedKeyring()))
    assert keys.status.state is KeyringState.LOCKED
    assert "locked" in keys.status.message
    with pytest.raises(KeyStoreError, match="locked"):
        keys.set("p-1", FAKE_KEY)
    keys.set("p-1", FAKE_KEY, session_only=True)
    assert keys.get("p-1") == FAKE_KEY
    keys.delete("p-1")
    assert keys.get("p-1") is None


def test_init_error_is_reported_unavailable() -> None:
    status = KeyStore(backend=cast(KeyringBackend, BrokenInitKeyring())).status
    assert status.state is KeyringState.UNAVAILABLE


class FlakyKeyring:
    """A keyring that works, except that the calls listed in ``fail`` raise InitError (gnome-keyring now
    and then says for a moment that its default collection does not exist)."""

    priority = 5

    def __init__(self, fail: list[bool]) -> None:
        self.fail = fail  # one entry per call after the first (the status probe): True fails it
        self.calls = 0
        self.saved: dict[str, str] = {}

    def _maybe_fail(self) -> None:
        self.calls += 1
        if self.calls > 1 and self.fail and self.fail.pop(0):
            raise keyring.errors.InitError("Failed to create the collection: Prompt dismissed..")

    def get_password(self, service: str, username: str) -> str | None:
        self._maybe_fail()
        return self.saved.get(username)

    def set_password(self, service: str, username: str, password: str) -> None:
        self._maybe_fail()
        self.saved[username] = password

    def delete_password(self, service: str, username: str) -> None:
        self._maybe_fail()
        self.saved.pop(username, None)


def test_a_keyring_that_worked_is_tried_once_more_after_a_passing_init_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("finetune_desktop.core.accounts.keystore.RETRY_PAUSE_S", 0)
    flaky = FlakyKeyring([False, True, False, True, False])
    keys = KeyStore(backend=cast(KeyringBackend, flaky))
    keys.set("p-1", FAKE_KEY)  # (the probe, then this call: both work)
    assert keys.get("p-1") == FAKE_KEY  # failed once, read on the second try
    assert keys.source("p-1") is KeySource.KEYRING  # (the same again)
    assert keys.status.available
    assert flaky.calls == 6

    # an error that stays is the answer: the store says the keyring is unavailable, after one retry
    gone = FlakyKeyring([False, True, True])
    keys = KeyStore(backend=cast(KeyringBackend, gone))
    keys.set("p-1", FAKE_KEY)
    assert keys.get("p-1") is None
    assert keys.status.state is KeyringState.UNAVAILABLE
    assert gone.calls == 4


def test_environment_key_is_read_only(monkeypatch: pytest.MonkeyPatch, app_home: Path) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-FAKE-from-env")
    keys = KeyStore(backend=fail.Keyring())
    store = ProfileStore()
    assert store.get(ENVIRONMENT_PROFILE_ID).kind is ProfileKind.ENVIRONMENT
    assert keys.get(ENVIRONMENT_PROFILE_ID) == "sk-test-FAKE-from-env"
    assert keys.source(ENVIRONMENT_PROFILE_ID) is KeySource.ENVIRONMENT
    with pytest.raises(KeyStoreError, match="read-only"):
        keys.set(ENVIRONMENT_PROFILE_ID, "sk-test-FAKE-other")
    store.active_id = ENVIRONMENT_PROFILE_ID
    assert resolve_connection(store, keys) == (store.get(ENVIRONMENT_PROFILE_ID), "sk-test-FAKE-from-env")
    for path, data in _all_bytes_under(app_home):
        assert b"sk-test-FAKE-from-env" not in data, path


def test_empty_key_is_refused() -> None:
    with pytest.raises(KeyStoreError, match="empty"):
        KeyStore(backend=fail.Keyring()).set("p-1", "   ", session_only=True)


# -- real Secret Service ---------------------------------------------------------------------------


@pytest.fixture
def secret_service() -> KeyringBackend:
    status = detect_status()
    backend = keyring.get_keyring()
    if not status.available or "SecretService" not in status.backend:
        pytest.skip(
            "no Secret Service reachable (run inside dbus-run-session with an unlocked gnome-keyring, "
            f"as scripts/test.sh does); keyring says: {status.state.value} ({status.backend})"
        )
    return backend


@pytest.mark.keyring
def test_real_keyring_round_trip_survives_restart_and_delete_removes_entry(
    secret_service: KeyringBackend, app_home: Path
) -> None:
    name = f"Work {uuid.uuid4().hex[:6]}"
    store, keys = ProfileStore(), KeyStore()
    assert keys.status.available
    profile = store.add(Profile(id="", name=name, kind=ProfileKind.OPENAI, organization="org-test"))
    try:
        assert keys.set(profile.id, FAKE_KEY) is KeySource.KEYRING

        # Restart the settings layer: fresh objects read the file and the keyring again.
        store2, keys2 = ProfileStore(), KeyStore()
        again = store2.get(name)
        assert again.organization == "org-test"
        assert keys2.get(again.id) == FAKE_KEY
        assert keys2.source(again.id) is KeySource.KEYRING
        assert keyring.get_password("FinetuneDesktop", again.id) == FAKE_KEY
        for path, data in _all_bytes_under(app_home):
            assert FAKE_KEY.encode() not in data, path

        store2.delete(again.id, keys=keys2)
        assert keyring.get_password("FinetuneDesktop", again.id) is None
        assert KeyStore().get(again.id) is None
        assert ProfileStore().find(name) is None
    finally:
        KeyStore().delete(profile.id)  # leave the developer's keyring clean even when an assert failed


@pytest.mark.keyring
def test_real_keyring_replaces_a_key_and_session_key_yields_to_saved_one(
    secret_service: KeyringBackend,
) -> None:
    pid = f"p-{uuid.uuid4().hex[:12]}"
    keys = KeyStore()
    try:
        keys.set(pid, "sk-test-FAKE-session", session_only=True)
        keys.set(pid, "sk-test-FAKE-first")
        keys.set(pid, "sk-test-FAKE-second")
        assert KeyStore().get(pid) == "sk-test-FAKE-second"
        assert keys.get(pid) == "sk-test-FAKE-second"
    finally:
        keys.delete(pid)
    assert KeyStore().get(pid) is None
