"""Models the server offers, with their shutdown dates, and which of them are the user's fine-tunes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import openai

from finetune_desktop.core.service.retry import RetryPolicy, call_with_retry


@dataclass(frozen=True)
class RemoteModel:
    id: str
    created: int
    owned_by: str
    shutdown_date: dt.date | None = None
    #: a base model the built-in server trains on this computer (its ``/v1/models`` entry has ``local``)
    local: bool = False

    @property
    def is_fine_tuned(self) -> bool:
        return self.id.startswith("ft:")

    def is_shut_down(self, today: dt.date | None = None) -> bool:
        return self.shutdown_date is not None and self.shutdown_date <= (today or dt.date.today())


def _parse_date(value: object) -> dt.date | None:
    if isinstance(value, int | float) and value > 0:  # some servers send unix seconds
        return dt.datetime.fromtimestamp(value, tz=dt.UTC).date()
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def model_from_api(obj: Any) -> RemoteModel:
    d = obj if isinstance(obj, dict) else obj.model_dump()
    return RemoteModel(
        id=str(d.get("id", "")),
        created=int(d.get("created") or 0),
        owned_by=str(d.get("owned_by") or ""),
        shutdown_date=_parse_date(d.get("shutdown_date")),
        local=isinstance(d.get("local"), dict),
    )


def list_models(
    client: openai.OpenAI, *, policy: RetryPolicy, api_key: str | None = None
) -> list[RemoteModel]:
    page = call_with_retry(
        lambda: client.models.list(), operation="list_models", policy=policy, api_key=api_key
    )
    return sorted((model_from_api(m) for m in page.data), key=lambda m: m.id)


def fine_tuned_models(models: list[RemoteModel]) -> list[RemoteModel]:
    """The user's fine-tunes (``ft:`` names, checkpoints included), newest first."""
    return sorted((m for m in models if m.is_fine_tuned), key=lambda m: m.created, reverse=True)
