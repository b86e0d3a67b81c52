"""Job events, incrementally: each poll returns only events not seen before, oldest first.

The API lists events newest first and its ``after`` cursor walks towards older ones, so a poll reads from
the top and stops at the newest event it already knows.
"""

from __future__ import annotations

from typing import Any

import openai

from finetune_desktop.core.api.records import EventCursor, JobEvent
from finetune_desktop.core.cancel import CancelToken
from finetune_desktop.core.service.pages import raw_id, walk_pages
from finetune_desktop.core.service.retry import RetryPolicy, call_with_retry

PAGE_LIMIT = 100
#: the first poll of a long job reads at most this many events
MAX_EVENTS_PER_POLL = 20_000


def event_from_api(obj: Any) -> JobEvent:
    d = obj if isinstance(obj, dict) else obj.model_dump()
    data = d.get("data")
    return JobEvent(
        id=str(d.get("id", "")),
        created_at=int(d.get("created_at") or 0),
        level=str(d.get("level") or "info"),
        message=str(d.get("message") or ""),
        type=str(d.get("type") or ""),
        data=dict(data) if isinstance(data, dict) else {},
    )


def new_events(
    client: openai.OpenAI,
    job_id: str,
    cursor: EventCursor,
    *,
    policy: RetryPolicy,
    api_key: str | None = None,
    cancel: CancelToken | None = None,
) -> list[JobEvent]:
    """Events of ``job_id`` not yet in ``cursor`` (oldest first); updates ``cursor``."""
    fresh: list[JobEvent] = []  # newest first while collecting

    def fetch(after: str | None) -> Any:
        kwargs: dict[str, Any] = {"limit": PAGE_LIMIT}
        if after:
            kwargs["after"] = after
        return call_with_retry(
            lambda: client.fine_tuning.jobs.list_events(job_id, **kwargs),
            operation="list_events",
            policy=policy,
            api_key=api_key,
            cancel=cancel,
        )

    for item in walk_pages(fetch, item_id=raw_id, operation="list_events"):
        event = event_from_api(item)
        if event.id == cursor.newest_id:
            break
        if event.id in cursor.seen:
            continue
        fresh.append(event)
        if len(fresh) >= MAX_EVENTS_PER_POLL:
            break
    fresh.reverse()
    if fresh:
        cursor.newest_id = fresh[-1].id
        cursor.seen.update(e.id for e in fresh)
    return fresh
