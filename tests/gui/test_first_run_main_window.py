"""First run through the real composition root: sandbox active, sample open, banner, tour over real pages."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from finetune_desktop.core.accounts.profiles import ProfileKind
from finetune_desktop.core.paths import documents_dir
from finetune_desktop.gui.first_run.samples import sample_dataset_path
from finetune_desktop.gui.first_run.tour import GuidedTour, tour_seen


@pytest.fixture
def first_run_window(qtbot: QtBot, qapp: QApplication) -> Iterator[Any]:
    app_module = pytest.importorskip("finetune_desktop.app")
    window, sandbox = app_module.build_main_window(qapp)
    qtbot.addWidget(window)
    window.show()
    try:
        yield window
    finally:
        for tour in window.findChildren(GuidedTour):
            tour.close()
        window.context.runner.shutdown()
        sandbox.stop()


def test_first_run_opens_on_the_sandbox_with_the_sample_banner_and_tour(
    qtbot: QtBot, first_run_window: Any
) -> None:
    window = first_run_window
    assert window.context.active_profile.kind is ProfileKind.SANDBOX
    assert window.banner.isVisible()
    qtbot.waitUntil(lambda: len(window.document.examples) == 24, timeout=10_000)
    # The user's own copy in their documents folder, byte-identical to the bundled sample, so saving
    # and splitting never write into the install folder.
    assert window.document.path == documents_dir() / sample_dataset_path().name
    assert window.document.path.read_bytes() == sample_dataset_path().read_bytes()

    qtbot.waitUntil(lambda: bool(window.findChildren(GuidedTour)), timeout=5_000)
    tour = window.findChildren(GuidedTour)[0]
    qtbot.waitUntil(tour.isVisible)
    pages = [key for key, _title in window.page_keys()]
    described = ("dataset", "jobs", "compare", "settings")
    assert [s.page for s in tour.steps if s.page] == [p for p in pages if p in described]
    assert "dataset" in pages
    assert "settings" in pages
    shown: list[str] = []
    window.page_changed.connect(shown.append)
    while tour.index < len(tour.steps) - 1:
        tour.next_button.click()
    assert "settings" in shown
    with qtbot.waitSignal(tour.finished):
        tour.next_button.click()
    assert tour_seen(window.context.ui_settings())


def test_banner_connect_button_opens_settings(qtbot: QtBot, first_run_window: Any) -> None:
    window = first_run_window
    window.banner.connect_button.click()
    assert window.stack.currentWidget() is window.page("settings")


def test_a_later_start_reopens_the_last_dataset_and_the_banner_says_only_what_is_true(
    qtbot: QtBot, qapp: QApplication, first_run_window: Any, tmp_path: Any
) -> None:
    window = first_run_window
    qtbot.waitUntil(lambda: len(window.document.examples) == 24, timeout=10_000)
    assert "A sample dataset is open" in window.banner.explanation.text()
    from finetune_desktop.gui.dataset.ui_state import add_recent_file
    from finetune_desktop.gui.first_run.tour import mark_tour_seen

    mark_tour_seen(window.context.ui_settings())
    mine = tmp_path / "mine.jsonl"
    mine.write_text(
        '{"messages": [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello"}]}\n',
        encoding="utf-8",
    )
    add_recent_file(mine)
    app_module = pytest.importorskip("finetune_desktop.app")
    later, sandbox = app_module.build_main_window(qapp)
    qtbot.addWidget(later)
    later.show()
    try:
        qtbot.waitUntil(
            lambda: later.document.path == mine and len(later.document.examples) == 1, timeout=10_000
        )
        assert "sample" not in later.banner.explanation.text()
        assert not later.findChildren(GuidedTour)
    finally:
        later.document.undo_stack.setClean()
        later.context.runner.shutdown()
        sandbox.stop()
