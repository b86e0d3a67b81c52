"""The job list model (qtmodeltester), the chart (overlay, smoothing, log scale, read-out, live growth)
and the completion notice, without a server."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from finetune_desktop.core.api.records import Job, JobError, JobStatus
from finetune_desktop.core.catalog.models import load_catalog
from finetune_desktop.core.jobs.metrics import MetricPoint
from finetune_desktop.gui.jobs import words
from finetune_desktop.gui.jobs.chart import LossChart, Run
from finetune_desktop.gui.jobs.list_model import COLUMNS, JOB_ROLE, JobListModel


def _job(job_id: str, status: str, created: int, **kw: Any) -> Job:
    return Job(job_id, JobStatus.parse(status), status, "gpt-4o-mini-2024-07-18", created, **kw)


def test_job_list_model_passes_the_model_tester(qtmodeltester: Any) -> None:
    model = JobListModel()
    model.set_jobs([_job("a", "running", 1), _job("b", "succeeded", 2, trained_tokens=1_000_000)])
    model.set_catalog(load_catalog())
    qtmodeltester.check(model)
    model.merge_jobs([_job("c", "queued", 3)])
    qtmodeltester.check(model)


def test_rows_are_newest_first_with_badges_cost_and_unknown_states() -> None:
    model = JobListModel()
    model.set_catalog(load_catalog())
    model.set_jobs(
        [
            _job("old", "succeeded", 1, trained_tokens=2_000_000, fine_tuned_model="ft:x:o:s:1", suffix="s"),
            _job("new", "warming_up", 5),
        ]
    )
    assert [model.job_at(r).id for r in range(2)] == ["new", "old"]  # type: ignore[union-attr]
    assert model.data(model.index(0, 0)) == "warming_up"  # unknown status as its text
    cost = model.data(model.index(1, COLUMNS.index("cost")))
    assert cost.startswith("$")
    tip = model.data(model.index(1, COLUMNS.index("cost")), Qt.ItemDataRole.ToolTipRole)
    assert "2,000,000 trained tokens" in tip
    assert "prices of" in tip
    assert model.data(model.index(1, COLUMNS.index("fine_tuned"))) == "ft:x:o:s:1"
    assert model.data(model.index(1, 0), JOB_ROLE).id == "old"
    model.update_job(_job("new", "running", 5))
    model.set_progress("new", 5, 20)
    assert model.data(model.index(0, 0)).startswith("Running 25%")


def _points(n: int, scale: float = 1.0) -> list[MetricPoint]:
    return [
        MetricPoint(i, {"train_loss": scale * 2.0 / i, "valid_loss": scale * 2.5 / i})
        for i in range(1, n + 1)
    ]


def test_chart_overlays_runs_and_grows_live(qtbot: QtBot) -> None:
    chart = LossChart()
    qtbot.addWidget(chart)
    chart.set_runs([Run("one", _points(10)), Run("two", _points(5, 2.0))])
    assert len(chart.curve_data(0, "train_loss")[0]) == 10
    assert len(chart.curve_data(1, "valid_loss")[0]) == 5
    assert not chart.empty.isVisible()
    chart.append_points(1, [MetricPoint(6, {"train_loss": 0.1}), MetricPoint(3, {"train_loss": 0.7})])
    xs, ys = chart.curve_data(1, "train_loss")
    assert xs == [1, 2, 3, 4, 5, 6]
    assert ys[2] == 0.7  # a repeated step replaces, never duplicates


def test_chart_smoothing_log_scale_readout_and_accuracy(qtbot: QtBot) -> None:
    chart = LossChart()
    qtbot.addWidget(chart)
    pts = [MetricPoint(i, {"train_loss": 1.0 + (i % 2), "train_accuracy": 0.5}) for i in range(1, 21)]
    chart.set_runs([Run("one", pts)])
    raw = chart.curve_data(0, "train_loss")[1]
    chart.smoothing.setValue(90)
    smooth = chart.curve_data(0, "train_loss")[1]
    assert max(smooth[5:]) - min(smooth[5:]) < max(raw) - min(raw)
    chart.smoothing.setValue(0)
    chart.log_scale.setChecked(True)
    assert chart.plot.getAxis("left").logMode
    text = chart.show_readout(4.2)
    assert text.startswith("Step 4")
    assert "training loss 1.0000" in text
    chart.quantity.setCurrentIndex(1)
    assert chart.curve_data(0, "train_accuracy")[1] == [0.5] * 20
    assert chart.curve_data(0, "train_loss") == ([], [])


def test_chart_says_when_there_is_nothing_yet(qtbot: QtBot) -> None:
    chart = LossChart()
    qtbot.addWidget(chart)
    chart.show()
    chart.set_runs([Run("one", [])])
    assert chart.empty.isVisible()


def test_error_words_name_the_file_quota_and_permission() -> None:
    what, todo = words.explain_error(JobError("invalid_training_file", "Line 7 is not JSON", "training_file"))
    assert "training file" in what
    assert "Line 7" in what
    assert "fix" in todo
    assert "credit" in words.explain_error(JobError("quota_exceeded", "no money"))[0]
    assert "not allowed" in words.explain_error(JobError("permission_denied", "closed"))[0]
    assert "no reason" in words.explain_error(None)[0]


def test_sandbox_speed_is_saved_and_read_back(qtbot: QtBot) -> None:
    from finetune_desktop.app import SandboxHolder
    from finetune_desktop.gui.context import AppContext
    from finetune_desktop.gui.settings.sandbox_speed_row import DEFAULT_SPEED, SandboxSpeedRow, saved_speed

    settings = AppContext.ui_settings()
    assert saved_speed(settings) == DEFAULT_SPEED
    row = SandboxSpeedRow(settings)
    qtbot.addWidget(row)
    assert "simulated" in row.note.text()
    row.spin.setValue(12.5)
    row.spin.editingFinished.emit()
    assert saved_speed(AppContext.ui_settings()) == 12.5
    assert SandboxHolder(speed=saved_speed(settings)).speed == 12.5


def test_a_dense_curve_is_drawn_downsampled_to_its_peaks(qtbot: QtBot) -> None:
    """10,000 steps on an 800 px chart are drawn as each pixel column's highest and lowest value: far
    fewer vertices, and a one-step spike still shows; the read-out still reads every step."""
    chart = LossChart()
    qtbot.addWidget(chart)
    chart.resize(800, 400)
    chart.show()
    points = [
        MetricPoint(i, {"train_loss": 9.0 if i == 5003 else 1.0 + i / 100_000}) for i in range(1, 10_001)
    ]
    chart.set_runs([Run("dense", points)])
    chart.plot_widget.grab()
    xs, ys = chart._curves[(0, "train_loss")].getData()
    assert xs is not None
    assert ys is not None
    assert len(xs) < 3_000
    assert float(ys.max()) == 9.0
    assert float(ys.min()) == 1.0 + 1 / 100_000
    assert len(chart.curve_data(0, "train_loss")[0]) == 10_000
    assert "9.0000" in chart.show_readout(5003)
