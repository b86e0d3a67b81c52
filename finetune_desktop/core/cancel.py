"""Cooperative cancellation and progress, shared by every long core operation.

Core functions stay synchronous; the GUI runs them in a worker and cancels them through a token.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

#: ``progress(done, total)``; ``total`` is 0 when unknown.
ProgressCallback = Callable[[int, int], None]


class Cancelled(Exception):  # reads better at call sites than CancelledError
    """Raised inside a core operation when its token was cancelled."""


class CancelToken:
    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled()


def no_progress(done: int, total: int) -> None:
    """Default progress callback."""
