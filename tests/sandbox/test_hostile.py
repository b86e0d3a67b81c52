"""The local server against hostile requests and a web page in the user's browser (issue 13)."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import httpx2
import pytest
from openai import OpenAI

from finetune_desktop.sandbox import SandboxServer, guard
from finetune_desktop.sandbox.clock import SimClock
from tests.sandbox.conftest import FAKE_KEY, chat_rows, finish, jsonl, upload_rows

BASE = "gpt-4o-mini-2024-07-18"
AUTH = {"Authorization": f"Bearer {FAKE_KEY}"}


def test_a_foreign_host_header_is_refused(sandbox: SandboxServer) -> None:
    """DNS rebinding: the page's own name resolves to 127.0.0.1 and is sent as Host."""
    for path in ("/v1/files", "/_sandbox/faults"):
        r = httpx2.get(sandbox.root_url + path, headers={**AUTH, "Host": "evil.example:80"})
        assert r.status_code == 403, path
        assert "Host" in r.json()["error"]["message"]
    assert (
        httpx2.get(
            sandbox.root_url + "/v1/files", headers={**AUTH, "Host": f"localhost:{sandbox.port}"}
        ).status_code
        == 200
    )


@pytest.mark.parametrize("origin", ["https://evil.example", "null", "http://192.168.1.5:8000"])
def test_a_cross_origin_request_cannot_change_faults(sandbox: SandboxServer, origin: str) -> None:
    r = httpx2.post(
        sandbox.root_url + "/_sandbox/faults",
        content=json.dumps({"kind": "500"}),
        headers={"Origin": origin, "Content-Type": "application/json"},
    )
    assert r.status_code == 403
    assert sandbox.context is not None
    assert sandbox.context.faults.rules() == []


def test_cross_site_fetch_metadata_is_refused(sandbox: SandboxServer) -> None:
    r = httpx2.get(sandbox.root_url + "/v1/models", headers={**AUTH, "Sec-Fetch-Site": "cross-site"})
    assert r.status_code == 403


def test_a_same_machine_origin_is_fine(sandbox: SandboxServer) -> None:
    r = httpx2.get(
        sandbox.root_url + "/v1/models", headers={**AUTH, "Origin": f"http://127.0.0.1:{sandbox.port}"}
    )
    assert r.status_code == 200


def test_control_posts_must_be_json(sandbox: SandboxServer) -> None:
    """A page can send a text/plain POST without a preflight; it must not reset or add faults."""
    for path in ("/_sandbox/faults", "/_sandbox/reset", "/_sandbox/clock"):
        r = httpx2.post(
            sandbox.root_url + path, content='{"kind": "500"}', headers={"Content-Type": "text/plain"}
        )
        assert r.status_code == 403, path
    assert sandbox.context is not None
    assert sandbox.context.faults.rules() == []
    assert (
        httpx2.post(sandbox.root_url + "/_sandbox/faults", json={"kind": "500", "path": "/x"}).status_code
        == 200
    )


@pytest.mark.parametrize("seconds", ["1e999", "-1", "NaN", "Infinity", "1e12", '"10"', "true"])
def test_a_bad_clock_advance_is_refused_and_breaks_nothing(
    sandbox: SandboxServer, client: OpenAI, seconds: str
) -> None:
    r = httpx2.post(
        sandbox.root_url + "/_sandbox/clock",
        content='{"seconds": ' + seconds + "}",
        headers={"Content-Type": "application/json"},
    )
    assert r.status_code == 400
    upload_rows(client, chat_rows(12))  # uploads still work (they used to fail with OverflowError)


@pytest.mark.parametrize("speed", [float("inf"), float("nan"), 0.0, -1.0, 1e12])
def test_a_bad_speed_is_refused(speed: float) -> None:
    with pytest.raises(ValueError, match="speed"):
        SimClock(speed)


def test_sandbox_command_refuses_an_infinite_speed(capsys: pytest.CaptureFixture[str]) -> None:
    from finetune_desktop.cli import main

    assert main(["sandbox", "--speed", "inf"]) == 2
    assert "--speed" in capsys.readouterr().err


def test_deeply_nested_json_is_a_400(sandbox: SandboxServer) -> None:
    body = "[" * 100_000 + "]" * 100_000
    r = httpx2.post(
        sandbox.root_url + "/v1/fine_tuning/jobs",
        content=body,
        headers={**AUTH, "Content-Type": "application/json"},
    )
    assert r.status_code == 400


def test_a_body_over_the_limit_is_refused_while_read(
    sandbox: SandboxServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(guard, "JSON_BODY_LIMIT", 1000)
    assert sandbox.context is not None
    big = b'{"model": "' + b"x" * 5000 + b'"}'
    # declared too large: refused before the body is read
    r = httpx2.post(
        sandbox.root_url + "/v1/fine_tuning/jobs",
        content=big,
        headers={**AUTH, "Content-Type": "application/json"},
    )
    assert r.status_code == 413

    # streamed without a length: refused once it passes the limit
    def chunks():  # type: ignore[no-untyped-def]
        for _ in range(50):
            yield b"x" * 500

    r = httpx2.post(
        sandbox.root_url + "/v1/fine_tuning/jobs",
        content=chunks(),
        headers={**AUTH, "Content-Type": "application/json"},
    )
    assert r.status_code == 413


def test_upload_parts_beyond_the_declared_size_are_refused(client: OpenAI) -> None:
    up = client.uploads.create(
        bytes=10, filename="t.jsonl", mime_type="application/jsonl", purpose="fine-tune"
    )
    client.uploads.parts.create(up.id, data=b"0123456789")
    with pytest.raises(Exception, match="10 bytes"):
        client.uploads.parts.create(up.id, data=b"more")


def test_a_connection_that_never_sends_its_headers_is_closed(
    sandbox: SandboxServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(guard, "HEADER_TIMEOUT_S", 0.2)
    with SandboxServer() as server, socket.create_connection(("127.0.0.1", server.port), timeout=10) as s:
        s.sendall(b"GET /_sandbox/health HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # half a request, then nothing
        s.settimeout(10)
        assert s.recv(100) == b""  # closed by the server (a timeout here raises instead)


def test_a_lone_surrogate_training_file_fails_its_job_only(sandbox: SandboxServer, client: OpenAI) -> None:
    data = jsonl(chat_rows(12)).replace(b"question 3", b"question \\ud800")
    file_id = client.files.create(file=("t.jsonl", data, "application/jsonl"), purpose="fine-tune").id
    job = client.fine_tuning.jobs.create(model=BASE, training_file=file_id)
    assert client.fine_tuning.jobs.list().data  # used to answer 500 from here on
    job = finish(sandbox, client, job.id)
    assert job.status == "failed"
    assert job.error is not None
    assert job.error.code == "invalid_training_file"
    assert "line 4" in job.error.message
    assert client.fine_tuning.jobs.list().data[0].id == job.id


def test_a_hostile_state_file_cannot_delete_outside_its_folder(tmp_path: Path) -> None:
    # Only paths inside tmp_path: a broken build must not be able to delete a real file.
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    absolute = tmp_path / "absolute.txt"
    absolute.write_text("keep me too")
    state_dir = tmp_path / "state"  # blobs live in state/blobs: ../../victim.txt is tmp_path/victim.txt
    (state_dir / "blobs").mkdir(parents=True)  # ../.. only resolves through an existing folder
    files = {"../../victim.txt": {"id": "../../victim.txt"}, str(absolute): {"id": str(absolute)}}
    (state_dir / "state.json").write_text(json.dumps({"version": 1, "files": files, "jobs": {}}))
    with SandboxServer(state_dir=state_dir) as server:
        assert httpx2.post(server.root_url + "/_sandbox/reset", json={}).status_code == 200
        assert httpx2.get(server.base_url + "/files", headers=AUTH).json()["data"] == []
    assert victim.read_text() == "keep me"
    assert absolute.read_text() == "keep me too"


@pytest.mark.parametrize("kind", ["file", "under-a-file", "read-only"])
def test_a_state_dir_that_cannot_be_used_is_refused_at_start(tmp_path: Path, kind: str) -> None:
    import os

    if kind == "file":
        target = tmp_path / "state"
        target.write_text("x")
    elif kind == "under-a-file":
        (tmp_path / "plain").write_text("x")
        target = tmp_path / "plain" / "state"
    else:
        if os.geteuid() == 0:
            pytest.skip("root writes anywhere")
        target = tmp_path / "ro"
        target.mkdir()
        target.chmod(0o500)
    with pytest.raises(RuntimeError, match="--state-dir"):
        SandboxServer(state_dir=target).start()


def test_a_million_spaces_in_a_training_file_do_not_break_job_creation(
    sandbox: SandboxServer, client: OpenAI
) -> None:
    rows = chat_rows(12)
    rows[2]["messages"][1]["content"] = "x" + " " * 1_200_000 + "x"
    file_id = upload_rows(client, rows)
    job = client.fine_tuning.jobs.create(model=BASE, training_file=file_id)  # counted tokens: no panic
    assert finish(sandbox, client, job.id).status == "succeeded"


def test_host_policy_for_a_server_bound_to_every_address() -> None:
    from finetune_desktop.sandbox.guard import HostPolicy

    def scope(host: str, origin: str | None = None) -> dict[str, object]:
        headers = [(b"host", host.encode())] + ([(b"origin", origin.encode())] if origin else [])
        return {"headers": headers}

    loopback_only = HostPolicy()
    assert loopback_only.refusal(scope("127.0.0.1:8000")) is None
    assert loopback_only.refusal(scope("[::1]:8000")) is None
    assert loopback_only.refusal(scope("192.168.1.5:8000")) is not None
    lan = HostPolicy(["192.168.1.5"])
    assert lan.refusal(scope("192.168.1.5:8000")) is None
    assert lan.refusal(scope("evil.example")) is not None
    everywhere = HostPolicy(["0.0.0.0"])
    assert everywhere.refusal(scope("my-desktop.lan:8000")) is None
    assert everywhere.refusal(scope("my-desktop.lan:8000", "http://my-desktop.lan:8000")) is None
    assert everywhere.refusal(scope("my-desktop.lan:8000", "https://evil.example")) is not None
