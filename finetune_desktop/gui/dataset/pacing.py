"""UI first: background loops of the editor share the GIL with the UI thread.

Every Python callback Qt makes on the UI thread (each ``data()`` of a paint) must take the GIL.
``paced()`` lets one background loop run at a time and makes it pause for ``REST_S`` after every
``WORK_SLICE_S``, so the UI thread gets regular GIL-free windows.

That is not enough while the UI thread itself has a lot to do: PySide releases the GIL
around its C++ calls, so every call the UI thread makes while a worker computes waits up to the
interpreter's switch interval to get the GIL back; building an example's message cards or repainting
the table after new rows arrived then takes several times longer (100-200 ms measured on 100k rows).

The UI thread calls ``ui_busy()`` before such work (or right after queueing it); ``paced()`` loops check
the flag at every item and wait, without the GIL, until the event loop has handled what was queued then
(its repaint included), at most ``MAX_WAIT_S`` so a worker is never starved.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QTimer

from finetune_desktop.core import gc_switch

#: work, then rest: short slices let the counting thread (which needs the GIL back after every string
#: it tokenized) keep pace with the loading thread
WORK_SLICE_S = 0.003
REST_S = 0.003
#: the row reader's slices: since ``check``'s worker processes validate and count, it only parses, indexes
#: and compresses, and all of the editor's results wait for its last row (the UI thread still gets the
#: GIL within the switch interval, and at once when it asked for quiet)
READER_SLICE_S = 0.008
READER_REST_S = 0.002
MAX_WAIT_S = 0.25
#: the flag clears this long after ``ui_busy()``: a real timer fires only after the posted events,
#: the low-priority repaint requests included (a 0 ms single shot would run before them)
SETTLE_MS = 16

_quiet = threading.Event()
_quiet.set()
_pending = 0


def ui_busy() -> None:
    """On the UI thread: workers pause until the event loop handled what is queued now."""
    global _pending
    _pending += 1
    _quiet.clear()
    QTimer.singleShot(SETTLE_MS, _settled)


def _settled() -> None:
    global _pending
    _pending = max(0, _pending - 1)
    if _pending == 0:
        _quiet.set()


def wait_for_ui() -> None:
    """On a worker: return at once unless the UI thread asked for quiet (then wait, GIL released)."""
    if not _quiet.is_set():
        _quiet.wait(MAX_WAIT_S)


_background = threading.Lock()


@contextmanager
def paced(slice_s: float = WORK_SLICE_S, rest_s: float = REST_S) -> Iterator[Callable[[], None]]:
    """One background loop at a time; call the yielded function once per item: it rests ``rest_s`` after
    every ``slice_s`` of work, and waits while the UI thread asked for quiet."""
    _background.acquire()
    since = time.perf_counter()

    def pace() -> None:
        nonlocal since
        if not _quiet.is_set():
            _quiet.wait(MAX_WAIT_S)
            since = time.perf_counter()
            return
        now = time.perf_counter()
        if now - since >= slice_s:
            time.sleep(rest_s)
            _background.release()  # (another background loop may take a turn)
            _background.acquire()
            since = time.perf_counter()

    try:
        yield pace
    finally:
        _background.release()


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while a worker builds 100k objects (findings, lists, entries).

    A collection holds the GIL for its whole run: the allocations of such a loop trigger full ones that
    walk every object made since the last ``gc.freeze()``, 50-150 ms each, during which the UI thread
    cannot run any Python. Nested and concurrent pauses share one switch. The objects made meanwhile
    are frozen at the end (moved out of the collector's view: what they are made of is acyclic and
    refcounting frees it), or the first collection after the pause would walk them all at once.
    """
    with gc_switch.paused(freeze=True):
        yield
