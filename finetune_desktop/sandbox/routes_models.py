"""``/v1/models``: the engine's base models (with their shutdown date, if any) and the user's fine-tunes."""

from __future__ import annotations

from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from finetune_desktop.sandbox.context import ctx
from finetune_desktop.sandbox.errors import ApiError
from finetune_desktop.sandbox.jobs import ORG_ID, base_of

#: Fine-tuning bases that already shut down (2026-10-23): job creation names them in a clear refusal.
SHUT_DOWN = frozenset(
    {
        "gpt-3.5-turbo",
        "gpt-3.5-turbo-0125",
        "gpt-3.5-turbo-1106",
        "gpt-3.5-turbo-0613",
        "gpt-4-0613",
        "gpt-4.1-nano-2025-04-14",
        "o4-mini-2025-04-16",
        "babbage-002",
        "davinci-002",
    }
)


def _base_obj(model_id: str, info: dict[str, Any]) -> dict[str, Any]:
    obj = {
        "id": model_id,
        "object": "model",
        "created": info["created"],
        "owned_by": "system",
        "shutdown_date": info["shutdown_date"],
    }
    if "local" in info:  # the local engine: where the model comes from and whether it fits this machine
        obj["local"] = info["local"]
    return obj


def all_models(request: Request) -> list[dict[str, Any]]:
    c = ctx(request)
    c.jobs.refresh_all()
    bases = c.jobs.engine.base_models()
    out = [_base_obj(m, info) for m, info in bases.items()]
    with c.state.lock:
        for rec in c.state.jobs.values():
            name = rec.obj.get("fine_tuned_model")
            if rec.obj["status"] == "succeeded" and name:
                base = bases.get(base_of(name), {})
                out.append(
                    {
                        "id": name,
                        "object": "model",
                        "created": rec.obj.get("finished_at") or rec.obj["created_at"],
                        "owned_by": ORG_ID,
                        "shutdown_date": base.get("shutdown_date"),
                    }
                )
    return out


# The local engine's base models say whether they fit this machine's memory (nvidia-smi, the download
# cache), so the list is made in a worker thread, not in the server's event loop.
async def list_models(request: Request) -> Response:
    return JSONResponse({"object": "list", "data": await run_in_threadpool(all_models, request)})


async def retrieve_model(request: Request) -> Response:
    model_id = request.path_params["model"]
    for obj in await run_in_threadpool(all_models, request):
        if obj["id"] == model_id:
            return JSONResponse(obj)
    raise ApiError(
        404,
        f"The model '{model_id}' does not exist or you do not have access to it.",
        param="model",
        code="model_not_found",
    )


def routes() -> list[Route]:
    return [
        Route("/v1/models", list_models, methods=["GET"]),
        Route("/v1/models/{model:path}", retrieve_model, methods=["GET"]),
    ]
