"""The Jobs screen against the sandbox over loopback: every state to success with the chart filling in,
explained failures, cancel, pause/resume, faults without duplicates, and old runs from the store offline."""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPixmap
from PySide6.QtWidgets import QMessageBox, QSystemTrayIcon
from pytestqt.qtbot import QtBot

from finetune_desktop.core.api.records import Job, JobRequest, JobStatus
from finetune_desktop.gui.context import AppContext
from finetune_desktop.gui.jobs.page import JobsPage
from tests.gui.jobs_helpers import (
    BASE_MODEL,
    JobsEnv,
    chat_rows,
    env,
    jobs_server,
    wait_until_stored_complete,
)

__all__ = ["env", "jobs_server"]


def _job(page: JobsPage, job_id: str) -> Job | None:
    row = page.model.row_of(job_id)
    return page.model.job_at(row) if row is not None else None


def _wait_status(qtbot: QtBot, page: JobsPage, job_id: str, status: JobStatus, timeout: int = 10_000) -> None:
    def reached() -> bool:
        job = _job(page, job_id)
        return job is not None and job.status is status

    qtbot.waitUntil(reached, timeout=timeout)


def _select(qtbot: QtBot, page: JobsPage, *job_ids: str) -> None:
    qtbot.waitUntil(lambda: all(page.model.row_of(j) is not None for j in job_ids), timeout=10_000)
    page.select_jobs(list(job_ids))
    qtbot.waitUntil(
        lambda: (
            page.detail.job is not None
            and page.detail.job.id in job_ids
            and len(page.detail.chart.runs) == len(job_ids)
        ),
        timeout=10_000,
    )


def _confirm(page: JobsPage, qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: page.detail.confirm_box is not None)
    box = page.detail.confirm_box
    assert box is not None
    accept = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole)
    accept.click()


def test_a_job_passes_every_state_to_success_with_the_chart_filling_in(env: JobsEnv, qtbot: QtBot) -> None:
    page = env.page(qtbot)
    job_id = env.start_job()
    _select(qtbot, page, job_id)
    assert _job(page, job_id).status is JobStatus.VALIDATING_FILES  # type: ignore[union-attr]
    seen: list[JobStatus] = []
    page.monitor.job_updated.connect(lambda u: seen.append(u.job.status) if u.job.id == job_id else None)
    env.server.advance(31)
    _wait_status(qtbot, page, job_id, JobStatus.QUEUED)
    env.server.advance(20)
    _wait_status(qtbot, page, job_id, JobStatus.RUNNING)
    env.server.advance(8)
    qtbot.waitUntil(lambda: len(page.detail.chart.curve_data(0, "train_loss")[0]) >= 3, timeout=10_000)
    live_points = len(page.detail.chart.curve_data(0, "train_loss")[0])
    assert "%" in page.model.data(page.model.index(page.model.row_of(job_id) or 0, 0))
    env.server.advance(10_000)
    _wait_status(qtbot, page, job_id, JobStatus.SUCCEEDED)
    qtbot.waitUntil(lambda: page.detail.checkpoints.rowCount() > 0, timeout=10_000)
    assert len(page.detail.chart.curve_data(0, "train_loss")[0]) > live_points
    assert seen.index(JobStatus.QUEUED) < seen.index(JobStatus.RUNNING) < seen.index(JobStatus.SUCCEEDED)
    lines = page.detail.event_lines
    assert len(lines) == len(set(lines))  # the log never repeats an event
    assert page.detail.copy_button.isVisibleTo(page)
    # the completion notification (no tray offscreen: inside the window)
    qtbot.waitUntil(page.notice.isVisible)
    assert "succeeded" in page.notice_text.text()
    job = _job(page, job_id)
    assert job is not None
    assert job.fine_tuned_model
    assert page.model.data(page.model.index(page.model.row_of(job_id) or 0, 6)).startswith("$")


def test_a_failed_job_explains_its_bad_file(env: JobsEnv, qtbot: QtBot) -> None:
    page = env.page(qtbot)
    request = JobRequest(model=BASE_MODEL, training_file=env.upload(), method="dpo", suffix="bad")
    job_id = env.service.create_job(request).id
    _select(qtbot, page, job_id)
    env.server.advance(31)
    _wait_status(qtbot, page, job_id, JobStatus.FAILED)
    qtbot.waitUntil(lambda: page.detail.error_box.isVisibleTo(page))
    assert "training file" in page.detail.error_text.text()
    assert "Example 1" in page.detail.error_text.text()
    assert page.detail.error_advice.text().startswith("What to do:")


def test_a_failed_job_names_the_line_of_a_malformed_file(env: JobsEnv, qtbot: QtBot) -> None:
    """A supervised job on a file whose 3rd example has no reply: the server's invalid-file failure is
    shown in plain words with the line it names and what to do."""
    page = env.page(qtbot)
    rows = chat_rows()
    rows[2] = {"messages": [{"role": "user", "content": "A question with no answer"}]}
    request = JobRequest(model=BASE_MODEL, training_file=env.upload(rows, "broken.jsonl"), suffix="broken")
    job_id = env.service.create_job(request).id
    _select(qtbot, page, job_id)
    env.server.advance(31)
    _wait_status(qtbot, page, job_id, JobStatus.FAILED)
    qtbot.waitUntil(lambda: page.detail.error_box.isVisibleTo(page))
    text = page.detail.error_text.text()
    assert "training file" in text
    assert "line 3" in text
    assert page.detail.error_advice.text().startswith("What to do:")


def test_cancel_a_running_job_after_confirming(env: JobsEnv, qtbot: QtBot) -> None:
    page = env.page(qtbot)
    job_id = env.start_job()
    env.server.advance(55)
    _select(qtbot, page, job_id)
    _wait_status(qtbot, page, job_id, JobStatus.RUNNING)
    qtbot.waitUntil(lambda: page.detail.cancel_button.isVisibleTo(page))
    page.detail.cancel_button.click()
    _confirm(page, qtbot)
    _wait_status(qtbot, page, job_id, JobStatus.CANCELLED)
    assert not page.detail.cancel_button.isVisibleTo(page)


def test_pause_and_resume(env: JobsEnv, qtbot: QtBot) -> None:
    page = env.page(qtbot)
    job_id = env.start_job()
    env.server.advance(55)
    _select(qtbot, page, job_id)
    _wait_status(qtbot, page, job_id, JobStatus.RUNNING)
    qtbot.waitUntil(lambda: page.detail.pause_button.isVisibleTo(page))
    page.detail.pause_button.click()
    _confirm(page, qtbot)
    qtbot.waitUntil(
        lambda: _job(page, job_id).status in (JobStatus.PAUSING, JobStatus.PAUSED), timeout=10_000
    )  # type: ignore[union-attr]
    env.server.advance(10)
    _wait_status(qtbot, page, job_id, JobStatus.PAUSED)
    qtbot.waitUntil(lambda: page.detail.resume_button.isVisibleTo(page))
    page.detail.resume_button.click()
    _confirm(page, qtbot)
    _wait_status(qtbot, page, job_id, JobStatus.RUNNING)


def test_faults_give_no_crash_and_no_duplicate_job(env: JobsEnv, qtbot: QtBot) -> None:
    page = env.page(qtbot)
    qtbot.waitUntil(lambda: page.monitor.online, timeout=10_000)
    env.server.add_fault("kind=429,path=/v1/fine_tuning/jobs,method=GET,first=2,retry_after=1")
    env.server.add_fault("kind=500,path=/v1/fine_tuning/jobs/*,method=GET,first=2")
    env.server.add_fault("kind=drop,path=/v1/fine_tuning/jobs,method=POST,first=1")
    created: list[Job] = []
    failures: list[BaseException] = []
    request = JobRequest(model=BASE_MODEL, training_file=env.upload(), suffix="faulty")
    page.monitor.create_job(request, created.append, failures.append)
    qtbot.waitUntil(lambda: bool(created or failures), timeout=20_000)
    assert not failures
    assert env.count_jobs() == 1  # the dropped POST was found by its marker, not sent again
    job_id = created[0].id
    env.server.advance(10_000)
    _wait_status(qtbot, page, job_id, JobStatus.SUCCEEDED, timeout=20_000)
    assert page.job_ids() == [job_id]
    assert env.count_jobs() == 1


def test_old_runs_open_with_their_charts_from_the_store_when_the_server_is_gone(
    env: JobsEnv, qtbot: QtBot
) -> None:
    page = env.page(qtbot)
    first, second = env.start_job(suffix="one"), env.start_job(suffix="two")
    env.server.advance(100_000)
    _wait_status(qtbot, page, first, JobStatus.SUCCEEDED)
    _wait_status(qtbot, page, second, JobStatus.SUCCEEDED)
    _select(qtbot, page, first, second)  # opening an ended run fetches its results once
    wait_until_stored_complete(qtbot, page, first, second)
    page.monitor.stop()
    page.close()

    def gone() -> str:
        raise RuntimeError("The built-in sandbox is not running in this window.")

    offline = AppContext(sandbox_url=gone)
    again = JobsPage(offline)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitUntil(lambda: sorted(again.job_ids()) == sorted([first, second]), timeout=10_000)
    assert not again.monitor.online
    assert "Not connected" in again.state_label.text()
    _select(qtbot, again, second, first)
    chart = again.detail.chart
    assert sorted(r.label for r in chart.runs) == ["one", "two"]
    assert chart.curve_data(0, "train_loss")[0]
    assert chart.curve_data(1, "train_loss")[0]
    assert again.detail.checkpoints.rowCount() > 0
    again.monitor.stop()
    assert offline.runner.shutdown(10_000)


def test_chat_with_a_checkpoint_copies_the_name_while_nothing_handles_it(env: JobsEnv, qtbot: QtBot) -> None:
    page = env.page(qtbot)
    job_id = env.start_job()
    env.server.advance(100_000)
    _select(qtbot, page, job_id)
    qtbot.waitUntil(lambda: page.detail.checkpoints.rowCount() > 0, timeout=10_000)
    page.detail.checkpoints.selectRow(0)
    name = page.detail.checkpoints.item(0, 4).text()
    assert page.detail.checkpoint_chat.isEnabled()
    page.detail.checkpoint_chat.click()
    assert QGuiApplication.clipboard().text() == name
    assert name in page.notice_text.text()
    asked: list[str] = []
    page.chat_requested.connect(asked.append)
    page.detail.checkpoint_chat.click()
    assert asked == [name]


def test_the_list_copies_the_fine_tuned_model_name(env: JobsEnv, qtbot: QtBot, tmp_path: Path) -> None:
    page = env.page(qtbot)
    job_id = env.start_job()
    env.server.advance(100_000)
    _wait_status(qtbot, page, job_id, JobStatus.SUCCEEDED)
    _select(qtbot, page, job_id)
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == _job(page, job_id).fine_tuned_model  # type: ignore[union-attr]
    assert chat_rows(1)


class RecordingTray(QSystemTrayIcon):
    """A real tray icon that keeps the messages it was asked to show (offscreen there is no tray to show
    them in)."""

    def __init__(self) -> None:
        pixmap = QPixmap(16, 16)
        pixmap.fill(QColor("#1f77b4"))
        super().__init__(QIcon(pixmap))
        self.messages: list[tuple[str, str, QSystemTrayIcon.MessageIcon, int]] = []

    def showMessage(self, title: str, text: str, icon: object = None, msecs: int = 10_000) -> None:  # type: ignore[override]
        assert isinstance(icon, QSystemTrayIcon.MessageIcon)
        self.messages.append((title, text, icon, msecs))


# (showing a tray icon on the offscreen platform, which has none, logs that it cannot follow the tray)
@pytest.mark.qt_log_ignore(
    r"^QObject::connect: No such signal QPlatformNativeInterface::systemTrayWindowChanged"
)
def test_a_job_that_ends_is_announced_in_the_tray_and_in_the_window(env: JobsEnv, qtbot: QtBot) -> None:
    tray = RecordingTray()
    page = env.page(qtbot, tray=tray)
    shown: list[tuple[str, bool]] = []
    page.notifier.notified.connect(lambda text, in_tray: shown.append((text, in_tray)))
    done, failed = env.start_job(suffix="done"), env.start_job(suffix="broken", method="dpo")
    _wait_status(qtbot, page, done, JobStatus.VALIDATING_FILES)  # seen running: its end is news
    _wait_status(qtbot, page, failed, JobStatus.VALIDATING_FILES)
    env.server.advance(100_000)
    qtbot.waitUntil(lambda: len(tray.messages) == 2, timeout=20_000)
    by_text = {text: icon for _title, text, icon, _ms in tray.messages}
    succeeded = next(t for t in by_text if "succeeded" in t)
    broken = next(t for t in by_text if "failed" in t)
    assert by_text[succeeded] is QSystemTrayIcon.MessageIcon.Information
    assert by_text[broken] is QSystemTrayIcon.MessageIcon.Warning
    assert tray.isVisible()
    assert all(in_tray for _text, in_tray in shown)
    assert page.notice.isVisible()  # the window says it too
    assert page.notice_text.text() in by_text


def test_the_status_badge_is_never_cut_off_as_its_text_grows(env: JobsEnv, qtbot: QtBot) -> None:
    page = env.page(qtbot)
    job_id = env.start_job()
    env.server.advance(55)
    _wait_status(qtbot, page, job_id, JobStatus.RUNNING)
    page.monitor.stop()  # (the text changes here only)
    qtbot.wait(2500)  # after the list's own periodic fit
    job = _job(page, job_id)
    assert job is not None
    far = int(time.time()) + 99_999 * 60
    page.model.update_job(dataclasses.replace(job, estimated_finish=far))
    page.model.set_progress(job_id, 26, 96)  # a longer text than the list was fitted to
    text = page.model.data(page.model.index(page.model.row_of(job_id) or 0, 0))
    assert "27%" in text
    assert "99999" in text
    qtbot.wait(300)  # one layout pass, well before the next periodic fit
    assert page.view.columnWidth(0) >= page.view.fontMetrics().horizontalAdvance(text)
