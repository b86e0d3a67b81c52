"""Checkpoints and result files of a finished job.

Result files are CSV encoded as base64 (the API's habit); some servers send plain CSV, so decoding tries
base64 first and falls back to text.
"""

from __future__ import annotations

import base64
import binascii
import csv
import io
from typing import Any

import openai

from finetune_desktop.core.api.records import Checkpoint, MetricRow
from finetune_desktop.core.service.pages import raw_id, walk_pages
from finetune_desktop.core.service.retry import RetryPolicy, call_with_retry

PAGE_LIMIT = 100


def checkpoint_from_api(obj: Any) -> Checkpoint:
    d = obj if isinstance(obj, dict) else obj.model_dump()
    metrics = d.get("metrics") or {}
    return Checkpoint(
        id=str(d.get("id", "")),
        created_at=int(d.get("created_at") or 0),
        step_number=int(d.get("step_number") or 0),
        model=str(d.get("fine_tuned_model_checkpoint") or ""),
        metrics={k: float(v) for k, v in metrics.items() if isinstance(v, int | float)},
    )


def list_checkpoints(
    client: openai.OpenAI, job_id: str, *, policy: RetryPolicy, api_key: str | None = None
) -> list[Checkpoint]:
    """All checkpoints of the job, oldest step first."""

    def fetch(after: str | None) -> Any:
        kwargs: dict[str, Any] = {"limit": PAGE_LIMIT}
        if after:
            kwargs["after"] = after
        return call_with_retry(
            lambda: client.fine_tuning.jobs.checkpoints.list(job_id, **kwargs),
            operation="list_checkpoints",
            policy=policy,
            api_key=api_key,
        )

    out = [
        checkpoint_from_api(item)
        for item in walk_pages(fetch, item_id=raw_id, operation="list_checkpoints", max_pages=100)
    ]
    return sorted(out, key=lambda c: c.step_number)


def decode_result_file(raw: bytes) -> str:
    """The CSV text of a result file: base64 when it decodes to text, otherwise the bytes as UTF-8."""
    compact = b"".join(raw.split())
    if compact:
        try:
            decoded = base64.b64decode(compact, validate=True)
            text = decoded.decode("utf-8")
            if "," in text or "\n" in text:
                return text
        except (binascii.Error, ValueError):
            pass
    return raw.decode("utf-8", errors="replace")


def _num(value: str | None) -> float | None:
    if value is None or value.strip() == "":
        return None
    try:
        return float(value)
    except ValueError:
        return None


_KNOWN = ("step", "train_loss", "train_accuracy", "valid_loss", "valid_mean_token_accuracy")


def parse_result_csv(text: str) -> list[MetricRow]:
    """Rows of a result CSV; unknown columns go to ``extra``, rows without a step are skipped."""
    rows: list[MetricRow] = []
    for record in csv.DictReader(io.StringIO(text.lstrip("\ufeff"))):
        cleaned = {(k or "").strip(): v for k, v in record.items()}
        step = _num(cleaned.get("step"))
        if step is None:
            continue
        rows.append(
            MetricRow(
                step=int(step),
                train_loss=_num(cleaned.get("train_loss")),
                train_accuracy=_num(cleaned.get("train_accuracy")),
                valid_loss=_num(cleaned.get("valid_loss")),
                valid_mean_token_accuracy=_num(cleaned.get("valid_mean_token_accuracy")),
                extra={
                    k: _num(v) for k, v in cleaned.items() if k and k not in _KNOWN and isinstance(v, str)
                },
            )
        )
    return rows


def download_file(
    client: openai.OpenAI, file_id: str, *, policy: RetryPolicy, api_key: str | None = None
) -> bytes:
    return call_with_retry(
        lambda: client.files.content(file_id).read(),
        operation="download_file",
        policy=policy,
        api_key=api_key,
    )


def result_metrics(
    client: openai.OpenAI, result_files: tuple[str, ...], *, policy: RetryPolicy, api_key: str | None = None
) -> list[MetricRow]:
    rows: list[MetricRow] = []
    for file_id in result_files:
        rows.extend(
            parse_result_csv(
                decode_result_file(download_file(client, file_id, policy=policy, api_key=api_key))
            )
        )
    return sorted(rows, key=lambda r: r.step)
