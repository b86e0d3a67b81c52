"""The sandbox's store: files, uploads and jobs in memory, persisted as JSON under ``state_dir`` if given.

Objects are kept as the JSON the API returns (plus private bookkeeping for jobs), so a route only has to
copy them out. File bytes live in ``blobs`` (and ``state_dir/blobs/<id>``). Upload parts stay in memory:
an upload interrupted by a restart has to be started again, as it would after its hour-long expiry.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import string
import tempfile
import threading
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from finetune_desktop.sandbox.clock import SimClock

_ALPHABET = string.ascii_letters + string.digits
STATE_VERSION = 1


def new_id(prefix: str, length: int = 24) -> str:
    return prefix + "".join(secrets.choice(_ALPHABET) for _ in range(length))


_SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,127}")


def is_safe_id(value: object) -> bool:
    """An object id that can only name a file directly inside its folder (letters, digits, - and _)."""
    return isinstance(value, str) and _SAFE_ID.fullmatch(value) is not None


def _require_writable_dir(path: Path) -> None:
    """Refuse at start a state folder that every later upload would fail on (with a 500)."""
    if path.exists() and not path.is_dir():
        raise RuntimeError(f"--state-dir {path} is a file, not a folder; pick a folder")
    try:
        (path / "blobs").mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".write-test-", dir=path)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise RuntimeError(
            f"--state-dir {path} cannot be written ({exc.strerror or exc}); pick a folder you can write to"
        ) from None


@dataclass
class JobRecord:
    """A job's API object plus what the job manager needs to move it along its lifecycle."""

    obj: dict[str, Any]
    events: list[dict[str, Any]] = field(default_factory=list)  # oldest first
    checkpoints: list[dict[str, Any]] = field(default_factory=list)  # oldest first
    timer_acc: float = 0.0  # simulated seconds the job has been active (excludes pauses)
    timer_since: float | None = None  # sim time the timer last (re)started, None while stopped
    pause_requested: float | None = None  # sim time of the pause request while pausing
    invalid: dict[str, Any] | None = None  # the error the validation phase will report
    n_train: int = 0
    n_valid: int = 0
    train_tokens: int = 0  # tokens of one pass over the training file
    suffix: str = ""
    model_tag: str = ""  # the last part of ft:<base>:<org>:<suffix>:<tag>
    run_step: int = 0  # steps already turned into events
    rows: list[list[str]] = field(default_factory=list)  # result-file CSV rows
    #: fine-tuned model or checkpoint name -> the engine's reference to its weights (e.g. a folder)
    artifacts: dict[str, str] = field(default_factory=dict)

    def elapsed(self, now: float) -> float:
        return self.timer_acc + (now - self.timer_since if self.timer_since is not None else 0.0)

    def stop_timer(self, now: float) -> None:
        self.timer_acc = self.elapsed(now)
        self.timer_since = None

    def start_timer(self, now: float) -> None:
        if self.timer_since is None:
            self.timer_since = now


@dataclass
class UploadRecord:
    obj: dict[str, Any]
    parts: dict[str, bytes] = field(default_factory=dict)


class SandboxState:
    """Everything the server knows. Guard every access with ``lock`` (routes run sync code under it)."""

    def __init__(self, clock: SimClock, state_dir: Path | None = None) -> None:
        self.lock = threading.RLock()
        self.clock = clock
        self.state_dir = Path(state_dir) if state_dir else None
        if self.state_dir is not None:
            _require_writable_dir(self.state_dir)
        self.files: dict[str, dict[str, Any]] = {}
        self.blobs: dict[str, bytes] = {}
        self.uploads: dict[str, UploadRecord] = {}
        self.jobs: dict[str, JobRecord] = {}
        if self.state_dir:
            self._load()

    # persistence ---------------------------------------------------------------------------------
    @property
    def _state_file(self) -> Path | None:
        return self.state_dir / "state.json" if self.state_dir else None

    def _blob_path(self, file_id: str) -> Path:
        """Where a file's bytes live: always directly inside ``state_dir/blobs`` (a hostile state.json
        naming ``../../victim.txt`` must not make a reset delete a file elsewhere)."""
        assert self.state_dir is not None
        if not is_safe_id(file_id):
            raise ValueError(f"not a file id: {file_id!r}")
        return self.state_dir / "blobs" / file_id

    def _load(self) -> None:
        path = self._state_file
        if path is None or not path.is_file():
            return
        try:
            data = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError, RecursionError) as exc:
            raise RuntimeError(
                f"sandbox state {path} is unreadable ({exc}); move it away or pick another --state-dir"
            ) from exc
        if not isinstance(data, dict):
            raise RuntimeError(
                f"sandbox state {path} is not a state file; move it away or pick another --state-dir"
            )
        files = data.get("files", {})
        # Entries whose id could name a path (``../x``, ``/etc/x``) or that are not objects are dropped.
        self.files = {
            k: v
            for k, v in (files.items() if isinstance(files, dict) else ())
            if is_safe_id(k) and isinstance(v, dict)
        }
        for file_id in self.files:
            blob = self._blob_path(file_id)
            self.blobs[file_id] = blob.read_bytes() if blob.is_file() else b""
        jobs = data.get("jobs", {})
        for job_id, raw in jobs.items() if isinstance(jobs, dict) else ():
            try:
                rec = JobRecord(**raw)
            except TypeError:  # not a job record of this version: skip it rather than refuse to start
                continue
            if rec.timer_since is not None:  # an active job carries on from where it was saved
                rec.timer_since = self.clock.sim()
            if rec.pause_requested is not None:  # a job that was pausing finishes pausing after restart
                rec.pause_requested = self.clock.sim()
            self.jobs[job_id] = rec

    def save(self) -> None:
        """Write the state atomically (temp file + rename); a no-op without ``state_dir``."""
        path = self._state_file
        if path is None:
            return
        now = self.clock.sim()
        with self.lock:
            jobs = {}
            for job_id, rec in self.jobs.items():
                raw = asdict(rec)
                if rec.timer_since is not None:  # store the time served so far; the timer restarts on load
                    raw["timer_acc"] = rec.elapsed(now)
                    raw["timer_since"] = 0.0
                jobs[job_id] = raw
            payload = {"version": STATE_VERSION, "files": self.files, "jobs": jobs}
            text = json.dumps(payload, ensure_ascii=False)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".state-", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def put_file(self, obj: dict[str, Any], data: bytes) -> None:
        with self.lock:
            self.files[obj["id"]] = obj
            self.blobs[obj["id"]] = data
        if self.state_dir:
            blob = self._blob_path(obj["id"])
            blob.parent.mkdir(parents=True, exist_ok=True)
            blob.write_bytes(data)
        self.save()

    def delete_file(self, file_id: str) -> None:
        with self.lock:
            self.files.pop(file_id, None)
            self.blobs.pop(file_id, None)
        if self.state_dir:
            self._blob_path(file_id).unlink(missing_ok=True)
        self.save()

    def reset(self) -> None:
        with self.lock:
            for file_id in list(self.files):
                if self.state_dir:
                    self._blob_path(file_id).unlink(missing_ok=True)
            self.files.clear()
            self.blobs.clear()
            self.uploads.clear()
            self.jobs.clear()
        self.save()
