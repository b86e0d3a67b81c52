"""The sandbox's store: files, uploads and jobs in memory, persisted as JSON under ``state_dir`` if given.

Objects are kept as the JSON the API returns (plus private bookkeeping for jobs), so a route only has to
copy them out. File bytes live in ``blobs`` (and ``state_dir/blobs/<id>``). Upload parts stay in memory:
an upload interrupted by a restart has to be started again, as it would after its hour-long expiry.
"""

from __future__ import annotations

import json
import os
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
        assert self.state_dir is not None
        return self.state_dir / "blobs" / file_id

    def _load(self) -> None:
        path = self._state_file
        if path is None or not path.is_file():
            return
        try:
            data = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError) as exc:
            raise RuntimeError(
                f"sandbox state {path} is unreadable ({exc}); move it away or pick another --state-dir"
            ) from exc
        self.files = dict(data.get("files", {}))
        for file_id in self.files:
            blob = self._blob_path(file_id)
            self.blobs[file_id] = blob.read_bytes() if blob.is_file() else b""
        for job_id, raw in data.get("jobs", {}).items():
            rec = JobRecord(**raw)
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
