"""Uploading training and validation files, with progress, without ever creating a file twice.

Small files go through ``files.create``; large ones through the multipart Uploads API (parts of 64 MB by
default), where each part can be re-sent safely (an unused part is simply not listed at completion).
The two steps that create a file (``files.create``, ``uploads.complete``) are not repeated blindly: after
a failure where the server may have acted, the file is looked up by name and size among files that did
not exist before the upload started.
"""

from __future__ import annotations

import io
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openai

from finetune_desktop.core.api.errors import FileProcessingFailed, FileTooLarge, ServiceError, TimedOut
from finetune_desktop.core.cancel import CancelToken, ProgressCallback, no_progress
from finetune_desktop.core.service.pages import raw_id, walk_pages
from finetune_desktop.core.service.retry import RetryPolicy, call_with_retry

log = logging.getLogger(__name__)

PART_SIZE = 64 * 1024 * 1024
#: files above this size use the multipart Uploads API
MULTIPART_THRESHOLD = 64 * 1024 * 1024
MAX_UPLOAD_BYTES = 8 * 1024 * 1024 * 1024
JSONL_MIME = "application/jsonl"


@dataclass(frozen=True)
class FileInfo:
    id: str
    filename: str
    bytes: int
    created_at: int
    purpose: str
    status: str | None = None
    status_details: str | None = None


def file_from_api(obj: Any) -> FileInfo:
    d = obj if isinstance(obj, dict) else obj.model_dump()
    return FileInfo(
        id=str(d.get("id", "")),
        filename=str(d.get("filename") or ""),
        bytes=int(d.get("bytes") or 0),
        created_at=int(d.get("created_at") or 0),
        purpose=str(d.get("purpose") or ""),
        status=d.get("status"),
        status_details=d.get("status_details"),
    )


class _CountingReader(io.BytesIO):
    """In-memory file that reports how much of it the HTTP client has read."""

    def __init__(self, data: bytes, progress: ProgressCallback, cancel: CancelToken | None) -> None:
        super().__init__(data)
        self._total = len(data)
        self._progress = progress
        self._cancel = cancel

    def read(self, size: int | None = -1, /) -> bytes:
        if self._cancel is not None:
            self._cancel.raise_if_cancelled()
        chunk = super().read(size)
        self._progress(min(self.tell(), self._total), self._total)
        return chunk


def _matching_files(client: openai.OpenAI, filename: str, size: int, purpose: str) -> list[FileInfo]:
    page = client.files.list(purpose=purpose, limit=100, order="desc")
    return [f for f in (file_from_api(x) for x in page.data) if f.filename == filename and f.bytes == size]


def list_files(
    client: openai.OpenAI,
    *,
    policy: RetryPolicy,
    api_key: str | None = None,
    purpose: str | None = None,
    cancel: CancelToken | None = None,
) -> list[FileInfo]:
    """Every file on the server (all pages, newest first), optionally of one purpose."""

    def fetch(after: str | None) -> Any:
        kwargs: dict[str, Any] = {"limit": 100, "order": "desc"}
        if purpose:
            kwargs["purpose"] = purpose
        if after:
            kwargs["after"] = after
        return call_with_retry(
            lambda: client.files.list(**kwargs),
            operation="list_files",
            policy=policy,
            api_key=api_key,
            cancel=cancel,
        )

    return [file_from_api(item) for item in walk_pages(fetch, item_id=raw_id, operation="list_files")]


def upload_file(
    client: openai.OpenAI,
    path: Path | str,
    *,
    purpose: str = "fine-tune",
    policy: RetryPolicy,
    api_key: str | None = None,
    progress: ProgressCallback = no_progress,
    cancel: CancelToken | None = None,
    multipart_threshold: int = MULTIPART_THRESHOLD,
    part_size: int = PART_SIZE,
) -> FileInfo:
    """Upload ``path`` once; ``progress(sent_bytes, total_bytes)``."""
    path = Path(path)
    size = path.stat().st_size
    if size > MAX_UPLOAD_BYTES:
        raise FileTooLarge(
            f"{path.name} is {size / 1e9:.1f} GB; the API accepts at most 8 GB",
            what_to_do="Split the dataset into smaller files or remove examples.",
        )

    before: set[str] | None
    try:
        before = {
            f.id
            for f in call_with_retry(
                lambda: _matching_files(client, path.name, size, purpose),
                operation="list_files",
                policy=policy,
                api_key=api_key,
                cancel=cancel,
            )
        }
    except ServiceError as exc:  # listing unsupported: a failed create then cannot be checked
        log.info(
            "upload: cannot list files before upload (%s); a lost reply will not be retried", exc.kind.value
        )
        before = None

    recover: Callable[[], FileInfo | None] | None = None
    if before is not None:
        known = before

        def recover() -> FileInfo | None:
            new = [
                f
                for f in call_with_retry(
                    lambda: _matching_files(client, path.name, size, purpose),
                    operation="find_uploaded_file",
                    policy=policy,
                    api_key=api_key,
                    cancel=cancel,
                )
                if f.id not in known
            ]
            if new:
                log.info("upload: file %s from an earlier attempt arrived; not sending it again", new[0].id)
                return new[0]
            return None

    progress(0, size)
    if size <= multipart_threshold:
        data = path.read_bytes()

        def send() -> FileInfo:
            reader = _CountingReader(data, progress, cancel)
            return file_from_api(client.files.create(file=(path.name, reader, JSONL_MIME), purpose=purpose))  # type: ignore[arg-type]

        info = call_with_retry(
            send,
            operation="upload_file",
            policy=policy,
            api_key=api_key,
            idempotent=False,
            recover=recover,
            cancel=cancel,
        )
    else:
        info = _upload_multipart(
            client,
            path,
            size,
            purpose=purpose,
            policy=policy,
            api_key=api_key,
            progress=progress,
            cancel=cancel,
            part_size=part_size,
            recover=recover,
        )
    progress(size, size)
    return info


def _upload_multipart(
    client: openai.OpenAI,
    path: Path,
    size: int,
    *,
    purpose: str,
    policy: RetryPolicy,
    api_key: str | None,
    progress: ProgressCallback,
    cancel: CancelToken | None,
    part_size: int,
    recover: Callable[[], FileInfo | None] | None,
) -> FileInfo:
    # An Upload left behind by a lost reply expires unused after an hour, so creating one may be repeated.
    upload = call_with_retry(
        lambda: client.uploads.create(bytes=size, filename=path.name, mime_type=JSONL_MIME, purpose=purpose),  # type: ignore[arg-type]
        operation="create_upload",
        policy=policy,
        api_key=api_key,
        cancel=cancel,
    )
    part_ids: list[str] = []
    sent = 0
    try:
        with path.open("rb") as fh:
            while True:
                if cancel is not None:
                    cancel.raise_if_cancelled()
                chunk = fh.read(part_size)
                if not chunk:
                    break
                part = call_with_retry(
                    lambda c=chunk: client.uploads.parts.create(upload.id, data=c),  # type: ignore[misc]
                    operation="upload_part",
                    policy=policy,
                    api_key=api_key,
                    cancel=cancel,
                )
                part_ids.append(part.id)
                sent += len(chunk)
                progress(sent, size)
        return call_with_retry(
            lambda: _completed_file(client.uploads.complete(upload.id, part_ids=part_ids)),
            operation="complete_upload",
            policy=policy,
            api_key=api_key,
            idempotent=False,
            recover=recover,
            cancel=cancel,
        )
    except BaseException:
        _cancel_upload_quietly(client, upload.id)
        raise


def _completed_file(upload: Any) -> FileInfo:
    if getattr(upload, "file", None) is None:
        raise ServiceError(
            "The server finished the upload but returned no file",
            what_to_do="Open the files list to see whether the file arrived, then try again.",
        )
    return file_from_api(upload.file)


def _cancel_upload_quietly(client: openai.OpenAI, upload_id: str) -> None:
    try:
        client.uploads.cancel(upload_id)
    except openai.OpenAIError:
        log.info("upload: could not cancel upload %s after a failure (it expires by itself)", upload_id)


def wait_for_processing(
    client: openai.OpenAI,
    file_id: str,
    *,
    policy: RetryPolicy,
    api_key: str | None = None,
    poll_interval: float = 2.0,
    max_wait: float = 1800.0,
    cancel: CancelToken | None = None,
) -> FileInfo:
    """Poll until the server has processed the file; a server without a status counts as processed."""
    deadline = time.monotonic() + max_wait
    while True:
        info = call_with_retry(
            lambda: file_from_api(client.files.retrieve(file_id)),
            operation="get_file",
            policy=policy,
            api_key=api_key,
            cancel=cancel,
        )
        if info.status in (None, "", "processed"):
            return info
        if info.status in ("error", "failed"):
            raise FileProcessingFailed(
                detail=info.status_details or f"File {info.filename} could not be processed."
            )
        if time.monotonic() >= deadline:
            raise TimedOut(
                f"The server is still processing {info.filename} after {max_wait:.0f} s",
                what_to_do="Try again later; the file stays on the server.",
            )
        if cancel is not None:
            cancel.raise_if_cancelled()
        threading.Event().wait(poll_interval)
