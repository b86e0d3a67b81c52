"""A corpus of hostile inputs (issue 13): run each one and count crashes, hangs and key leaks.

Run: ``.venv/bin/python benchmarks/hostile_corpus.py [--fuzz 200] [--seed 13] [--timeout 60] [--big]``.

Three groups, each run the way a user or an attacker would reach the code:

* ``check``: ``finetune-desktop check`` as a real process on hostile files (lone surrogates, runs of a
  million spaces, named pipes, devices, folders, non-UTF-8 names, a million ``{}`` lines, deep nesting),
  hostile option values and models files, plus ``--fuzz`` files of random fragments. A run **crashed**
  when it exits other than 0/1/2 or prints a traceback, **hung** when it passes ``--timeout``.
* ``server``: the local server in-process, driven over loopback like a web page or a hostile client
  would: foreign ``Host``/``Origin``, text/plain control posts, clock overflow, deep JSON, huge bodies,
  upload parts past their size, a half-open connection, a lone-surrogate training file, a hostile
  ``state.json``, an unusable ``--state-dir``. Crashed: a 500, an exception, or a server that no longer
  answers afterwards; hung: no answer in time.
* ``echo``: a server that echoes the API key into every field, header and streamed chunk, driven by the
  CLI (``jobs``, ``watch``, ``chat``); a run **leaked** when the key appears anywhere in its output.

``--big`` adds the slow cases (a 100 MB line, a 50 MB example, a 10 MB single word). Prints one line per
case and the totals.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CANARY = "canary0123456789abcdefKEY42"  # not key-shaped: only the registered-key net catches it
GOOD = {"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}]}


@dataclass
class Outcome:
    case: str
    group: str
    result: str  # ok / crash / hang / leak
    detail: str = ""
    seconds: float = 0.0


# --- check -------------------------------------------------------------------------------------------


def _lines(*rows: object) -> bytes:
    return b"".join((r if isinstance(r, bytes) else json.dumps(r).encode()) + b"\n" for r in rows)


def _msg(content: str, role: str = "user") -> dict[str, object]:
    return {"messages": [{"role": role, "content": content}, {"role": "assistant", "content": "ok"}]}


FRAGMENTS = [b"{", b"}", b"[", b"]", b'"', b"\\", b"\\ud800", b"\\udc00", b"\xef\xbb\xbf", b"\r", b"\n",
             b"\x00", b"\xff", b"\xc3", b"NaN", b"1e999", b"9" * 500, b" " * 2000, b'"messages"', b'"role"',
             b'"content"', b":", b",", b"null", b"[" * 400, b'"assistant"', b"\t" * 100]  # fmt: skip


def _fuzz_file(rng: random.Random) -> bytes:
    out = []
    for _ in range(rng.randint(0, 12)):
        pick = rng.random()
        if pick < 0.4:
            out.append(b"".join(rng.choice(FRAGMENTS) for _ in range(rng.randint(1, 10))))
        elif pick < 0.6:
            out.append(bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 60))))
        else:
            out.append(json.dumps(_msg(rng.choice(["x", "\ud800", " " * 5000, "中文", "\x00"]))).encode())
    return b"\n".join(out)


def check_cases(tmp: Path, n_fuzz: int, seed: int, big: bool) -> Iterator[tuple[str, list[str]]]:
    """(name, argv after ``check``) for every check case; files are written under ``tmp``."""

    def file(name: str, data: bytes) -> str:
        path = tmp / name
        path.write_bytes(data)
        return str(path)

    good = file("good.jsonl", _lines(*[GOOD] * 12))
    for i, line in enumerate(
        [
            rb'{"messages": [{"role": "user", "content": "\ud800"}, {"role": "assistant", "content": "x"}]}',
            rb'{"messages": [{"role": "\udfff", "content": "a"}, {"role": "assistant", "content": "x"}]}',
            rb'{"\ud800": 1, "messages": []}',
        ]
    ):
        path = file(f"surrogate{i}.jsonl", _lines(*[GOOD] * 11, line))
        yield f"lone surrogate {i}", [path]
        yield f"lone surrogate {i} --json", [path, "--json"]
    for ch, name in ((" ", "spaces"), ("\t", "tabs"), ("\u3000", "ideographic"), (" \n", "space-newline")):
        path = file(f"ws-{name}.jsonl", _lines(_msg("x" + ch * 1_200_000 + "x"), *[GOOD] * 11))
        yield f"1.2M {name} in content", [path]
        path = file(f"ws-role-{name}.jsonl", _lines(_msg("x", role=ch * 1_200_000), *[GOOD] * 11))
        yield f"1.2M {name} as a role", [path]
    fifo = tmp / "pipe"
    if hasattr(os, "mkfifo"):
        os.mkfifo(fifo)
        yield "FIFO as TRAIN", [str(fifo)]
        yield "FIFO as VAL", [good, "--validation", str(fifo)]
        yield "FIFO as --models-file", [good, "--models-file", str(fifo)]
    for dev in ("/dev/zero", "/dev/null", "/dev/urandom"):
        if Path(dev).exists():
            yield f"{dev} as TRAIN", [dev]
            yield f"{dev} as --models-file", [good, "--models-file", dev]
    yield "a folder as TRAIN", [str(tmp)]
    yield "a missing file", [str(tmp / "missing.jsonl")]
    odd = tmp / os.fsdecode(b"name-\xff\xfe.jsonl")
    odd.write_bytes(_lines(*[GOOD] * 12))
    yield "a file name that is not UTF-8", [str(odd)]
    yield "1,000,000 {} lines", [file("braces.jsonl", b"{}\n" * 1_000_000)]
    yield "nesting 200,000 deep", [file("deep.jsonl", b"[" * 200_000 + b"]" * 200_000 + b"\n")]
    yield "UTF-16 file", [file("utf16.jsonl", json.dumps(GOOD).encode("utf-16"))]
    yield "NaN and 1e999", [file("nan.jsonl", b'{"messages": NaN}\n{"messages": [1e999]}\n')]
    for option, value in (("--rate", "inf"), ("--rate", "nan"), ("--rate", "-1"), ("--rate", "abc"),
                          ("--rate", "1e999"), ("--rate", "9" * 5000), ("--workers", "0"),
                          ("--workers", "-5"), ("--workers", "99999999"), ("--epochs", "1e9"),
                          ("--currency", "\udcff"), ("--currency", ""), ("--model", "m-\udcfe"),
                          ("--model", "x" * 100_000)):  # fmt: skip
        yield f"{option} {value[:12]!r}", [good, option, value]
    for name, text in (
        ("nested 100k", '{"models": ' + "[" * 100_000 + "]" * 100_000 + "}"),
        ("5,000-digit note", '{"models": {"gpt-4o-mini-2024-07-18": {"note": ' + "9" * 5000 + "}}}"),
        ("price 1e999999", '{"models": {"gpt-4o-mini-2024-07-18": {"training_price_per_1m": "1e999999"}}}'),
        ("rate inf", '{"currency": {"rate_per_usd": 1e999}}'),
        ("status object", '{"models": {"gpt-4o-mini-2024-07-18": {"status": {"a": 1}}}}'),
        ("binary", "\x00\x01\x02"),
        ("a list", "[1, 2]"),
    ):
        yield f"--models-file {name}", [good, "--models-file", file(f"models-{name[:5]}.json", text.encode())]
    if big:
        words = " ".join(["word"] * (20 * 1024 * 1024))
        yield "one 100 MB line", [file("long.jsonl", json.dumps(_msg(words)).encode() + b"\n")]
        words = " ".join(["word"] * (10 * 1024 * 1024))
        yield "one 50 MB example", [file("one50.jsonl", _lines(_msg(words), *[GOOD] * 11))]
        # One 10 MB "word": a single tokenizer piece, whose BPE alone takes tiktoken ~3 s per MB.
        yield "one 10 MB word", [file("word10.jsonl", _lines(_msg("a" * (10 * 1024 * 1024)), *[GOOD] * 11))]
    rng = random.Random(seed)
    for k in range(n_fuzz):
        path = file(f"fuzz{k}.jsonl", _fuzz_file(rng))
        yield f"fuzz {k}", [path] + (["--json"] if k % 2 else [])


def run_check_case(name: str, argv: list[str], timeout: float) -> Outcome:
    start = time.monotonic()
    try:
        out = subprocess.run(
            [sys.executable, "-m", "finetune_desktop", "check", *argv],
            cwd=ROOT,
            capture_output=True,
            timeout=timeout,
            env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        )
    except subprocess.TimeoutExpired:
        return Outcome(name, "check", "hang", f"no answer in {timeout:.0f} s", time.monotonic() - start)
    err = out.stderr.decode("utf-8", "replace")
    seconds = time.monotonic() - start
    if out.returncode not in (0, 1, 2) or "Traceback" in err or "PanicException" in err:
        last = err.strip().splitlines()[-1:] or [f"exit {out.returncode}"]
        return Outcome(name, "check", "crash", last[0][:120], seconds)
    return Outcome(name, "check", "ok", f"exit {out.returncode}", seconds)


# --- server ------------------------------------------------------------------------------------------


def _http(
    url: str, method: str = "GET", body: bytes | None = None, headers: dict[str, str] | None = None
) -> int:
    import httpx2

    r = httpx2.request(method, url, content=body, headers=headers or {}, timeout=30)
    return r.status_code


AUTH = {"Authorization": "Bearer sk-test-FAKE", "Content-Type": "application/json"}


def server_cases(tmp: Path) -> Iterator[tuple[str, Callable[[str], str | None]]]:
    """(name, probe(root_url) -> None when the server held, else what went wrong)."""

    def expect(status: int, *allowed: int) -> str | None:
        return None if status in allowed else f"answered {status}"

    yield (
        "Host: evil.example",
        lambda u: expect(_http(u + "/v1/files", headers={**AUTH, "Host": "evil.example"}), 403),
    )
    yield (
        "DNS-rebinding control",
        lambda u: expect(
            _http(u + "/_sandbox/faults", "POST", b'{"kind": "500"}', {**AUTH, "Host": "rebind.example:80"}),
            403,
        ),
    )
    for origin in ("https://evil.example", "null"):
        yield (
            f"Origin {origin}",
            lambda u, o=origin: expect(
                _http(u + "/_sandbox/faults", "POST", b'{"kind": "500"}', {**AUTH, "Origin": o}), 403
            ),
        )
    for path in ("/_sandbox/faults", "/_sandbox/reset", "/_sandbox/clock"):
        yield (
            f"text/plain POST {path}",
            lambda u, p=path: expect(
                _http(u + p, "POST", b'{"kind": "500"}', {"Content-Type": "text/plain"}), 403
            ),
        )
    for seconds in ("1e999", "NaN", "-1", "Infinity", "1e300"):
        yield (
            f"clock {seconds}",
            lambda u, s=seconds: expect(
                _http(u + "/_sandbox/clock", "POST", b'{"seconds": ' + s.encode() + b"}", AUTH), 400
            ),
        )
    yield (
        "deep JSON body",
        lambda u: expect(
            _http(u + "/v1/fine_tuning/jobs", "POST", b"[" * 100_000 + b"]" * 100_000, AUTH), 400
        ),
    )
    yield "declared 1.5 GB body", lambda u: _declared_huge(u)
    yield (
        "streamed 20 MB JSON body",
        lambda u: expect(_http(u + "/v1/fine_tuning/jobs", "POST", b"x" * (20 * 1024 * 1024), AUTH), 413),
    )
    yield "parts past the upload size", lambda u: _parts_past_size(u)
    yield "half-open connection", lambda u: _half_open(u)
    yield "lone-surrogate training file", lambda u: _surrogate_job(u)
    yield "hostile state.json", lambda u: _hostile_state(tmp)
    yield "--state-dir is a file", lambda u: _state_dir_file(tmp)
    yield "--speed inf", lambda u: _speed_inf()


def _declared_huge(url: str) -> str | None:
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as s:
        s.sendall(
            b"POST /v1/files HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer sk-test-FAKE\r\n"
            b"Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 1610612736\r\n\r\n"
        )
        head = s.recv(200)
    return None if head.startswith(b"HTTP/1.1 413") else f"answered {head[:20]!r}"


def _parts_past_size(url: str) -> str | None:
    import httpx2

    auth = {"Authorization": "Bearer sk-test-FAKE"}
    body = {"bytes": 10, "filename": "t.jsonl", "purpose": "fine-tune", "mime_type": "application/jsonl"}
    up = httpx2.post(url + "/v1/uploads", json=body, headers=auth).json()["id"]
    part = url + f"/v1/uploads/{up}/parts"
    first = httpx2.post(part, files={"data": ("p", b"0123456789")}, headers=auth).status_code
    second = httpx2.post(part, files={"data": ("p", b"x" * 1_000_000)}, headers=auth).status_code
    return None if (first, second) == (200, 400) else f"answered {first}, {second}"


def _half_open(url: str) -> str | None:
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=20) as s:
        s.sendall(b"GET /_sandbox/health HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        try:
            closed = s.recv(10) == b""
        except TimeoutError:
            return "held open"
    return None if closed else "answered a half request"


def _surrogate_job(url: str) -> str | None:
    import httpx2

    auth = {"Authorization": "Bearer sk-test-FAKE"}
    data = _lines(*[GOOD] * 11, rb'{"messages": [{"role": "user", "content": "\ud800"}]}')
    fid = httpx2.post(
        url + "/v1/files", files={"file": ("t.jsonl", data)}, data={"purpose": "fine-tune"}, headers=auth
    ).json()["id"]
    job = httpx2.post(
        url + "/v1/fine_tuning/jobs",
        json={"model": "gpt-4o-mini-2024-07-18", "training_file": fid},
        headers=auth,
    ).json()
    httpx2.post(url + "/_sandbox/clock", json={"seconds": 3600})
    listed = httpx2.get(url + "/v1/fine_tuning/jobs", headers=auth)
    if listed.status_code != 200:
        return f"job list answered {listed.status_code}"
    got = httpx2.get(url + f"/v1/fine_tuning/jobs/{job['id']}", headers=auth).json()
    code = (got.get("error") or {}).get("code")
    return None if code == "invalid_training_file" else f"job ended {got.get('status')} / {code}"


def _hostile_state(tmp: Path) -> str | None:
    from finetune_desktop.sandbox import SandboxServer

    victim = tmp / "victim.txt"
    victim.write_text("keep")
    state = tmp / "state"  # its blobs folder is state/blobs: ../../victim.txt is tmp/victim.txt
    (state / "blobs").mkdir(parents=True)  # ../.. only resolves through an existing folder
    files = {"../../victim.txt": {"id": "../../victim.txt"}}
    (state / "state.json").write_text(json.dumps({"version": 1, "files": files, "jobs": {}}))
    with SandboxServer(state_dir=state) as server:
        _http(server.root_url + "/_sandbox/reset", "POST", b"{}", {"Content-Type": "application/json"})
    return None if victim.exists() else "deleted a file outside the state folder"


def _state_dir_file(tmp: Path) -> str | None:
    from finetune_desktop.sandbox import SandboxServer

    target = tmp / "state-file"
    target.write_text("x")
    try:
        SandboxServer(state_dir=target).start()
    except RuntimeError:
        return None
    return "started on a file"


def _speed_inf() -> str | None:
    out = subprocess.run(
        [sys.executable, "-m", "finetune_desktop", "sandbox", "--speed", "inf"],
        cwd=ROOT,
        capture_output=True,
        timeout=30,
    )
    return None if out.returncode == 2 and b"Traceback" not in out.stderr else f"exit {out.returncode}"


def run_server_cases(tmp: Path, timeout: float) -> list[Outcome]:
    import httpx2

    from finetune_desktop.sandbox import SandboxServer

    try:  # (absent from builds before issue 13: the corpus also runs against those)
        from finetune_desktop.sandbox import guard
    except ImportError:
        pass
    else:
        guard.HEADER_TIMEOUT_S = 2.0  # so the half-open case takes seconds, not the default 15
    results = []
    with SandboxServer(speed=100.0) as server:
        for name, probe in server_cases(tmp):
            start = time.monotonic()
            box: list[str | None] = []
            worker = threading.Thread(target=_probe_into, args=(probe, server.root_url, box), daemon=True)
            worker.start()
            worker.join(timeout)
            seconds = time.monotonic() - start
            if worker.is_alive():
                results.append(Outcome(name, "server", "hang", f"no answer in {timeout:.0f} s", seconds))
                continue
            problem = box[0]
            try:
                healthy = (
                    httpx2.get(server.root_url + "/v1/files", headers=AUTH, timeout=10).status_code == 200
                )
            except httpx2.HTTPError:
                healthy = False
            if problem is None and not healthy:
                problem = "the server stopped answering afterwards"
            result = "ok" if problem is None else "crash"
            results.append(Outcome(name, "server", result, problem or "held", seconds))
    return results


def _probe_into(probe: Callable[[str], str | None], url: str, box: list[str | None]) -> None:
    try:
        box.append(probe(url))
    except Exception as exc:  # noqa: BLE001 - any failure is a finding, reported by name
        box.append(f"{type(exc).__name__}: {exc}"[:120])


# --- echo --------------------------------------------------------------------------------------------


class _Echo(BaseHTTPRequestHandler):
    """Answers every request with the caller's key in every field it has."""

    def log_message(self, *args: object) -> None:
        pass

    def _reply(self, status: int, payload: object, stream: bool = False) -> None:
        key = self.headers.get("Authorization", "")[7:]
        text = json.dumps(payload).replace("KEY", key)
        data = text.encode() if not stream else "".join(f"data: {c}\n\n" for c in json.loads(text)).encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/event-stream" if stream else "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("x-request-id", "req-" + key)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        job = {"id": "ftjob-KEY", "object": "fine_tuning.job", "status": "failed", "model": "KEY",
               "created_at": 1, "fine_tuned_model": "ft:KEY", "error": {"code": "KEY", "message": "KEY"},
               "suffix": "KEY", "metadata": {"m": "KEY"}}  # fmt: skip
        event = {"id": "ev", "object": "fine_tuning.job.event", "created_at": 1, "level": "error",
                 "message": "leaked KEY", "type": "message"}  # fmt: skip
        if "/events" in self.path:
            self._reply(200, {"object": "list", "data": [event], "has_more": False})
        elif "/jobs/gone" in self.path:
            self._reply(404, {"error": {"message": "no job for KEY", "code": "KEY", "type": "KEY"}})
        elif "/jobs/" in self.path:
            self._reply(200, job)
        else:
            self._reply(200, {"object": "list", "data": [job], "has_more": False})

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        key = self.headers.get("Authorization", "")[7:]
        parts = ["echo ", key[:9], key[9:], " done"]
        chunks = [
            json.dumps({"id": "c", "object": "chat.completion.chunk", "created": 0, "model": "KEY",
                        "choices": [{"index": 0, "delta": {"content": p}, "finish_reason": None}]})
            for p in parts
        ]  # fmt: skip
        self._reply(200, [*chunks, "[DONE]"], stream=True)


def run_echo_cases(timeout: float) -> list[Outcome]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Echo)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    results = []
    try:
        for args in (["jobs"], ["jobs", "--json"], ["watch", "gone"], ["watch", "ftjob-1"], ["cancel", "x"],
                     ["chat", "hi", "--model", "m"]):  # fmt: skip
            start = time.monotonic()
            with tempfile.TemporaryDirectory() as home:
                env = {**os.environ, "OPENAI_API_KEY": CANARY, "FINETUNE_DESKTOP_HOME": home}
                cmd = [
                    sys.executable,
                    "-m",
                    "finetune_desktop",
                    *args,
                    "--base-url",
                    url,
                    "--max-retries",
                    "0",
                ]
                try:
                    out = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, timeout=timeout)
                except subprocess.TimeoutExpired:
                    results.append(Outcome(" ".join(args), "echo", "hang", "", time.monotonic() - start))
                    continue
                files = b"".join(p.read_bytes() for p in Path(home).rglob("*") if p.is_file())
            text = out.stdout + out.stderr
            if CANARY.encode() in text or CANARY.encode() in files:
                result, detail = "leak", "the key was printed or written"
            elif b"Traceback" in out.stderr:
                result, detail = "crash", out.stderr.decode("utf-8", "replace").strip().splitlines()[-1][:120]
            else:
                result, detail = "ok", f"exit {out.returncode}"
            results.append(Outcome(" ".join(args), "echo", result, detail, time.monotonic() - start))
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fuzz", type=int, default=200, help="random fragment files (default 200)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds before a run counts as hung")
    parser.add_argument("--big", action="store_true", help="add the 100 MB line and the 50 MB example")
    parser.add_argument("--only", choices=("check", "server", "echo"), help="run one group")
    args = parser.parse_args()
    outcomes: list[Outcome] = []
    with tempfile.TemporaryDirectory(prefix="hostile-") as tmp_name:
        tmp = Path(tmp_name)
        if args.only in (None, "check"):
            (tmp / "check").mkdir()
            for name, argv in check_cases(tmp / "check", args.fuzz, args.seed, args.big):
                outcomes.append(run_check_case(name, argv, args.timeout))
                _print(outcomes[-1], quiet=name.startswith("fuzz"))
        if args.only in (None, "server"):
            (tmp / "server").mkdir()
            for outcome in run_server_cases(tmp / "server", args.timeout):
                outcomes.append(outcome)
                _print(outcome)
        if args.only in (None, "echo"):
            for outcome in run_echo_cases(args.timeout):
                outcomes.append(outcome)
                _print(outcome)
    fuzz = [o for o in outcomes if o.case.startswith("fuzz")]
    if fuzz:
        bad = [o for o in fuzz if o.result != "ok"]
        print(
            f"fuzz: {len(fuzz)} files, {len(bad)} not ok" + "".join(f"\n  {o.case}: {o.detail}" for o in bad)
        )
    counts = {r: sum(1 for o in outcomes if o.result == r) for r in ("ok", "crash", "hang", "leak")}
    print(
        f"\n{len(outcomes)} runs: {counts['ok']} held, {counts['crash']} crashed, {counts['hang']} hung, "
        f"{counts['leak']} leaked the key"
    )
    return 0 if counts["ok"] == len(outcomes) else 1


def _print(o: Outcome, quiet: bool = False) -> None:
    if quiet and o.result == "ok":
        return
    print(f"{o.result:<5} {o.group:<6} {o.case:<44} {o.seconds:6.1f} s  {o.detail}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
