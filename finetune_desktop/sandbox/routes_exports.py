"""``/_sandbox/exports``: write a local fine-tune or checkpoint into a folder the client names.

``POST /_sandbox/exports {"model": ..., "folder": "/absolute/path", "kind": "adapter" | "merged"}`` starts
an export and answers at once (202) with its state; ``GET /_sandbox/exports/{id}`` follows it (``status``
``running`` -> ``succeeded`` | ``failed`` | ``cancelled``, ``stage``, ``done`` of ``total``);
``DELETE /_sandbox/exports/{id}`` cancels it. Only an engine with real weights (the local engine) exports.

The request names a folder on the server's computer, so besides the guard every route has (loopback
``Host``, no other origin, a JSON body) an export is refused unless:

* the request comes from this computer (a server opened to the network with ``--allow-remote`` still
  writes only for local programs);
* the folder is an absolute path without ``..``, its parent folder exists and can be written, and the
  folder itself is new or an empty folder (not a file, not a link, never something with files in it);
* it is not inside (and does not contain) the server's own data or a base model's folder, nor a system
  folder;
* the disk has room for what the export writes.

Each refusal is a 400 (403 for another computer) with a sentence that says what to choose instead.
"""

from __future__ import annotations

import ipaddress
import os
import shutil
from collections.abc import Sequence
from pathlib import Path, PurePath
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from finetune_desktop.sandbox.context import ctx, json_body, require_str
from finetune_desktop.sandbox.errors import ApiError
from finetune_desktop.sandbox.routes_chat import _answer_target

PREFIX = "/_sandbox/exports"
KINDS = ("adapter", "merged")
#: never written into, whatever the permissions (POSIX and Windows system folders)
SYSTEM_FOLDERS = tuple(
    Path(p)
    for p in (
        "/bin",
        "/boot",
        "/dev",
        "/etc",
        "/lib",
        "/lib64",
        "/proc",
        "/sbin",
        "/sys",
        "/usr",
        "/System",
        "C:/Windows",
        "C:/Program Files",
    )
)
#: free space kept beyond the export's own size
SPARE_BYTES = 64 * 1024 * 1024


def _refuse(message: str, code: str = "invalid_folder") -> ApiError:
    return ApiError(400, message, param="folder", code=code)


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _human(n: int) -> str:
    size = float(n)
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:,.0f} {unit}" if unit == "bytes" else f"{size:,.1f} {unit}"
        size /= 1024
    return f"{size:,.1f} TB"


def check_folder(raw: Any, *, protected: Sequence[Path], need_bytes: int) -> Path:
    """The export target named by a request, as an absolute resolved path; ApiError (400) if unsafe."""
    if not isinstance(raw, str) or not raw.strip():
        raise ApiError(
            400, "Missing required parameter: 'folder'.", param="folder", code="missing_required_parameter"
        )
    if "\x00" in raw:
        raise _refuse("The folder name contains a NUL character.")
    given = PurePath(raw)
    if not given.is_absolute():
        raise _refuse(
            f"The folder must be given as an absolute path (from the root of the disk), not '{raw}': "
            "the server does not guess which folder a relative path means."
        )
    if ".." in given.parts:
        raise _refuse(f"The folder must not contain '..': name the folder itself, not '{raw}'.")
    path = Path(raw)
    if path.is_symlink():
        raise _refuse(f"{path} is a link; choose a new folder or an empty one.")
    parent = Path(os.path.realpath(path.parent))
    target = parent / path.name
    if not path.name:
        raise _refuse(f"{raw} is the root of a disk; choose a new folder or an empty one.")
    if not parent.is_dir():
        raise _refuse(f"The folder {path.parent} does not exist; create it first or choose another.")
    if target.exists():
        if not target.is_dir():
            raise _refuse(f"{target} is a file; choose a new folder or an empty one.", "folder_not_empty")
        if any(target.iterdir()):
            raise _refuse(
                f"The folder {target} is not empty; choose a new folder or an empty one (an export never "
                "writes over files).",
                "folder_not_empty",
            )
    for folder in SYSTEM_FOLDERS:
        if _inside(target, folder):
            raise _refuse(f"{target} is inside the system folder {folder}; choose a folder of your own.")
    for folder in protected:
        own = Path(os.path.realpath(folder))
        if _inside(target, own) or _inside(own, target):
            raise _refuse(
                f"{target} is inside the server's own data or a base model's folder ({own}); choose a folder "
                "of your own."
            )
    if not os.access(parent, os.W_OK | os.X_OK):
        raise _refuse(f"This server has no permission to write in {parent}; choose another folder.")
    free = shutil.disk_usage(parent).free
    if free < need_bytes + SPARE_BYTES:
        raise _refuse(
            f"Not enough free disk space in {parent}: the export needs about {_human(need_bytes)} and "
            f"{_human(free)} is free. Free some space or choose a folder on another disk.",
            "no_disk_space",
        )
    return target


def _from_this_computer(request: Request) -> bool:
    client = request.client
    if client is None:
        return True  # an in-process transport (tests); a socket always has a peer
    try:
        return ipaddress.ip_address(client.host).is_loopback
    except ValueError:
        return client.host in ("localhost", "testclient")


def _engine(request: Request) -> Any:
    engine = ctx(request).jobs.engine
    if not hasattr(engine, "start_export"):
        raise ApiError(
            400,
            "This server's engine only simulates training, so its models have no weights to export. Train "
            "with the local engine (finetune-desktop sandbox --engine local) to export a model.",
            param="model",
            code="export_not_supported",
        )
    return engine


def _start(request: Request, body: dict[str, Any]) -> dict[str, Any]:
    c = ctx(request)
    model = require_str(body, "model")
    kind = body.get("kind", "adapter")
    if kind not in KINDS:
        raise ApiError(400, f"'kind' must be one of: {', '.join(KINDS)}.", param="kind")
    engine = _engine(request)
    target = _answer_target(c, model)  # a 404 for a model the server does not have, as in chat
    if target.job_id is None:
        raise ApiError(
            400,
            f"'{model}' is a base model: export a fine-tuned model or one of its checkpoints (a base model's "
            "files are already on this computer).",
            param="model",
            code="export_not_supported",
        )
    merged = kind == "merged"
    protected = list(engine.protected_folders())
    if c.state.state_dir is not None:
        protected.append(c.state.state_dir)
    folder = check_folder(
        body.get("folder"), protected=protected, need_bytes=int(engine.export_bytes(target, merged))
    )
    if engine.exports_running_into(folder):
        raise _refuse(f"An export into {folder} is already running.", "folder_not_empty")
    started: dict[str, Any] = engine.start_export(target, folder, merged)
    return started


async def start_export(request: Request) -> Response:
    if not _from_this_computer(request):
        raise ApiError(
            403,
            "Exports write files on the server's computer: only a program on that computer may ask for one.",
            code="forbidden",
        )
    body = await json_body(request)
    started = await run_in_threadpool(_start, request, body)
    return JSONResponse(started, status_code=202)


def _status(request: Request, *, cancel: bool) -> dict[str, Any]:
    export_id = request.path_params["export_id"]
    engine = ctx(request).jobs.engine
    status = engine.export_status(export_id, cancel=cancel) if hasattr(engine, "export_status") else None
    if status is None:
        raise ApiError(404, f"No export with id '{export_id}'.", param="export_id", code="not_found")
    result: dict[str, Any] = status
    return result


async def get_export(request: Request) -> Response:
    return JSONResponse(await run_in_threadpool(_status, request, cancel=False))


async def cancel_export(request: Request) -> Response:
    if not _from_this_computer(request):
        raise ApiError(403, "Only a program on the server's computer may cancel an export.", code="forbidden")
    return JSONResponse(await run_in_threadpool(_status, request, cancel=True))


def routes() -> list[Route]:
    return [
        Route(PREFIX, start_export, methods=["POST"]),
        Route(PREFIX + "/{export_id}", get_export, methods=["GET"]),
        Route(PREFIX + "/{export_id}", cancel_export, methods=["DELETE"]),
    ]
