"""Typed, user-facing errors for everything the service layer does (no SDK here: screens import it).

Every failure of an API call becomes exactly one :class:`ServiceError` subclass that says what happened and
what to do in plain words, with the server's request id and HTTP status. None of them keeps a reference
to the SDK exception (its request carries the ``Authorization`` header) and every text is scrubbed of
anything shaped like an API key.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Any

from finetune_desktop.core.accounts.redact import REDACTED, redact

# Key-shaped strings: OpenAI keys (sk-..., sk-proj-..., sk-admin-...), bearer tokens, Azure's 32-hex keys.
_KEY_PATTERNS = (
    re.compile(r"sk-[A-Za-z0-9_\-*]{6,}"),
    re.compile(r"(?i)bearer\s+[A-Za-z0-9_\-.~+/=*]{6,}"),
    re.compile(r"(?<![A-Za-z0-9_\-])[0-9a-fA-F]{32}(?![A-Za-z0-9_\-])"),
    re.compile(r"(?i)(api[-_ ]?key[\"'=: ]+)[^\s\"',}]{6,}"),
)

WIND_DOWN_EXPLANATION = (
    "OpenAI is closing self-serve fine-tuning: organisations that never fine-tuned could not create jobs "
    "from 2026-05-07, organisations with no recent use of a fine-tuned model from 2026-07-02, and "
    "2027-01-06 is the last day anyone can create a new job. The last fine-tunable base models "
    "(gpt-4o-2024-08-06, gpt-4o-mini-2024-07-18, gpt-4.1-2025-04-14, gpt-4.1-mini-2025-04-14) and every "
    "fine-tune built on them shut down on 2027-01-14."
)


def scrub(text: str, *secrets: str | None) -> str:
    """Remove the given secrets and anything key-shaped from ``text``."""
    for secret in secrets:
        if secret and len(secret) >= 4:
            text = text.replace(secret, REDACTED)
    for pattern in _KEY_PATTERNS:
        if pattern.groups:
            text = pattern.sub(lambda m: m.group(1) + REDACTED, text)
        else:
            text = pattern.sub(REDACTED, text)
    return redact(text)  # also every key the app has registered anywhere


class ErrorKind(StrEnum):
    AUTH = "auth"
    PERMISSION = "permission"
    FINE_TUNING_REFUSED = "fine_tuning_refused"
    NOT_FOUND = "not_found"
    RATE_LIMITED = "rate_limited"
    QUOTA = "quota"
    SERVER = "server"
    CONNECTION = "connection"
    TIMEOUT = "timeout"
    BAD_REQUEST = "bad_request"
    CONFLICT = "conflict"
    FILE_TOO_LARGE = "file_too_large"
    FILE_PROCESSING = "file_processing"
    UNCERTAIN = "uncertain"
    NOT_CONFIGURED = "not_configured"
    INVALID_RESPONSE = "invalid_response"
    UNKNOWN = "unknown"


class ServiceError(Exception):
    """One failure, told to a person: ``title`` (what happened), ``what_to_do``, ``detail`` (server text)."""

    kind: ErrorKind = ErrorKind.UNKNOWN
    default_title = "Something went wrong talking to the server"
    default_what_to_do = (
        "Try again. If it keeps happening, note the request id and contact the server's support."
    )
    #: True when repeating the same request later can succeed (the request was not acted upon or is safe).
    retryable = False

    def __init__(
        self,
        title: str | None = None,
        *,
        what_to_do: str | None = None,
        detail: str = "",
        request_id: str | None = None,
        status: int | None = None,
        code: str | None = None,
        param: str | None = None,
        retry_after: float | None = None,
    ) -> None:
        self.title = scrub(title or self.default_title)
        self.what_to_do = scrub(what_to_do or self.default_what_to_do)
        self.detail = scrub(detail)
        # Server-supplied too (a hostile or buggy server may echo the key in a header or an error code).
        self.request_id = None if request_id is None else scrub(str(request_id))
        self.status = status
        self.code = None if code is None else scrub(str(code))
        self.param = None if param is None else scrub(str(param))
        self.retry_after = retry_after
        super().__init__(self.title)

    def __str__(self) -> str:
        parts = [self.title]
        if self.detail:
            parts.append(f"Server said: {self.detail}")
        parts.append(self.what_to_do)
        if self.request_id:
            parts.append(f"Request id: {self.request_id}")
        return "\n".join(parts)

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(title={self.title!r}, status={self.status!r}, "
            f"request_id={self.request_id!r}, code={self.code!r})"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "title": self.title,
            "what_to_do": self.what_to_do,
            "detail": self.detail,
            "request_id": self.request_id,
            "status": self.status,
            "code": self.code,
            "param": self.param,
        }


class AuthError(ServiceError):
    kind = ErrorKind.AUTH
    default_title = "The server did not accept the API key"
    default_what_to_do = "Open Settings and enter a valid API key for this connection (or create a new key)."


class PermissionDenied(ServiceError):
    kind = ErrorKind.PERMISSION
    default_title = "This key is not allowed to do that"
    default_what_to_do = (
        "Check that the key's project and organization have access to fine-tuning and to this model, "
        "or use a key with more permissions."
    )


class FineTuningRefused(PermissionDenied):
    kind = ErrorKind.FINE_TUNING_REFUSED
    default_title = "The server refused to start a fine-tuning job"
    default_what_to_do = (
        WIND_DOWN_EXPLANATION
        + " If your organisation may still fine-tune, check the model name and the key's "
        "project; otherwise use the local sandbox or another server that speaks the same API "
        "(a compatible connection in Settings)."
    )


class NotFound(ServiceError):
    kind = ErrorKind.NOT_FOUND
    default_title = "The server does not know that item"
    default_what_to_do = (
        "Check the id or model name. Items belong to one organization and project: make sure the "
        "connection in Settings is the one that created it."
    )


class RateLimited(ServiceError):
    kind = ErrorKind.RATE_LIMITED
    retryable = True
    default_title = "The server is receiving too many requests from this account"
    default_what_to_do = "Wait a minute and try again."


class QuotaExceeded(ServiceError):
    kind = ErrorKind.QUOTA
    default_title = "The account has run out of credit or quota"
    default_what_to_do = (
        "Check the billing page of the account (add credit or raise the limit), then try again."
    )


class ServerError(ServiceError):
    kind = ErrorKind.SERVER
    retryable = True
    default_title = "The server had an internal problem"
    default_what_to_do = "This is not caused by your data. Wait a few minutes and try again."


class ConnectionFailed(ServiceError):
    kind = ErrorKind.CONNECTION
    retryable = True
    default_title = "Could not reach the server"
    default_what_to_do = (
        "Check the internet connection (and a proxy or firewall), and the server address in Settings."
    )


class TimedOut(ConnectionFailed):
    kind = ErrorKind.TIMEOUT
    default_title = "The server took too long to answer"
    default_what_to_do = "Check the connection and try again; large uploads need a stable connection."


class BadRequest(ServiceError):
    kind = ErrorKind.BAD_REQUEST
    default_title = "The server rejected the request"
    default_what_to_do = "Read the server's message below: it names what to change."


class Conflict(ServiceError):
    kind = ErrorKind.CONFLICT
    retryable = True
    default_title = "The item was changed at the same time by another request"
    default_what_to_do = "Refresh and try again."


class FileTooLarge(BadRequest):
    kind = ErrorKind.FILE_TOO_LARGE
    default_title = "The file is too large for the server"
    default_what_to_do = "Split the dataset or remove long examples, then upload again."


class FileProcessingFailed(ServiceError):
    kind = ErrorKind.FILE_PROCESSING
    default_title = "The server could not process the uploaded file"
    default_what_to_do = "Run the check on the file, fix the problems it finds, and upload it again."


class OutcomeUncertain(ServiceError):
    """A non-repeatable request failed mid-flight and we could not find out whether it took effect."""

    kind = ErrorKind.UNCERTAIN
    default_title = "The connection failed and it is unclear whether the request went through"
    default_what_to_do = (
        "Open the jobs list (or the files list) and look for it before trying again, "
        "so nothing is created twice."
    )


class NotConfigured(ServiceError):
    kind = ErrorKind.NOT_CONFIGURED
    default_title = "No connection is set up"
    default_what_to_do = (
        "Add an API key in Settings (or use the local sandbox: `finetune-desktop sandbox` starts one)."
    )


class InvalidResponse(ServiceError):
    kind = ErrorKind.INVALID_RESPONSE
    default_title = "The server sent an answer the app does not understand"
    default_what_to_do = "Check that the server address points at an OpenAI-compatible API (ending in /v1)."
