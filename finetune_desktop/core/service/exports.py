"""Exporting a model trained by the built-in server's local engine (its ``/_sandbox/exports`` routes).

The routes live beside the API, at the server's root (``http://host:port/_sandbox/exports``), not under
``/v1``; the requests go through the same SDK client (its transport, timeouts and key) with an absolute
URL. Starting an export is not repeated after a failure that may have reached the server (the folder
would then be in use); following one is.
"""

from __future__ import annotations

import threading
from typing import Any

import openai

from finetune_desktop.core.api.errors import BadRequest, NotFound, ServiceError
from finetune_desktop.core.api.exports import ExportFailed, ExportStatus, status_from_json
from finetune_desktop.core.cancel import Cancelled, CancelToken, ProgressCallback, no_progress
from finetune_desktop.core.service.retry import RetryPolicy, call_with_retry

PATH = "/_sandbox/exports"


def _url(client: openai.OpenAI, tail: str = "") -> str:
    return str(client.base_url.copy_with(raw_path=(PATH + tail).encode("ascii")))


def _plain(error: ServiceError) -> ServiceError:
    """A refusal (bad folder, not a local model) with the server's own sentence as the title."""
    if isinstance(error, BadRequest | NotFound) and error.detail:
        return ExportFailed(
            error.detail,
            what_to_do="Choose as the message says and export again.",
            request_id=error.request_id,
            status=error.status,
            code=error.code,
            param=error.param,
        )
    return error


def get_export(
    client: openai.OpenAI,
    export_id: str,
    *,
    policy: RetryPolicy,
    api_key: str | None = None,
    cancel: bool = False,
) -> ExportStatus:
    """An export's state (``cancel``: cancel it first; both are safe to repeat)."""
    url = _url(client, "/" + export_id)
    data: Any = call_with_retry(
        lambda: client.delete(url, cast_to=object) if cancel else client.get(url, cast_to=object),
        operation="cancel_export" if cancel else "get_export",
        policy=policy,
        api_key=api_key,
    )
    return status_from_json(data)


def export_model(
    client: openai.OpenAI,
    model: str,
    folder: str,
    *,
    merged: bool,
    policy: RetryPolicy,
    api_key: str | None = None,
    progress: ProgressCallback = no_progress,
    cancel: CancelToken | None = None,
    poll_interval: float = 0.5,
) -> ExportStatus:
    """Start an export and follow it to its end; ``progress(done, total)`` per stage. A cancelled token
    cancels the export on the server (nothing is left in ``folder``) and raises ``Cancelled``."""
    body = {"model": model, "folder": folder, "kind": "merged" if merged else "adapter"}
    try:
        started: Any = call_with_retry(
            lambda: client.post(_url(client), cast_to=object, body=body),
            operation="start_export",
            policy=policy,
            api_key=api_key,
            idempotent=False,
        )
    except ServiceError as error:
        raise _plain(error) from None
    status = status_from_json(started)
    while not status.finished:
        progress(status.done, status.total)
        if cancel is not None and cancel.cancelled:
            get_export(client, status.id, policy=policy, api_key=api_key, cancel=True)
            raise Cancelled()
        threading.Event().wait(poll_interval)
        status = get_export(client, status.id, policy=policy, api_key=api_key)
    if status.status != "succeeded":
        raise ExportFailed(
            status.error_message or f"The export ended as {status.status}.",
            code=status.error_code,
        )
    progress(status.total, status.total)
    return status
