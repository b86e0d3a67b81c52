"""The job detail shows a base model's download as a real progress bar, from the job's events."""

from __future__ import annotations

from typing import Any

from pytestqt.qtbot import QtBot

from finetune_desktop.core.api.records import JobEvent
from finetune_desktop.gui.jobs.detail import JobDetail

REPO = "Qwen/Qwen2.5-0.5B-Instruct"


def _event(n: int, message: str, **data: Any) -> JobEvent:
    return JobEvent(f"ev-{n}", 1_700_000_000 + n, "info", message, "message", data)


def test_download_events_drive_the_bar_until_the_download_ends(qtbot: QtBot) -> None:
    detail = JobDetail()
    qtbot.addWidget(detail)
    detail.show()
    bar = detail.download_bar
    assert bar.isHidden()

    detail.append_events([_event(1, "Getting", phase="download", repo=REPO, bytes_done=0, bytes_total=0)])
    assert not bar.isHidden()
    assert bar.bar.maximum() == 0  # busy until the size is known
    assert "Hugging Face hub" in bar.label.text()

    progress = {"bytes_done": 247_000_000, "bytes_total": 988_000_000, "bytes_per_second": 12_500_000}
    detail.append_events([_event(2, "Downloading", phase="download", repo=REPO, **progress)])
    assert bar.bar.maximum() == 1000
    assert bar.bar.value() == 250
    assert bar.label.text() == f"Downloading the base model {REPO}: 247.0 MB of 988.0 MB (12.5 MB/s)"

    detail.append_events([_event(3, "Model loaded", phase="")])  # other events change nothing
    assert not bar.isHidden()
    detail.append_events([_event(4, "Downloaded", phase="download", repo=REPO, done=True, cached=False)])
    assert bar.isHidden()
    assert len(detail.event_lines) == 4


def test_the_bar_goes_when_the_job_stops_or_another_job_is_shown(qtbot: QtBot) -> None:
    from finetune_desktop.core.api.records import Job, JobStatus

    def job(job_id: str, status: str) -> Job:
        return Job(job_id, JobStatus.parse(status), status, "qwen2.5-0.5b-instruct", 1_700_000_000)

    detail = JobDetail()
    qtbot.addWidget(detail)
    detail.show()
    bar = detail.download_bar
    progress = {"bytes_done": 1_000_000, "bytes_total": 4_000_000, "bytes_per_second": 1_000_000}
    downloading = [_event(1, "Downloading", phase="download", repo=REPO, **progress)]
    detail.show_job(job("a", "running"), downloading, [], [])
    assert not bar.isHidden()
    detail.set_job(job("a", "running"))  # a poll of the still running job keeps it
    assert not bar.isHidden()
    detail.set_job(job("a", "cancelled"))  # cancelled mid-download: no "done" event comes
    assert bar.isHidden()

    detail.show_job(job("a", "running"), downloading, [], [])
    assert not bar.isHidden()
    detail.show_job(job("b", "running"), [], [], [])  # another job: not its download
    assert bar.isHidden()
