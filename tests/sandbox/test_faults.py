"""Faults on demand, as the real openai client experiences them."""

from __future__ import annotations

import httpx2
import openai
import pytest
from openai import OpenAI

from finetune_desktop.sandbox import SandboxServer, parse_fault
from finetune_desktop.sandbox.faults import FaultSet, FaultSpecError


def test_429_with_retry_after(sandbox: SandboxServer, client: OpenAI) -> None:
    sandbox.add_fault("kind=429,path=/v1/models,retry_after=2")
    with pytest.raises(openai.RateLimitError) as exc:
        client.models.list()
    assert exc.value.response.headers["retry-after"] == "2"
    assert exc.value.response.headers["retry-after-ms"] == "2000"
    assert exc.value.code == "rate_limit_exceeded"
    assert exc.value.request_id
    assert client.files.list().data == []  # other paths are unaffected


def test_500(sandbox: SandboxServer, client: OpenAI) -> None:
    sandbox.add_fault("kind=500,path=/v1/files")
    with pytest.raises(openai.InternalServerError) as exc:
        client.files.list()
    assert exc.value.status_code == 500


def test_dropped_connection(sandbox: SandboxServer, client: OpenAI) -> None:
    sandbox.add_fault("kind=drop,path=/v1/chat/completions")
    with pytest.raises(openai.APIConnectionError):
        client.chat.completions.create(
            model="gpt-4o-mini-2024-07-18", messages=[{"role": "user", "content": "hi"}]
        )
    assert sandbox.context is not None
    dropped = [r for r in sandbox.context.requests if r["path"] == "/v1/chat/completions"]
    assert dropped == [{"method": "POST", "path": "/v1/chat/completions", "status": None, "fault": "drop"}]
    assert client.models.list().data  # the server itself is fine


def test_latency(sandbox: SandboxServer, client: OpenAI) -> None:
    sandbox.add_fault("kind=latency,ms=300,path=/v1/models")
    with pytest.raises(openai.APITimeoutError):
        client.with_options(timeout=0.05).models.list()


def test_first_n_then_success_lets_the_client_retry(sandbox: SandboxServer) -> None:
    sandbox.add_fault("kind=429,path=/v1/models,first=2,retry_after=0.01")
    with OpenAI(api_key="sk-test-FAKE", base_url=sandbox.base_url, max_retries=2) as c:
        raw = c.models.with_raw_response.list()
    assert raw.retries_taken == 2
    assert sandbox.context is not None
    statuses = [r["status"] for r in sandbox.context.requests if r["path"] == "/v1/models"]
    assert statuses == [429, 429, 200]


def test_method_filter_and_control_endpoint(sandbox: SandboxServer, client: OpenAI) -> None:
    root = sandbox.root_url
    r = httpx2.post(
        root + "/_sandbox/faults", json={"kind": "500", "path": "/v1/fine_tuning/jobs", "method": "POST"}
    )
    assert r.status_code == 200
    assert r.json()["faults"][0]["method"] == "POST"
    assert client.fine_tuning.jobs.list().data == []  # GET is not affected
    with pytest.raises(openai.InternalServerError):
        client.fine_tuning.jobs.create(model="gpt-4o-mini-2024-07-18", training_file="file-x")
    listed = httpx2.get(root + "/_sandbox/faults").json()["faults"]
    assert listed[0]["fired"] == 1
    assert httpx2.delete(root + "/_sandbox/faults").json() == {"faults": []}
    with pytest.raises(openai.BadRequestError):  # now the real answer: no such file
        client.fine_tuning.jobs.create(model="gpt-4o-mini-2024-07-18", training_file="file-x")
    bad = httpx2.post(root + "/_sandbox/faults", json={"spec": "kind=418"})
    assert bad.status_code == 400
    assert "unknown" in bad.json()["error"]["message"]


def test_reset_endpoint(sandbox: SandboxServer, client: OpenAI) -> None:
    client.files.create(file=("n.txt", b"x"), purpose="user_data")
    sandbox.add_fault("kind=500,path=/v1/models")
    assert httpx2.post(sandbox.root_url + "/_sandbox/reset", json={}).status_code == 200
    assert client.files.list().data == []
    assert client.models.list().data


def test_rate_is_seeded_and_reproducible() -> None:
    def pattern(seed: int) -> list[bool]:
        faults = FaultSet([parse_fault(f"kind=500,rate=0.5,seed={seed}")])
        return [faults.decide("GET", "/v1/models").kind == "500" for _ in range(200)]

    first = pattern(3)
    assert first == pattern(3)
    assert 60 < sum(first) < 140
    assert first != pattern(4)


@pytest.mark.parametrize(
    ("spec", "path", "hit"),
    [
        ("kind=500,path=/v1/fine_tuning/jobs", "/v1/fine_tuning/jobs/ftjob-1/events", True),
        ("kind=500,path=/v1/fine_tuning/jobs", "/v1/fine_tuning/jobsx", False),
        ("kind=500,path=/v1/fine_tuning/jobs/*/events", "/v1/fine_tuning/jobs/ftjob-1/events", True),
        ("kind=500,path=/v1/fine_tuning/jobs/*/events", "/v1/fine_tuning/jobs/ftjob-1", False),
        ("kind=500", "/v1/anything", True),
    ],
)
def test_path_patterns(spec: str, path: str, hit: bool) -> None:
    assert parse_fault(spec).matches_path("GET", path) is hit


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("kind=teapot", "unknown"),
        ("kind=500,rate=2", "outside 0..1"),
        ("kind=500,colour=red", "unknown fault key"),
        ("kind=500,rate=lots", "not a number"),
        ("path=/v1/files", "needs kind"),
        ("kind=500,oops", "not key=value"),
    ],
)
def test_bad_specs_say_what_is_wrong(spec: str, message: str) -> None:
    with pytest.raises(FaultSpecError, match=message):
        parse_fault(spec)


def test_latency_rule_delays(sandbox: SandboxServer, client: OpenAI) -> None:
    sandbox.add_fault("kind=latency,ms=150,path=/v1/models,first=1")
    client.models.list()  # slow, but answered
    assert sandbox.context is not None
    assert sandbox.context.requests[-1]["fault"] == "latency"
    assert sandbox.context.requests[-1]["status"] == 200
