"""First run: sandbox banner, fine-tuning dates note, guided tour, and the bundled sample dataset."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from keyring.backends import fail
from PySide6.QtWidgets import QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from finetune_desktop.core.accounts.connection_check import LAST_BASE_MODELS
from finetune_desktop.core.accounts.keystore import KeyStore
from finetune_desktop.core.accounts.profile_store import ProfileStore
from finetune_desktop.core.accounts.profiles import Profile, ProfileKind
from finetune_desktop.gui.context import AppContext
from finetune_desktop.gui.first_run.banner import SandboxBanner
from finetune_desktop.gui.first_run.samples import sample_dataset_path
from finetune_desktop.gui.first_run.tour import GuidedTour, tour_seen, tour_steps

PAGES = [("dataset", "Dataset"), ("settings", "Settings")]


@pytest.fixture
def context(qtbot: QtBot) -> Iterator[AppContext]:
    ctx = AppContext(ProfileStore(), KeyStore(backend=fail.Keyring()))
    yield ctx
    ctx.runner.shutdown()


def test_banner_is_shown_on_the_sandbox_with_dates_and_hidden_on_a_real_account(
    qtbot: QtBot, context: AppContext
) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    banner = SandboxBanner(context, host)
    QVBoxLayout(host).addWidget(banner)
    host.show()
    assert banner.isVisible()
    text = banner.explanation.text() + banner.dates.text()
    assert "built-in sandbox" in banner.title.text()
    assert "Settings" in text
    assert "6 January 2027" in text
    assert "14 January 2027" in text
    for model in LAST_BASE_MODELS:
        assert model in text
    assert "compatible servers and Azure" in text

    with qtbot.waitSignal(banner.connect_account_requested):
        banner.connect_button.click()

    work = context.store.add(Profile(id="", name="Work", kind=ProfileKind.OPENAI))
    context.set_active_profile(work.id)
    assert not banner.isVisible()
    context.set_active_profile("sandbox")
    assert banner.isVisible()
    banner.hide_button.click()
    assert not banner.isVisible()


def test_tour_covers_only_the_screens_that_exist() -> None:
    steps = tour_steps(PAGES)
    assert [s.page for s in steps] == [None, "dataset", "settings", None]
    assert [s.title for s in steps[1:3]] == ["Dataset", "Settings"]
    text = " ".join(s.text for s in steps)
    assert "Jobs" not in text
    assert "training job" not in text
    later = tour_steps([*PAGES, ("jobs", "Jobs")])
    assert [s.page for s in later] == [None, "dataset", "settings", "jobs", None]
    assert "training job" in later[-1].text


def test_tour_walks_the_pages_and_remembers_it_was_seen(qtbot: QtBot) -> None:
    settings = AppContext.ui_settings()
    assert not tour_seen(settings)
    tour = GuidedTour(PAGES, settings)
    qtbot.addWidget(tour)
    requested: list[str] = []
    tour.page_requested.connect(requested.append)
    tour.show()
    assert tour.counter.text() == "Step 1 of 4"
    assert not tour.back_button.isEnabled()
    tour.next_button.click()
    tour.next_button.click()
    assert requested == ["dataset", "settings"]
    tour.back_button.click()
    assert tour.heading.text() == "Dataset"
    tour.next_button.click()
    tour.next_button.click()
    assert tour.next_button.text() == "Done"
    assert tour.skip_button.isHidden()
    with qtbot.waitSignal(tour.finished):
        tour.next_button.click()
    assert tour_seen(AppContext.ui_settings())


def test_skipping_the_tour_also_marks_it_seen(qtbot: QtBot) -> None:
    tour = GuidedTour(PAGES, AppContext.ui_settings())
    qtbot.addWidget(tour)
    tour.show()
    with qtbot.waitSignal(tour.finished):
        tour.skip_button.click()
    assert tour_seen(AppContext.ui_settings())


def test_sample_dataset_is_valid_bilingual_chat_jsonl() -> None:
    path = sample_dataset_path()
    assert path.is_file()
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) >= 20
    languages = {"en": 0, "zh": 0}
    for number, line in enumerate(lines, 1):
        data = json.loads(line)
        roles = [m["role"] for m in data["messages"]]
        assert roles == ["system", "user", "assistant"], number
        assert all(m["content"].strip() for m in data["messages"]), number
        story = data["messages"][2]["content"]
        if any("\u4e00" <= ch <= "\u9fff" for ch in story):
            languages["zh"] += 1
            assert 60 <= len(story) <= 140, number
        else:
            languages["en"] += 1
            assert 40 <= len(story.split()) <= 60, number
    assert languages["en"] >= 10
    assert languages["zh"] >= 10


def test_sample_dataset_loads_without_issues_through_core() -> None:
    jsonl = pytest.importorskip("finetune_desktop.core.dataset.jsonl_reader")
    dataset = jsonl.load_jsonl(sample_dataset_path())
    assert len(dataset.examples) == 24
    assert not dataset.issues


def test_sample_dataset_has_no_errors_for_the_validator() -> None:
    jsonl = pytest.importorskip("finetune_desktop.core.dataset.jsonl_reader")
    validation = pytest.importorskip("finetune_desktop.core.validation.incremental")
    findings = validation.validate_dataset(jsonl.load_jsonl(sample_dataset_path()))
    assert [f.code for f in findings if f.severity == "error"] == []
