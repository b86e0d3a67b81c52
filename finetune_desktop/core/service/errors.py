"""Translating SDK exceptions into the service layer's errors (defined in ``core/api/errors.py``, which
screens may import without pulling in the SDK)."""

from __future__ import annotations

from typing import Any

import openai

from finetune_desktop.core.api.errors import (
    AuthError,
    BadRequest,
    Conflict,
    ConnectionFailed,
    FileTooLarge,
    FineTuningRefused,
    InvalidResponse,
    NotConfigured,
    NotFound,
    PermissionDenied,
    QuotaExceeded,
    RateLimited,
    ServerError,
    ServiceError,
    TimedOut,
    scrub,
)


def _server_message(exc: openai.APIError) -> str:
    body = exc.body
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict) and isinstance(inner.get("message"), str):
            return str(inner["message"])
        if isinstance(body.get("message"), str):
            return str(body["message"])
    if isinstance(body, str) and body.strip():
        return body.strip()[:500]
    return str(exc.message or "")


def _retry_after(exc: openai.APIStatusError) -> float | None:
    headers = exc.response.headers
    ms = headers.get("retry-after-ms")
    try:
        if ms is not None:
            return float(ms) / 1000.0
        value = headers.get("retry-after")
        return float(value) if value is not None else None
    except ValueError:
        return None


def translate(exc: BaseException, *, operation: str = "", api_key: str | None = None) -> ServiceError:
    """Map an SDK (or transport) exception to one :class:`ServiceError`; never keeps ``exc`` itself."""
    if isinstance(exc, ServiceError):
        return exc
    secrets = (api_key,)

    def make(
        cls: type[ServiceError], title: str | None = None, what: str | None = None, **kw: Any
    ) -> ServiceError:
        if kw.get("detail"):
            kw["detail"] = scrub(str(kw["detail"]), *secrets)
        return cls(title, what_to_do=what, **kw)

    if isinstance(exc, openai.APITimeoutError):
        return make(TimedOut)
    if isinstance(exc, openai.APIConnectionError):
        return make(ConnectionFailed)
    if isinstance(exc, openai.APIStatusError):
        status = exc.status_code
        common: dict[str, Any] = {
            "detail": _server_message(exc),
            "request_id": exc.request_id,
            "status": status,
            "code": exc.code,
            "param": exc.param,
        }
        code = (exc.code or "").lower()
        if status == 401:
            return make(AuthError, **common)
        if status == 403:
            if operation == "create_job":
                return make(FineTuningRefused, **common)
            return make(PermissionDenied, **common)
        if status == 404:
            if operation == "create_job":
                return make(
                    NotFound,
                    "The model or a file for this job was not found",
                    "Check the base model name (it must be one this account can fine-tune) and upload the "
                    "files again with this connection.",
                    **common,
                )
            return make(NotFound, **common)
        if status == 413 or code in {"file_too_large", "request_too_large"}:
            return make(FileTooLarge, **common)
        if status == 429:
            if code == "insufficient_quota" or "quota" in code:
                return make(QuotaExceeded, **common)
            return make(RateLimited, retry_after=_retry_after(exc), **common)
        if status == 409:
            return make(Conflict, **common)
        if status == 408:
            return make(TimedOut, **common)
        if status >= 500:
            return make(ServerError, retry_after=_retry_after(exc), **common)
        if status in (400, 422):
            title = None
            if exc.param:
                title = f"The server rejected the request: problem with '{exc.param}'"
            return make(BadRequest, title, **common)
        return make(ServiceError, **common)
    if isinstance(exc, openai.APIResponseValidationError):
        return make(InvalidResponse, request_id=None, detail=_server_message(exc))
    if isinstance(exc, openai.OpenAIError):
        text = str(exc)
        if "credentials" in text.lower() or "api_key" in text.lower():
            return make(NotConfigured)
        return make(ServiceError, detail=text)
    return make(ServiceError, detail=f"{type(exc).__name__}: {exc}")
