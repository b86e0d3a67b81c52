"""The process's one switch for Python's automatic cycle collection.

Several loops pause automatic collection while they build many acyclic objects (the JSONL reader, the
validator, check's workers, the editor's background work), on whatever thread runs them, and the window
switches it off for good once its charts exist (pyqtgraph's items form reference cycles holding Qt
objects: collected on a worker thread, those would be destroyed there, which Qt does not allow; the window
collects on a UI-thread timer instead).

Each of them saving ``gc.isenabled()`` and restoring it raced with the others: a pause that began before
the window switched collection off switched it back on when it ended, so from then on the automatic
collector ran on any thread again. Here all pauses share one count, and the state they restore is the
process's wish (on, unless :func:`keep_off` was called), never a value read before someone else changed it.
"""

from __future__ import annotations

import gc
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_pauses = 0
_kept_off = False
_freeze_at_end = False
_restore = False  # switch collection back on when the last pause ends


@contextmanager
def paused(*, freeze: bool = False) -> Iterator[None]:
    """No automatic collection inside (nested and concurrent pauses share one count). When the last pause
    ends, automatic collection is switched back on, unless it was off before the first one began or
    :func:`keep_off` was called meanwhile. ``freeze``: move the objects made meanwhile out of the
    collector's view when the last pause ends (``gc.freeze()``), so the next collection does not walk
    them all at once."""
    global _pauses, _freeze_at_end, _restore
    with _lock:
        if _pauses == 0:
            _restore = gc.isenabled() and not _kept_off
            gc.disable()
        _pauses += 1
        _freeze_at_end = _freeze_at_end or freeze
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            if _pauses == 0:
                if _freeze_at_end:
                    gc.freeze()
                    _freeze_at_end = False
                if _restore and not _kept_off:
                    gc.enable()


@contextmanager
def frozen(freeze: bool = True) -> Iterator[None]:
    """With ``freeze``, the objects alive now are out of the collector's view inside (``gc.freeze()``,
    before forking workers: the collector writes to every object it visits, which would copy the
    parent's memory into each of them). At the end they are handed back (``gc.unfreeze()``) only when
    nothing was frozen before: unfreezing cannot tell another freeze from this one, and undoing the
    window's (its loaded rows, a pause's ``freeze``) would put them all back in the next full collection."""
    if not freeze:
        yield
        return
    others = gc.get_freeze_count() > 0
    gc.freeze()
    try:
        yield
    finally:
        if not others:
            gc.unfreeze()


def keep_off() -> None:
    """Switch automatic collection off for the rest of the process (the caller collects by itself); no
    pause, running or to come, switches it back on."""
    global _kept_off
    with _lock:
        _kept_off = True
        gc.disable()


def _new_lock_in_child() -> None:
    """A forked worker (check's ranges) must not inherit the lock held by a thread it does not have."""
    global _lock
    _lock = threading.Lock()


os.register_at_fork(after_in_child=_new_lock_in_child)


def kept_off() -> bool:
    return _kept_off
