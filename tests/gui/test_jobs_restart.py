"""Restart for real: jobs run to the end in this process's window against the sandbox, then a new Python
process opens the app's window on the same data folder with the sandbox stopped and no network, and
shows the old runs and their charts from the store."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from finetune_desktop.core.api.records import JobStatus
from tests.gui.jobs_helpers import JobsEnv, env, jobs_server, wait_until_stored_complete

__all__ = ["env", "jobs_server"]

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_a_new_process_shows_old_runs_and_their_charts_from_the_store_offline(
    env: JobsEnv, qtbot: QtBot, tmp_path: Path
) -> None:
    page = env.page(qtbot)
    first, second = env.start_job(suffix="one"), env.start_job(suffix="two")
    env.server.advance(100_000)

    def ended(job_id: str) -> bool:
        row = page.model.row_of(job_id)
        job = page.model.job_at(row) if row is not None else None
        return job is not None and job.status is JobStatus.SUCCEEDED

    qtbot.waitUntil(lambda: ended(first) and ended(second), timeout=20_000)
    page.select_jobs([first, second])  # opening an ended run fetches its results once, into the store
    wait_until_stored_complete(qtbot, page, first, second)
    store = page.monitor.store
    assert store is not None
    points = {j: len(store.metrics(page.monitor.key, j)) for j in (first, second)}
    page.monitor.stop()
    page.close()

    out = tmp_path / "child"
    out.mkdir()
    child_env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "gui" / "restart_child.py"), str(out), first, second],
        env=child_env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    shown = json.loads((out / "shown.json").read_text(encoding="utf-8"))
    assert shown["pid"] != os.getpid()
    assert shown["listed"], shown
    assert sorted(shown["jobs"]) == sorted([first, second])
    assert not shown["online"]
    assert "Not connected" in shown["state"]
    assert shown["drawn"], shown
    assert sorted(shown["runs"]) == ["one", "two"]
    # every stored training step is drawn (the metrics hold one point per step)
    assert sorted(shown["train_loss_points"]) == sorted(points.values())
    assert min(shown["train_loss_points"]) > 1
    assert shown["checkpoints"] > 0
    assert shown["refused"] == []  # the window never tried the network
    assert (out / "window.png").stat().st_size > 10_000
