"""Connection profiles: where the app sends API calls. Non-secret fields only; keys live in the keyring.

(The keys issue owns the store and the settings screen; this module fixes the shape every layer shares.)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class ProfileKind(StrEnum):
    OPENAI = "openai"  # api.openai.com, optional organization / project
    AZURE = "azure"  # Azure OpenAI: endpoint + api-version
    COMPATIBLE = "compatible"  # any server speaking the API at base_url; key optional
    SANDBOX = "sandbox"  # the built-in local server
    ENVIRONMENT = "environment"  # read-only, from OPENAI_API_KEY; never written anywhere


@dataclass
class Profile:
    id: str
    name: str
    kind: ProfileKind
    base_url: str | None = None
    organization: str | None = None
    project: str | None = None
    azure_endpoint: str | None = None
    api_version: str | None = None
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def needs_key(self) -> bool:
        return self.kind in (ProfileKind.OPENAI, ProfileKind.AZURE, ProfileKind.ENVIRONMENT)

    def __repr__(self) -> str:  # no secrets live here, but keep reprs short and predictable
        return f"Profile(id={self.id!r}, name={self.name!r}, kind={self.kind.value})"


SANDBOX_PROFILE_ID = "sandbox"


def sandbox_profile() -> Profile:
    return Profile(id=SANDBOX_PROFILE_ID, name="Sandbox (local)", kind=ProfileKind.SANDBOX)
