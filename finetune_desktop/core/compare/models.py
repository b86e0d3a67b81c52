"""Which models a comparison can ask: the catalog's base models, the connection's fine-tunes and the
checkpoint models of its recent jobs, each with the date its base model stops answering."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from finetune_desktop.core.catalog.models import Catalog
from finetune_desktop.core.compare.access import ChatService

#: Checkpoints are listed for this many of the newest jobs (one request each).
CHECKPOINT_JOBS = 10


class ModelKind(StrEnum):
    BASE = "base"
    FINE_TUNED = "fine_tuned"
    CHECKPOINT = "checkpoint"


@dataclass(frozen=True)
class ModelChoice:
    name: str
    kind: ModelKind
    shutdown_date: dt.date | None = None

    def days_left(self, today: dt.date | None = None) -> int | None:
        if self.shutdown_date is None:
            return None
        return (self.shutdown_date - (today or dt.date.today())).days


def base_choices(catalog: Catalog, today: dt.date | None = None) -> list[ModelChoice]:
    """Catalog models that still answer (no network needed)."""
    return [
        ModelChoice(m.id, ModelKind.BASE, m.shutdown_date)
        for m in catalog.models.values()
        if m.status == "available" and not m.is_shut_down(today)
    ]


def _shutdown(name: str, server_date: dt.date | None, catalog: Catalog) -> dt.date | None:
    info = catalog.get(name)
    return server_date or (info.shutdown_date if info is not None else None)


def remote_choices(service: ChatService, catalog: Catalog) -> list[ModelChoice]:
    """The connection's fine-tunes (newest first), then checkpoints of its newest jobs.

    The server's own shutdown date wins over the catalog's when it sends one.
    """
    out: list[ModelChoice] = []
    seen: set[str] = set()
    for m in service.fine_tuned_models():
        if m.id in seen:
            continue
        seen.add(m.id)
        kind = ModelKind.CHECKPOINT if ":ckpt-step-" in m.id else ModelKind.FINE_TUNED
        out.append(ModelChoice(m.id, kind, _shutdown(m.id, m.shutdown_date, catalog)))
    jobs = [j for j in service.list_jobs(limit=CHECKPOINT_JOBS) if j.fine_tuned_model]
    for job in jobs:
        for ckpt in service.list_checkpoints(job.id):
            if ckpt.model and ckpt.model not in seen:
                seen.add(ckpt.model)
                out.append(
                    ModelChoice(ckpt.model, ModelKind.CHECKPOINT, _shutdown(ckpt.model, None, catalog))
                )
    return out


def all_choices(service: ChatService, catalog: Catalog) -> list[ModelChoice]:
    return [*remote_choices(service, catalog), *base_choices(catalog)]
