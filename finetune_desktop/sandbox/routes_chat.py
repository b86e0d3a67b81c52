"""``/v1/chat/completions``: plain and streamed (SSE) answers from the sandbox models, with usage."""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import AsyncIterator
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from finetune_desktop.sandbox.answers import AnswerIndex, base_model_reply, last_user_message
from finetune_desktop.sandbox.context import SandboxContext, ctx, json_body, require_str
from finetune_desktop.sandbox.dataset_check import check_file
from finetune_desktop.sandbox.errors import ApiError, bad_request
from finetune_desktop.sandbox.routes_models import BASE_MODELS
from finetune_desktop.sandbox.state import new_id
from finetune_desktop.sandbox.tokens import count_prompt, count_text

#: Pause between streamed chunks, so a streaming UI visibly streams.
CHUNK_DELAY_S = 0.02
#: When set (benchmarks), stream one word at a time, paced to this many tokens per second, instead.
TOKENS_PER_SECOND: float | None = None
_FINGERPRINT = "fp_sandbox"


def _index_for(c: SandboxContext, model: str) -> AnswerIndex | None:
    """The retrieval index of the job that produced ``model`` (a fine-tune or one of its checkpoints)."""
    job_id = c.jobs.model_sources().get(model)
    if job_id is None:
        return None
    cache = c.answer_indexes
    if job_id not in cache:
        with c.state.lock:
            rec = c.state.jobs[job_id]
            data = c.state.blobs.get(rec.obj["training_file"], b"")
        cache[job_id] = AnswerIndex(check_file(data, param="training_file").rows)
    index: AnswerIndex = cache[job_id]
    return index


def _answer(c: SandboxContext, model: str, messages: list[Any]) -> str:
    c.jobs.refresh_all()
    question = last_user_message(messages)
    if model in BASE_MODELS:
        return base_model_reply(model, question)
    index = _index_for(c, model)
    if index is None:
        raise ApiError(
            404,
            f"The model '{model}' does not exist or you do not have access to it.",
            param="model",
            code="model_not_found",
        )
    return index.answer(question) or base_model_reply(model, question)


def _chunks(text: str, n: int = 6) -> list[str]:
    """Split at word boundaries into about ``n`` pieces that join back to ``text`` exactly."""
    words = re.findall(r"\S+\s*|\s+", text)
    if len(words) <= 1:
        return [text]
    size = max(1, -(-len(words) // n))
    return ["".join(words[i : i + size]) for i in range(0, len(words), size)]


def _usage(prompt: int, completion: int) -> dict[str, Any]:
    return {
        "prompt_tokens": prompt,
        "completion_tokens": completion,
        "total_tokens": prompt + completion,
        "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
        "completion_tokens_details": {
            "reasoning_tokens": 0,
            "audio_tokens": 0,
            "accepted_prediction_tokens": 0,
            "rejected_prediction_tokens": 0,
        },
    }


def _truncate(text: str, model: str, limit: Any) -> tuple[str, str]:
    if not isinstance(limit, int) or isinstance(limit, bool) or limit <= 0:
        return text, "stop"
    if count_text(text, model) <= limit:
        return text, "stop"
    words = text.split(" ")
    while words and count_text(" ".join(words), model) > limit:
        words.pop()
    return " ".join(words), "length"


def _reply(c: SandboxContext, model: str, messages: list[Any], limit: Any) -> tuple[str, str, int, int]:
    """(answer, finish_reason, prompt tokens, completion tokens)."""
    text, finish = _truncate(_answer(c, model, messages), model, limit)
    return text, finish, count_prompt(messages, model), count_text(text, model)


async def chat_completions(request: Request) -> Response:
    body = await json_body(request)
    model = require_str(body, "model")
    messages = body.get("messages")
    if not isinstance(messages, list) or not messages:
        raise ApiError(
            400,
            "Missing required parameter: 'messages'.",
            param="messages",
            code="missing_required_parameter",
        )
    if body.get("n") not in (None, 1):
        raise bad_request("The sandbox returns one choice; leave 'n' unset or 1.", param="n")
    c = ctx(request)
    limit = body.get("max_completion_tokens", body.get("max_tokens"))
    # In a worker thread: building an answer index or loading a tokenizer must not stall the server.
    text, finish, prompt_tokens, completion_tokens = await run_in_threadpool(
        _reply, c, model, messages, limit
    )
    ident = new_id("chatcmpl-")
    created = int(c.clock.wall())
    if body.get("stream"):
        options = body.get("stream_options") or {}
        include_usage = bool(isinstance(options, dict) and options.get("include_usage"))
        usage = _usage(prompt_tokens, completion_tokens)
        return StreamingResponse(
            _stream(ident, created, model, text, finish, usage if include_usage else None),
            media_type="text/event-stream",
            headers={"cache-control": "no-cache"},
        )
    return JSONResponse(
        {
            "id": ident,
            "object": "chat.completion",
            "created": created,
            "model": model,
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": text, "refusal": None, "annotations": []},
                    "logprobs": None,
                    "finish_reason": finish,
                }
            ],
            "usage": _usage(prompt_tokens, completion_tokens),
            "service_tier": "default",
            "system_fingerprint": _FINGERPRINT,
        }
    )


def stream_chunk(
    ident: str, created: int, model: str, delta: dict[str, Any], finish: str | None, with_usage: bool
) -> dict[str, Any]:
    chunk: dict[str, Any] = {
        "id": ident,
        "object": "chat.completion.chunk",
        "created": created,
        "model": model,
        "service_tier": "default",
        "system_fingerprint": _FINGERPRINT,
        "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}],
    }
    if with_usage:
        chunk["usage"] = None
    return chunk


async def _stream(
    ident: str, created: int, model: str, text: str, finish: str, usage: dict[str, Any] | None
) -> AsyncIterator[bytes]:
    def sse(obj: dict[str, Any]) -> bytes:
        return b"data: " + json.dumps(obj, ensure_ascii=False).encode("utf-8") + b"\n\n"

    with_usage = usage is not None
    yield sse(
        stream_chunk(
            ident, created, model, {"role": "assistant", "content": "", "refusal": None}, None, with_usage
        )
    )
    rate = TOKENS_PER_SECOND
    pieces = _chunks(text, n=len(text)) if rate else _chunks(text)
    step = count_text(text, model) / rate / len(pieces) if rate and pieces else 0.0
    due = asyncio.get_running_loop().time()
    for piece in pieces:
        if rate:  # paced by the clock, so sleeping's own overhead does not slow the rate down
            due += step
            await asyncio.sleep(max(0.0, due - asyncio.get_running_loop().time()))
        else:
            await asyncio.sleep(CHUNK_DELAY_S)
        yield sse(stream_chunk(ident, created, model, {"content": piece}, None, with_usage))
    yield sse(stream_chunk(ident, created, model, {}, finish, with_usage))
    if usage is not None:
        last = {
            "id": ident,
            "object": "chat.completion.chunk",
            "created": created,
            "model": model,
            "service_tier": "default",
            "system_fingerprint": _FINGERPRINT,
            "choices": [],
            "usage": usage,
        }
        yield sse(last)
    yield b"data: [DONE]\n\n"


def routes() -> list[Route]:
    return [Route("/v1/chat/completions", chat_completions, methods=["POST"])]
