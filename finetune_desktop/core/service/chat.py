"""Chat completions, streamed, with token usage (for comparing a base model with a fine-tune).

Only the opening request is retried: once text has arrived, repeating would show the user a different
answer half-way, so a failure mid-stream is reported instead.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import openai

from finetune_desktop.core.cancel import CancelToken
from finetune_desktop.core.service.errors import translate
from finetune_desktop.core.service.retry import RetryPolicy, call_with_retry


@dataclass(frozen=True)
class ChatUsage:
    prompt_tokens: int
    completion_tokens: int
    total_tokens: int


@dataclass(frozen=True)
class ChatChunk:
    """A piece of the answer; the last chunk carries ``usage`` (when the server reports it)."""

    text: str = ""
    finish_reason: str | None = None
    usage: ChatUsage | None = None


@dataclass(frozen=True)
class ChatReply:
    text: str
    finish_reason: str | None
    usage: ChatUsage | None


def _usage(obj: Any) -> ChatUsage | None:
    if obj is None:
        return None
    return ChatUsage(
        int(getattr(obj, "prompt_tokens", 0) or 0),
        int(getattr(obj, "completion_tokens", 0) or 0),
        int(getattr(obj, "total_tokens", 0) or 0),
    )


def stream_chat(
    client: openai.OpenAI,
    model: str,
    messages: Sequence[Mapping[str, Any]],
    *,
    policy: RetryPolicy,
    api_key: str | None = None,
    temperature: float | None = None,
    max_tokens: int | None = None,
    cancel: CancelToken | None = None,
    top_p: float | None = None,
) -> Iterator[ChatChunk]:
    """Yield the answer as it arrives; stops early (closing the stream) when ``cancel`` is set."""
    kwargs = _request(model, messages, temperature, max_tokens, top_p)
    kwargs["stream"] = True
    kwargs["stream_options"] = {"include_usage": True}
    stream = call_with_retry(
        lambda: client.chat.completions.create(**kwargs),
        operation="chat",
        policy=policy,
        api_key=api_key,
        cancel=cancel,
    )
    try:
        for chunk in stream:
            if cancel is not None and cancel.cancelled:
                break
            text = ""
            finish: str | None = None
            for choice in chunk.choices or ():
                if choice.delta is not None and choice.delta.content:
                    text += choice.delta.content
                finish = choice.finish_reason or finish
            usage = _usage(getattr(chunk, "usage", None))
            if text or finish or usage:
                yield ChatChunk(text=text, finish_reason=finish, usage=usage)
    except openai.OpenAIError as exc:
        raise translate(exc, operation="chat", api_key=api_key) from None
    finally:
        stream.close()


def _request(
    model: str,
    messages: Sequence[Mapping[str, Any]],
    temperature: float | None,
    max_tokens: int | None,
    top_p: float | None,
) -> dict[str, Any]:
    kwargs: dict[str, Any] = {"model": model, "messages": [dict(m) for m in messages]}
    if temperature is not None:
        kwargs["temperature"] = temperature
    if top_p is not None:
        kwargs["top_p"] = top_p
    if max_tokens is not None:
        kwargs["max_completion_tokens"] = max_tokens
    return kwargs


def complete_chat(
    client: openai.OpenAI,
    model: str,
    messages: Sequence[Mapping[str, Any]],
    *,
    policy: RetryPolicy,
    api_key: str | None = None,
    temperature: float | None = None,
    top_p: float | None = None,
    max_tokens: int | None = None,
    cancel: CancelToken | None = None,
) -> ChatReply:
    """One answer in one response (no stream): the whole request is safe to repeat, so a 429, a 5xx or a
    connection dropped at any point is retried by the policy (batch runs, where nobody watches it grow)."""
    kwargs = _request(model, messages, temperature, max_tokens, top_p)

    def send() -> ChatReply:
        response = client.chat.completions.create(**kwargs)
        choices = response.choices or []
        if not choices:
            return ChatReply("", None, _usage(getattr(response, "usage", None)))
        message = choices[0].message
        text = (message.content if message is not None else None) or ""
        return ChatReply(text, choices[0].finish_reason, _usage(getattr(response, "usage", None)))

    return call_with_retry(send, operation="chat", policy=policy, api_key=api_key, cancel=cancel)


def chat_once(
    client: openai.OpenAI,
    model: str,
    messages: Sequence[Mapping[str, Any]],
    *,
    policy: RetryPolicy,
    api_key: str | None = None,
    temperature: float | None = None,
    max_tokens: int | None = None,
) -> ChatReply:
    """The whole streamed answer collected into one reply."""
    parts: list[str] = []
    finish: str | None = None
    usage: ChatUsage | None = None
    for chunk in stream_chat(
        client,
        model,
        messages,
        policy=policy,
        api_key=api_key,
        temperature=temperature,
        max_tokens=max_tokens,
    ):
        parts.append(chunk.text)
        finish = chunk.finish_reason or finish
        usage = chunk.usage or usage
    return ChatReply("".join(parts), finish, usage)
