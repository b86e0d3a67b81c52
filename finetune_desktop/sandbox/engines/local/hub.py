"""Base models from the Hugging Face hub: downloaded once into huggingface_hub's own cache, resumably.

``download`` runs in the training child process (the server stays responsive; cancel kills the child,
pause stops it between chunks) and reports bytes done / total through a callback; a second job finds the
complete snapshot in the cache (``local_files_only``) and fetches nothing. A cut connection is resumed by
huggingface_hub itself (HTTP ``Range`` from what it already wrote, up to 5 times). Files finished before
a pause, a cancel or a crash stay in the cache and are not fetched again; the file that was being
written starts over (huggingface_hub >= 1.x writes each download to a file of its own and drops it when
the process stops). ``HF_ENDPOINT``, ``HF_HOME`` / ``HF_HUB_CACHE`` and ``HF_TOKEN`` are honoured as
huggingface_hub reads them.

Imports huggingface_hub (a dependency of transformers, in the ``[local]`` extra) only when called.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

#: what a model needs to load and train: weights as safetensors, its config and its tokenizer
ALLOW_PATTERNS = [
    "*.safetensors",
    "*.safetensors.index.json",
    "config.json",
    "generation_config.json",
    "tokenizer*",
    "special_tokens_map.json",
    "added_tokens.json",
    "vocab.json",
    "merges.txt",
    "*.model",
    "chat_template.jinja",
    "chat_template.json",
]
#: seconds between two progress reports
REPORT_EVERY = 0.5

#: (bytes done, bytes total, bytes per second)
Report = Callable[[int, int, float], None]


class DownloadStopped(Exception):
    """The download was asked to stop (a pause); what it fetched stays in the cache's .incomplete files."""


def cached_folder(repo: str) -> Path | None:
    """The complete cached snapshot of ``repo`` (no network), or None."""
    from huggingface_hub import snapshot_download
    from huggingface_hub.errors import LocalEntryNotFoundError

    try:
        return Path(snapshot_download(repo, allow_patterns=ALLOW_PATTERNS, local_files_only=True))
    except (LocalEntryNotFoundError, OSError, ValueError):
        return None


class _Meter:
    """Sums the bytes snapshot_download writes and reports them at most every ``REPORT_EVERY`` seconds."""

    def __init__(self, report: Report, stop: Callable[[], bool]) -> None:
        self.report = report
        self.stop = stop
        self.bar: Any = None
        self.done = 0
        self.window: list[tuple[float, int]] = [(time.monotonic(), 0)]

    @property
    def total(self) -> int:
        return int(getattr(self.bar, "total", 0) or 0)

    def add(self, n: int) -> None:
        if self.stop():
            raise DownloadStopped
        self.done += n
        now = time.monotonic()
        if now - self.window[-1][0] >= REPORT_EVERY:
            self.window.append((now, self.done))
            self.window = self.window[-8:]
            self.report(self.done, max(self.total, self.done), self.speed())

    def speed(self) -> float:
        (t0, b0), (t1, b1) = self.window[0], self.window[-1]
        return (b1 - b0) / (t1 - t0) if t1 > t0 else 0.0


def _counting_bar(meter: _Meter) -> type[Any]:
    """A tqdm class for snapshot_download: its byte bar ("huggingface_hub.snapshot_download") feeds
    ``meter``; every bar writes to nowhere."""
    import io

    from huggingface_hub.utils.tqdm import tqdm as hf_tqdm

    class Counting(hf_tqdm):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            self._counts = kwargs.get("name") == "huggingface_hub.snapshot_download"
            kwargs["file"] = io.StringIO()
            super().__init__(*args, **kwargs)  # type: ignore[no-untyped-call]
            if self._counts:
                meter.bar = self

        def update(self, n: float | None = 1) -> bool | None:
            if self._counts:
                meter.add(int(n or 0))
            return super().update(n)  # type: ignore[no-any-return]

    return Counting


def download(repo: str, report: Report, stop: Callable[[], bool]) -> tuple[Path, bool]:
    """(the model folder, whether anything was fetched): the cached snapshot, or a download of it."""
    found = cached_folder(repo)
    if found is not None:
        return found, False
    from huggingface_hub import snapshot_download

    meter = _Meter(report, stop)
    folder = snapshot_download(
        repo, allow_patterns=ALLOW_PATTERNS, tqdm_class=_counting_bar(meter), max_workers=4
    )
    report(meter.done, max(meter.total, meter.done), meter.speed())
    return Path(folder), True


def failure_words(repo: str, exc: BaseException) -> str:
    """Why the download of ``repo`` failed, in plain words (what to do included)."""
    from huggingface_hub.errors import (
        GatedRepoError,
        HfHubHTTPError,
        LocalEntryNotFoundError,
        RepositoryNotFoundError,
        RevisionNotFoundError,
    )

    head = f"The base model {repo} could not be downloaded from the Hugging Face hub"
    if isinstance(exc, GatedRepoError):
        return (
            f"{head}: it is gated. Accept its licence on huggingface.co/{repo} and log in on this computer "
            "(hf auth login), then start the job again."
        )
    if isinstance(exc, RepositoryNotFoundError | RevisionNotFoundError):
        return f"{head}: the hub has no such model (or it is private and needs a login)."
    if isinstance(exc, LocalEntryNotFoundError):
        return (
            f"{head}: the hub cannot be reached (no network?) and the model is not in the download cache. "
            "Connect to the internet and start the job again, or give a model folder instead."
        )
    if isinstance(exc, HfHubHTTPError):
        return f"{head}: the hub answered an error ({exc}). Try again later."
    return f"{head}: {type(exc).__name__}: {str(exc)[:300]}"
