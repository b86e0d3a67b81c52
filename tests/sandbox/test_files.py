"""Files and Uploads through the real openai client."""

from __future__ import annotations

import hashlib

import openai
import pytest
from openai import OpenAI

from finetune_desktop.sandbox import SandboxServer
from tests.sandbox.conftest import chat_rows, jsonl, upload_rows


def test_file_create_retrieve_list_delete(client: OpenAI) -> None:
    data = jsonl(chat_rows(12))
    created = client.files.create(file=("train.jsonl", data), purpose="fine-tune")
    assert (created.bytes, created.filename, created.purpose) == (len(data), "train.jsonl", "fine-tune")
    assert client.files.retrieve(created.id).id == created.id
    other = client.files.create(file=("notes.txt", b"hello"), purpose="user_data")
    assert [f.id for f in client.files.list(purpose="fine-tune")] == [created.id]
    assert [f.id for f in client.files.list(order="desc")] == [other.id, created.id]
    assert [f.id for f in client.files.list(order="asc")] == [created.id, other.id]
    deleted = client.files.delete(created.id)
    assert deleted.deleted is True
    with pytest.raises(openai.NotFoundError):
        client.files.retrieve(created.id)


def test_file_list_pages_with_after(client: OpenAI) -> None:
    ids = [upload_rows(client, chat_rows(10), f"f{i}.jsonl") for i in range(5)]
    page = client.files.list(limit=2, order="asc")
    assert [f.id for f in page.data] == ids[:2]
    assert page.has_more is True
    assert [f.id for f in client.files.list(limit=2, order="asc")] == ids  # auto-paging via `after`


def test_training_files_cannot_be_downloaded_but_results_can(client: OpenAI) -> None:
    file_id = upload_rows(client, chat_rows(10))
    with pytest.raises(openai.BadRequestError, match="purpose: fine-tune"):
        client.files.content(file_id)
    notes = client.files.create(file=("notes.txt", b"hello"), purpose="user_data")
    assert client.files.content(notes.id).read() == b"hello"


def test_file_create_rejects_bad_requests(client: OpenAI) -> None:
    with pytest.raises(openai.BadRequestError) as exc:
        client.files.create(file=("train.csv", b"a,b\n"), purpose="fine-tune")
    assert exc.value.param == "file"
    with pytest.raises(openai.BadRequestError) as exc:
        client.files.create(file=("x.jsonl", b"{}\n"), purpose="nonsense")  # type: ignore[arg-type]
    assert exc.value.param == "purpose"


def test_upload_in_parts_with_md5(client: OpenAI) -> None:
    data = jsonl(chat_rows(40))
    upload = client.uploads.create(
        bytes=len(data), filename="big.jsonl", mime_type="application/jsonl", purpose="fine-tune"
    )
    assert upload.status == "pending"
    pieces = [data[i : i + 1000] for i in range(0, len(data), 1000)]
    parts = [client.uploads.parts.create(upload.id, data=piece) for piece in pieces]
    assert len(parts) > 2
    done = client.uploads.complete(
        upload.id, part_ids=[p.id for p in parts], md5=hashlib.md5(data).hexdigest()
    )
    assert done.status == "completed"
    assert done.file is not None
    assert done.file.bytes == len(data)
    assert client.files.retrieve(done.file.id).filename == "big.jsonl"


def test_upload_helper_of_the_sdk(client: OpenAI) -> None:
    data = jsonl(chat_rows(30))
    done = client.uploads.upload_file_chunked(
        file=data,
        bytes=len(data),
        filename="chunked.jsonl",
        mime_type="application/jsonl",
        purpose="fine-tune",
        part_size=700,
    )
    assert done.status == "completed"
    assert done.file is not None
    assert done.file.bytes == len(data)


def test_upload_part_order_matters_and_totals_must_match(client: OpenAI) -> None:
    data = jsonl(chat_rows(12))
    upload = client.uploads.create(
        bytes=len(data), filename="t.jsonl", mime_type="application/jsonl", purpose="fine-tune"
    )
    half = len(data) // 2
    first = client.uploads.parts.create(upload.id, data=data[:half])
    second = client.uploads.parts.create(upload.id, data=data[half:])
    with pytest.raises(openai.BadRequestError, match="md5"):
        client.uploads.complete(upload.id, part_ids=[second.id, first.id], md5=hashlib.md5(data).hexdigest())
    with pytest.raises(openai.BadRequestError, match="add up to"):
        client.uploads.complete(upload.id, part_ids=[first.id])
    assert client.uploads.complete(upload.id, part_ids=[first.id, second.id]).status == "completed"


def test_upload_cancel_and_expiry(sandbox: SandboxServer, client: OpenAI) -> None:
    args = {"bytes": 10, "filename": "t.jsonl", "mime_type": "application/jsonl", "purpose": "fine-tune"}
    cancelled = client.uploads.cancel(client.uploads.create(**args).id)  # type: ignore[arg-type]
    assert cancelled.status == "cancelled"
    with pytest.raises(openai.BadRequestError, match="cancelled"):
        client.uploads.parts.create(cancelled.id, data=b"0123456789")
    upload = client.uploads.create(**args)  # type: ignore[arg-type]
    sandbox.advance(3601)
    with pytest.raises(openai.BadRequestError, match="expired"):
        client.uploads.parts.create(upload.id, data=b"0123456789")
