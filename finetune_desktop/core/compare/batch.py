"""Run every prompt through every chosen model with a bounded number of requests in flight.

Answers stream out as they arrive (the function is a generator: the GUI's task runner turns each into an
``on_item`` call, the command prints progress). Every answer is stored in the :class:`ResultStore` before it
is yielded, so a cancel, a crash or a closed window loses nothing that came back, and a request is never
made for a prompt that already has an answer from that model.

Passing server trouble (429, 5xx, a dropped connection) is retried by the service layer's policy; when that
gives up, the row is tried again later in the run (``row_retries``) and only then stored as failed, to be
sent again on the next run.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Generator, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from typing import Any, Protocol

from finetune_desktop.core.cancel import Cancelled, CancelToken, ProgressCallback, no_progress
from finetune_desktop.core.compare.access import ChatService, ReplyLike, is_service_error
from finetune_desktop.core.compare.prompts import PromptRow
from finetune_desktop.core.compare.results import Answer, ResultStore

#: Requests in flight at most, whatever is asked (the GUI's network pool and a server's patience).
MAX_CONCURRENCY = 32
#: Seconds before a row whose retries ran out is tried once more in the same run.
ROW_RETRY_DELAY_S = 1.0


@dataclass(frozen=True)
class ChatParams:
    temperature: float | None = None
    top_p: float | None = None
    max_tokens: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {"temperature": self.temperature, "top_p": self.top_p, "max_tokens": self.max_tokens}

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> ChatParams:
        def num(key: str) -> float | None:
            v = d.get(key)
            return float(v) if isinstance(v, int | float) and not isinstance(v, bool) else None

        mt = d.get("max_tokens")
        return cls(num("temperature"), num("top_p"), int(mt) if isinstance(mt, int) and mt > 0 else None)


class Replier(Protocol):
    """Ask ``model`` once; raises ``ServiceError`` (or ``Cancelled``)."""

    def __call__(
        self, model: str, messages: Sequence[Mapping[str, Any]], params: ChatParams, cancel: CancelToken
    ) -> ReplyLike: ...


def service_replier(service: ChatService) -> Replier:
    """A replier that sends whole (non-streamed) requests through ``service``."""

    def reply(
        model: str, messages: Sequence[Mapping[str, Any]], params: ChatParams, cancel: CancelToken
    ) -> ReplyLike:
        reply: ReplyLike = service.complete(
            model,
            messages,
            temperature=params.temperature,
            top_p=params.top_p,
            max_tokens=params.max_tokens,
            cancel=cancel,
        )
        return reply

    return reply


@dataclass(frozen=True)
class Slot:
    """One column of a comparison: its key in the results ("a", "b"), the model, and how to ask it (a
    model from another connection profile brings its own replier)."""

    key: str
    model: str
    reply: Replier


@dataclass(frozen=True)
class BatchSummary:
    total: int  # prompts x slots
    answered: int  # with an answer now (before this run or in it)
    failed: int  # still without one after this run
    sent: int  # answers that came back in this run (successful or not)
    reused: int  # already answered before this run: not sent again
    cancelled: bool = False


def pending(
    rows: Sequence[PromptRow], slots: Sequence[Slot], store: ResultStore
) -> list[tuple[PromptRow, Slot]]:
    """The (prompt, slot) pairs still without an answer, prompt by prompt."""
    return [(r, s) for r in rows for s in slots if not store.has_answer(r, s.key, s.model)]


def _ask(slot: Slot, row: PromptRow, params: ChatParams, cancel: CancelToken) -> Answer:
    started = time.monotonic()
    try:
        reply = slot.reply(slot.model, row.messages, params, cancel)
    except Cancelled:
        raise
    except Exception as err:
        if not is_service_error(err):
            raise
        kind = str(getattr(err, "kind", "unknown"))
        return Answer(
            row.index,
            slot.key,
            slot.model,
            row.digest,
            latency_s=time.monotonic() - started,
            error=str(getattr(err, "title", "") or err),
            error_kind=kind if getattr(err, "retryable", False) else f"{kind}:final",
        )
    usage = reply.usage
    return Answer(
        row.index,
        slot.key,
        slot.model,
        row.digest,
        text=reply.text,
        finish_reason=reply.finish_reason,
        latency_s=time.monotonic() - started,
        prompt_tokens=usage.prompt_tokens if usage else 0,
        completion_tokens=usage.completion_tokens if usage else 0,
    )


def _retryable(answer: Answer) -> bool:
    return answer.error is not None and not (answer.error_kind or "").endswith(":final")


def run_batch(
    rows: Sequence[PromptRow],
    slots: Sequence[Slot],
    store: ResultStore,
    *,
    concurrency: int = 4,
    params: ChatParams | None = None,
    cancel: CancelToken | None = None,
    progress: ProgressCallback = no_progress,
    row_retries: int = 2,
    wait_fn: Callable[[float], None] | None = None,
) -> Generator[Answer, None, BatchSummary]:
    """Yield each answer as it comes back (already stored); returns a :class:`BatchSummary`.

    Closing the generator (or cancelling the token) stops new requests; requests in flight finish and
    their answers are stored before the generator returns.
    """
    outer = cancel or CancelToken()
    token = CancelToken()  # the requests' own: also set when the caller closes the generator
    chat_params = params or ChatParams()
    width = max(1, min(int(concurrency), MAX_CONCURRENCY))
    total = len(rows) * len(slots)
    todo = pending(rows, slots, store)
    reused = total - len(todo)
    done = reused
    sent = 0
    tries: dict[tuple[int, str], int] = {}
    progress(done, total)
    queue = list(reversed(todo))  # pop() from the end keeps prompt order
    retry_at: list[tuple[float, PromptRow, Slot]] = []
    in_flight: dict[Future[Answer], tuple[PromptRow, Slot]] = {}
    pause = wait_fn or (lambda s: outer_wait(outer, s))
    executor = ThreadPoolExecutor(max_workers=width, thread_name_prefix="compare")

    def keep(answer: Answer) -> Answer:
        nonlocal sent, done
        store.add(answer)
        sent += 1
        done += 1
        progress(done, total)
        return answer

    try:
        while (queue or retry_at or in_flight) and not outer.cancelled:
            now = time.monotonic()
            for item in [item for item in retry_at if item[0] <= now]:
                retry_at.remove(item)
                queue.append((item[1], item[2]))
            while queue and len(in_flight) < width:
                row, slot = queue.pop()
                in_flight[executor.submit(_ask, slot, row, chat_params, token)] = (row, slot)
            if not in_flight:
                pause(max(0.0, min(t for t, _r, _s in retry_at) - time.monotonic()) + 0.001)
                continue
            finished, _ = wait(in_flight, timeout=0.25, return_when=FIRST_COMPLETED)
            for fut in finished:
                row, slot = in_flight.pop(fut)
                answer = _result(fut)
                if answer is None:
                    continue
                key = (row.index, slot.key)
                if _retryable(answer) and tries.get(key, 0) < row_retries:
                    tries[key] = tries.get(key, 0) + 1
                    retry_at.append((time.monotonic() + ROW_RETRY_DELAY_S, row, slot))
                    continue
                yield keep(answer)
        # Cancelled: no new requests; those in flight finish, and what came back is kept.
        token.cancel()
        while in_flight:
            fut = next(iter(in_flight))
            in_flight.pop(fut)
            answer = _result(fut)
            if answer is not None and answer.ok:
                yield keep(answer)
    finally:
        token.cancel()
        executor.shutdown(wait=True, cancel_futures=True)
        for fut in in_flight:  # the generator was closed early
            answer = _result(fut) if not fut.cancelled() else None
            if answer is not None and answer.ok:
                store.add(answer)
    answered = sum(1 for r in rows for s in slots if store.has_answer(r, s.key, s.model))
    return BatchSummary(total, answered, total - answered, sent, reused, outer.cancelled)


def outer_wait(token: CancelToken, seconds: float) -> None:
    """Sleep up to ``seconds``, waking early when ``token`` is cancelled."""
    end = time.monotonic() + seconds
    while not token.cancelled and (left := end - time.monotonic()) > 0:
        threading.Event().wait(min(0.05, left))


def _result(fut: Future[Answer]) -> Answer | None:
    try:
        return fut.result()
    except Cancelled:
        return None
