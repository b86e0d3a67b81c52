"""The ``repeat_page`` fault: a list endpoint ignores ``after`` and says ``has_more`` forever."""

from __future__ import annotations

from openai import OpenAI

from finetune_desktop.sandbox import SandboxServer
from finetune_desktop.sandbox.faults import parse_fault, with_has_more, without_cursor
from tests.sandbox.conftest import chat_rows, upload_rows


def test_helpers() -> None:
    assert without_cursor(b"limit=2&after=ftjob-1") == b"limit=2"
    assert with_has_more(b'{"data": [], "has_more": false}') == b'{"data": [], "has_more": true}'
    assert with_has_more(b"not json") == b"not json"
    assert parse_fault("kind=repeat_page,path=/v1/files").kind == "repeat_page"


def test_the_same_first_page_comes_back_with_has_more(sandbox: SandboxServer, client: OpenAI) -> None:
    file_id = upload_rows(client, chat_rows())
    ids = [
        client.fine_tuning.jobs.create(model="gpt-4o-mini-2024-07-18", training_file=file_id).id
        for _ in range(3)
    ]
    first = client.fine_tuning.jobs.list(limit=2)
    assert first.has_more
    sandbox.add_fault("kind=repeat_page,path=/v1/fine_tuning/jobs")
    again = client.fine_tuning.jobs.list(limit=2, after=first.data[-1].id)
    assert [j.id for j in again.data] == [j.id for j in first.data]
    assert again.has_more is True
    last = client.fine_tuning.jobs.list(limit=10)
    assert last.has_more is True
    assert {j.id for j in last.data} == set(ids)
