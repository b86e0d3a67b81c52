"""``/v1/files``: multipart upload, list (purpose/limit/after/order), retrieve, delete, content."""

from __future__ import annotations

from typing import Any

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from finetune_desktop.sandbox.context import ctx, int_param, page_after
from finetune_desktop.sandbox.errors import ApiError, bad_request, not_found
from finetune_desktop.sandbox.state import new_id

UPLOAD_PURPOSES = ("assistants", "batch", "fine-tune", "vision", "user_data", "evals")
MAX_FILE_BYTES = 512 * 1024 * 1024
#: Starlette caps non-file form parts at 1 MB by default; a part sent without a filename must still fit.
MAX_PART_BYTES = 64 * 1024 * 1024 + 1024


def make_file(filename: str, purpose: str, size: int, created_at: int) -> dict[str, Any]:
    return {
        "id": new_id("file-"),
        "object": "file",
        "bytes": size,
        "created_at": created_at,
        "filename": filename,
        "purpose": purpose,
        "status": "processed",
    }


async def read_form_file(request: Request, field: str) -> tuple[str, bytes, dict[str, Any]]:
    """(filename, bytes, other fields) of a multipart request; 400 with the field name if it is missing."""
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        raise bad_request("This endpoint expects a multipart/form-data body.", param=field)
    async with request.form(max_part_size=MAX_PART_BYTES) as form:
        item = form.get(field)
        fields = {k: v for k, v in form.items() if isinstance(v, str)}
        if isinstance(item, UploadFile):
            data = await item.read()
            return item.filename or "upload", data, fields
        if isinstance(item, str):
            return "upload", item.encode("utf-8"), fields
    raise ApiError(
        400, f"Missing required parameter: '{field}'.", param=field, code="missing_required_parameter"
    )


async def create_file(request: Request) -> Response:
    filename, data, fields = await read_form_file(request, "file")
    purpose = fields.get("purpose")
    if not purpose:
        raise ApiError(
            400, "Missing required parameter: 'purpose'.", param="purpose", code="missing_required_parameter"
        )
    if purpose not in UPLOAD_PURPOSES:
        raise bad_request(f"'{purpose}' is not one of {list(UPLOAD_PURPOSES)} - 'purpose'", param="purpose")
    if len(data) > MAX_FILE_BYTES:
        raise bad_request(
            "File is too large: the limit is 512 MB. Use the Uploads API for larger files.", param="file"
        )
    if purpose == "fine-tune" and not filename.lower().endswith(".jsonl"):
        raise bad_request(
            f"Invalid file format for Fine-Tuning API. Must be .jsonl (got '{filename}').", param="file"
        )
    c = ctx(request)
    obj = make_file(filename, purpose, len(data), int(c.clock.wall()))
    c.state.put_file(obj, data)
    return JSONResponse(obj)


async def list_files(request: Request) -> Response:
    c = ctx(request)
    purpose = request.query_params.get("purpose")
    order = request.query_params.get("order", "desc")
    if order not in ("asc", "desc"):
        raise bad_request("Invalid 'order': use 'asc' or 'desc'.", param="order")
    limit = int_param(request, "limit", 10_000)
    with c.state.lock:
        items = [f for f in c.state.files.values() if not purpose or f["purpose"] == purpose]
    if order == "desc":  # the store keeps creation order, so newest first is simply reversed
        items.reverse()
    page, has_more = page_after(items, request.query_params.get("after"), limit, key=lambda f: f["id"])
    return JSONResponse(
        {
            "object": "list",
            "data": page,
            "first_id": page[0]["id"] if page else None,
            "last_id": page[-1]["id"] if page else None,
            "has_more": has_more,
        }
    )


def _get_file(request: Request) -> dict[str, Any]:
    c = ctx(request)
    file_id = request.path_params["file_id"]
    with c.state.lock:
        obj = c.state.files.get(file_id)
    if obj is None:
        raise not_found("File", file_id, param="file_id")
    return obj


async def retrieve_file(request: Request) -> Response:
    return JSONResponse(_get_file(request))


async def delete_file(request: Request) -> Response:
    obj = _get_file(request)
    ctx(request).state.delete_file(obj["id"])
    return JSONResponse({"id": obj["id"], "object": "file", "deleted": True})


async def file_content(request: Request) -> Response:
    obj = _get_file(request)
    if obj["purpose"] == "fine-tune":
        raise bad_request("Not allowed to download files of purpose: fine-tune")
    c = ctx(request)
    with c.state.lock:
        data = c.state.blobs.get(obj["id"], b"")
    return Response(data, media_type="application/octet-stream")


def routes() -> list[Route]:
    return [
        Route("/v1/files", create_file, methods=["POST"]),
        Route("/v1/files", list_files, methods=["GET"]),
        Route("/v1/files/{file_id}", retrieve_file, methods=["GET"]),
        Route("/v1/files/{file_id}", delete_file, methods=["DELETE"]),
        Route("/v1/files/{file_id}/content", file_content, methods=["GET"]),
    ]
