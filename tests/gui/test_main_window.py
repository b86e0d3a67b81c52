"""The main window: navigation, backend in the status bar, menus with shortcuts, state and unsaved work."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from finetune_desktop.core.accounts.profiles import Profile, ProfileKind
from finetune_desktop.gui.main_window import MainWindow
from tests.gui.editor_helpers import (
    close_window,
    make_window,
    open_and_wait,
    sample_rows,
    window,
    write_jsonl,
)

__all__ = ["window"]


def test_navigation_has_dataset_jobs_compare_and_settings(window: MainWindow) -> None:
    assert [k for k, _t in window.page_keys()] == ["dataset", "jobs", "compare", "settings"]
    window.show_page("settings")
    assert window.stack.currentWidget() is window.page("settings")
    window.show_page("compare")
    assert window.stack.currentWidget() is window.page("compare")


def test_status_bar_shows_active_backend(window: MainWindow) -> None:
    switcher = window.profile_switcher
    assert switcher.text().startswith("Backend: Sandbox")
    assert switcher.isVisible()
    assert not switcher.session_note.isVisible()
    work = window.context.store.add(Profile("", "Work account", ProfileKind.OPENAI))
    window.context.notify_profiles_changed()
    window.context.set_active_profile(work.id)
    assert switcher.text() == "Backend: Work account"


def test_menus_show_shortcuts(window: MainWindow) -> None:
    for action in (
        window.new_action,
        window.open_action,
        window.save_action,
        window.save_as_action,
        window.undo_action,
        window.redo_action,
        window.new_example_action,
        window.add_turn_action,
        window.next_action,
        window.prev_action,
        window.import_action,
        window.export_action,
    ):
        assert not action.shortcut().isEmpty(), action.text()
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles[:2] == ["&File", "&Edit"]


def test_geometry_is_restored(qtbot: QtBot) -> None:
    first = make_window(qtbot)
    first.resize(1150, 700)
    first.dataset_page.splitter.setSizes([600, 400])
    sizes = first.dataset_page.splitter.sizes()
    size = (first.width(), first.height())
    assert size != (1280, 800)
    close_window(first)
    second = make_window(qtbot)
    assert (second.width(), second.height()) == size
    assert second.dataset_page.splitter.sizes() == sizes
    close_window(second)


def test_close_with_unsaved_changes_asks_and_cancel_keeps_window(qtbot: QtBot, tmp_path: Path) -> None:
    w = make_window(qtbot)
    open_and_wait(qtbot, w, write_jsonl(tmp_path / "d.jsonl", sample_rows(12)))
    w.dataset_page.new_example()
    assert w.document.dirty
    assert w.isWindowModified()
    assert not w.close()
    box = w.close_prompt
    assert box is not None
    assert box.isVisible()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert w.isVisible()
    assert w.document.dirty
    assert not w.close()
    w.close_prompt.button(QMessageBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: not w.isVisible(), timeout=10_000)
    assert len((tmp_path / "d.jsonl").read_text(encoding="utf-8").splitlines()) == 13
    w.context.runner.shutdown()


def test_composition_root_opens_on_sandbox_with_sample_and_tour(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QApplication

    from finetune_desktop.app import build_main_window

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    w, sandbox = build_main_window(app)
    assert isinstance(w, MainWindow)
    qtbot.addWidget(w)
    w.show()
    try:
        assert "sandbox" in w.profile_switcher.text().lower()
        qtbot.waitUntil(lambda: len(w.document) > 0 and not w.document.analysing, timeout=20_000)
        assert w.document.path is not None
        assert w.document.path.name.endswith(".jsonl")  # the bundled sample set
        assert any("\u4e00" <= ch <= "\u9fff" for ex in w.document.examples for ch in str(ex.data))
        qtbot.waitUntil(lambda: _tour_open(w), timeout=5000)
        assert w.context.sandbox_url is not None
        assert w.context.sandbox_url().startswith("http://127.0.0.1:")
    finally:
        close_window(w)
        sandbox.stop()


def _tour_open(w: MainWindow) -> bool:
    from finetune_desktop.gui.first_run.tour import GuidedTour

    return any(t.isVisible() for t in w.findChildren(GuidedTour))


def test_profile_without_readable_key_falls_back_to_sandbox_for_this_session_only(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QApplication

    from finetune_desktop.app import build_main_window
    from finetune_desktop.core.accounts.profile_store import ProfileStore

    store = ProfileStore()
    work = store.add(Profile("", "Work account", ProfileKind.OPENAI))
    store.active_id = work.id  # saved choice, but no key is stored for it

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    w, sandbox = build_main_window(app, first_run_sample=False)
    assert isinstance(w, MainWindow)
    qtbot.addWidget(w)
    w.show()
    try:
        assert w.context.active_profile.kind is ProfileKind.SANDBOX
        assert w.profile_switcher.text().startswith("Backend: Sandbox")
        assert w.profile_switcher.session_note.isVisible()
        assert "Work account" in w.profile_switcher.session_note.toolTip()
        assert ProfileStore().active_id == work.id  # the saved choice is untouched
        w.context.set_active_profile(work.id)  # choosing explicitly ends the session-only fallback
        assert not w.profile_switcher.session_note.isVisible()
        assert ProfileStore().active_id == work.id
    finally:
        close_window(w)
        sandbox.stop()
