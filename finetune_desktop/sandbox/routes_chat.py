"""``/v1/chat/completions``: plain and streamed (SSE) answers from the engine's models, with usage."""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import AsyncIterator, Callable
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from finetune_desktop.sandbox.context import SandboxContext, ctx, json_body, require_str
from finetune_desktop.sandbox.engine import ChatReply, ChatTarget
from finetune_desktop.sandbox.errors import ApiError, bad_request
from finetune_desktop.sandbox.state import new_id
from finetune_desktop.sandbox.tokens import count_prompt, count_text

#: Pause between streamed chunks, so a streaming UI visibly streams.
CHUNK_DELAY_S = 0.02
#: When set (benchmarks), stream one word at a time, paced to this many tokens per second, instead.
TOKENS_PER_SECOND: float | None = None
_FINGERPRINT = "fp_sandbox"


def _answer_target(c: SandboxContext, model: str) -> ChatTarget:
    c.jobs.refresh_all()
    target = c.jobs.chat_target(model)
    if target is None:
        raise ApiError(
            404,
            f"The model '{model}' does not exist or you do not have access to it.",
            param="model",
            code="model_not_found",
        )
    return target


def _answer(c: SandboxContext, model: str, messages: list[Any], limit: int | None) -> ChatReply:
    return c.jobs.engine.chat(_answer_target(c, model), messages, limit)


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
    valid_limit = limit if isinstance(limit, int) and not isinstance(limit, bool) and limit > 0 else None
    reply = _answer(c, model, messages, valid_limit)
    if reply.prompt_tokens is not None and reply.completion_tokens is not None:
        return reply.text, reply.finish_reason, reply.prompt_tokens, reply.completion_tokens
    text, finish = _truncate(reply.text, model, valid_limit)
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
    ident = new_id("chatcmpl-")
    created = int(c.clock.wall())
    if body.get("stream"):
        await run_in_threadpool(_answer_target, c, model)  # an unknown model is a 404, not a broken stream
        options = body.get("stream_options") or {}
        include_usage = bool(isinstance(options, dict) and options.get("include_usage"))
        # The stream opens at once and the answer follows: a model that loads or thinks for a while
        # never leaves the client waiting for the first byte.
        return StreamingResponse(
            _stream(ident, created, model, lambda: _reply(c, model, messages, limit), include_usage),
            media_type="text/event-stream",
            headers={"cache-control": "no-cache"},
        )
    # In a worker thread: an engine answering (an index to build, a model to load) must not stall the server.
    text, finish, prompt_tokens, completion_tokens = await run_in_threadpool(
        _reply, c, model, messages, limit
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
    ident: str,
    created: int,
    model: str,
    reply: Callable[[], tuple[str, str, int, int]],
    with_usage: bool,
) -> AsyncIterator[bytes]:
    def sse(obj: dict[str, Any]) -> bytes:
        return b"data: " + json.dumps(obj, ensure_ascii=False).encode("utf-8") + b"\n\n"

    yield sse(
        stream_chunk(
            ident, created, model, {"role": "assistant", "content": "", "refusal": None}, None, with_usage
        )
    )
    try:
        text, finish, prompt_tokens, completion_tokens = await run_in_threadpool(reply)
    except ApiError as exc:  # after the stream opened: an error event, as the API sends one
        yield sse(exc.body())
        return
    usage = _usage(prompt_tokens, completion_tokens) if with_usage else None
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
