"""TokenHistogram: a small bar chart painted with QPainter (no QtCharts, so no PySide6-Addons)."""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence

from PySide6.QtCore import QLocale, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget


def bin_counts(values: Sequence[int], bins: int = 24, limit: int | None = None) -> tuple[list[int], int, int]:
    """(counts, low, high) of equal-width bins between the smallest and largest value."""
    if not values:
        return [], 0, 0
    ordered = sorted(values)  # (fast when already sorted) then a binary search per bin: 100k values
    lo, hi = ordered[0], ordered[-1]  # in a few milliseconds instead of a Python loop over all
    if limit is not None:
        hi = max(hi, min(limit, hi))
    if hi == lo:
        return [len(ordered)], lo, hi
    width = (hi - lo) / bins

    def bin_of(v: int) -> int:
        return min(bins - 1, int((v - lo) / width))

    ends = [bisect.bisect_right(ordered, b, key=bin_of) for b in range(bins)]
    return [ends[0]] + [ends[i] - ends[i - 1] for i in range(1, bins)], lo, hi


class TokenHistogram(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.counts: list[int] = []
        self.low = self.high = 0
        self.limit: int | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(140)
        self.setAccessibleName(self.tr("Token distribution"))

    def set_values(self, values: Sequence[int], limit: int | None = None) -> None:
        self.counts, self.low, self.high = bin_counts(values)
        self.limit = limit
        over = sum(1 for v in values if limit is not None and v > limit)
        tip = self.tr("%n example(s)", "", len(values))
        if values:
            tip += self.tr(", %1 to %2 tokens").replace("%1", _n(self.low)).replace("%2", _n(self.high))
        if over:
            tip += "\n" + self.tr("%n example(s) exceed the model's training context", "", over)
        self.setToolTip(tip)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(360, 180)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        fm = p.fontMetrics()
        p.fillRect(self.rect(), pal.base())
        if not self.counts:
            p.setPen(pal.placeholderText().color())
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("No token counts yet"))
            return
        peak = max(self.counts) or 1
        peak_text = _n(peak)
        # left: the y axis (its title turned upright, the peak count); bottom: the x axis and its title
        left = 8 + fm.height() + 4 + fm.horizontalAdvance(peak_text) + 4
        rect = QRectF(self.rect()).adjusted(left, 8, -8, -(fm.height() + 10))
        n = len(self.counts)
        bar_w = rect.width() / n
        width = (self.high - self.low) / n if n else 1
        for i, c in enumerate(self.counts):
            if not c:
                continue
            h = max(2.0, rect.height() * (math.log1p(c) / math.log1p(peak)))
            over = self.limit is not None and self.low + i * width > self.limit
            p.fillRect(
                QRectF(rect.left() + i * bar_w + 1, rect.bottom() - h, bar_w - 2, h),
                QColor("#c62828") if over else QColor("#4f7cac"),
            )
        p.setPen(QPen(pal.mid().color()))
        p.drawLine(rect.bottomLeft(), rect.bottomRight())
        p.drawLine(rect.bottomLeft(), rect.topLeft())
        p.setPen(pal.text().color())
        right = Qt.AlignmentFlag.AlignRight
        label_w = int(rect.left()) - 4
        p.drawText(0, int(rect.top()), label_w, fm.height(), right, peak_text)
        p.drawText(0, int(rect.bottom()) - fm.height(), label_w, fm.height(), right, "0")
        p.save()  # the y axis' title, bottom to top
        p.translate(8, rect.center().y())
        p.rotate(-90)
        title = self.tr("examples (log scale)")
        p.drawText(
            -int(rect.height()) // 2, 0, int(rect.height()), fm.height(), Qt.AlignmentFlag.AlignHCenter, title
        )
        p.restore()
        y = int(rect.bottom()) + 4
        p.drawText(
            int(rect.left()), y, int(rect.width()), fm.height(), Qt.AlignmentFlag.AlignLeft, _n(self.low)
        )
        p.drawText(
            int(rect.left()),
            y,
            int(rect.width()),
            fm.height(),
            Qt.AlignmentFlag.AlignHCenter,
            self.tr("tokens per example"),
        )
        p.drawText(int(rect.left()), y, int(rect.width()), fm.height(), right, _n(self.high))


def _n(value: int) -> str:
    return QLocale().toString(int(value))
