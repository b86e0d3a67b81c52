"""Screenshots of the Jobs screen: the new-job form, a running job, and two finished runs overlaid.

Run under a real X server (prefix with ``env FINETUNE_DESKTOP_LANG=zh_CN`` for the Chinese GUI)::

    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python scripts/screenshots_jobs.py /tmp/shots 1280x800

Uses a throw-away app home, the bundled sample and the in-process sandbox at 10x speed.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ["FINETUNE_DESKTOP_HOME"] = tempfile.mkdtemp(prefix="ftd-shots-")
os.environ.pop("OPENAI_API_KEY", None)
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/shots")
    size = sys.argv[2] if len(sys.argv) > 2 else "1280x800"
    width, height = (int(x) for x in size.split("x"))
    out.mkdir(parents=True, exist_ok=True)

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    from finetune_desktop.app import APPLICATION, ORGANIZATION, build_main_window, tune_interpreter
    from finetune_desktop.core.api.records import JobStatus
    from finetune_desktop.gui.context import AppContext
    from finetune_desktop.gui.first_run.tour import mark_tour_seen
    from finetune_desktop.gui.i18n import apply_language
    from finetune_desktop.gui.settings.sandbox_speed_row import SPEED_KEY

    app = QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    tune_interpreter()
    print("language:", apply_language())  # noqa: T201
    settings = AppContext.ui_settings()
    settings.setValue(SPEED_KEY, 10.0)
    settings.sync()

    def spin(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def wait_for(cond: object, timeout_ms: int = 90_000) -> bool:
        waited = 0
        while not cond() and waited < timeout_ms:  # type: ignore[operator]
            spin(100)
            waited += 100
        return bool(cond())  # type: ignore[operator]

    def shot(name: str, widget: QWidget | None = None) -> None:
        spin(300)
        path = out / f"{name}-{size}.png"
        if widget is None:
            app.primaryScreen().grabWindow(0).save(str(path))
        else:
            widget.grab().save(str(path))
        print(path)  # noqa: T201

    window, sandbox = build_main_window(app)
    window.setGeometry(0, 0, width, height)  # type: ignore[attr-defined]
    window.show()  # type: ignore[attr-defined]
    doc = window.document  # type: ignore[attr-defined]
    wait_for(lambda: len(doc) > 0 and not doc.analysing)
    spin(800)  # the tour opens shortly after the window
    for tour in window.findChildren(QWidget):  # type: ignore[attr-defined]
        if type(tour).__name__ == "GuidedTour":
            tour.close()
    mark_tour_seen(settings)
    jobs = window.jobs_page  # type: ignore[attr-defined]
    window.show_page("jobs")  # type: ignore[attr-defined]
    wait_for(lambda: jobs.monitor.online and jobs.new_button.isEnabled())

    def start(suffix: str) -> str:
        form = jobs.open_new_job_form()
        form.suffix.setText(suffix)
        if suffix == "fiction-v1":
            shot("10-jobs-new-job-form")
        created: list[str] = []
        form.job_created.connect(lambda job: created.append(job.id))
        form.start()
        wait_for(lambda: bool(created))
        return created[0]

    first = start("fiction-v1")
    spin(1500)
    second = start("fiction-v2")

    def status(job_id: str) -> JobStatus | None:
        row = jobs.model.row_of(job_id)
        job = jobs.model.job_at(row) if row is not None else None
        return job.status if job is not None else None

    jobs.select_jobs([first])
    chart = jobs.detail.chart
    wait_for(lambda: status(first) is JobStatus.RUNNING and len(chart.curve_data(0, "train_loss")[0]) > 15)
    shot("11-jobs-running", window)  # type: ignore[arg-type]
    wait_for(lambda: status(first) is JobStatus.SUCCEEDED and status(second) is JobStatus.SUCCEEDED)
    jobs.select_jobs([first, second])
    wait_for(lambda: len(jobs.detail.chart.runs) == 2 and jobs.detail.checkpoints.rowCount() > 0)
    spin(1000)
    shot("12-jobs-finished-overlay", window)  # type: ignore[arg-type]
    jobs.detail.tabs.setCurrentIndex(2)
    shot("13-jobs-checkpoints", window)  # type: ignore[arg-type]

    jobs.monitor.stop()
    doc.undo_stack.clear()
    window.context.runner.shutdown()  # type: ignore[attr-defined]
    sandbox.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
