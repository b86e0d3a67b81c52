"""What every route needs (store, clock, job manager, faults), plus small request helpers."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request

from finetune_desktop.sandbox.clock import SimClock
from finetune_desktop.sandbox.errors import ApiError, bad_request
from finetune_desktop.sandbox.faults import FaultSet
from finetune_desktop.sandbox.jobs import JobManager
from finetune_desktop.sandbox.state import SandboxState


@dataclass
class SandboxContext:
    state: SandboxState
    clock: SimClock
    jobs: JobManager
    faults: FaultSet
    #: the last requests seen (method, path, status or fault), for tests that count calls
    requests: list[dict[str, Any]] = field(default_factory=list)

    def reset(self) -> None:
        """Forget every file, upload, job, fault and logged request (``POST /_sandbox/reset``)."""
        self.faults.clear()
        self.state.reset()
        self.jobs.forget()
        self.requests.clear()


def ctx(request: Request) -> SandboxContext:
    context: SandboxContext = request.app.state.sandbox
    return context


async def json_body(request: Request) -> dict[str, Any]:
    raw = await request.body()
    if not raw:
        return {}
    try:
        body = json.loads(raw)
    except ValueError:
        raise bad_request(
            "We could not parse the JSON body of your request. Send a JSON object "
            "(Content-Type: application/json)."
        ) from None
    if not isinstance(body, dict):
        raise bad_request("The request body must be a JSON object.")
    return body


def int_param(request: Request, name: str, default: int, *, low: int = 1, high: int = 10_000) -> int:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise bad_request(f"Invalid '{name}': {raw!r} is not an integer.", param=name) from None
    if not low <= value <= high:
        raise bad_request(f"Invalid '{name}': must be between {low} and {high}.", param=name)
    return value


def page_after(
    items: Sequence[dict[str, Any]], after: str | None, limit: int, *, key: Callable[[dict[str, Any]], str]
) -> tuple[list[dict[str, Any]], bool]:
    """Cursor paging: the ``limit`` items following the one whose id is ``after`` (in ``items`` order)."""
    start = 0
    if after:
        ids = [key(item) for item in items]
        if after not in ids:
            raise bad_request(f"Invalid 'after': no object with id '{after}'.", param="after")
        start = ids.index(after) + 1
    page = list(items[start : start + limit])
    return page, start + limit < len(items)


def require_str(body: dict[str, Any], name: str) -> str:
    value = body.get(name)
    if not isinstance(value, str) or not value:
        raise ApiError(
            400, f"Missing required parameter: '{name}'.", param=name, code="missing_required_parameter"
        )
    return value
