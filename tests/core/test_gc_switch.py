"""The process's one switch for automatic garbage collection: pauses that overlap, on several threads,
never switch collection back on once the window asked for it to stay off."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from finetune_desktop.core import gc_switch


@pytest.fixture(autouse=True)
def fresh_switch(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    monkeypatch.setattr(gc_switch, "_kept_off", False)
    yield
    (gc.enable if was else gc.disable)()


def test_a_pause_switches_collection_off_and_back_on() -> None:
    with gc_switch.paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_pause_leaves_collection_off_when_it_was_off() -> None:
    gc.disable()
    with gc_switch.paused():
        pass
    assert not gc.isenabled()


def pause_on_a_thread() -> tuple[threading.Thread, threading.Event]:
    """A pause begun on another thread; it ends when the returned event is set."""
    entered, leave = threading.Event(), threading.Event()

    def other() -> None:
        with gc_switch.paused():
            entered.set()
            leave.wait(5)

    t = threading.Thread(target=other)
    t.start()
    assert entered.wait(5)
    return t, leave


def test_overlapping_pauses_on_two_threads_switch_it_on_once_both_ended() -> None:
    with gc_switch.paused():
        t, leave = pause_on_a_thread()
    assert not gc.isenabled()  # the other thread's pause still runs
    leave.set()
    t.join(5)
    assert gc.isenabled()


def test_keep_off_during_a_pause_is_not_undone_when_the_pause_ends() -> None:
    """The race that crashed the suite: a loader's pause began, the first chart switched automatic
    collection off (collecting on the UI thread instead), and the pause's end switched it back on."""
    t, chart_made = pause_on_a_thread()  # the loader's
    gc_switch.keep_off()
    chart_made.set()
    t.join(5)
    assert not gc.isenabled()
    with gc_switch.paused():
        pass
    assert not gc.isenabled()
    assert gc_switch.kept_off()


@pytest.mark.parametrize("outer_freezes", [False, True])
def test_freeze_comes_when_the_last_pause_ends_whichever_asked(outer_freezes: bool) -> None:
    before = gc.get_freeze_count()
    with gc_switch.paused(freeze=outer_freezes):
        with gc_switch.paused(freeze=not outer_freezes):
            made = [[] for _ in range(1000)]
        assert gc.get_freeze_count() == before  # the outer pause still runs
    assert gc.get_freeze_count() >= before + len(made)
    frozen = gc.get_freeze_count()
    with gc_switch.paused():  # a later pause without freeze does not freeze again
        made += [[] for _ in range(1000)]
    assert gc.get_freeze_count() == frozen
    if before == 0:
        gc.unfreeze()


def test_frozen_hands_back_only_when_nothing_else_was_frozen() -> None:
    """check's workers fork inside ``frozen``; in the app the editor has frozen its loaded rows for good
    meanwhile or before, and ``gc.unfreeze()`` at the check's end would put them all back in view."""
    if gc.get_freeze_count():
        pytest.skip("this process froze objects already")
    with gc_switch.frozen():
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0  # nothing else was frozen: all handed back
    with gc_switch.frozen(False):
        assert gc.get_freeze_count() == 0
    gc.freeze()  # the editor's loaded rows
    try:
        before = gc.get_freeze_count()
        with gc_switch.frozen():
            pass
        assert gc.get_freeze_count() >= before  # still frozen
    finally:
        gc.unfreeze()
