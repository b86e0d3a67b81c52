"""The list of connection profiles, saved as JSON under the config folder. Non-secret fields only.

The built-in sandbox is always listed and cannot be edited or deleted; when ``OPENAI_API_KEY`` is set an
"Environment" profile is listed read-only and never written to the file. A field that looks like an API
key is refused, so a key pasted into the wrong box cannot end up in the settings file.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
import threading
import time
import uuid
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from finetune_desktop.core.accounts.keystore import ENV_KEY_VARIABLE, ENVIRONMENT_PROFILE_ID, KeyStore
from finetune_desktop.core.accounts.profiles import SANDBOX_PROFILE_ID, Profile, ProfileKind, sandbox_profile
from finetune_desktop.core.accounts.redact import looks_like_key, redact
from finetune_desktop.core.paths import app_paths

log = logging.getLogger(__name__)

SETTINGS_FILE_NAME = "profiles.json"
FORMAT_VERSION = 1
DEFAULT_AZURE_API_VERSION = "2025-04-01-preview"
READ_ONLY_KINDS = (ProfileKind.SANDBOX, ProfileKind.ENVIRONMENT)
_FIELDS = ("base_url", "organization", "project", "azure_endpoint", "api_version")


class ProfileError(ValueError):
    """A profile could not be added or changed; the message says which field and what to do.

    ``code`` and ``params`` let the GUI say the same thing in the user's language.
    """

    def __init__(self, message: str, field: str | None = None, code: str = "", **params: str) -> None:
        super().__init__(message)
        self.field = field
        self.code = code
        self.params = params


class ProfileNotFound(KeyError):
    def __str__(self) -> str:
        return f"No connection profile called {self.args[0]!r}. Open Settings to see the profiles you have."


def environment_profile(environ: Mapping[str, str]) -> Profile:
    return Profile(
        id=ENVIRONMENT_PROFILE_ID,
        name="Environment (OPENAI_API_KEY)",
        kind=ProfileKind.ENVIRONMENT,
        base_url=environ.get("OPENAI_BASE_URL") or None,
        organization=environ.get("OPENAI_ORG_ID") or None,
        project=environ.get("OPENAI_PROJECT_ID") or None,
    )


def is_read_only(profile: Profile) -> bool:
    return profile.kind in READ_ONLY_KINDS


def _atomic_write_text(path: Path, text: str) -> None:
    """Temp file in the same folder, fsync, rename: the settings file is never half written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _check_url(value: str | None, field: str, label: str, *, required: bool) -> str | None:
    value = (value or "").strip() or None
    if value is None:
        if required:
            raise ProfileError(
                f"{label} is required, for example https://example.com/v1.", field, "url_required"
            )
        return None
    parsed = urlparse(value)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise ProfileError(
            f"{label} must be a full web address starting with https:// (got {value!r}).",
            field,
            "url_invalid",
            value=value,
        )
    return value.rstrip("/")


def validate_profile(profile: Profile) -> Profile:
    """A cleaned copy of ``profile`` (whitespace trimmed, URLs checked), or :class:`ProfileError`."""
    name = profile.name.strip()
    if not name:
        raise ProfileError("Give the profile a name, for example “Work account”.", "name", "name_required")
    values: dict[str, str | None] = {}
    for field in _FIELDS:
        raw = getattr(profile, field)
        value = raw.strip() if isinstance(raw, str) and raw.strip() else None
        if value and looks_like_key(value):
            raise ProfileError(
                f"The {field.replace('_', ' ')} field looks like an API key. Put the key in the Key "
                "field: only that field is kept in the system's password store.",
                field,
                "looks_like_key",
            )
        values[field] = value
    if looks_like_key(name):
        raise ProfileError("The name looks like an API key. Choose a plain name.", "name", "looks_like_key")
    for key, value in profile.extra.items():
        if looks_like_key(str(key)) or looks_like_key(str(value)):
            raise ProfileError(
                f"The extra field “{redact(str(key))}” looks like an API key. Put the key in the Key field: "
                "only that field is kept in the system's password store.",
                "extra",
                "looks_like_key",
            )
    kind = profile.kind
    if kind is ProfileKind.AZURE:
        values["azure_endpoint"] = _check_url(
            values["azure_endpoint"], "azure_endpoint", "The Azure endpoint", required=True
        )
        if not values["api_version"]:
            raise ProfileError(
                f"The API version is required for Azure, for example {DEFAULT_AZURE_API_VERSION}.",
                "api_version",
                "api_version_required",
            )
    elif kind is ProfileKind.COMPATIBLE:
        values["base_url"] = _check_url(values["base_url"], "base_url", "The base URL", required=True)
    elif kind is ProfileKind.OPENAI:
        values["base_url"] = _check_url(values["base_url"], "base_url", "The base URL", required=False)
    return replace(
        profile,
        name=name,
        base_url=values["base_url"],
        organization=values["organization"],
        project=values["project"],
        azure_endpoint=values["azure_endpoint"],
        api_version=values["api_version"],
    )


def _to_json(profile: Profile) -> dict[str, Any]:
    data: dict[str, Any] = {"id": profile.id, "name": profile.name, "kind": profile.kind.value}
    for field in _FIELDS:
        value = getattr(profile, field)
        if value:
            data[field] = value
    if profile.extra:
        data["extra"] = dict(profile.extra)
    # The last net: whatever got past validation (a key registered after the profile was made, a file
    # from an older version), no key is written to the settings file.
    return {k: _redacted(v) for k, v in data.items()}


def _redacted(value: Any) -> Any:
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {redact(str(k)): redact(str(v)) for k, v in value.items()}
    return value


def _from_json(data: Mapping[str, Any]) -> Profile:
    kind = ProfileKind(str(data["kind"]))
    if kind in READ_ONLY_KINDS:
        raise ValueError("built-in profiles are not stored")
    fields = {f: (str(data[f]) if data.get(f) else None) for f in _FIELDS}
    extra = data.get("extra") or {}
    return Profile(
        id=str(data["id"]),
        name=str(data["name"]),
        kind=kind,
        extra={str(k): str(v) for k, v in dict(extra).items()},
        **fields,
    )


class ProfileStore:
    """Profiles and the active one, persisted to ``profiles.json`` on every change."""

    def __init__(self, path: Path | None = None, *, environ: Mapping[str, str] | None = None) -> None:
        self.path = path or app_paths().config / SETTINGS_FILE_NAME
        self._environ = environ if environ is not None else os.environ
        self._lock = threading.RLock()
        self._profiles: list[Profile] = []
        self._active_id = SANDBOX_PROFILE_ID
        #: A plain sentence when the file could not be read (it is kept aside, nothing is lost).
        self.load_problem: str | None = None
        self._load()

    def __repr__(self) -> str:
        return f"ProfileStore(path={str(self.path)!r}, profiles={len(self._profiles)})"

    # -- reading ------------------------------------------------------------------------------------
    def _load(self) -> None:
        if not self.path.exists():
            return
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if not isinstance(data, dict):
                raise ValueError("not a JSON object")
            profiles = [_from_json(p) for p in data.get("profiles", [])]
        except (OSError, ValueError, KeyError, TypeError) as exc:
            kept = self.path.with_name(f"{self.path.name}.unreadable-{time.strftime('%Y%m%d-%H%M%S')}")
            with contextlib.suppress(OSError):
                self.path.replace(kept)
            self.load_problem = (
                f"The profiles file {self.path} could not be read ({type(exc).__name__}); it was kept as "
                f"{kept.name} and the app started with the built-in sandbox. Keys in the password store "
                "are untouched."
            )
            log.warning("profiles file unreadable: %s", type(exc).__name__)
            return
        self._profiles = profiles
        self._active_id = str(data.get("active") or SANDBOX_PROFILE_ID)

    def list(self) -> list[Profile]:
        """Sandbox first, then the environment profile (when OPENAI_API_KEY is set), then the user's."""
        builtins = [sandbox_profile()]
        if self._environ.get(ENV_KEY_VARIABLE):
            builtins.append(environment_profile(self._environ))
        with self._lock:
            return builtins + [replace(p) for p in self._profiles]

    def find(self, id_or_name: str) -> Profile | None:
        profiles = self.list()
        for p in profiles:
            if p.id == id_or_name:
                return p
        folded = id_or_name.strip().casefold()
        for p in profiles:
            if p.name.casefold() == folded:
                return p
        return None

    def get(self, id_or_name: str) -> Profile:
        profile = self.find(id_or_name)
        if profile is None:
            raise ProfileNotFound(id_or_name)
        return profile

    @property
    def active_id(self) -> str:
        with self._lock:
            active = self._active_id
        return active if self.find(active) is not None else SANDBOX_PROFILE_ID

    @active_id.setter
    def active_id(self, profile_id: str) -> None:
        profile = self.get(profile_id)
        with self._lock:
            self._active_id = profile.id
            self._save()

    @property
    def active(self) -> Profile:
        return self.get(self.active_id)

    # -- changing -----------------------------------------------------------------------------------
    def new_id(self) -> str:
        return "p-" + uuid.uuid4().hex[:12]

    def _check_name_free(self, name: str, except_id: str | None = None) -> None:
        other = self.find(name)
        if other is not None and other.id != except_id:
            raise ProfileError(
                f"A profile called “{other.name}” already exists. Choose another name.",
                "name",
                "name_taken",
                name=other.name,
            )

    def add(self, profile: Profile) -> Profile:
        """Add a user profile (a fresh id is assigned when ``profile.id`` is empty); returns it."""
        if profile.kind in READ_ONLY_KINDS:
            raise ProfileError("The sandbox and environment profiles are built in and cannot be added.")
        clean = validate_profile(replace(profile, id=profile.id or self.new_id()))
        with self._lock:
            if self.find(clean.id) is not None:
                raise ProfileError(f"A profile with id {clean.id!r} already exists.")
            self._check_name_free(clean.name)
            self._profiles.append(clean)
            self._save()
        return replace(clean)

    def update(self, profile: Profile) -> Profile:
        """Replace the stored profile with the same id (its kind may change too)."""
        self._check_editable(profile.id)
        clean = validate_profile(profile)
        with self._lock:
            self._check_name_free(clean.name, except_id=clean.id)
            self._profiles = [clean if p.id == clean.id else p for p in self._profiles]
            self._save()
        return replace(clean)

    def rename(self, profile_id: str, new_name: str) -> Profile:
        current = self._check_editable(profile_id)
        return self.update(replace(current, name=new_name))

    def delete(self, profile_id: str, *, keys: KeyStore | None = None) -> None:
        """Remove a profile; with ``keys`` its key goes too (keyring entry and session memory)."""
        self._check_editable(profile_id)
        if keys is not None:
            keys.delete(profile_id)  # first: a failure leaves the profile listed, so the user can retry
        with self._lock:
            self._profiles = [p for p in self._profiles if p.id != profile_id]
            if self._active_id == profile_id:
                self._active_id = SANDBOX_PROFILE_ID
            self._save()

    def _check_editable(self, profile_id: str) -> Profile:
        profile = self.get(profile_id)
        if is_read_only(profile):
            raise ProfileError(
                f"“{profile.name}” is built in and cannot be changed or deleted.",
                None,
                "built_in",
                name=profile.name,
            )
        return profile

    def _save(self) -> None:
        with self._lock:
            data = {
                "version": FORMAT_VERSION,
                "active": self._active_id,
                "profiles": [_to_json(p) for p in self._profiles],
            }
            _atomic_write_text(self.path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
