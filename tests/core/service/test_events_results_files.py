"""Incremental events, result-file decoding, and uploads that never duplicate a file."""

from __future__ import annotations

import base64
from pathlib import Path

import httpx2
import pytest

from finetune_desktop.core.api.records import EventCursor
from finetune_desktop.core.service.results import decode_result_file, parse_result_csv
from finetune_desktop.core.service.service import FineTuningService
from tests.core.service.conftest import Fake


def _event(i: int) -> dict[str, object]:
    return {
        "id": f"ev-{i}",
        "object": "fine_tuning.job.event",
        "created_at": 1700000000 + i,
        "level": "info",
        "message": f"Step {i}",
        "type": "metrics",
        "data": {"step": i, "train_loss": 1.0 / i},
    }


def test_new_events_returns_only_unseen_ones_oldest_first(fake: Fake, service: FineTuningService) -> None:
    events = [_event(i) for i in range(1, 151)]  # the server keeps them newest first

    def page(request: httpx2.Request) -> httpx2.Response:
        newest_first = list(reversed(events))
        after = request.url.params.get("after")
        limit = int(request.url.params.get("limit", "20"))
        start = next(i + 1 for i, e in enumerate(newest_first) if e["id"] == after) if after else 0
        chunk = newest_first[start : start + limit]
        return httpx2.Response(
            200, json={"object": "list", "data": chunk, "has_more": start + limit < len(events)}
        )

    fake.routes[("GET", "/fine_tuning/jobs/ftjob-1/events")] = page
    cursor = EventCursor()
    first = service.new_events("ftjob-1", cursor)
    assert [e.id for e in first] == [f"ev-{i}" for i in range(1, 151)]
    assert first[0].is_metrics
    assert first[0].data["step"] == 1
    assert service.new_events("ftjob-1", cursor) == []
    events.extend(_event(i) for i in (151, 152))
    calls_before = fake.count("GET", "/fine_tuning/jobs/ftjob-1/events")
    assert [e.id for e in service.new_events("ftjob-1", cursor)] == ["ev-151", "ev-152"]
    assert fake.count("GET", "/fine_tuning/jobs/ftjob-1/events") == calls_before + 1


CSV = (
    "step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy\n"
    "1,1.52347,0.0,,\n2,0.9,0.5,1.1,0.4\n"
)


@pytest.mark.parametrize(
    "raw", [base64.b64encode(CSV.encode()), CSV.encode(), base64.encodebytes(CSV.encode())]
)
def test_result_file_is_base64_or_plain_csv(raw: bytes) -> None:
    rows = parse_result_csv(decode_result_file(raw))
    assert [r.step for r in rows] == [1, 2]
    assert rows[0].train_loss == pytest.approx(1.52347)
    assert rows[0].valid_loss is None
    assert rows[1].valid_mean_token_accuracy == pytest.approx(0.4)


def test_garbage_result_file_gives_no_rows_not_a_crash() -> None:
    assert parse_result_csv(decode_result_file(b"\x00\xff not csv")) == []


def _file(file_id: str, name: str, size: int) -> dict[str, object]:
    return {
        "id": file_id,
        "object": "file",
        "bytes": size,
        "created_at": 1,
        "filename": name,
        "purpose": "fine-tune",
        "status": "processed",
    }


def test_small_upload_whose_reply_was_lost_is_not_sent_again(
    fake: Fake, service: FineTuningService, tmp_path: Path
) -> None:
    path = tmp_path / "train.jsonl"
    path.write_bytes(b'{"messages": []}\n' * 10)
    stored: list[dict[str, object]] = [
        _file("file-old", "train.jsonl", path.stat().st_size)
    ]  # an earlier upload

    def create(request: httpx2.Request) -> httpx2.Response:
        request.read()
        stored.insert(0, _file(f"file-{len(stored)}", "train.jsonl", path.stat().st_size))
        if len(stored) == 2:
            raise httpx2.ReadError("reset", request=request)
        return httpx2.Response(200, json=stored[0])

    fake.routes[("POST", "/files")] = create
    fake.routes[("GET", "/files")] = lambda r: httpx2.Response(200, json={"object": "list", "data": stored})
    fake.routes[("GET", "/files/file-1")] = lambda r: httpx2.Response(200, json=stored[0])
    seen: list[tuple[int, int]] = []
    info = service.upload_file(path, progress=lambda d, t: seen.append((d, t)))
    assert info.id == "file-1"
    assert len(stored) == 2
    assert fake.count("POST", "/files") == 1
    assert seen[-1] == (path.stat().st_size, path.stat().st_size)


def test_large_upload_uses_parts_and_retries_a_failed_part(
    fake: Fake, service: FineTuningService, tmp_path: Path
) -> None:
    path = tmp_path / "big.jsonl"
    payload = b"".join(b'{"i": %d}\n' % i for i in range(300))
    path.write_bytes(payload)
    service.multipart_threshold = 1000
    service.part_size = 1000
    parts: dict[str, bytes] = {}
    failures = {"left": 1}

    def add_part(request: httpx2.Request) -> httpx2.Response:
        content = request.read()
        if failures["left"]:
            failures["left"] -= 1
            return httpx2.Response(500, json={"error": {"message": "oops"}})
        part_id = f"part-{len(parts)}"
        parts[part_id] = content
        return httpx2.Response(
            200, json={"id": part_id, "object": "upload.part", "created_at": 1, "upload_id": "up-1"}
        )

    completed: dict[str, object] = {}

    def complete(request: httpx2.Request) -> httpx2.Response:
        import json

        completed.update(json.loads(request.content))
        return httpx2.Response(
            200,
            json={
                "id": "up-1",
                "object": "upload",
                "bytes": len(payload),
                "created_at": 1,
                "expires_at": 2,
                "filename": "big.jsonl",
                "purpose": "fine-tune",
                "status": "completed",
                "file": _file("file-big", "big.jsonl", len(payload)),
            },
        )

    fake.routes[("GET", "/files")] = lambda r: httpx2.Response(200, json={"object": "list", "data": []})
    fake.routes[("POST", "/uploads")] = lambda r: httpx2.Response(
        200,
        json={
            "id": "up-1",
            "object": "upload",
            "bytes": len(payload),
            "created_at": 1,
            "expires_at": 2,
            "filename": "big.jsonl",
            "purpose": "fine-tune",
            "status": "pending",
        },
    )
    fake.routes[("POST", "/uploads/up-1/parts")] = add_part
    fake.routes[("POST", "/uploads/up-1/complete")] = complete
    fake.routes[("GET", "/files/file-big")] = lambda r: httpx2.Response(
        200, json=_file("file-big", "big.jsonl", 1)
    )
    progress: list[int] = []
    info = service.upload_file(path, progress=lambda d, t: progress.append(d))
    assert info.id == "file-big"
    assert completed["part_ids"] == list(parts)
    assert len(parts) == -(-len(payload) // 1000)
    assert progress == sorted(progress)
    assert progress[-1] == len(payload)
    assert fake.count("POST", "/uploads/up-1/parts") == len(parts) + 1


def test_cancelling_an_upload_raises_cancelled_not_a_service_error(
    fake: Fake, service: FineTuningService, tmp_path: Path
) -> None:
    from finetune_desktop.core.cancel import Cancelled, CancelToken

    path = tmp_path / "train.jsonl"
    path.write_bytes(b'{"messages": []}\n' * 10_000)
    fake.routes[("GET", "/files")] = lambda r: httpx2.Response(200, json={"object": "list", "data": []})

    def create(request: httpx2.Request) -> httpx2.Response:
        request.read()
        return httpx2.Response(200, json=_file("file-1", "train.jsonl", path.stat().st_size))

    fake.routes[("POST", "/files")] = create
    token = CancelToken()

    def progress(done: int, total: int) -> None:
        if 0 < done < total:
            token.cancel()

    with pytest.raises(Cancelled):
        service.upload_file(path, progress=progress, cancel=token)
