"""Which profile and key a command or screen talks to. One function, used by the CLI and the GUI alike."""

from __future__ import annotations

from finetune_desktop.core.accounts.keystore import KeyStore
from finetune_desktop.core.accounts.profile_store import ProfileStore
from finetune_desktop.core.accounts.profiles import Profile, ProfileKind


class MissingKeyError(LookupError):
    """The profile needs a key and none is stored. The message tells the user where to add one."""

    def __init__(self, profile: Profile) -> None:
        self.profile = profile
        if profile.kind is ProfileKind.ENVIRONMENT:
            text = "OPENAI_API_KEY is empty. Set it, or add a profile with a key in Settings."
        else:
            text = (
                f"No API key is stored for the profile “{profile.name}”. Open Settings, select the profile "
                "and paste its key (or switch to the built-in sandbox to try the app without one)."
            )
        super().__init__(text)

    def __str__(self) -> str:
        return str(self.args[0])


def resolve_connection(
    store: ProfileStore,
    keys: KeyStore,
    profile_id_or_name: str | None = None,
    *,
    require_key: bool = True,
) -> tuple[Profile, str | None]:
    """The profile (the active one by default) and its key.

    The sandbox never needs a key (None is returned; it accepts any key, the service supplies one).
    Raises :class:`~finetune_desktop.core.accounts.profile_store.ProfileNotFound` for an unknown profile and
    :class:`MissingKeyError` when a key is needed, missing and ``require_key`` is true.
    """
    profile = store.get(profile_id_or_name) if profile_id_or_name else store.active
    if profile.kind is ProfileKind.SANDBOX:
        return profile, None
    key = keys.get(profile.id)
    if key is None and require_key and profile.needs_key:
        raise MissingKeyError(profile)
    return profile, key
