"""``/v1/uploads``: large files in parts (create, add part, complete with ordered part ids + md5, cancel).

Uploads expire an hour after creation on the wall clock (not the sped-up job clock), like the real API.
"""

from __future__ import annotations

import hashlib
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from finetune_desktop.sandbox.context import ctx, json_body, require_str
from finetune_desktop.sandbox.errors import ApiError, bad_request, not_found
from finetune_desktop.sandbox.routes_files import UPLOAD_PURPOSES, make_file, read_form_file
from finetune_desktop.sandbox.state import UploadRecord, new_id

MAX_UPLOAD_BYTES = 8 * 1024**3
MAX_PART_BYTES = 64 * 1024 * 1024
EXPIRES_SECONDS = 3600


def _get(request: Request) -> UploadRecord:
    c = ctx(request)
    upload_id = request.path_params["upload_id"]
    with c.state.lock:
        rec = c.state.uploads.get(upload_id)
        if rec is None:
            raise not_found("upload", upload_id, param="upload_id")
        if rec.obj["status"] == "pending" and c.clock.wall() >= rec.obj["expires_at"]:
            rec.obj["status"] = "expired"
            rec.parts.clear()
    return rec


def _require_pending(rec: UploadRecord) -> None:
    status = rec.obj["status"]
    if status != "pending":
        raise bad_request(
            f"Upload {rec.obj['id']} is {status}; only a pending upload accepts this. Start a new upload.",
            param="upload_id",
        )


async def create_upload(request: Request) -> Response:
    body = await json_body(request)
    filename = require_str(body, "filename")
    purpose = require_str(body, "purpose")
    mime_type = require_str(body, "mime_type")
    size = body.get("bytes")
    if not isinstance(size, int) or isinstance(size, bool) or size < 0:
        raise ApiError(400, "Missing or invalid parameter: 'bytes' (an integer).", param="bytes")
    if size > MAX_UPLOAD_BYTES:
        raise bad_request("An upload can hold at most 8 GB.", param="bytes")
    if purpose not in UPLOAD_PURPOSES:
        raise bad_request(f"'{purpose}' is not one of {list(UPLOAD_PURPOSES)} - 'purpose'", param="purpose")
    if purpose == "fine-tune" and mime_type not in ("application/jsonl", "text/jsonl", "application/json"):
        raise bad_request(
            f"Invalid mime type '{mime_type}' for purpose fine-tune; use application/jsonl.",
            param="mime_type",
        )
    c = ctx(request)
    now = int(c.clock.wall())
    obj: dict[str, Any] = {
        "id": new_id("upload_"),
        "object": "upload",
        "bytes": size,
        "created_at": now,
        "filename": filename,
        "purpose": purpose,
        "status": "pending",
        "expires_at": now + EXPIRES_SECONDS,
        "file": None,
    }
    with c.state.lock:
        c.state.uploads[obj["id"]] = UploadRecord(obj)
    return JSONResponse(obj)


async def add_part(request: Request) -> Response:
    rec = _get(request)
    _require_pending(rec)
    _name, data, _fields = await read_form_file(request, "data")
    if len(data) > MAX_PART_BYTES:
        raise bad_request("A part can hold at most 64 MB.", param="data")
    c = ctx(request)
    part = {
        "id": new_id("part_"),
        "object": "upload.part",
        "created_at": int(c.clock.wall()),
        "upload_id": rec.obj["id"],
    }
    with c.state.lock:
        _require_pending(rec)
        held = sum(len(p) for p in rec.parts.values())
        if held + len(data) > rec.obj["bytes"]:
            raise bad_request(
                f"This part would make the upload {held + len(data):,} bytes, but it was created for "
                f"{rec.obj['bytes']:,} bytes. Start a new upload with the right size.",
                param="data",
            )
        rec.parts[part["id"]] = data
    return JSONResponse(part)


async def complete_upload(request: Request) -> Response:
    rec = _get(request)
    body = await json_body(request)
    part_ids = body.get("part_ids")
    if not isinstance(part_ids, list) or not all(isinstance(p, str) for p in part_ids):
        raise ApiError(400, "Missing required parameter: 'part_ids' (a list of part ids).", param="part_ids")
    c = ctx(request)
    with c.state.lock:
        _require_pending(rec)
        unknown = [p for p in part_ids if p not in rec.parts]
        if unknown:
            raise bad_request(
                f"Part {unknown[0]} does not belong to upload {rec.obj['id']}.", param="part_ids"
            )
        if len(set(part_ids)) != len(part_ids):
            raise bad_request("part_ids lists the same part twice.", param="part_ids")
        data = b"".join(rec.parts[p] for p in part_ids)
    if len(data) != rec.obj["bytes"]:
        raise bad_request(
            f"The parts add up to {len(data)} bytes, but the upload was created for "
            f"{rec.obj['bytes']} bytes.",
            param="part_ids",
        )
    md5 = body.get("md5")
    if md5 and hashlib.md5(data).hexdigest() != str(md5).lower():
        raise bad_request("The md5 checksum does not match the uploaded bytes.", param="md5")
    file_obj = make_file(rec.obj["filename"], rec.obj["purpose"], len(data), int(c.clock.wall()))
    c.state.put_file(file_obj, data)
    with c.state.lock:
        rec.obj["status"] = "completed"
        rec.obj["file"] = file_obj
        rec.parts.clear()
    return JSONResponse(rec.obj)


async def cancel_upload(request: Request) -> Response:
    rec = _get(request)
    c = ctx(request)
    with c.state.lock:
        _require_pending(rec)
        rec.obj["status"] = "cancelled"
        rec.parts.clear()
    return JSONResponse(rec.obj)


def routes() -> list[Route]:
    return [
        Route("/v1/uploads", create_upload, methods=["POST"]),
        Route("/v1/uploads/{upload_id}/parts", add_part, methods=["POST"]),
        Route("/v1/uploads/{upload_id}/complete", complete_upload, methods=["POST"]),
        Route("/v1/uploads/{upload_id}/cancel", cancel_upload, methods=["POST"]),
    ]
