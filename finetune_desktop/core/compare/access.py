"""The service layer as the compare code reaches it: imported on first use, not when the module loads.

The GUI imports ``core.compare`` and may not import the openai SDK even indirectly (import-linter's rule;
``connection_check`` does the same, and both are named in the rule's ``ignore_imports``), so the shapes
it needs are protocols here and the service module is imported when a request is about to be made.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Protocol

from finetune_desktop.core.accounts.profiles import Profile
from finetune_desktop.core.cancel import CancelToken


class UsageLike(Protocol):
    @property
    def prompt_tokens(self) -> int: ...
    @property
    def completion_tokens(self) -> int: ...


class ReplyLike(Protocol):
    """``core.service.chat.ChatReply``."""

    @property
    def text(self) -> str: ...
    @property
    def finish_reason(self) -> str | None: ...
    @property
    def usage(self) -> UsageLike | None: ...


class ChunkLike(Protocol):
    """``core.service.chat.ChatChunk``."""

    @property
    def text(self) -> str: ...
    @property
    def finish_reason(self) -> str | None: ...
    @property
    def usage(self) -> UsageLike | None: ...


class ChatService(Protocol):
    """The part of ``FineTuningService`` comparisons use."""

    def chat(
        self,
        model: str,
        messages: Sequence[Mapping[str, Any]],
        stream: bool = True,
        *,
        temperature: float | None = None,
        max_tokens: int | None = None,
        cancel: CancelToken | None = None,
        top_p: float | None = None,
    ) -> Iterator[Any]: ...

    def complete(
        self,
        model: str,
        messages: Sequence[Mapping[str, Any]],
        *,
        temperature: float | None = None,
        top_p: float | None = None,
        max_tokens: int | None = None,
        cancel: CancelToken | None = None,
    ) -> Any: ...

    def fine_tuned_models(self) -> list[Any]: ...
    def list_jobs(self, *, limit: int | None = None) -> list[Any]: ...
    def list_checkpoints(self, job_id: str) -> list[Any]: ...
    def close(self) -> None: ...


def connect(profile: Profile, api_key: str | None, *, base_url_override: str | None = None) -> ChatService:
    """``core.service.service.connect``: no request is made until the first call."""
    from finetune_desktop.core.service.service import connect as service_connect

    chat: ChatService = service_connect(profile, api_key, base_url_override=base_url_override)
    return chat


def is_service_error(exc: BaseException) -> bool:
    """Whether ``exc`` is the service layer's ``ServiceError`` (it carries ``kind`` and ``retryable``)."""
    from finetune_desktop.core.api.errors import ServiceError

    return isinstance(exc, ServiceError)
