"""Run by ``test_jobs_restart.py`` in a new Python process: the app's main window, offscreen, on the data
folder of ``FINETUNE_DESKTOP_HOME``, with the built-in sandbox stopped and every network connection
refused. It opens the Jobs screen, selects the given jobs and writes what the window shows to
``OUT/shown.json`` (and a picture of the window to ``OUT/window.png``), then quits.

    python tests/gui/restart_child.py OUT JOB_ID [JOB_ID ...]
"""

from __future__ import annotations

import json
import os
import socket
import sys
import time
from pathlib import Path
from typing import Any

os.environ["QT_QPA_PLATFORM"] = "offscreen"

refused: list[str] = []
_connect = socket.socket.connect


def _no_network(self: socket.socket, address: Any) -> None:
    if self.family in (socket.AF_INET, socket.AF_INET6):
        refused.append(repr(address))
        raise OSError("no network in this test")
    _connect(self, address)


socket.socket.connect = _no_network  # type: ignore[method-assign]


def main(out: Path, job_ids: list[str]) -> int:
    from PySide6.QtWidgets import QApplication

    from finetune_desktop.gui.context import AppContext
    from finetune_desktop.gui.main_window import MainWindow

    app = QApplication(sys.argv[:1])

    def stopped() -> str:
        raise RuntimeError("The built-in sandbox is not running in this window.")

    context = AppContext(sandbox_url=stopped)
    window = MainWindow(context)
    window.show()
    window.show_page("jobs")
    page = window.jobs_page
    assert page is not None
    started = time.monotonic()

    def wait(cond: Any, timeout: float = 20.0) -> bool:
        end = time.monotonic() + timeout
        while not cond() and time.monotonic() < end:
            app.processEvents()
            time.sleep(0.01)
        return bool(cond())

    listed = wait(lambda: sorted(page.job_ids()) == sorted(job_ids))
    listed_s = time.monotonic() - started
    page.select_jobs(job_ids)
    chart = page.detail.chart
    drawn = wait(
        lambda: (
            len(chart.runs) == len(job_ids)
            and all(chart.curve_data(i, "train_loss")[0] for i in range(len(job_ids)))
        )
    )
    wait(lambda: page.detail.checkpoints.rowCount() > 0, 5.0)
    for _ in range(20):
        app.processEvents()
    window.grab().save(str(out / "window.png"))
    shown = {
        "listed": listed,
        "listed_s": listed_s,
        "drawn": drawn,
        "jobs": page.job_ids(),
        "online": page.monitor.online,
        "state": page.state_label.text(),
        "runs": [run.label for run in chart.runs],
        "train_loss_points": [len(chart.curve_data(i, "train_loss")[0]) for i in range(len(chart.runs))],
        "checkpoints": page.detail.checkpoints.rowCount(),
        "pid": os.getpid(),
        "refused": refused,
    }
    (out / "shown.json").write_text(json.dumps(shown, indent=1), encoding="utf-8")
    page.monitor.stop()
    context.runner.shutdown(10_000)
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1]), sys.argv[2:]))
