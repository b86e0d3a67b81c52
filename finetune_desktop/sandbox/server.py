"""``SandboxServer``: the sandbox app served by uvicorn from a background thread on a loopback port.

Used in-process by the desktop app (its default backend without a key) and by tests, so start/stop is
cheap and leaves nothing behind: the listening socket is bound here (port 0 picks a free one, known
before ``start()`` returns), and ``stop()`` asks uvicorn to exit and joins its thread.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType

import uvicorn

from finetune_desktop.sandbox.app import create_app
from finetune_desktop.sandbox.context import SandboxContext
from finetune_desktop.sandbox.engine import TrainingEngine
from finetune_desktop.sandbox.faults import FaultRule, parse_fault

START_TIMEOUT_S = 15.0
STOP_TIMEOUT_S = 10.0


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class SandboxServer:
    """An OpenAI-compatible server for one process's lifetime; ``start()`` returns the ``.../v1`` base URL."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        speed: float = 1.0,
        state_dir: str | Path | None = None,
        faults: Iterable[FaultRule | str] | None = None,
        *,
        engine: TrainingEngine | None = None,
    ) -> None:
        self.host = host
        self.port = port
        self.speed = speed
        self.state_dir = Path(state_dir) if state_dir else None
        self._faults = [parse_fault(f) if isinstance(f, str) else f for f in (faults or [])]
        self._engine = engine
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._sock: socket.socket | None = None
        self._error: BaseException | None = None
        self.context: SandboxContext | None = None

    # lifecycle -------------------------------------------------------------------------------------
    def start(self) -> str:
        if self._thread is not None:
            return self.base_url
        app, self.context = create_app(
            speed=self.speed, state_dir=self.state_dir, faults=self._faults, engine=self._engine
        )
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((self.host, self.port))
        except OSError:
            sock.close()
            raise
        self._sock = sock
        self.port = sock.getsockname()[1]
        config = uvicorn.Config(
            app,
            log_level="warning",
            access_log=False,
            lifespan="off",
            ws="none",
            http="h11",
            loop="asyncio",
            proxy_headers=False,
            server_header=False,
            timeout_graceful_shutdown=2,
        )
        self._server = uvicorn.Server(config)
        self._error = None
        self._thread = threading.Thread(target=self._serve, name=f"sandbox-server-{self.port}", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + START_TIMEOUT_S
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                error = self._error
                self.stop()
                raise RuntimeError(f"the sandbox server did not start on {self.host}:{self.port}") from error
            time.sleep(0.005)
        return self.base_url

    def _serve(self) -> None:
        assert self._server is not None
        assert self._sock is not None
        try:
            self._server.run(sockets=[self._sock])
        except BaseException as exc:  # noqa: BLE001 - reported by start(); a thread must not die silently
            self._error = exc

    def stop(self) -> None:
        """Stop serving and join the server thread (idempotent)."""
        server, thread, sock = self._server, self._thread, self._sock
        if server is not None:
            server.should_exit = True
        if thread is not None:
            thread.join(STOP_TIMEOUT_S)
            if thread.is_alive() and server is not None:
                server.force_exit = True
                thread.join(STOP_TIMEOUT_S)
        if sock is not None:
            sock.close()
        if self.context is not None:  # stop the engine's runs; a restart on the same state carries them on
            self.context.jobs.close()
        self._server = self._thread = self._sock = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    @property
    def root_url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def base_url(self) -> str:
        return self.root_url + "/v1"

    def __enter__(self) -> SandboxServer:
        self.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def __repr__(self) -> str:
        state = "running" if self.running else "stopped"
        return f"SandboxServer({self.root_url}, speed={self.speed}, {state})"

    # in-process control (the same as the /_sandbox endpoints) ------------------------------------------
    def _ctx(self) -> SandboxContext:
        if self.context is None:
            raise RuntimeError("start the sandbox server first")
        return self.context

    def add_fault(self, fault: FaultRule | str) -> FaultRule:
        rule = parse_fault(fault) if isinstance(fault, str) else fault
        self._ctx().faults.add(rule)
        return rule

    def reset(self) -> None:
        """Forget all files, uploads, jobs, faults and logged requests."""
        self._ctx().reset()

    def clear_faults(self) -> None:
        self._ctx().faults.clear()

    def advance(self, seconds: float) -> None:
        """Move the simulated clock forward (jobs progress, uploads age)."""
        ctx = self._ctx()
        ctx.clock.advance(seconds)
        ctx.jobs.refresh_all()
