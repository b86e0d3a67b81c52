"""Starting a job from an open dataset: write its training / validation files, upload them with one
progress for both, and measure the transfer (speed, time left) for a progress bar."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from finetune_desktop.core.cancel import CancelToken, ProgressCallback, no_progress
from finetune_desktop.core.dataset.examples import Example
from finetune_desktop.core.dataset.jsonl_writer import save_jsonl

#: the API's suffix rule (as the sandbox and OpenAI enforce it)
SUFFIX_RE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
SUFFIX_MAX = 64


def suffix_problem(suffix: str) -> str | None:
    """A code for what is wrong with ``suffix`` ("too_long", "bad_character"), None when it is fine."""
    if not suffix:
        return None
    if len(suffix) > SUFFIX_MAX:
        return "too_long"
    if not SUFFIX_RE.match(suffix):
        return "bad_character"
    return None


def write_upload_files(
    train: Sequence[Example], validation: Sequence[Example] | None, folder: Path, stem: str
) -> tuple[Path, Path | None]:
    """The examples as JSONL files to upload (the names the server will show)."""
    folder.mkdir(parents=True, exist_ok=True)
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "-", stem).strip("-") or "dataset"
    train_path = folder / f"{safe}-train.jsonl"
    save_jsonl(list(train), train_path, backup=False)
    valid_path = None
    if validation:
        valid_path = folder / f"{safe}-validation.jsonl"
        save_jsonl(list(validation), valid_path, backup=False)
    return train_path, valid_path


class Uploader(Protocol):
    """What :func:`upload_files` needs of the service (``FineTuningService`` has it)."""

    def upload_file(self, path: Path, *, progress: ProgressCallback, cancel: CancelToken | None) -> Any: ...


def upload_files(
    service: Uploader,
    paths: Sequence[Path],
    *,
    progress: ProgressCallback = no_progress,
    cancel: CancelToken | None = None,
) -> list[str]:
    """Upload each file (multipart when large, see the service); ``progress`` covers all of them."""
    sizes = [p.stat().st_size for p in paths]
    total = sum(sizes)
    ids: list[str] = []
    offset = 0
    for path, size in zip(paths, sizes, strict=True):
        base = offset

        def each(done: int, _total: int, base: int = base) -> None:
            progress(base + done, total)

        ids.append(service.upload_file(path, progress=each, cancel=cancel).id)
        offset += size
    progress(total, total)
    return ids


@dataclass
class TransferRate:
    """Speed and time left of a transfer from its progress reports (a sliding window of a few seconds)."""

    window: float = 3.0
    clock: Callable[[], float] = time.monotonic
    _samples: list[tuple[float, int]] = field(default_factory=list)

    def add(self, done: int) -> None:
        now = self.clock()
        self._samples.append((now, done))
        while len(self._samples) > 2 and now - self._samples[0][0] > self.window:
            self._samples.pop(0)

    @property
    def bytes_per_second(self) -> float | None:
        if len(self._samples) < 2:
            return None
        (t0, d0), (t1, d1) = self._samples[0], self._samples[-1]
        return (d1 - d0) / (t1 - t0) if t1 > t0 and d1 >= d0 else None

    def seconds_left(self, total: int) -> float | None:
        speed = self.bytes_per_second
        if not speed or not self._samples:
            return None
        return max(0.0, (total - self._samples[-1][1]) / speed)
