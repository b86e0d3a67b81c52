"""The new-job form from the open dataset: checks as you type, price, blocking findings, upload with
progress, the job appearing at once, and never two jobs from a double click or a dropped POST."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from finetune_desktop.core.api.records import JobStatus
from finetune_desktop.core.catalog.models import load_catalog
from finetune_desktop.core.catalog.pricing import default_epochs
from finetune_desktop.core.validation.findings import Finding
from finetune_desktop.gui.dataset.commands import VALIDATION_TAG
from finetune_desktop.gui.dataset.document import DatasetDocument
from finetune_desktop.gui.jobs.form import NewJobDialog
from finetune_desktop.gui.jobs.monitor import JobMonitor
from finetune_desktop.gui.jobs.page import JobsPage
from tests.gui.jobs_helpers import JobsEnv, chat_rows, env, jobs_server, write_jsonl

__all__ = ["env", "jobs_server"]


@pytest.fixture
def document(env: JobsEnv, qtbot: QtBot) -> Iterator[DatasetDocument]:
    doc = DatasetDocument(env.context.runner, env.context)  # (goes with its runner)
    yield doc
    doc.cancel_load()


def _open(qtbot: QtBot, doc: DatasetDocument, path: Path) -> None:
    with qtbot.waitSignal(doc.load_finished, timeout=20_000):
        doc.open(path)
    qtbot.waitUntil(lambda: not doc.analysing, timeout=20_000)


def _page(env: JobsEnv, qtbot: QtBot, doc: DatasetDocument) -> JobsPage:
    monitor = JobMonitor(env.context, interval=0.05, list_interval=0.5, tick_ms=20)
    page = JobsPage(env.context, document=doc, monitor=monitor)
    monitor.setParent(page)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(page.new_button.isEnabled, timeout=10_000)
    return page


def _form(page: JobsPage) -> NewJobDialog:
    form = page.open_new_job_form()
    assert form is not None
    return form


def test_the_form_checks_as_you_type_prices_and_starts_one_job(
    env: JobsEnv, qtbot: QtBot, document: DatasetDocument
) -> None:
    rows = chat_rows(16)
    _open(qtbot, document, write_jsonl(env.tmp / "crabs.jsonl", rows))
    document.set_tags(document.examples[-1].uid, {VALIDATION_TAG})
    document.set_tags(document.examples[-2].uid, {VALIDATION_TAG})
    page = _page(env, qtbot, document)
    form = _form(page)
    assert "14 training examples, 2 for validation" in form.summary.text()
    assert form.valid_split.isChecked()
    assert form.method_box.currentData() == "supervised"
    assert form.price.text().startswith("Estimated price: $")
    form.suffix.setText("has space")
    assert "letters" in form.suffix_note.text()
    assert not form.start_button.isEnabled()
    form.suffix.setText("x" * 65)
    assert "65 characters" in form.suffix_note.text()
    form.suffix.setText("crab-bot")
    assert form.start_button.isEnabled()
    # automatic: the greyed box shows the epochs the price is for (OpenAI's rule for 14 examples)
    assert form.epochs.spin.value() == default_epochs(14)
    assert f"× {default_epochs(14)} epochs" in form.price.text()
    form.epochs.auto.setChecked(False)
    form.epochs.spin.setValue(2)
    assert "× 2 epochs" in form.price.text()
    with qtbot.waitSignal(form.job_created, timeout=20_000) as created:
        form.start_button.click()
        form.start()  # a double click: the second one does nothing
    job = created.args[0]
    assert env.count_jobs() == 1
    assert form.progress.value() == 1000
    assert page.model.row_of(job.id) is not None  # in the list at once
    assert page.selected_ids() == [job.id]
    listed = env.service.get_job(job.id)
    assert listed.validation_file
    assert listed.hyperparameters["n_epochs"] == 2
    assert listed.suffix == "crab-bot"

    # watch it pass through every state, the chart filling in while it runs
    def status() -> JobStatus | None:
        row = page.model.row_of(job.id)
        current = page.model.job_at(row) if row is not None else None
        return current.status if current is not None else None

    qtbot.waitUntil(lambda: page.detail.job is not None and page.detail.job.id == job.id, timeout=10_000)
    assert status() is JobStatus.VALIDATING_FILES
    env.server.advance(31)
    qtbot.waitUntil(lambda: status() is JobStatus.QUEUED, timeout=10_000)
    env.server.advance(20)
    qtbot.waitUntil(lambda: status() is JobStatus.RUNNING, timeout=10_000)
    env.server.advance(6)
    qtbot.waitUntil(lambda: len(page.detail.chart.curve_data(0, "train_loss")[0]) >= 2, timeout=10_000)
    live = len(page.detail.chart.curve_data(0, "train_loss")[0])
    assert page.detail.chart.curve_data(0, "valid_loss")[0]  # the validation split is charted too
    env.server.advance(10_000)
    qtbot.waitUntil(lambda: status() is JobStatus.SUCCEEDED, timeout=10_000)
    qtbot.waitUntil(lambda: len(page.detail.chart.curve_data(0, "train_loss")[0]) > live, timeout=10_000)
    # (the strip is already visible with "Job ... was created": wait for the notice itself)
    qtbot.waitUntil(lambda: page.notice.isVisible() and "succeeded" in page.notice_text.text())


def test_a_dropped_post_while_starting_makes_one_job(
    env: JobsEnv, qtbot: QtBot, document: DatasetDocument
) -> None:
    _open(qtbot, document, write_jsonl(env.tmp / "crabs.jsonl", chat_rows(12)))
    page = _page(env, qtbot, document)
    form = _form(page)
    env.server.add_fault("kind=drop,path=/v1/fine_tuning/jobs,method=POST,first=1")
    with qtbot.waitSignal(form.job_created, timeout=20_000):
        form.start()
    assert env.count_jobs() == 1


def test_dataset_errors_block_the_start_with_a_link_to_each(
    env: JobsEnv, qtbot: QtBot, document: DatasetDocument
) -> None:
    rows = chat_rows(12)
    rows[2] = {"messages": [{"role": "user", "content": "no answer here"}]}
    _open(qtbot, document, write_jsonl(env.tmp / "broken.jsonl", rows))
    qtbot.waitUntil(lambda: bool(document.all_findings()), timeout=10_000)
    page = _page(env, qtbot, document)
    form = _form(page)
    assert form.errors
    assert not form.start_button.isEnabled()
    assert 'href="finding:0"' in form.blockers.text()
    shown: list[Finding] = []
    page.finding_activated.connect(shown.append)
    form.blockers.linkActivated.emit("finding:0")
    assert shown == [form.errors[0]]
    assert shown[0].line == 3


def test_a_refused_model_is_explained(env: JobsEnv, qtbot: QtBot, document: DatasetDocument) -> None:
    _open(qtbot, document, write_jsonl(env.tmp / "crabs.jsonl", chat_rows(4)))
    page = _page(env, qtbot, document)
    from datetime import date

    form = NewJobDialog(document, page.monitor, load_catalog(), page, today=date(2027, 2, 1))
    qtbot.addWidget(form)
    assert "No new jobs since" in form.model_note.text()
    assert not form.start_button.isEnabled()


def test_cancelling_the_upload_starts_nothing(env: JobsEnv, qtbot: QtBot, document: DatasetDocument) -> None:
    _open(qtbot, document, write_jsonl(env.tmp / "crabs.jsonl", chat_rows(12)))
    page = _page(env, qtbot, document)
    form = _form(page)
    env.server.add_fault("kind=latency,ms=3000,path=/v1/files,method=POST")
    form.start()
    qtbot.waitUntil(form.cancel_upload.isVisible, timeout=10_000)
    form.cancel_upload.click()
    qtbot.waitUntil(lambda: "cancelled" in form.progress_text.text(), timeout=10_000)
    assert env.count_jobs() == 0
    assert form.start_button.isEnabled()
