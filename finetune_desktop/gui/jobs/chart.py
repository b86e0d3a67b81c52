"""LossChart: training, validation and full-validation loss (or token accuracy) against step, for one or
several runs, drawn with pyqtgraph (zoom and pan with the mouse, log scale, smoothing, hover read-out)."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from finetune_desktop.core import gc_switch
from finetune_desktop.core.jobs.metrics import (
    ACCURACY_SERIES,
    LOSS_SERIES,
    MetricPoint,
    columns,
    smooth_array,
)

#: one colour per overlaid run; the line style tells the series apart
RUN_COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b")
_STYLES = (Qt.PenStyle.SolidLine, Qt.PenStyle.DashLine, Qt.PenStyle.DotLine)
DENSE_POINTS = 2_000  # a curve with more points than this is drawn 1 px wide


#: pyqtgraph's own means for dense curves, each a PlotDataItem option: the arrays are finite floats
#: already (no per-draw check); a zoomed-in view draws only the points in view (``clipToView`` and
#: ``autoDownsample`` are set on the plot); and peak downsampling keeps each pixel column's highest and
#: lowest value, so the drawn line covers exactly the pixels the full data would. pyqtgraph's default
#: factor, 5, only downsamples past 5 points per pixel: 10,000 steps on a 1,100 px wide chart were all
#: drawn, about five times more vertices than pixels to put them in.
_CURVE_OPTIONS: dict[str, Any] = {"skipFiniteCheck": True, "autoDownsampleFactor": 1.0, "antialias": False}

_COLLECTOR: list[object] = []


def collect_garbage_on_the_ui_thread() -> None:
    """pyqtgraph's items form reference cycles. Left to Python's automatic collection, which runs on
    whichever thread happens to allocate (the built-in server's, a worker), their Qt objects would be
    destroyed there and can deadlock with the UI thread (seen in the suite: a QObject destructor waiting
    for the GIL on the server thread while the UI thread waited for that object's lock). pyqtgraph's
    documented remedy: switch automatic collection off and collect on a UI-thread timer instead."""
    if not _COLLECTOR:
        from pyqtgraph.util.garbage_collector import GarbageCollector

        # through the process's one switch: a loop's pause that is running now (the sample loading
        # beside the first chart) would otherwise switch automatic collection back on when it ends
        gc_switch.keep_off()
        _COLLECTOR.append(GarbageCollector(interval=1.0))


@dataclass
class Run:
    label: str
    points: list[MetricPoint]


class LossChart(QWidget):
    """Show runs with :meth:`set_runs`; a live run grows with :meth:`append_points`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        collect_garbage_on_the_ui_thread()
        self._runs: list[Run] = []
        self._curves: dict[tuple[int, str], pg.PlotDataItem] = {}
        self._data: dict[tuple[int, str], tuple[np.ndarray, np.ndarray]] = {}
        self._legend_names: dict[tuple[int, str], str] = {}
        # each run's series as arrays, built once per change of its points (not on every redraw)
        self._columns: dict[tuple[int, str], tuple[np.ndarray, np.ndarray]] = {}
        self._log_mode = False
        self._y_label = ""
        self.plot_widget = pg.PlotWidget(background="w")
        self.plot_widget.setMinimumHeight(220)
        self.plot = self.plot_widget.getPlotItem()
        self.plot.showGrid(x=True, y=True, alpha=0.25)
        self.plot.setClipToView(True)
        self.plot.setDownsampling(auto=True, mode="peak")
        self.plot.setLabel("bottom", self.tr("Step"))
        self.legend = self.plot.addLegend(offset=(-10, 10))
        self.marker = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen("#999999", width=1))
        self.marker.setVisible(False)
        self.plot.addItem(self.marker, ignoreBounds=True)

        self.quantity = QComboBox()
        self.quantity.addItem(self.tr("Loss"), "loss")
        self.quantity.addItem(self.tr("Token accuracy"), "accuracy")
        self.quantity.setAccessibleName(self.tr("Quantity"))
        self.log_scale = QCheckBox(self.tr("Log scale"))
        self.smoothing = QSlider(Qt.Orientation.Horizontal)
        self.smoothing.setRange(0, 95)
        self.smoothing.setValue(0)
        self.smoothing.setMaximumWidth(140)
        self.smoothing.setAccessibleName(self.tr("Smoothing"))
        self.smoothing_label = QLabel()
        self.reset_zoom = QPushButton(self.tr("Reset zoom"))
        self.readout = QLabel()
        self.readout.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.readout.setWordWrap(True)
        self.empty = QLabel(self.tr("No training metrics yet: the chart fills in as the job trains."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: palette(mid);")

        controls = QHBoxLayout()
        controls.addWidget(self.quantity)
        controls.addWidget(self.log_scale)
        controls.addWidget(QLabel(self.tr("Smoothing")))
        controls.addWidget(self.smoothing)
        controls.addWidget(self.smoothing_label)
        controls.addStretch(1)
        controls.addWidget(self.reset_zoom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(controls)
        layout.addWidget(self.plot_widget, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.readout)

        self.quantity.currentIndexChanged.connect(self._on_options_changed)
        self.log_scale.toggled.connect(self._on_options_changed)
        self.smoothing.valueChanged.connect(self._on_options_changed)
        self.reset_zoom.clicked.connect(self._on_reset_zoom)
        self.plot_widget.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self._update_smoothing_label()
        self._redraw()

    # -- data ---------------------------------------------------------------------------------------
    def set_runs(self, runs: Sequence[Run]) -> None:
        self._runs = [Run(r.label, list(r.points)) for r in runs]
        self._columns.clear()
        self._redraw()

    def append_points(self, run_index: int, points: Sequence[MetricPoint]) -> None:
        """New metrics of a live run: merged by step, then only that run's curves get new data."""
        if not 0 <= run_index < len(self._runs) or not points:
            return
        run = self._runs[run_index]
        last = run.points[-1].step if run.points else -1
        if all(p.step > last for p in points):
            run.points.extend(sorted(points, key=lambda p: p.step))
        else:
            by_step = {p.step: p for p in run.points}
            by_step.update({p.step: p for p in points})
            run.points = [by_step[s] for s in sorted(by_step)]
        for key in [k for k in self._columns if k[0] == run_index]:
            del self._columns[key]
        if any(key[0] == run_index for key in self._curves):
            self._update_run(run_index)
        else:
            self._redraw()

    @property
    def runs(self) -> list[Run]:
        return list(self._runs)

    def curve_data(self, run_index: int, name: str) -> tuple[list[float], list[float]]:
        """What is drawn for one series (for tests and the read-out)."""
        xs, ys = self._data.get((run_index, name), (np.empty(0), np.empty(0)))
        return xs.tolist(), ys.tolist()

    # -- drawing ------------------------------------------------------------------------------------
    def _names(self) -> tuple[str, ...]:
        return LOSS_SERIES if self.quantity.currentData() == "loss" else ACCURACY_SERIES

    def _series_label(self, name: str) -> str:
        labels = {
            "train_loss": self.tr("training loss"),
            "valid_loss": self.tr("validation loss"),
            "full_valid_loss": self.tr("full validation loss"),
            "train_accuracy": self.tr("training token accuracy"),
            "valid_accuracy": self.tr("validation token accuracy"),
            "full_valid_accuracy": self.tr("full validation token accuracy"),
        }
        return labels.get(name, name)

    def _xy(self, run_index: int, name: str) -> tuple[np.ndarray, np.ndarray]:
        run = self._runs[run_index]
        key = (run_index, name)
        if key not in self._columns:  # the shown quantity's series only (the others when asked)
            for series_name, arrays in columns(run.points, self._names()).items():
                self._columns[(run_index, series_name)] = arrays
        column = self._columns[key]
        xs = column[0]
        ys = smooth_array(column[1], self.smoothing.value() / 100.0)
        if self.log_scale.isChecked():
            keep = ys > 0
            xs, ys = xs[keep], ys[keep]
        return xs, ys

    def _redraw(self) -> None:
        """Draw every run; curves that exist already get new data (cheaper than rebuilding them)."""
        log = self.log_scale.isChecked()
        if log != self._log_mode:  # (setLogMode remaps every curve's data, so only on a change)
            self._log_mode = log
            self.plot.setLogMode(x=False, y=log)
        y_label = self.tr("Loss") if self.quantity.currentData() == "loss" else self.tr("Token accuracy")
        if y_label != self._y_label:
            self._y_label = y_label
            self.plot.setLabel("left", y_label)
        overlay = len(self._runs) > 1
        wanted: dict[tuple[int, str], tuple[np.ndarray, np.ndarray, str, Any]] = {}
        for i, run in enumerate(self._runs):
            colour = RUN_COLOURS[i % len(RUN_COLOURS)]
            for style, name in zip(_STYLES, self._names(), strict=True):
                xs, ys = self._xy(i, name)
                if len(xs):
                    label = self._series_label(name)
                    legend = f"{run.label}: {label}" if overlay else label
                    # Qt draws wide lines far slower than thin ones: 2 px while a curve is short, 1 px
                    # once it is dense enough that thickness no longer helps (3 x 10k points: 80 -> 39 ms)
                    width = 2 if len(xs) <= DENSE_POINTS else 1
                    wanted[(i, name)] = (xs, ys, legend, pg.mkPen(colour, width=width, style=style))
        same = set(wanted) == set(self._curves) and all(
            self._legend_names.get(key) == value[2] for key, value in wanted.items()
        )
        if not same:
            for curve in self._curves.values():
                self.plot.removeItem(curve)
            self._curves.clear()
            self.legend.clear()
            self._legend_names.clear()
        self._data.clear()
        for key, (xs, ys, legend, pen) in wanted.items():
            curve = self._curves.get(key)
            if curve is None:
                curve = self.plot.plot(xs, ys, pen=pen, name=legend, **_CURVE_OPTIONS)
                self._curves[key] = curve
                self._legend_names[key] = legend
            else:
                curve.setData(xs, ys)
            self._data[key] = (xs, ys)
        self.empty.setVisible(not self._curves)
        self.plot.enableAutoRange()

    def _update_run(self, run_index: int) -> None:
        for name in self._names():
            xs, ys = self._xy(run_index, name)
            curve = self._curves.get((run_index, name))
            if curve is None:
                if len(xs):
                    self._redraw()
                    return
                continue
            curve.setData(xs, ys)
            self._data[(run_index, name)] = (xs, ys)

    def _update_smoothing_label(self) -> None:
        value = self.smoothing.value()
        self.smoothing_label.setText(f"{value / 100:.2f}" if value else self.tr("off"))

    # -- slots --------------------------------------------------------------------------------------
    @Slot()
    def _on_options_changed(self) -> None:
        self._update_smoothing_label()
        self._redraw()

    @Slot()
    def _on_reset_zoom(self) -> None:
        self.plot.enableAutoRange()
        self.plot.autoRange()

    @Slot(object)
    def _on_mouse_moved(self, pos: QPointF) -> None:
        if not self._curves or not self.plot.sceneBoundingRect().contains(pos):
            self.marker.setVisible(False)
            return
        step = self.plot.vb.mapSceneToView(pos).x()
        self.show_readout(step)

    def show_readout(self, step: float) -> str:
        """The values nearest to ``step`` for every drawn series; also shown under the chart."""
        parts: list[str] = []
        nearest_step: float | None = None
        for (i, name), _curve in sorted(self._curves.items()):
            xs, ys = self.curve_data(i, name)
            if not xs:
                continue
            k = min(max(bisect.bisect_left(xs, step), 0), len(xs) - 1)
            if k > 0 and abs(xs[k - 1] - step) < abs(xs[k] - step):
                k -= 1
            nearest_step = xs[k] if nearest_step is None else nearest_step
            value = ys[k]
            prefix = f"{self._runs[i].label}: " if len(self._runs) > 1 else ""
            parts.append(f"{prefix}{self._series_label(name)} {value:.4f}")
        if nearest_step is None:
            return ""
        self.marker.setPos(nearest_step)
        self.marker.setVisible(True)
        text = self.tr("Step %1").replace("%1", str(int(nearest_step))) + " — " + ", ".join(parts)
        self.readout.setText(text)
        return text
