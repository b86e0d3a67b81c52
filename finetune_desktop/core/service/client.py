"""Build the ``openai`` client for a connection profile, lazily.

Lazily, because the SDK raises at construction when there is no key, and the app must open (and show a
clear "connect first" message) without one. SDK retries are off (``max_retries=0``): :mod:`.retry` decides.
"""

from __future__ import annotations

import threading

import httpx2
import openai

from finetune_desktop.core.accounts.profiles import Profile, ProfileKind
from finetune_desktop.core.accounts.redact import register_secret
from finetune_desktop.core.api.errors import NotConfigured
from finetune_desktop.core.service.errors import translate

#: Sent to servers that need no key (sandbox, many compatible servers); clearly not a real key.
PLACEHOLDER_KEY = "sandbox"
DEFAULT_AZURE_API_VERSION = "2025-04-01-preview"
DEFAULT_TIMEOUT = 60.0
CONNECT_TIMEOUT = 10.0


class ClientFactory:
    """Holds what is needed to build the client and builds it on first use (thread-safe)."""

    def __init__(
        self,
        profile: Profile,
        api_key: str | None,
        *,
        base_url_override: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        http_client: httpx2.Client | None = None,
    ) -> None:
        self.profile = profile
        self._api_key = (api_key or "").strip() or None  # a pasted key often ends in a newline
        register_secret(self._api_key)  # the app-wide log/crash redactor learns it too
        self.base_url_override = base_url_override
        self.timeout = timeout
        self._http_client = http_client
        self._client: openai.OpenAI | None = None
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return (
            f"ClientFactory(profile={self.profile!r}, base_url={self.base_url!r}, "
            f"key={'set' if self._api_key else 'none'})"
        )

    @property
    def api_key(self) -> str | None:
        """The real key (or None); for scrubbing error texts. Never print it."""
        return self._api_key

    @property
    def base_url(self) -> str | None:
        return self.base_url_override or self.profile.base_url

    def client(self) -> openai.OpenAI:
        with self._lock:
            if self._client is None:
                self._client = self._build()
            return self._client

    def close(self) -> None:
        with self._lock:
            if self._client is not None:
                self._client.close()
                self._client = None

    def _key_or_placeholder(self) -> str:
        if self._api_key:
            return self._api_key
        if self.profile.needs_key and not self.base_url_override:
            raise NotConfigured(
                f"No API key is stored for the connection '{self.profile.name}'",
                what_to_do=(
                    "Add the key in Settings (or set OPENAI_API_KEY), or use the local sandbox: "
                    "`finetune-desktop sandbox` starts one."
                ),
            )
        return PLACEHOLDER_KEY

    def _build(self) -> openai.OpenAI:
        p = self.profile
        timeout = httpx2.Timeout(self.timeout, connect=min(CONNECT_TIMEOUT, self.timeout))
        key = self._key_or_placeholder()
        try:
            if p.kind is ProfileKind.AZURE and not self.base_url_override:
                if not p.azure_endpoint:
                    raise NotConfigured(
                        f"The Azure connection '{p.name}' has no endpoint",
                        what_to_do="Enter the Azure OpenAI endpoint (https://NAME.openai.azure.com) in Settings.",  # noqa: E501
                    )
                return openai.AzureOpenAI(
                    api_key=key,
                    azure_endpoint=p.azure_endpoint,
                    api_version=p.api_version or DEFAULT_AZURE_API_VERSION,
                    organization=p.organization or None,
                    timeout=timeout,
                    max_retries=0,
                    http_client=self._http_client,
                )
            base_url = self.base_url
            if base_url is None and p.kind in (ProfileKind.SANDBOX, ProfileKind.COMPATIBLE):
                raise NotConfigured(
                    f"The connection '{p.name}' has no server address",
                    what_to_do=(
                        "Enter the server's base URL (ending in /v1) in Settings, or start the local "
                        "sandbox with `finetune-desktop sandbox` and pass --base-url."
                    ),
                )
            return openai.OpenAI(
                api_key=key,
                organization=p.organization or None,
                project=p.project or None,
                base_url=base_url,
                timeout=timeout,
                max_retries=0,
                http_client=self._http_client,
            )
        except NotConfigured:
            raise
        except openai.OpenAIError as exc:
            raise translate(exc, api_key=self._api_key) from None
