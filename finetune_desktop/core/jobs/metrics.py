"""Training metrics of a job as one series per quantity against step, from events or the result file.

Servers name the same quantity differently in metrics events (``train_mean_token_accuracy``) and in the
result CSV (``train_accuracy``); both map to one canonical name here so a chart draws one line whatever
the source.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from finetune_desktop.core.job_records import JobEvent, MetricRow

#: canonical series, in the order a legend lists them
SERIES = (
    "train_loss",
    "valid_loss",
    "full_valid_loss",
    "train_accuracy",
    "valid_accuracy",
    "full_valid_accuracy",
)
LOSS_SERIES = SERIES[:3]
ACCURACY_SERIES = SERIES[3:]

_ALIASES = {
    "train_loss": "train_loss",
    "valid_loss": "valid_loss",
    "full_valid_loss": "full_valid_loss",
    "train_accuracy": "train_accuracy",
    "train_mean_token_accuracy": "train_accuracy",
    "valid_accuracy": "valid_accuracy",
    "valid_mean_token_accuracy": "valid_accuracy",
    "full_valid_accuracy": "full_valid_accuracy",
    "full_valid_mean_token_accuracy": "full_valid_accuracy",
}


@dataclass(frozen=True)
class MetricPoint:
    step: int
    values: Mapping[str, float] = field(default_factory=dict)


def canonical(values: Mapping[str, object]) -> dict[str, float]:
    """Known metric keys under their canonical names; non-numbers dropped."""
    out: dict[str, float] = {}
    for key, value in values.items():
        name = _ALIASES.get(key)
        if name is not None and isinstance(value, int | float) and not isinstance(value, bool):
            out[name] = float(value)
    return out


def point_from_event(event: JobEvent) -> MetricPoint | None:
    step = event.data.get("step")
    if not event.is_metrics or not isinstance(step, int | float) or isinstance(step, bool):
        return None
    values = canonical(event.data)
    return MetricPoint(int(step), values) if values else None


def points_from_events(events: Iterable[JobEvent]) -> list[MetricPoint]:
    return [p for p in (point_from_event(e) for e in events) if p is not None]


def points_from_rows(rows: Iterable[MetricRow]) -> list[MetricPoint]:
    out: list[MetricPoint] = []
    for row in rows:
        values = canonical(
            {
                "train_loss": row.train_loss,
                "train_accuracy": row.train_accuracy,
                "valid_loss": row.valid_loss,
                "valid_mean_token_accuracy": row.valid_mean_token_accuracy,
                **{k: v for k, v in row.extra.items() if v is not None},
            }
        )
        if values:
            out.append(MetricPoint(row.step, values))
    return out


def merge(*sources: Iterable[MetricPoint]) -> list[MetricPoint]:
    """One point per step, by step; a later source adds to and overrides an earlier one."""
    by_step: dict[int, dict[str, float]] = {}
    for source in sources:
        for point in source:
            by_step.setdefault(point.step, {}).update(point.values)
    return [MetricPoint(step, values) for step, values in sorted(by_step.items())]


def series(points: Sequence[MetricPoint], name: str) -> tuple[list[float], list[float]]:
    """(steps, values) of one quantity, skipping steps that lack it."""
    steps: list[float] = []
    values: list[float] = []
    for point in points:
        value = point.values.get(name)
        if value is not None:
            steps.append(float(point.step))
            values.append(value)
    return steps, values


def columns(
    points: Sequence[MetricPoint], names: Sequence[str] = SERIES
) -> dict[str, tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]]:
    """Every named series as (steps, values) arrays, in one pass over the points (a chart's input)."""
    count = len(points)
    steps = np.fromiter((p.step for p in points), dtype=float, count=count)
    out: dict[str, tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]] = {}
    for name in names:
        values = np.fromiter((p.values.get(name, math.nan) for p in points), dtype=float, count=count)
        keep = ~np.isnan(values)
        out[name] = (steps[keep], values[keep])
    return out


def smooth(values: Sequence[float], weight: float) -> list[float]:
    """Exponential moving average with the start-up bias removed (TensorBoard's smoothing); 0 = none."""
    return [float(v) for v in smooth_array(np.asarray(values, dtype=float), weight)]


def smooth_array(values: npt.NDArray[np.float64], weight: float) -> npt.NDArray[np.float64]:
    """:func:`smooth` for a chart's 10,000-point series, vectorised in blocks.

    Within a block of ``L`` points ``s_j = w^j (s_0 + (1 - w) sum_i x_i w^-i)``; ``L`` keeps ``w^-L``
    below 1e250, so nothing overflows whatever the weight.
    """
    x = np.asarray(values, dtype=float)
    if weight <= 0.0 or x.size == 0:
        return x.copy()
    w = min(weight, 0.999)
    block = int(min(x.size, max(1, 250 / max(-math.log10(w), 1e-12))))
    k = np.arange(1, block + 1, dtype=float)
    grow, shrink = w**-k, w**k
    out = np.empty_like(x)
    last = 0.0
    for start in range(0, x.size, block):
        chunk = x[start : start + block]
        n = chunk.size
        s = shrink[:n] * (last + (1.0 - w) * np.cumsum(chunk * grow[:n]))
        out[start : start + n] = s
        last = float(s[-1])
    result: npt.NDArray[np.float64] = out / (1.0 - w ** np.arange(1, x.size + 1, dtype=float))
    return result
