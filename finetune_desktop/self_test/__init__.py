"""``finetune-desktop --self-test``: prove that this installation works, in about ten seconds.

Runs what a new user's first session needs, with downloads off and every non-loopback connection
refused, in a throw-away app home (the user's profiles, keys and datasets are never touched):
the tokenizer vocabularies, the main window offscreen with the sample loaded and counted exactly,
``check`` in worker processes, a key stored in and read back from the system keyring, and the
local server (upload, a job to success at high speed, a chat with the tuned model). Prints one line
per step; exit status 0 when every step passed, 1 otherwise.
"""

from __future__ import annotations

import contextlib
import ipaddress
import os
import shutil
import socket
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from finetune_desktop.core.paths import HOME_ENV
from finetune_desktop.core.tokens.encodings import OFFLINE_ENV

#: The simulated training clock runs this many times faster than real time.
SERVER_SPEED = 2000.0
JOB_TIMEOUT_S = 60.0
WINDOW_TIMEOUT_S = 60.0
KEYRING_SERVICE = "Finetune Desktop self-test"


class SelfTestFailure(Exception):
    """A step found something wrong; the message says what, in plain words."""


@dataclass
class StepResult:
    name: str
    ok: bool
    detail: str


# --- no network ---
def _is_loopback(address: Any) -> bool:
    if not isinstance(address, tuple) or not address:
        return True  # AF_UNIX paths (worker processes) and other local families
    host = str(address[0])
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.split("%", 1)[0]).is_loopback
    except ValueError:
        return False  # a host name: resolving it would already be network traffic


@contextlib.contextmanager
def network_disabled() -> Iterator[None]:
    """Refuse every connection that would leave this computer (loopback stays open for the local
    server); downloads are switched off for the vocabularies too. Restores everything afterwards."""
    original_connect = socket.socket.connect
    original_connect_ex = socket.socket.connect_ex

    def guarded(sock: socket.socket, address: Any) -> Any:
        if not _is_loopback(address):
            raise OSError(f"self-test: network access to {address!r} refused (networking is disabled)")
        return original_connect(sock, address)

    def guarded_ex(sock: socket.socket, address: Any) -> int:
        if not _is_loopback(address):
            raise OSError(f"self-test: network access to {address!r} refused (networking is disabled)")
        return original_connect_ex(sock, address)

    socket.socket.connect = guarded  # type: ignore[method-assign,assignment]
    socket.socket.connect_ex = guarded_ex  # type: ignore[method-assign,assignment]
    try:
        yield
    finally:
        socket.socket.connect = original_connect  # type: ignore[method-assign]
        socket.socket.connect_ex = original_connect_ex  # type: ignore[method-assign]


@contextlib.contextmanager
def _environment(**values: str) -> Iterator[None]:
    before = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


# --- steps ---
def step_vocabularies() -> str:
    from finetune_desktop.core.tokens.encodings import (
        KNOWN_ENCODINGS,
        load_encoding,
        load_failure,
        reset_loaded,
        tiktoken_cache_dir,
    )

    reset_loaded()
    missing = [enc for enc in KNOWN_ENCODINGS if load_encoding(enc) is None]
    if missing:
        why = "; ".join(f"{enc}: {load_failure(enc)}" for enc in missing)
        raise SelfTestFailure(f"no vocabulary for {', '.join(missing)} in {tiktoken_cache_dir()} ({why})")
    return f"{' and '.join(KNOWN_ENCODINGS)} load from {tiktoken_cache_dir()} without a download"


def step_check_workers(folder: Path) -> str:
    """``check`` on a file big enough for worker processes, from a thread as the GUI runs it."""
    import threading

    from finetune_desktop.core.check.run import PARALLEL_MIN_BYTES, run_check
    from finetune_desktop.gui.first_run.samples import sample_dataset_path

    lines = sample_dataset_path().read_bytes()
    if not lines.endswith(b"\n"):
        lines += b"\n"
    big = folder / "check-workers.jsonl"
    big.write_bytes(lines * (PARALLEL_MIN_BYTES // len(lines) + 2))
    box: dict[str, Any] = {}

    def work() -> None:
        try:
            box["report"] = run_check(big, workers=2)
        except BaseException as exc:  # noqa: BLE001 - reported below
            box["error"] = exc

    thread = threading.Thread(target=work, name="self-test-check")
    thread.start()
    thread.join(120)
    if thread.is_alive():
        raise SelfTestFailure("check did not finish in 120 s")
    if "error" in box:
        raise box["error"]
    report = box["report"]
    if report.estimated:
        raise SelfTestFailure("check counted tokens by estimate, not with the vocabulary")
    if report.errors:
        raise SelfTestFailure(f"check found {len(report.errors)} errors in the sample")
    size_mb = big.stat().st_size / 1e6
    return f"{size_mb:.1f} MB checked in 2 worker processes, token counts exact"


def step_keyring() -> str:
    from finetune_desktop.core.accounts.keystore import KeyStore, KeyStoreError

    store = KeyStore(service=KEYRING_SERVICE)
    status = store.status
    if not status.available:
        raise SelfTestFailure(f"no password store: {status.message}")
    profile_id = f"self-test-{uuid.uuid4().hex[:8]}"
    secret = f"sk-selftest-{uuid.uuid4().hex}"
    try:
        store.set(profile_id, secret)
        fresh = KeyStore(service=KEYRING_SERVICE)  # read back through the keyring, not the memory cache
        if fresh.get(profile_id) != secret:
            raise SelfTestFailure("a key stored in the keyring did not read back the same")
    except KeyStoreError as exc:
        raise SelfTestFailure(str(exc)) from None
    finally:
        with contextlib.suppress(KeyStoreError):
            store.delete(profile_id)
    if KeyStore(service=KEYRING_SERVICE).get(profile_id) is not None:
        raise SelfTestFailure("a key removed from the keyring was still there")
    return f"stored, read back and removed a key ({status.backend})"


def step_local_server(folder: Path) -> str:
    from finetune_desktop.core.accounts.profiles import Profile, ProfileKind
    from finetune_desktop.core.api.records import JobRequest
    from finetune_desktop.core.catalog.models import load_catalog
    from finetune_desktop.core.service.service import connect
    from finetune_desktop.gui.first_run.samples import sample_dataset_path
    from finetune_desktop.sandbox import SandboxServer

    server = SandboxServer(speed=SERVER_SPEED, state_dir=folder / "sandbox")
    url = server.start()
    try:
        profile = Profile(id="self-test", name="Self-test", kind=ProfileKind.COMPATIBLE, base_url=url)
        with connect(profile, "sk-selftest-local", timeout=10.0) as service:
            uploaded = service.upload_file(sample_dataset_path())
            model = load_catalog().default_model
            job = service.create_job(JobRequest(model=model, training_file=uploaded.id, suffix="selftest"))
            deadline = time.monotonic() + JOB_TIMEOUT_S
            while not job.status.is_terminal:
                if time.monotonic() > deadline:
                    raise SelfTestFailure(f"job {job.id} still {job.status.value} after {JOB_TIMEOUT_S:g} s")
                time.sleep(0.1)
                job = service.get_job(job.id)
            if not job.fine_tuned_model or job.status.value != "succeeded":
                raise SelfTestFailure(f"job {job.id} ended {job.status.value}, not succeeded")
            reply = service.chat_once(job.fine_tuned_model, [{"role": "user", "content": "Hello"}])
            if not reply.text:
                raise SelfTestFailure("the tuned model answered with nothing")
    finally:
        server.stop()
    return f"uploaded the sample, job {job.id} succeeded, {job.fine_tuned_model} answered"


def step_window_and_sample() -> list[StepResult]:
    from finetune_desktop.self_test.window import open_window_with_sample

    return [StepResult(name, ok, detail) for name, ok, detail in open_window_with_sample(WINDOW_TIMEOUT_S)]


# --- runner ---
def _run_step(name: str, fn: Callable[[], str]) -> StepResult:
    from finetune_desktop.core.accounts.redact import redact

    try:
        return StepResult(name, True, fn())
    except SelfTestFailure as exc:
        return StepResult(name, False, str(exc))
    except Exception as exc:  # noqa: BLE001 - every failure is reported, none ends the self-test
        return StepResult(name, False, redact(f"{type(exc).__name__}: {exc}"))


def run_steps(folder: Path) -> list[StepResult]:
    results = [_run_step("tokenizer", step_vocabularies)]
    try:
        results += step_window_and_sample()
    except Exception as exc:  # noqa: BLE001
        results.append(StepResult("main window", False, f"{type(exc).__name__}: {exc}"))
    results.append(_run_step("check", lambda: step_check_workers(folder)))
    results.append(_run_step("keyring", step_keyring))
    results.append(_run_step("local server", lambda: step_local_server(folder)))
    return results


def run_self_test(out: TextIO | None = None) -> int:
    """Run every step; print one line each and a verdict. Returns the exit status (0: all passed)."""
    from finetune_desktop.core.about import app_version

    stream = out or sys.stdout
    print(f"Finetune Desktop {app_version()} self-test", file=stream, flush=True)
    folder = Path(tempfile.mkdtemp(prefix="finetune-desktop-self-test-"))
    env = {HOME_ENV: str(folder / "home"), OFFLINE_ENV: "1"}
    if "QT_QPA_PLATFORM" not in os.environ:
        env["QT_QPA_PLATFORM"] = "offscreen"
    try:
        with _environment(**env), network_disabled():
            results = run_steps(folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    for r in results:
        print(f"  {'ok  ' if r.ok else 'FAIL'}  {r.name}: {r.detail}", file=stream, flush=True)
    failed = [r.name for r in results if not r.ok]
    if failed:
        print(f"self-test FAILED: {', '.join(failed)}", file=stream, flush=True)
        return 1
    print(f"self-test passed ({len(results)} steps)", file=stream, flush=True)
    return 0
