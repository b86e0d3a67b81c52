"""Each profile kind builds the right client: OpenAI org/project headers, Azure endpoint + api-version."""

from __future__ import annotations

import httpx2
import pytest

from finetune_desktop.core.accounts.profiles import Profile, ProfileKind
from finetune_desktop.core.api.errors import NotConfigured
from finetune_desktop.core.service.service import connect
from tests.core.service.conftest import FAKE_KEY, FAST, Fake

EMPTY_LIST = {"object": "list", "data": [], "has_more": False}


def _http(fake: Fake) -> httpx2.Client:
    return httpx2.Client(transport=httpx2.MockTransport(fake.handler))


def test_openai_profile_sends_organization_and_project(fake: Fake) -> None:
    fake.routes[("GET", "/fine_tuning/jobs")] = lambda r: httpx2.Response(200, json=EMPTY_LIST)
    profile = Profile(
        id="o",
        name="Work",
        kind=ProfileKind.OPENAI,
        base_url="http://fake.test/v1",
        organization="org-abc",
        project="proj_xyz",
    )
    assert connect(profile, FAKE_KEY, policy=FAST, http_client=_http(fake)).list_jobs() == []
    sent = fake.requests[0]
    assert sent.headers["openai-organization"] == "org-abc"
    assert sent.headers["openai-project"] == "proj_xyz"
    assert sent.headers["authorization"] == f"Bearer {FAKE_KEY}"


def test_azure_profile_uses_endpoint_api_version_and_api_key_header() -> None:
    seen: list[httpx2.Request] = []

    def handler(request: httpx2.Request) -> httpx2.Response:
        seen.append(request)
        return httpx2.Response(200, json=EMPTY_LIST)

    profile = Profile(
        id="a",
        name="Azure",
        kind=ProfileKind.AZURE,
        azure_endpoint="https://myres.openai.azure.com",
        api_version="2025-04-01-preview",
    )
    svc = connect(
        profile, FAKE_KEY, policy=FAST, http_client=httpx2.Client(transport=httpx2.MockTransport(handler))
    )
    svc.list_jobs()
    url = seen[0].url
    assert url.host == "myres.openai.azure.com"
    assert url.path.endswith("/fine_tuning/jobs")
    assert url.params["api-version"] == "2025-04-01-preview"
    assert seen[0].headers["api-key"] == FAKE_KEY


def test_azure_without_endpoint_and_compatible_without_url_say_what_is_missing() -> None:
    with pytest.raises(NotConfigured) as azure:
        connect(Profile(id="a", name="Az", kind=ProfileKind.AZURE), FAKE_KEY).list_jobs()
    assert "endpoint" in azure.value.title
    with pytest.raises(NotConfigured) as compat:
        connect(Profile(id="c", name="Local", kind=ProfileKind.COMPATIBLE), None).list_jobs()
    assert "server address" in compat.value.title
