"""What keeps a web page (and a hostile client) from driving the local server.

The server listens on loopback, but a page open in the user's browser can reach loopback too: directly
(cross-origin requests) or through DNS rebinding (a name of the page's that resolves to 127.0.0.1, sent
with that name in ``Host``). So every request must name a loopback host (or the one the server was told to
listen on), must not come from another origin, and a control request must be JSON, which a page cannot send
cross-origin without a preflight the server never grants. Bodies are counted while they arrive (413 past a
route's limit), and a connection that does not finish its headers in time is closed.
"""

from __future__ import annotations

import asyncio
import ipaddress
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any
from urllib.parse import urlsplit

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]

#: Seconds a connection may take to send a request's headers (a slow or half-open client is dropped).
HEADER_TIMEOUT_S = 15.0
#: Body limits by route; the file routes hold a whole file or part, everything else is small JSON.
FILE_BODY_LIMIT = 512 * 1024 * 1024 + 1024 * 1024
PART_BODY_LIMIT = 64 * 1024 * 1024 + 1024 * 1024
JSON_BODY_LIMIT = 8 * 1024 * 1024
#: What is read and dropped past a limit so the client can finish sending and read the 413.
DRAIN_LIMIT = 64 * 1024 * 1024
LOOPBACK_NAMES = frozenset({"localhost", "localhost.", "127.0.0.1", "::1"})


class BodyTooLarge(Exception):
    """A request body passed its route's limit while it was being read."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"the request body is larger than {limit:,} bytes")
        self.limit = limit


def body_limit(method: str, path: str) -> int:
    if method == "POST" and path == "/v1/files":
        return FILE_BODY_LIMIT
    if method == "POST" and path.startswith("/v1/uploads/") and path.endswith("/parts"):
        return PART_BODY_LIMIT
    return JSON_BODY_LIMIT


def header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return bytes(value).decode("latin-1")
    return None


def _host_name(host_header: str) -> str:
    """``Host`` without its port (``[::1]:8080`` -> ``::1``), lower case."""
    text = host_header.strip().lower()
    if text.startswith("["):
        return text[1 : text.find("]")] if "]" in text else text
    return text.rsplit(":", 1)[0] if text.count(":") == 1 else text


def is_loopback_name(name: str) -> bool:
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


class HostPolicy:
    """Which ``Host`` and ``Origin`` values are the server's own: loopback, plus the address it was told
    to listen on (a user who binds 0.0.0.0 or a LAN address has chosen to be reached by that name)."""

    def __init__(self, extra_hosts: Iterable[str] = ()) -> None:
        self.extra = frozenset(h.strip("[]").lower() for h in extra_hosts if h)
        # Listening on every address (--allow-remote --host 0.0.0.0): any name may reach it, by choice.
        self.any_host = bool(self.extra & {"0.0.0.0", "::"})

    def host_ok(self, name: str) -> bool:
        return self.any_host or is_loopback_name(name) or name in self.extra

    def refusal(self, scope: Scope) -> str | None:
        """Why the request is refused (a plain sentence), or None when it may go on."""
        host = header(scope, b"host")
        if host is None or not self.host_ok(_host_name(host)):
            return (
                f"Host {host!r} is not this server's: the local server only answers requests for "
                "localhost or 127.0.0.1."
            )
        origin = header(scope, b"origin")
        if origin is not None and origin != "null":
            parts = urlsplit(origin)
            name = (parts.hostname or "").lower()
            own = is_loopback_name(name) or name in self.extra or parts.netloc.lower() == host.strip().lower()
            if parts.scheme not in ("http", "https") or not own:
                return f"Requests from {origin} are refused: the local server does not serve web pages."
        elif origin == "null":
            return "Requests from an opaque origin are refused: the local server does not serve web pages."
        if (header(scope, b"sec-fetch-site") or "").lower() == "cross-site":
            return "Cross-site requests are refused: the local server does not serve web pages."
        return None


def is_json(scope: Scope) -> bool:
    ctype = (header(scope, b"content-type") or "").split(";", 1)[0].strip().lower()
    return ctype == "application/json"


def declared_length(scope: Scope) -> int | None:
    text = header(scope, b"content-length")
    if text is None:
        return None
    try:
        return int(text.strip())
    except ValueError:
        return None


def limited_receive(receive: Receive, limit: int) -> Receive:
    """``receive`` that raises :class:`BodyTooLarge` once the body passes ``limit`` bytes.

    Up to ``DRAIN_LIMIT`` more bytes are read and dropped first: a client still sending when the server
    answers and closes gets a reset instead of the 413 (and an SDK would retry the whole upload)."""
    seen = 0

    async def wrapped() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                if message.get("more_body"):
                    await drain(receive)
                raise BodyTooLarge(limit)
        return message

    return wrapped


async def drain(receive: Receive, cap: int | None = None) -> None:
    """Read and drop the rest of a request body, at most ``cap`` (default ``DRAIN_LIMIT``) bytes."""
    cap = DRAIN_LIMIT if cap is None else cap
    drained, more = 0, True
    while more and drained < cap:
        message = await receive()
        if message["type"] != "http.request":
            return
        drained += len(message.get("body", b""))
        more = bool(message.get("more_body"))


class HeaderTimeoutH11(H11Protocol):
    """uvicorn's HTTP/1.1 protocol, closing a connection whose request headers do not arrive in time.

    uvicorn only times out idle keep-alive connections, and cancels that timer on the first byte, so a
    client that opens a connection and sends nothing, or half a header, was held forever.
    """

    _header_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_header_timer()

    def _arm_header_timer(self) -> None:
        self._cancel_header_timer()
        self._header_timer = self.loop.call_later(HEADER_TIMEOUT_S, self._header_timeout)

    def _cancel_header_timer(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _header_timeout(self) -> None:
        self._header_timer = None
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self.transport.close()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.conn.their_state is not h11.IDLE:
            self._cancel_header_timer()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._arm_header_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_header_timer()
        super().connection_lost(exc)
