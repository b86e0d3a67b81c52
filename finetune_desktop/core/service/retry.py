"""Our own retry loop around SDK calls (the SDK's built-in retries are switched off).

Why not the SDK's: it re-sends any request whose body can be re-sent, including job creation and file
uploads, which are not idempotent (a dropped connection after the server acted would create a second job
or file). Here every call says whether it is safe to repeat; an unsafe one that failed mid-flight first
asks ``recover()`` whether it already took effect. Delays are parameters so tests run fast, ``Retry-After``
is honoured, and a cancel token interrupts the wait.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from finetune_desktop.core.api.errors import OutcomeUncertain, RateLimited, ServiceError
from finetune_desktop.core.cancel import Cancelled, CancelToken
from finetune_desktop.core.service.errors import translate

log = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass(frozen=True)
class RetryNotice:
    """Told to ``on_retry`` before each wait, so a screen can say "server busy, retrying in 3 s".

    Called on the thread that makes the request (a worker in the GUI): marshal it to the UI thread."""

    operation: str
    attempt: int  # the attempt that failed, from 1
    delay: float
    error: ServiceError


@dataclass(frozen=True)
class RetryPolicy:
    max_retries: int = 3
    initial_delay: float = 0.5
    max_delay: float = 8.0
    #: a Retry-After longer than this is not waited for: the error goes to the user instead
    max_retry_after: float = 120.0
    jitter: float = 0.25
    on_retry: Callable[[RetryNotice], None] | None = field(default=None, compare=False)

    def delay_for(self, attempt: int, error: ServiceError) -> float | None:
        """Seconds to wait before the next attempt, or None when the server asked for too long a wait."""
        if error.retry_after is not None and error.retry_after > 0:
            if error.retry_after > self.max_retry_after:
                return None
            return error.retry_after
        base = min(self.initial_delay * (2.0 ** (attempt - 1)), self.max_delay)
        return base * (1.0 - self.jitter * random.random())


def _sleep(seconds: float, cancel: CancelToken | None) -> None:
    if cancel is None:
        threading.Event().wait(seconds)
        return
    waited = 0.0
    while waited < seconds:
        cancel.raise_if_cancelled()
        step = min(0.05, seconds - waited)
        threading.Event().wait(step)
        waited += step
    cancel.raise_if_cancelled()


def call_with_retry(
    fn: Callable[[], T],
    *,
    operation: str,
    policy: RetryPolicy,
    api_key: str | None = None,
    idempotent: bool = True,
    recover: Callable[[], T | None] | None = None,
    cancel: CancelToken | None = None,
) -> T:
    """Run ``fn`` until it succeeds, a non-retryable error occurs, or retries run out.

    ``idempotent=False``: after a failure where the server may have acted (connection drop, timeout, 5xx,
    408/409) ``recover()`` is asked first; it returns the result if the request did take effect, else None.
    A 429 is always safe to repeat (the server refused before acting). Without ``recover`` an unsafe call
    is never repeated after such a failure.
    """
    attempt = 0
    ambiguous = False
    while True:
        attempt += 1
        if cancel is not None:
            cancel.raise_if_cancelled()
        try:
            return fn()
        except Cancelled:
            raise
        except Exception as exc:  # noqa: BLE001 - every failure becomes one ServiceError below
            if cancel is not None and cancel.cancelled:  # the SDK wraps our Cancelled in a connection error
                raise Cancelled() from None
            error = translate(exc, operation=operation, api_key=api_key)
        log.info("%s attempt %d failed: %s (status %s)", operation, attempt, error.kind.value, error.status)
        maybe_acted = error.retryable and not isinstance(error, RateLimited)
        can_retry = error.retryable and attempt <= policy.max_retries
        delay = policy.delay_for(attempt, error) if can_retry else None
        if not idempotent and maybe_acted:
            ambiguous = True
            if recover is None:
                raise OutcomeUncertain(
                    detail=error.title, request_id=error.request_id, status=error.status
                ) from None
            if delay is not None and policy.on_retry is not None:
                policy.on_retry(RetryNotice(operation, attempt, delay, error))
            # Wait first: a slow server may still be acting on the request we gave up on.
            _sleep(delay if delay is not None else policy.initial_delay, cancel)
            found = _try_recover(recover, error)
            if found is not None:
                log.info("%s had taken effect despite the failure; not repeating it", operation)
                return found
            if delay is None:
                raise error from None
            continue
        if ambiguous and recover is not None and not error.retryable:
            # e.g. "already cancelled" after an earlier attempt that reached the server
            found = _try_recover(recover, error)
            if found is not None:
                return found
        if delay is None:
            raise error from None
        if maybe_acted:
            ambiguous = True
        if policy.on_retry is not None:
            policy.on_retry(RetryNotice(operation, attempt, delay, error))
        _sleep(delay, cancel)


def _try_recover(recover: Callable[[], T | None], error: ServiceError) -> T | None:
    try:
        return recover()
    except ServiceError as lookup_error:
        raise OutcomeUncertain(
            detail=f"{error.title}; the check afterwards also failed: {lookup_error.title}",
            request_id=error.request_id,
            status=error.status,
        ) from None
