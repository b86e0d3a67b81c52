"""SandboxServer lifecycle, persistence under --state-dir, and the ``finetune-desktop sandbox`` command."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from openai import OpenAI

from finetune_desktop.cli import main as cli_main
from finetune_desktop.sandbox import SandboxServer
from tests.sandbox.conftest import FAKE_KEY, chat_rows, finish, upload_rows


def _threads() -> set[threading.Thread]:
    return set(threading.enumerate())


def test_start_stop_many_times_without_leaking_threads() -> None:
    before = _threads()
    urls = set()
    for _ in range(5):
        with SandboxServer() as server:
            assert server.base_url.endswith("/v1")
            urls.add(server.base_url)
            with OpenAI(api_key=FAKE_KEY, base_url=server.base_url, max_retries=0) as c:
                assert c.models.list().data
                c.chat.completions.create(  # runs in a worker thread of the server
                    model="gpt-4o-mini-2024-07-18", messages=[{"role": "user", "content": "hi"}]
                )
        assert not server.running
    # Worker threads of the server's thread pool are told to stop with the loop and end a moment
    # later; wait for that (a leak would keep them alive), then name any that stayed.
    deadline = time.monotonic() + 5
    while _threads() - before and time.monotonic() < deadline:
        time.sleep(0.05)
    assert {t.name for t in _threads() - before} == set()
    assert len(urls) >= 2  # port 0 picks a fresh free port


def test_two_servers_at_once_and_stop_is_idempotent() -> None:
    a, b = SandboxServer(), SandboxServer()
    try:
        assert a.start() != b.start()
    finally:
        a.stop()
        b.stop()
        a.stop()
    assert not a.running
    assert not b.running


def test_explicit_port_and_busy_port() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with SandboxServer(port=port) as server:
        assert server.base_url == f"http://127.0.0.1:{port}/v1"
        with pytest.raises(OSError):
            SandboxServer(port=port).start()


def test_ipv6_loopback() -> None:
    if not socket.has_ipv6:
        pytest.skip("no IPv6 on this machine")
    try:
        server = SandboxServer(host="::1")
        url = server.start()
    except OSError as exc:
        pytest.skip(f"IPv6 loopback unavailable: {exc}")
    try:
        assert url.startswith("http://[::1]:")
        with OpenAI(api_key=FAKE_KEY, base_url=url, max_retries=0) as c:
            assert c.models.list().data
    finally:
        server.stop()


def test_state_dir_keeps_files_and_jobs_across_restarts(tmp_path: Path) -> None:
    with (
        SandboxServer(state_dir=tmp_path) as server,
        OpenAI(api_key=FAKE_KEY, base_url=server.base_url, max_retries=0) as c,
    ):
        file_id = upload_rows(c, chat_rows(12))
        done = finish(
            server, c, c.fine_tuning.jobs.create(model="gpt-4o-mini-2024-07-18", training_file=file_id).id
        )
        running = c.fine_tuning.jobs.create(model="gpt-4o-mini-2024-07-18", training_file=file_id)
        server.advance(100)
        steps_before = len(
            [e for e in c.fine_tuning.jobs.list_events(running.id, limit=500).data if e.type == "metrics"]
        )
    assert (tmp_path / "state.json").is_file()
    with (
        SandboxServer(state_dir=tmp_path) as server,
        OpenAI(api_key=FAKE_KEY, base_url=server.base_url, max_retries=0) as c,
    ):
        assert c.files.retrieve(file_id).bytes > 0
        assert done.fine_tuned_model in [m.id for m in c.models.list()]
        assert "Marv out" in (
            c.chat.completions.create(
                model=done.fine_tuned_model or "", messages=[{"role": "user", "content": "a good cat name"}]
            )
            .choices[0]
            .message.content
            or ""
        )
        events = c.fine_tuning.jobs.list_events(running.id, limit=500).data
        assert len([e for e in events if e.type == "metrics"]) >= steps_before
        assert finish(server, c, running.id).status == "succeeded"


def test_cli_refuses_remote_hosts_and_bad_faults(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main(["sandbox", "--host", "0.0.0.0"]) == 2
    assert "--allow-remote" in capsys.readouterr().err
    assert cli_main(["sandbox", "--fault", "kind=nope"]) == 2
    assert "unknown" in capsys.readouterr().err
    assert cli_main(["sandbox", "--speed", "0"]) == 2


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child process is POSIX-only here")
def test_cli_serves_until_ctrl_c(tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    ignored = signal.signal(signal.SIGINT, signal.SIG_IGN)  # a parent that ignores Ctrl-C passes that on
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "finetune_desktop",
            "sandbox",
            "--speed",
            "50",
            "--fault",
            "kind=500,path=/v1/files",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    signal.signal(signal.SIGINT, ignored)
    try:
        assert proc.stdout is not None
        base_url = proc.stdout.readline().strip()
        assert base_url.startswith("http://127.0.0.1:")
        assert base_url.endswith("/v1")
        with OpenAI(api_key=FAKE_KEY, base_url=base_url, max_retries=0) as c:
            assert c.models.list().data
            with pytest.raises(Exception, match="simulated"):
                c.files.list()
        status = Path(f"/proc/{proc.pid}/status").read_text().splitlines()
        signals = [ln for ln in status if ln.startswith("Sig")]
        proc.send_signal(signal.SIGINT)
        try:
            _out, err = proc.communicate(timeout=20)
        except subprocess.TimeoutExpired as exc:
            raise AssertionError(f"no stop on SIGINT; the server's signal masks: {signals}") from exc
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err
    assert "Traceback" not in err
