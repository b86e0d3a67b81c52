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


def test_overlapping_pauses_on_two_threads_switch_it_on_once_both_ended() -> None:
    entered, leave = threading.Event(), threading.Event()

    def other() -> None:
        with gc_switch.paused():
            entered.set()
            leave.wait(5)

    t = threading.Thread(target=other)
    with gc_switch.paused():
        t.start()
        assert entered.wait(5)
    assert not gc.isenabled()  # the other thread's pause still runs
    leave.set()
    t.join(5)
    assert gc.isenabled()


def test_keep_off_during_a_pause_is_not_undone_when_the_pause_ends() -> None:
    """The race that crashed the suite: a loader's pause began, the first chart switched automatic
    collection off (collecting on the UI thread instead), and the pause's end switched it back on."""
    started, chart_made = threading.Event(), threading.Event()

    def loader() -> None:
        with gc_switch.paused():
            started.set()
            chart_made.wait(5)

    t = threading.Thread(target=loader)
    t.start()
    assert started.wait(5)
    gc_switch.keep_off()
    chart_made.set()
    t.join(5)
    assert not gc.isenabled()
    with gc_switch.paused():
        pass
    assert not gc.isenabled()
    assert gc_switch.kept_off()
