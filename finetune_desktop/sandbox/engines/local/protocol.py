"""What the server side (``run.py``, ``export.py``) and the child processes (``worker.py``,
``export_worker.py``) share: file names, the starting of a child, the progress file's writer and reader
and the reading of a log's last line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

PAUSE_FLAG = "pause"
PROGRESS_FILE = "progress.jsonl"
KEEP_CHECKPOINTS = 3
#: the server's process id, for training processes that a launcher (not the server) started
SERVER_PID_ENV = "FINETUNE_LOCAL_SERVER_PID"
#: bytes of a child's log read for its last line (shown when it stops unexpectedly)
LOG_TAIL = 1500


class ProgressWriter:
    """A child's progress file: one JSON line per happening, flushed at once. With ``errors_only`` (the
    other processes of a multi-GPU job) only ``error`` lines are written."""

    def __init__(self, path: Path, *, errors_only: bool = False) -> None:
        self._fh = path.open("a", encoding="utf-8")
        self._errors_only = errors_only

    def write(self, kind: str, **data: Any) -> None:
        if self._errors_only and kind != "error":
            return
        self._fh.write(json.dumps({"type": kind, "time": time.time(), **data}) + "\n")
        self._fh.flush()


class ProgressReader:
    """The server's side of a progress file: the complete lines written since the last read."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.offset = 0

    def skip_existing(self) -> None:
        """Read only what is written from now on (a restarted child appends to the same file)."""
        self.offset = self.path.stat().st_size if self.path.exists() else 0

    def new_lines(self) -> list[dict[str, Any]]:
        try:
            with self.path.open("rb") as fh:
                fh.seek(self.offset)
                data = fh.read()
        except FileNotFoundError:
            return []
        end = data.rfind(b"\n") + 1  # a line still being written is read next time
        self.offset += end
        return [json.loads(line) for line in data[:end].splitlines() if line.strip()]

    def pending(self) -> bool:
        """Whether the file holds bytes not read yet (a child that exited may have written its end)."""
        return self.path.exists() and self.path.stat().st_size > self.offset


def last_log_line(path: Path) -> str:
    """The last non-empty line of a child's log ("" when there is none)."""
    try:
        text = path.read_bytes()[-LOG_TAIL:].decode("utf-8", "replace")
    except OSError:
        return ""
    lines = [ln for ln in text.splitlines() if ln.strip()]
    return lines[-1] if lines else ""


def child_env() -> dict[str, str]:
    """The environment of a child process: offline, unbuffered, without libraries' deprecation noise."""
    return dict(
        os.environ,
        TOKENIZERS_PARALLELISM="false",
        HF_HUB_OFFLINE="1",
        PYTHONUNBUFFERED="1",
        PYTHONWARNINGS="ignore::FutureWarning,ignore::DeprecationWarning",
    )


def start_child(
    args: Sequence[str], log: Path, env: dict[str, str], *, new_session: bool = False
) -> subprocess.Popen[bytes]:
    """``python ARGS`` in the background, its output appended to ``log`` (the child holds the file; the
    server keeps no handle on it)."""
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, *args],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=new_session,
        )
