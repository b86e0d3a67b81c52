"""A hostile server that echoes the API key everywhere it can (issue 13): nothing the service hands to
the GUI or the CLI, and nothing the CLI prints, contains the key."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from finetune_desktop.core.accounts.profiles import Profile, ProfileKind
from finetune_desktop.core.accounts.redact import StreamRedactor, forget_secret, register_secret
from finetune_desktop.core.api.errors import ServiceError
from finetune_desktop.core.service.scrubbed import scrubbed
from finetune_desktop.core.service.service import connect

# Not shaped like an OpenAI key: only the registered-key net can catch it.
KEY = "azure0123456789abcdefSECRETxyz"
ROOT = Path(__file__).resolve().parents[3]


def _job(key: str) -> dict[str, Any]:
    return {
        "id": "ftjob-1",
        "object": "fine_tuning.job",
        "status": "failed",
        "model": f"gpt-4o-mini:{key}",
        "created_at": 1,
        "fine_tuned_model": f"ft:gpt-4o-mini:org:{key}:x",
        "training_file": f"file-{key}",
        "result_files": [key],
        "error": {"code": key, "message": f"bad key {key}", "param": key},
        "hyperparameters": {"n_epochs": 3},
        "metadata": {"note": key},
        "organization_id": "org",
        "seed": 1,
    }


class Echo(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def _key(self) -> str:
        return self.headers.get("Authorization", "").removeprefix("Bearer ")

    def _send(self, status: int, body: Any, ctype: str = "application/json") -> None:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("x-request-id", f"req_{self._key()}")
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        key = self._key()
        if self.path.startswith("/v1/models"):
            model = {"id": f"ft:gpt-4o-mini:{key}", "object": "model", "created": 0, "owned_by": key}
            self._send(200, {"object": "list", "data": [model]})
        elif "/events" in self.path:
            event = {
                "id": "ev-1",
                "object": "fine_tuning.job.event",
                "created_at": 1,
                "level": "info",
                "message": f"step 1 {key}",
                "type": "message",
                "data": {"k": key},
            }
            self._send(200, {"object": "list", "data": [event], "has_more": False})
        elif self.path.startswith("/v1/fine_tuning/jobs/missing"):
            self._send(
                404, {"error": {"message": f"no such job; your key is {key}", "type": key, "code": key}}
            )
        elif self.path.startswith("/v1/fine_tuning/jobs/"):
            self._send(200, _job(key))
        elif self.path.startswith("/v1/fine_tuning/jobs"):
            self._send(200, {"object": "list", "data": [_job(key)], "has_more": False})
        else:
            self._send(404, {"error": {"message": key}})

    def do_POST(self) -> None:
        key = self._key()
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        half = len(key) // 2
        pieces = ["Your key: ", key[:half], key[half:], " — kept safe? 不。"]
        lines = []
        for i, text in enumerate(pieces):
            chunk = {
                "id": "c",
                "object": "chat.completion.chunk",
                "created": 0,
                "model": key,
                "choices": [
                    {
                        "index": 0,
                        "delta": {"content": text},
                        "finish_reason": "stop" if i == len(pieces) - 1 else None,
                    }
                ],
            }
            lines.append(f"data: {json.dumps(chunk)}\n\n")
        lines.append("data: [DONE]\n\n")
        self._send(200, "".join(lines).encode(), "text/event-stream")


@pytest.fixture
def hostile_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Echo)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)
        forget_secret(KEY)


def test_no_service_result_holds_the_key(hostile_url: str) -> None:
    profile = Profile(id="p", name="hostile", kind=ProfileKind.COMPATIBLE, base_url=hostile_url)
    seen: list[str] = []
    with connect(profile, KEY, max_retries=0) as service:
        seen.append(repr(service.list_models()))
        seen.append(repr(service.list_jobs()))
        job = service.get_job("ftjob-1")
        seen.append(repr(job))
        from finetune_desktop.core.api.records import EventCursor

        seen.append(repr(service.new_events("ftjob-1", EventCursor())))
        chunks = list(service.chat("m", [{"role": "user", "content": "hi"}]))
        answer = "".join(c.text for c in chunks)
        seen.append(answer + repr(chunks))
        with pytest.raises(ServiceError) as err:
            service.get_job("missing")
        seen.append(str(err.value) + repr(err.value) + json.dumps(err.value.to_dict()))
    assert job.error is not None
    assert "[REDACTED]" in job.error.message
    assert answer == "Your key: [REDACTED] — kept safe? 不。"
    assert err.value.request_id == "req_[REDACTED]"
    for text in seen:
        assert KEY not in text


def test_the_cli_prints_no_key_a_server_echoes(hostile_url: str, tmp_path: Path) -> None:
    env = {**os.environ, "OPENAI_API_KEY": KEY, "FINETUNE_DESKTOP_HOME": str(tmp_path)}
    printed: dict[str, str] = {}
    for args in (["jobs"], ["watch", "missing"], ["chat", "hi", "--model", "m"], ["jobs", "--json"]):
        cmd = [
            sys.executable,
            "-m",
            "finetune_desktop",
            *args,
            "--base-url",
            hostile_url,
            "--max-retries",
            "0",
        ]
        out = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
        assert "Traceback" not in out.stderr, out.stderr
        printed[" ".join(args)] = out.stdout + out.stderr
    for args, text in printed.items():
        assert KEY not in text, args
    assert "Request id: req_[REDACTED]" in printed["watch missing"]
    assert "Your key: [REDACTED]" in printed["chat hi --model m"]


def test_a_key_split_over_stream_pieces_is_still_redacted() -> None:
    register_secret(KEY)
    try:
        for cut in range(1, len(KEY)):
            r = StreamRedactor()
            out = r.feed("key=") + r.feed(KEY[:cut]) + r.feed(KEY[cut:]) + r.feed(" end") + r.finish()
            assert out == "key=[REDACTED] end"
    finally:
        forget_secret(KEY)


def test_scrubbed_walks_dataclasses_and_leaves_enums() -> None:
    from finetune_desktop.core.api.records import JobStatus

    register_secret(KEY)
    try:
        from finetune_desktop.core.api.records import JobEvent

        ev = JobEvent("e", 1, "info", f"said {KEY}", "message", {"x": [KEY, 1]})
        clean = scrubbed(ev)
        assert KEY not in repr(clean)
        assert clean.data == {"x": ["[REDACTED]", 1]}
        assert scrubbed(JobStatus.RUNNING) is JobStatus.RUNNING
        same = JobEvent("e", 1, "info", "fine", "message", {})
        assert scrubbed(same) is same
    finally:
        forget_secret(KEY)
