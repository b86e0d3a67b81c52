"""ProfileStore: built-ins, add/edit/rename/delete, persistence, refusing keys in plain fields."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from finetune_desktop.core.accounts.connection import MissingKeyError, resolve_connection
from finetune_desktop.core.accounts.keystore import KeyStore
from finetune_desktop.core.accounts.profile_store import ProfileError, ProfileNotFound, ProfileStore
from finetune_desktop.core.accounts.profiles import SANDBOX_PROFILE_ID, Profile, ProfileKind


def openai(name: str = "Work", **kw: str) -> Profile:
    return Profile(id="", name=name, kind=ProfileKind.OPENAI, **kw)  # type: ignore[arg-type]


def test_fresh_store_has_only_the_sandbox_and_it_is_active(app_home: Path) -> None:
    store = ProfileStore()
    assert [p.id for p in store.list()] == [SANDBOX_PROFILE_ID]
    assert store.active.kind is ProfileKind.SANDBOX
    assert store.path == app_home / "config" / "profiles.json"
    assert not store.path.exists()  # nothing written until something changes


def test_profiles_persist_with_non_secret_fields_only(app_home: Path) -> None:
    store = ProfileStore()
    work = store.add(openai(organization=" org-123 ", project="proj_abc"))
    azure = store.add(
        Profile(
            id="",
            name="Azure",
            kind=ProfileKind.AZURE,
            azure_endpoint="https://me.openai.azure.com/",
            api_version="2025-04-01-preview",
        )
    )
    local = store.add(
        Profile(id="", name="Local", kind=ProfileKind.COMPATIBLE, base_url="http://127.0.0.1:8000/v1")
    )
    store.active_id = azure.id

    again = ProfileStore()
    assert [p.name for p in again.list()] == ["Sandbox (local)", "Work", "Azure", "Local"]
    assert again.get(work.id).organization == "org-123"
    assert again.get("azure").azure_endpoint == "https://me.openai.azure.com"  # by name, any case
    assert again.get(local.id).base_url == "http://127.0.0.1:8000/v1"
    assert again.active_id == azure.id
    data = json.loads(store.path.read_text(encoding="utf-8"))
    assert set(data) == {"version", "active", "profiles"}
    assert all("key" not in field for p in data["profiles"] for field in p)


def test_rename_update_and_delete(app_home: Path) -> None:
    store = ProfileStore()
    work = store.add(openai())
    store.active_id = work.id
    renamed = store.rename(work.id, "  Personal  ")
    assert renamed.name == "Personal"
    assert ProfileStore().get(work.id).name == "Personal"
    store.update(Profile(id=work.id, name="Personal", kind=ProfileKind.OPENAI, project="proj_x"))
    assert ProfileStore().get(work.id).project == "proj_x"
    store.delete(work.id)
    assert ProfileStore().find(work.id) is None
    assert store.active_id == SANDBOX_PROFILE_ID  # the active profile was deleted
    with pytest.raises(ProfileNotFound, match="No connection profile called 'nope'"):
        store.get("nope")


@pytest.mark.parametrize(
    ("profile", "field", "message", "code"),
    [
        (openai(name=" "), "name", "Give the profile a name", "name_required"),
        (openai(organization="sk-test-FAKE-pasted"), "organization", "like an API key", "looks_like_key"),
        (
            Profile(id="", name="A", kind=ProfileKind.AZURE, api_version="x"),
            "azure_endpoint",
            "required",
            "url_required",
        ),
        (
            Profile(id="", name="A", kind=ProfileKind.AZURE, azure_endpoint="https://a.b"),
            "api_version",
            "API version is required",
            "api_version_required",
        ),
        (
            Profile(id="", name="C", kind=ProfileKind.COMPATIBLE, base_url="localhost:8000"),
            "base_url",
            "https://",
            "url_invalid",
        ),
    ],
)
def test_bad_fields_get_a_message_naming_the_field(
    profile: Profile, field: str, message: str, code: str
) -> None:
    store = ProfileStore()
    with pytest.raises(ProfileError, match=message) as info:
        store.add(profile)
    assert info.value.field == field
    assert info.value.code == code
    assert "sk-test-FAKE" not in str(info.value)
    assert not store.path.exists()


def test_duplicate_names_and_builtins_are_refused() -> None:
    store = ProfileStore()
    store.add(openai())
    with pytest.raises(ProfileError, match="already exists"):
        store.add(openai(name="work"))
    with pytest.raises(ProfileError, match="built in"):
        store.delete(SANDBOX_PROFILE_ID)
    with pytest.raises(ProfileError, match="built in"):
        store.rename(SANDBOX_PROFILE_ID, "Mine")
    with pytest.raises(ProfileError, match="already exists"):
        store.add(openai(name="Sandbox (local)"))


def test_environment_profile_is_listed_but_never_written(
    monkeypatch: pytest.MonkeyPatch, app_home: Path
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-FAKE-env")
    monkeypatch.setenv("OPENAI_ORG_ID", "org-env")
    store = ProfileStore()
    env = store.get("environment")
    assert env.kind is ProfileKind.ENVIRONMENT
    assert env.organization == "org-env"
    store.add(openai())
    store.active_id = env.id
    text = store.path.read_text(encoding="utf-8")
    assert "environment" in text  # only as the active id
    assert "sk-test-FAKE-env" not in text
    assert json.loads(text)["profiles"][0]["name"] == "Work"
    monkeypatch.delenv("OPENAI_API_KEY")
    assert ProfileStore().active_id == SANDBOX_PROFILE_ID  # the variable is gone: back to the sandbox


def test_unreadable_file_is_kept_aside_and_the_app_starts_on_the_sandbox(app_home: Path) -> None:
    path = app_home / "config" / "profiles.json"
    path.parent.mkdir(parents=True)
    path.write_text("{not json", encoding="utf-8")
    store = ProfileStore()
    assert store.active_id == SANDBOX_PROFILE_ID
    assert store.load_problem is not None
    assert "could not be read" in store.load_problem
    kept = list(path.parent.glob("profiles.json.unreadable-*"))
    assert len(kept) == 1
    assert kept[0].read_text(encoding="utf-8") == "{not json"


def test_resolve_connection_sandbox_needs_no_key_and_missing_key_says_where_to_add_it() -> None:
    store, keys = ProfileStore(), KeyStore()
    profile, key = resolve_connection(store, keys)
    assert profile.kind is ProfileKind.SANDBOX
    assert key is None
    store.add(openai())
    with pytest.raises(MissingKeyError, match="Open Settings"):
        resolve_connection(store, keys, "Work")
    assert resolve_connection(store, keys, "Work", require_key=False)[1] is None
    local = store.add(Profile(id="", name="Local", kind=ProfileKind.COMPATIBLE, base_url="http://x:1/v1"))
    assert resolve_connection(store, keys, local.id) == (local, None)  # key optional for compatible


@pytest.mark.parametrize(
    "extra",
    [
        {"note": "sk-proj-abcdefghijklmnop1234"},
        {"sk-proj-abcdefghijklmnop1234": "x"},
        {"note": "my key is azure0123456789abcdefREGISTERED"},  # no key shape: known because registered
    ],
)
def test_extra_fields_refuse_keys_and_no_key_reaches_the_file(app_home: Path, extra: dict[str, str]) -> None:
    from finetune_desktop.core.accounts.redact import forget_secret, register_secret

    register_secret("azure0123456789abcdefREGISTERED")
    try:
        store = ProfileStore()
        profile = Profile(id="", name="Work", kind=ProfileKind.OPENAI, extra=extra)
        with pytest.raises(ProfileError) as exc:
            store.add(profile)
        assert exc.value.field == "extra"
        store.add(Profile(id="", name="Work", kind=ProfileKind.OPENAI, extra={"note": "later-secret-0042"}))
        # a key registered after the profile was saved still never reaches the file on the next save
        register_secret("later-secret-0042")
        store.add(Profile(id="", name="Home", kind=ProfileKind.OPENAI))
        text = store.path.read_text()
        for secret in (
            "sk-proj-abcdefghijklmnop1234",
            "azure0123456789abcdefREGISTERED",
            "later-secret-0042",
        ):
            assert secret not in text
        assert '"Home"' in text
    finally:
        forget_secret("azure0123456789abcdefREGISTERED")
        forget_secret("later-secret-0042")
