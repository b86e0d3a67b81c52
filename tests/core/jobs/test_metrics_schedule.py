"""Metric names from events and result files, smoothing, and the monitor's poll schedule."""

from __future__ import annotations

import math

import pytest

from finetune_desktop.core.api.errors import RateLimited, ServerError
from finetune_desktop.core.api.records import JobEvent, MetricRow
from finetune_desktop.core.jobs.metrics import (
    MetricPoint,
    columns,
    point_from_event,
    points_from_rows,
    series,
    smooth,
)
from finetune_desktop.core.jobs.schedule import PollSchedule


def test_event_and_result_names_meet() -> None:
    event = JobEvent(
        "e",
        1,
        "info",
        "",
        "metrics",
        {"step": 3, "total_steps": 9, "train_loss": 1.5, "train_mean_token_accuracy": 0.5, "x": "y"},
    )
    assert point_from_event(event) == MetricPoint(3, {"train_loss": 1.5, "train_accuracy": 0.5})
    row = MetricRow(step=3, train_loss=1.4, train_accuracy=0.6, extra={"full_valid_loss": 1.2, "junk": None})
    assert points_from_rows([row]) == [
        MetricPoint(3, {"train_loss": 1.4, "train_accuracy": 0.6, "full_valid_loss": 1.2})
    ]


def test_a_message_event_is_no_metric() -> None:
    assert point_from_event(JobEvent("e", 1, "info", "Job started", "message", {})) is None


def test_columns_match_series() -> None:
    points = [MetricPoint(1, {"train_loss": 2.0}), MetricPoint(2, {"valid_loss": 1.0, "train_loss": 1.5})]
    cols = columns(points)
    assert cols["train_loss"][0].tolist() == [1.0, 2.0]
    assert cols["train_loss"][1].tolist() == [2.0, 1.5]
    assert cols["valid_loss"][0].tolist() == [2.0]
    assert cols["full_valid_loss"][0].size == 0


def test_series_skips_missing_steps() -> None:
    points = [
        MetricPoint(1, {"train_loss": 2.0}),
        MetricPoint(2, {"valid_loss": 1.0}),
        MetricPoint(3, {"train_loss": 1.0}),
    ]
    assert series(points, "train_loss") == ([1.0, 3.0], [2.0, 1.0])


def _smooth_loop(values: list[float], weight: float) -> list[float]:
    out, last = [], 0.0
    for i, v in enumerate(values, start=1):
        last = last * weight + (1.0 - weight) * v
        out.append(last / (1.0 - weight**i))
    return out


@pytest.mark.parametrize("weight", [0.01, 0.3, 0.6, 0.9, 0.95, 0.999])
def test_vectorised_smoothing_matches_the_plain_loop(weight: float) -> None:
    values = [math.sin(i / 7.0) * 3.0 + 5.0 + (i % 5) for i in range(5000)]
    assert smooth(values, weight) == pytest.approx(_smooth_loop(values, weight), rel=1e-9, abs=1e-9)


def test_smoothing_is_debiased_and_zero_is_identity() -> None:
    assert smooth([1.0, 2.0], 0.0) == [1.0, 2.0]
    out = smooth([4.0, 4.0, 4.0], 0.9)
    assert out == pytest.approx([4.0, 4.0, 4.0])
    assert smooth([0.0, 10.0], 0.5)[1] == pytest.approx(10.0 * 0.5 / 0.75)


def test_schedule_polls_active_jobs_at_the_interval_and_never_twice_at_once() -> None:
    s = PollSchedule(active_interval=3.0, max_in_flight=2)
    for job in ("a", "b", "c"):
        s.watch(job, now=0.0)
    assert s.due(0.0) == ["a", "b"]  # no more than the in-flight slots
    s.started("a")
    s.started("b")
    assert s.due(0.0) == []  # both slots busy; a job in flight is never due
    s.succeeded("a", now=1.0, ended=False)
    assert s.due(1.0) == ["c"]
    s.succeeded("b", now=1.0, ended=False)
    assert s.due(3.9) == ["c"]  # a and b were polled at 1.0: next at 4.0
    assert s.due(4.0) == ["c", "a"]


def test_an_ended_job_is_never_polled_again() -> None:
    s = PollSchedule()
    s.watch("a", 0.0)
    s.started("a")
    s.succeeded("a", 1.0, ended=True)
    assert s.due(1e9) == []
    assert s.watched == set()


def test_backoff_doubles_honours_retry_after_and_recovers() -> None:
    s = PollSchedule(active_interval=2.0, max_backoff=30.0)
    s.watch("a", 0.0)
    s.started("a")
    assert s.failed("a", 0.0, ServerError()) == 4.0
    s.started("a")
    assert s.failed("a", 0.0, ServerError()) == 8.0
    s.started("a")
    assert s.failed("a", 0.0, RateLimited(retry_after=20.0)) == 20.0
    for _ in range(5):
        s.started("a")
        delay = s.failed("a", 0.0, ServerError())
    assert delay == 30.0
    s.started("a")
    s.succeeded("a", 100.0, ended=False)
    assert s.due(101.0) == []
    assert s.due(102.0) == ["a"]


def test_requests_per_minute_bound() -> None:
    s = PollSchedule(active_interval=3.0, max_in_flight=4)
    for i in range(100):
        s.watch(str(i), 0.0)
    # 100 jobs every 3 s would be 2000 polls a minute; 4 slots of 2 s latency allow only 120
    assert s.requests_per_minute_bound(requests_per_poll=2, latency=2.0) == 240.0
