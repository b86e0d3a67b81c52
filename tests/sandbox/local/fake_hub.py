"""A tiny Hugging Face hub on 127.0.0.1 for tests: the routes and headers huggingface_hub's downloads use.

``GET /api/models/{repo}/revision/{rev}`` (repo info with its commit), ``GET /api/models/{repo}/tree/{rev}``
(the file list), ``HEAD`` and ``GET /{repo}/resolve/{rev}/{file}`` with ``ETag``, ``X-Repo-Commit``,
``Content-Length`` and ``Range`` (206). An unknown repo is a 404 with ``X-Error-Code: RepoNotFound``, as
the hub answers. It can throttle bodies (so a download takes a while) and cut a file's first ``GET``
mid-body (a dropped connection); it logs every request.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

COMMIT = "0123456789abcdef0123456789abcdef01234567"
PIECE = 256 * 1024


@dataclass
class Request:
    method: str
    path: str
    range: str | None
    sent: int = 0  # body bytes sent


@dataclass
class FakeHub:
    repos: dict[str, Path]
    bytes_per_second: float = 0.0  # 0: as fast as possible
    cut_after: dict[str, int] = field(default_factory=dict)  # file -> bytes sent before the first GET drops
    log: list[Request] = field(default_factory=list)

    def __post_init__(self) -> None:
        hub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_HEAD(self) -> None:
                hub.handle(self, head=True)

            def do_GET(self) -> None:
                hub.handle(self, head=False)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.endpoint = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def files(self, repo: str) -> dict[str, Path]:
        root = self.repos[repo]
        return {p.relative_to(root).as_posix(): p for p in sorted(root.rglob("*")) if p.is_file()}

    def gets(self, name: str) -> list[Request]:
        return [r for r in self.log if r.method == "GET" and r.path.endswith("/" + name)]

    # ----------------------------------------------------------------------------------------------
    def _json(self, h: BaseHTTPRequestHandler, obj: Any, status: int = 200, head: bool = False) -> None:
        body = json.dumps(obj).encode()
        h.send_response(status)
        h.send_header("Content-Type", "application/json")
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        if not head:
            h.wfile.write(body)

    def _not_found(self, h: BaseHTTPRequestHandler, head: bool) -> None:
        body = json.dumps({"error": "Repository not found"}).encode()
        h.send_response(404)
        h.send_header("X-Error-Code", "RepoNotFound")
        h.send_header("X-Error-Message", "Repository not found")
        h.send_header("Content-Type", "application/json")
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        if not head:
            h.wfile.write(body)

    def handle(self, h: BaseHTTPRequestHandler, *, head: bool) -> None:
        path = h.path.split("?", 1)[0]
        req = Request("HEAD" if head else "GET", path, h.headers.get("Range"))
        self.log.append(req)
        if m := re.fullmatch(r"/api/models/([^/]+/[^/]+)/revision/([^/]+)", path):
            repo = m.group(1)
            if repo not in self.repos:
                self._not_found(h, head)
                return
            names = list(self.files(repo))
            obj = {"id": repo, "sha": COMMIT, "private": False, "siblings": [{"rfilename": n} for n in names]}
            self._json(h, obj, head=head)
        elif m := re.fullmatch(r"/api/models/([^/]+/[^/]+)/tree/([^/]+)(/.*)?", path):
            repo = m.group(1)
            if repo not in self.repos:
                self._not_found(h, head)
                return
            entries = [
                {"type": "file", "path": n, "size": p.stat().st_size, "oid": _sha1(p)}
                for n, p in self.files(repo).items()
            ]
            self._json(h, entries, head=head)
        elif m := re.fullmatch(r"/([^/]+/[^/]+)/resolve/([^/]+)/(.+)", path):
            repo, name = m.group(1), m.group(3)
            file = self.files(repo).get(name) if repo in self.repos else None
            if file is None:
                self._not_found(h, head)
                return
            try:
                self._serve_file(h, req, name, file.read_bytes(), head)
            except (ConnectionError, OSError):  # the client went away (a cancelled download)
                h.close_connection = True
        else:
            self._not_found(h, head)

    def _serve_file(
        self, h: BaseHTTPRequestHandler, req: Request, name: str, data: bytes, head: bool
    ) -> None:
        start = 0
        if req.range and (m := re.fullmatch(r"bytes=(\d+)-", req.range)):
            start = int(m.group(1))
        h.send_response(206 if start else 200)
        h.send_header("ETag", f'"{hashlib.sha256(data).hexdigest()}"')
        h.send_header("X-Repo-Commit", COMMIT)
        h.send_header("Accept-Ranges", "bytes")
        h.send_header("Content-Type", "application/octet-stream")
        h.send_header("Content-Length", str(len(data) - start))
        if start:
            h.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
        h.end_headers()
        if head:
            return
        cut = self.cut_after.pop(name, None) if not start else None
        pos = start
        while pos < len(data):
            piece = data[pos : pos + PIECE]
            if cut is not None and pos + len(piece) > cut:
                h.wfile.write(data[pos:cut])
                req.sent += cut - pos
                h.wfile.flush()
                h.close_connection = True
                h.connection.close()  # drop the connection mid-file
                return
            h.wfile.write(piece)
            req.sent += len(piece)
            pos += len(piece)
            if self.bytes_per_second:
                time.sleep(len(piece) / self.bytes_per_second)


def _sha1(path: Path) -> str:
    return hashlib.sha1(path.read_bytes()).hexdigest()
