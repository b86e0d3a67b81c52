"""``/v1/fine_tuning/jobs``: create, list, retrieve, cancel, pause, resume, events, checkpoints."""

from __future__ import annotations

import random
import re
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from finetune_desktop.sandbox.context import ctx, int_param, json_body, page_after, require_str
from finetune_desktop.sandbox.dataset_check import CheckOutcome, check_file
from finetune_desktop.sandbox.errors import ApiError, bad_request, not_found
from finetune_desktop.sandbox.jobs import ORG_ID, TERMINAL, base_of
from finetune_desktop.sandbox.routes_models import SHUT_DOWN
from finetune_desktop.sandbox.state import JobRecord, new_id
from finetune_desktop.sandbox.tokens import count_prompt

NO_FINETUNE_KEY_PREFIX = "sk-test-nofinetune"
WIND_DOWN_MESSAGE = (
    "Your organization can no longer create new fine-tuning jobs: self-serve fine-tuning is being "
    "discontinued. Existing fine-tuned models keep working until their base model shuts down "
    "(2027-01-14). See https://platform.openai.com/docs/deprecations for details."
)
_SUFFIX = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def _bearer(request: Request) -> str:
    auth = request.headers.get("authorization", "")
    return auth[7:].strip() if auth.lower().startswith("bearer ") else ""


def _hyper(value: Any, name: str, *, low: float, high: float, integer: bool) -> Any:
    if value is None or value == "auto":
        return "auto"
    ok = isinstance(value, int) if integer else isinstance(value, int | float)
    if isinstance(value, bool) or not ok or not low <= value <= high:
        kind = "an integer" if integer else "a number"
        raise bad_request(f"Invalid '{name}': must be 'auto' or {kind} from {low} to {high}.", param=name)
    return value


def _hyperparameters(body: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(job.hyperparameters, job.method) from the deprecated top-level field or ``method``."""
    method = body.get("method") or {"type": "supervised"}
    if not isinstance(method, dict):
        raise bad_request("Invalid 'method': must be an object.", param="method")
    mtype = method.get("type", "supervised")
    if mtype not in ("supervised", "dpo"):
        raise bad_request(
            f"The sandbox cannot simulate method '{mtype}'; use 'supervised' or 'dpo'.", param="method.type"
        )
    inner = method.get(mtype) or {}
    raw = dict(body.get("hyperparameters") or {})
    raw.update((inner.get("hyperparameters") or {}) if isinstance(inner, dict) else {})
    hp = {
        "batch_size": _hyper(raw.get("batch_size"), "batch_size", low=1, high=256, integer=True),
        "learning_rate_multiplier": _hyper(
            raw.get("learning_rate_multiplier"), "learning_rate_multiplier", low=1e-6, high=100, integer=False
        ),
        "n_epochs": _hyper(raw.get("n_epochs"), "n_epochs", low=1, high=50, integer=True),
    }
    method_hp = dict(hp)
    if mtype == "dpo":
        method_hp["beta"] = _hyper(raw.get("beta"), "beta", low=1e-6, high=2, integer=False)
    return hp, {"type": mtype, mtype: {"hyperparameters": method_hp}}


def _check_model(model: str, request: Request) -> None:
    c = ctx(request)
    fine_tunable = c.jobs.engine.base_models()
    if model in fine_tunable:
        return
    if model.startswith("ft:") and model in c.jobs.model_sources() and base_of(model) in fine_tunable:
        return
    why = " It has been shut down." if model in SHUT_DOWN else ""
    raise ApiError(
        400,
        f"Model {model} is not available for fine-tuning or does not exist.{why} "
        f"Fine-tunable models: {', '.join(sorted(fine_tunable)) or 'none (no local model found)'}.",
        param="model",
        code="model_not_available",
    )


def _file_bytes(request: Request, file_id: str, param: str) -> bytes:
    c = ctx(request)
    with c.state.lock:
        obj = c.state.files.get(file_id)
        data = c.state.blobs.get(file_id, b"")
    if obj is None:
        raise bad_request(f"Invalid file ID: '{file_id}'. Upload the file first.", param=param)
    if obj["purpose"] != "fine-tune":
        raise bad_request(
            f"File {file_id} has purpose '{obj['purpose']}'; fine-tuning needs purpose 'fine-tune'.",
            param=param,
        )
    return data


def _format_error(rows: list[Any], method: str, param: str) -> dict[str, Any] | None:
    want_pref = method == "dpo"
    for i, row in enumerate(rows):
        is_pref = isinstance(row, dict) and "preferred_output" in row
        if is_pref != want_pref:
            need = (
                "preference (input / preferred_output / non_preferred_output)"
                if want_pref
                else "chat (messages)"
            )
            label = "training" if param == "training_file" else "validation"
            code = "invalid_training_file" if param == "training_file" else "invalid_validation_file"
            return {
                "code": code,
                "message": f"The job failed due to an invalid {label} file. Example {i + 1} is not in the "
                f"{need} format that method '{method}' needs.",
                "param": param,
            }
    return None


def _tokens(rows: list[Any], model: str) -> int:
    total = 0
    for row in rows:
        if not isinstance(row, dict):
            continue
        if "preferred_output" in row:
            inp = row["input"] if isinstance(row.get("input"), dict) else {}
            msgs = list(inp.get("messages") or []) + list(row.get("preferred_output") or [])
        else:
            msgs = list(row.get("messages") or [])
        total += count_prompt(msgs, base_of(model))
    return total


def job_json(rec: JobRecord) -> dict[str, Any]:
    return dict(rec.obj)


async def create_job(request: Request) -> Response:
    if _bearer(request).startswith(NO_FINETUNE_KEY_PREFIX):
        raise ApiError(403, WIND_DOWN_MESSAGE, code="fine_tuning_unavailable")
    body = await json_body(request)
    model = require_str(body, "model")
    training_file = require_str(body, "training_file")
    validation_file = body.get("validation_file") or None
    await run_in_threadpool(_check_model, model, request)  # the local engine reads its models' state
    hp, method = _hyperparameters(body)
    suffix = body.get("suffix") or ""
    if suffix and (not isinstance(suffix, str) or not _SUFFIX.match(suffix)):
        raise bad_request("Invalid 'suffix': up to 64 letters, digits, '-' or '_'.", param="suffix")
    metadata = body.get("metadata")
    if metadata is not None and (
        not isinstance(metadata, dict)
        or len(metadata) > 16
        or not all(isinstance(k, str) and isinstance(v, str) for k, v in metadata.items())
    ):
        raise bad_request("Invalid 'metadata': at most 16 string keys with string values.", param="metadata")
    seed = body.get("seed")
    if seed is None:
        seed = random.randrange(2**31)
    elif not isinstance(seed, int) or isinstance(seed, bool):
        raise bad_request("Invalid 'seed': must be an integer.", param="seed")

    train_bytes = _file_bytes(request, training_file, "training_file")
    valid_bytes = _file_bytes(request, validation_file, "validation_file") if validation_file else None
    train = await run_in_threadpool(check_file, train_bytes, param="training_file")
    valid = (
        await run_in_threadpool(check_file, valid_bytes, param="validation_file")
        if valid_bytes is not None
        else CheckOutcome()
    )
    invalid = (
        train.error
        or _format_error(train.rows, method["type"], "training_file")
        or valid.error
        or _format_error(valid.rows, method["type"], "validation_file")
    )
    tokens = await run_in_threadpool(_tokens, train.rows, model)
    c = ctx(request)
    obj: dict[str, Any] = {
        "object": "fine_tuning.job",
        "id": new_id("ftjob-"),
        "model": model,
        "created_at": int(c.clock.wall()),
        "finished_at": None,
        "fine_tuned_model": None,
        "organization_id": ORG_ID,
        "result_files": [],
        "status": "validating_files",
        "validation_file": validation_file,
        "training_file": training_file,
        "hyperparameters": hp,
        "trained_tokens": None,
        "error": None,
        "seed": seed,
        "estimated_finish": None,
        "integrations": [],
        "method": method,
        "metadata": metadata,
    }
    rec = c.jobs.create(
        obj,
        n_train=len(train.rows),
        n_valid=len(valid.rows),
        train_tokens=tokens,
        invalid=invalid,
        suffix=suffix,
        train_rows=train.rows,
        valid_rows=valid.rows,
    )
    return JSONResponse(job_json(rec))


def _job(request: Request) -> JobRecord:
    c = ctx(request)
    job_id = request.path_params["job_id"]
    with c.state.lock:
        rec = c.state.jobs.get(job_id)
    if rec is None:
        raise not_found("fine-tuning job", job_id, param="fine_tuning_job_id")
    c.jobs.refresh(rec)
    return rec


async def list_jobs(request: Request) -> Response:
    c = ctx(request)
    c.jobs.refresh_all()
    limit = int_param(request, "limit", 20, high=100)
    wanted = {
        key[len("metadata[") : -1]: value
        for key, value in request.query_params.items()
        if key.startswith("metadata[") and key.endswith("]")
    }
    with c.state.lock:
        jobs = [job_json(r) for r in reversed(list(c.state.jobs.values()))]
    if wanted:
        jobs = [j for j in jobs if all((j.get("metadata") or {}).get(k) == v for k, v in wanted.items())]
    page, has_more = page_after(jobs, request.query_params.get("after"), limit, key=lambda j: j["id"])
    return JSONResponse({"object": "list", "data": page, "has_more": has_more})


async def retrieve_job(request: Request) -> Response:
    return JSONResponse(job_json(_job(request)))


async def cancel_job(request: Request) -> Response:
    rec = _job(request)
    if rec.obj["status"] in TERMINAL:
        raise bad_request(f"Job {rec.obj['id']} has already {rec.obj['status']} and cannot be cancelled.")
    ctx(request).jobs.cancel(rec)
    return JSONResponse(job_json(rec))


async def pause_job(request: Request) -> Response:
    rec = _job(request)
    if rec.obj["status"] != "running":
        raise bad_request(f"Job {rec.obj['id']} is {rec.obj['status']}; only a running job can be paused.")
    ctx(request).jobs.pause(rec)
    return JSONResponse(job_json(rec))


async def resume_job(request: Request) -> Response:
    rec = _job(request)
    if rec.obj["status"] not in ("paused", "pausing"):
        raise bad_request(f"Job {rec.obj['id']} is {rec.obj['status']}; only a paused job can be resumed.")
    ctx(request).jobs.resume(rec)
    return JSONResponse(job_json(rec))


async def list_events(request: Request) -> Response:
    rec = _job(request)
    limit = int_param(request, "limit", 20, high=1000)
    with ctx(request).state.lock:
        events = list(reversed(rec.events))
    page, has_more = page_after(events, request.query_params.get("after"), limit, key=lambda e: e["id"])
    return JSONResponse({"object": "list", "data": page, "has_more": has_more})


async def list_checkpoints(request: Request) -> Response:
    rec = _job(request)
    limit = int_param(request, "limit", 10, high=100)
    with ctx(request).state.lock:
        ckpts = list(reversed(rec.checkpoints))
    page, has_more = page_after(ckpts, request.query_params.get("after"), limit, key=lambda e: e["id"])
    return JSONResponse(
        {
            "object": "list",
            "data": page,
            "first_id": page[0]["id"] if page else None,
            "last_id": page[-1]["id"] if page else None,
            "has_more": has_more,
        }
    )


def routes() -> list[Route]:
    base = "/v1/fine_tuning/jobs"
    return [
        Route(base, create_job, methods=["POST"]),
        Route(base, list_jobs, methods=["GET"]),
        Route(base + "/{job_id}", retrieve_job, methods=["GET"]),
        Route(base + "/{job_id}/cancel", cancel_job, methods=["POST"]),
        Route(base + "/{job_id}/pause", pause_job, methods=["POST"]),
        Route(base + "/{job_id}/resume", resume_job, methods=["POST"]),
        Route(base + "/{job_id}/events", list_events, methods=["GET"]),
        Route(base + "/{job_id}/checkpoints", list_checkpoints, methods=["GET"]),
    ]
