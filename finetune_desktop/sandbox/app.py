"""The ASGI application: routes plus one outer layer for request ids, faults and API-key checks.

The outer layer is a plain ASGI callable placed *outside* Starlette so that, for a ``drop`` fault, it still
holds uvicorn's own ``send`` and can abort the TCP connection before any byte of a response is written.
"""

from __future__ import annotations

import asyncio
import json
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from finetune_desktop.sandbox import (
    routes_chat,
    routes_exports,
    routes_files,
    routes_jobs,
    routes_models,
    routes_uploads,
)
from finetune_desktop.sandbox.clock import MAX_ADVANCE_SECONDS, SimClock
from finetune_desktop.sandbox.context import SandboxContext, ctx, json_body
from finetune_desktop.sandbox.engine import TrainingEngine
from finetune_desktop.sandbox.errors import ApiError, error_body, error_response
from finetune_desktop.sandbox.faults import (
    FaultRule,
    FaultSet,
    FaultSpecError,
    fault_from_mapping,
    parse_fault,
    repeating_send,
    without_cursor,
)
from finetune_desktop.sandbox.guard import (
    DRAIN_LIMIT,
    BodyTooLarge,
    HostPolicy,
    body_limit,
    declared_length,
    drain,
    header,
    is_json,
    limited_receive,
)
from finetune_desktop.sandbox.jobs import JobManager
from finetune_desktop.sandbox.state import SandboxState

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

REVOKED_KEY_PREFIX = "sk-test-revoked"
CONTROL_PREFIX = "/_sandbox"
MAX_REQUEST_LOG = 2000


def _request_id() -> str:
    return "req_" + secrets.token_hex(16)


def _bearer(scope: Scope) -> str | None:
    for name, value in scope.get("headers", []):
        if name == b"authorization":
            text = bytes(value).decode("latin-1").strip()
            if text.lower().startswith("bearer "):
                return text[7:].strip()
            return ""
    return None


async def _send_json(
    send: Send, status: int, body: dict[str, Any], headers: list[tuple[bytes, bytes]]
) -> None:
    payload = json.dumps(body).encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(payload)).encode()),
                *headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": payload})


async def _drop_connection(send: Send) -> bool:
    """Close the client's TCP connection without a response; False if the server does not allow it."""
    transport = getattr(getattr(send, "__self__", None), "transport", None)
    if transport is None or not hasattr(transport, "abort"):
        return False
    transport.abort()
    await asyncio.sleep(0)  # let the server see the connection is gone before we return
    return True


def _control_post_refusal(scope: Scope) -> str | None:
    """POST is the one simple (preflight-free) method that changes state (DELETE always needs a
    preflight). A page's form or text/plain POST always carries a content type, so a control POST must be
    JSON; only a bodiless one may omit its type."""
    if is_json(scope):
        return None
    bodiless = not declared_length(scope) and header(scope, b"transfer-encoding") is None
    if header(scope, b"content-type") is None and bodiless:
        return None
    return "Control requests must send a JSON body (Content-Type: application/json)."


def _too_large(limit: int) -> dict[str, Any]:
    return error_body(
        f"The request body is larger than this endpoint accepts ({limit:,} bytes).",
        code="request_too_large",
    )


class OuterLayer:
    """Request id on every response, faults on demand, and the API-key check, in that order."""

    def __init__(self, app: ASGIApp, context: SandboxContext, hosts: HostPolicy | None = None) -> None:
        self.app = app
        self.context = context
        self.hosts = hosts or HostPolicy()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        method: str = scope["method"]
        request_id = _request_id()
        extra = [(b"x-request-id", request_id.encode())]
        refusal = self.hosts.refusal(scope)
        if refusal is None and path.startswith(CONTROL_PREFIX) and method == "POST":
            refusal = _control_post_refusal(scope)
        if refusal is not None:
            await _send_json(send, 403, error_body(refusal, code="forbidden"), extra)
            return
        limit = body_limit(method, path)
        length = declared_length(scope)
        if length is not None and length > limit:
            if length - limit <= DRAIN_LIMIT:  # read it away, so the client gets to read the answer
                await drain(receive)
            await _send_json(send, 413, _too_large(limit), [*extra, (b"connection", b"close")])
            return
        receive = limited_receive(receive, limit)
        entry: dict[str, Any] = {"method": method, "path": path, "status": None, "fault": None}
        log = self.context.requests
        log.append(entry)
        if len(log) > MAX_REQUEST_LOG:
            del log[: len(log) - MAX_REQUEST_LOG]

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = dict(message)
                message["headers"] = list(message.get("headers", [])) + extra
                entry["status"] = message["status"]
            await send(message)

        if path.startswith("/v1/"):
            decision = self.context.faults.decide(method, path)
            if decision.delay_s:
                entry["fault"] = "latency"
                await asyncio.sleep(decision.delay_s)
            if decision.kind == "drop":
                entry["fault"] = "drop"
                if await _drop_connection(send):
                    return
                decision = type(decision)(decision.delay_s, "500", decision.retry_after)
            if decision.kind == "429":
                entry["fault"] = "429"
                retry = decision.retry_after
                headers = [
                    *extra,
                    (b"retry-after", str(max(0, round(retry))).encode()),
                    (b"retry-after-ms", str(int(retry * 1000)).encode()),
                ]
                body = error_body(
                    "Rate limit reached for requests (simulated by the sandbox). Please try again later.",
                    type="requests",
                    code="rate_limit_exceeded",
                )
                await _send_json(send, 429, body, headers)
                entry["status"] = 429
                return
            if decision.kind == "500":
                entry["fault"] = entry["fault"] or "500"
                body = error_body(
                    "The server had an error while processing your request (simulated by the sandbox). "
                    "Sorry about that!",
                    type="server_error",
                )
                await _send_json(send, 500, body, extra)
                entry["status"] = 500
                return
            key = _bearer(scope)
            if not key:
                body = error_body(
                    "You didn't provide an API key. You need to provide your API key in an Authorization "
                    "header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
                )
                await _send_json(send, 401, body, extra)
                entry["status"] = 401
                return
            if key.startswith(REVOKED_KEY_PREFIX):
                body = error_body(
                    "Incorrect API key provided. This key has been revoked (sandbox test key). "
                    "Create a new key and store it in Settings.",
                    code="invalid_api_key",
                )
                await _send_json(send, 401, body, extra)
                entry["status"] = 401
                return
            if decision.kind == "repeat_page" and method == "GET":
                entry["fault"] = "repeat_page"
                scope = {**scope, "query_string": without_cursor(scope.get("query_string", b""))}
                await self.app(scope, receive, repeating_send(send_with_id))
                return
        await self.app(scope, receive, send_with_id)


# control endpoints (no auth, no faults) ------------------------------------------------------------
def _rule_from_json(item: Any) -> FaultRule:
    if isinstance(item, str):
        return parse_fault(item)
    if isinstance(item, dict):
        if "spec" in item:
            return parse_fault(str(item["spec"]))
        return fault_from_mapping(item)
    raise FaultSpecError('a fault is a spec string or an object like {"kind": "429", "path": ...}')


async def get_faults(request: Request) -> Response:
    return JSONResponse({"faults": [r.to_json() for r in ctx(request).faults.rules()]})


async def add_faults(request: Request) -> Response:
    body = await json_body(request)
    items = body["faults"] if isinstance(body.get("faults"), list) else [body]
    try:
        rules = [_rule_from_json(item) for item in items]
    except FaultSpecError as exc:
        raise ApiError(400, str(exc), param="faults") from None
    for rule in rules:
        ctx(request).faults.add(rule)
    return await get_faults(request)


async def clear_faults(request: Request) -> Response:
    ctx(request).faults.clear()
    return await get_faults(request)


async def reset(request: Request) -> Response:
    ctx(request).reset()
    return JSONResponse({"reset": True})


async def advance_clock(request: Request) -> Response:
    body = await json_body(request)
    seconds = body.get("seconds")
    if (
        not isinstance(seconds, int | float)
        or isinstance(seconds, bool)
        or not 0 <= seconds <= MAX_ADVANCE_SECONDS  # also refuses NaN, infinity and 1e999
    ):
        raise ApiError(
            400, f'Send {{"seconds": N}} with 0 <= N <= {MAX_ADVANCE_SECONDS:,}.', param="seconds"
        )
    c = ctx(request)
    c.clock.advance(float(seconds))
    c.jobs.refresh_all()
    return JSONResponse({"advanced": seconds, "speed": c.clock.speed})


async def get_requests(request: Request) -> Response:
    return JSONResponse({"requests": list(ctx(request).requests)})


async def health(request: Request) -> Response:
    return JSONResponse({"ok": True, "speed": ctx(request).clock.speed})


def _control_routes() -> list[Route]:
    p = CONTROL_PREFIX
    return [
        Route(p + "/faults", get_faults, methods=["GET"]),
        Route(p + "/faults", add_faults, methods=["POST"]),
        Route(p + "/faults", clear_faults, methods=["DELETE"]),
        Route(p + "/reset", reset, methods=["POST"]),
        Route(p + "/clock", advance_clock, methods=["POST"]),
        Route(p + "/requests", get_requests, methods=["GET"]),
        Route(p + "/health", health, methods=["GET"]),
    ]


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return error_response(exc)


async def _http_error(request: Request, exc: Exception) -> Response:
    status = getattr(exc, "status_code", 500)
    if status == 404:
        message = (
            f"Unknown request URL: {request.method} {request.url.path}. "
            "This sandbox serves the fine-tuning API."
        )
        return JSONResponse(error_body(message, code="unknown_url"), status_code=404)
    if status == 405:
        return JSONResponse(error_body(f"Method {request.method} is not allowed on {request.url.path}."), 405)
    return JSONResponse(error_body(str(getattr(exc, "detail", "error"))), status_code=status)


async def _server_error(request: Request, exc: Exception) -> Response:
    if isinstance(exc, BodyTooLarge):
        return JSONResponse(_too_large(exc.limit), status_code=413, headers={"connection": "close"})
    return JSONResponse(
        error_body(f"The sandbox failed on this request ({type(exc).__name__}).", type="server_error"), 500
    )


def create_app(
    *,
    speed: float = 1.0,
    state_dir: Path | None = None,
    faults: list[FaultRule] | None = None,
    engine: TrainingEngine | None = None,
    clock: SimClock | None = None,
    hosts: HostPolicy | None = None,
) -> tuple[OuterLayer, SandboxContext]:
    """Build the sandbox ASGI app and the context it shares with its owner (tests, SandboxServer)."""
    from starlette.exceptions import HTTPException

    clock = clock or SimClock(speed)
    state = SandboxState(clock, state_dir)
    context = SandboxContext(
        state=state, clock=clock, jobs=JobManager(state, clock, engine), faults=FaultSet(faults)
    )
    routes = [
        *routes_files.routes(),
        *routes_uploads.routes(),
        *routes_jobs.routes(),
        *routes_models.routes(),
        *routes_chat.routes(),
        *_control_routes(),
        *routes_exports.routes(),
    ]
    app = Starlette(
        routes=routes,
        exception_handlers={ApiError: _api_error, HTTPException: _http_error, Exception: _server_error},
    )
    app.state.sandbox = context
    return OuterLayer(app, context, hosts), context
