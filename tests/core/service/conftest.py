"""A tiny in-memory fake of the few endpoints the unit tests need, behind ``httpx2.MockTransport``.

Only for narrow tests of the service layer's own logic (retry decisions, error mapping, paging);
everything end to end goes through the real sandbox in ``tests/e2e``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx2
import pytest

from finetune_desktop.core.accounts.profiles import Profile, ProfileKind
from finetune_desktop.core.service.retry import RetryPolicy
from finetune_desktop.core.service.service import FineTuningService, connect

FAKE_KEY = "sk-test-FAKEunitkey0001"
FAST = RetryPolicy(max_retries=3, initial_delay=0.001, max_delay=0.01)


def job_json(job_id: str, status: str = "queued", metadata: dict[str, str] | None = None) -> dict[str, Any]:
    return {
        "id": job_id,
        "object": "fine_tuning.job",
        "created_at": 1700000000,
        "status": status,
        "model": "gpt-4o-mini-2024-07-18",
        "fine_tuned_model": None,
        "finished_at": None,
        "training_file": "file-1",
        "validation_file": None,
        "result_files": [],
        "organization_id": "org-x",
        "seed": 1,
        "hyperparameters": {"n_epochs": "auto"},
        "method": {"type": "supervised", "supervised": {"hyperparameters": {"n_epochs": 3}}},
        "metadata": metadata,
        "error": None,
        "trained_tokens": None,
    }


def error_json(message: str, code: str | None = None, param: str | None = None) -> dict[str, Any]:
    return {"error": {"message": message, "type": "invalid_request_error", "code": code, "param": param}}


@dataclass
class Fake:
    """Routes (method, path) to handlers; records every request."""

    routes: dict[tuple[str, str], Callable[[httpx2.Request], httpx2.Response]] = field(default_factory=dict)
    requests: list[httpx2.Request] = field(default_factory=list)

    def handler(self, request: httpx2.Request) -> httpx2.Response:
        self.requests.append(request)
        path = request.url.path.removeprefix("/v1")
        route = self.routes.get((request.method, path))
        if route is None:
            return httpx2.Response(404, json=error_json(f"no route {request.method} {path}"))
        return route(request)

    def count(self, method: str, path: str) -> int:
        return sum(1 for r in self.requests if r.method == method and r.url.path.removeprefix("/v1") == path)


def body(request: httpx2.Request) -> dict[str, Any]:
    data = json.loads(request.content or b"{}")
    assert isinstance(data, dict)
    return data


@pytest.fixture
def fake() -> Fake:
    return Fake()


@pytest.fixture
def service(fake: Fake) -> FineTuningService:
    profile = Profile(id="p1", name="Test", kind=ProfileKind.COMPATIBLE, base_url="http://fake.test/v1")
    http = httpx2.Client(transport=httpx2.MockTransport(fake.handler))
    return connect(profile, FAKE_KEY, policy=FAST, http_client=http)
