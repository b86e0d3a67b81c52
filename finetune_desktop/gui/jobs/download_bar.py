"""The job detail's "downloading the base model" strip: a real progress bar fed by the job's events.

The local engine reports a hub download as events whose ``data`` has ``phase: "download"`` with
``bytes_done``, ``bytes_total`` and ``bytes_per_second``; the last one has ``done: true``. The strip shows
while a download runs and hides when it ends or the job stops.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

from finetune_desktop.core.api.records import JobEvent


def _mb(n: float) -> str:
    return f"{n / 1e6:.1f} MB"


class DownloadBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setAccessibleName(self.tr("Base model download"))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label)
        row.addWidget(self.bar, 1)
        self.hide()

    def take(self, event: JobEvent) -> None:
        """Follow ``event`` if it is about a download (other events change nothing)."""
        data: Mapping[str, Any] = event.data
        if data.get("phase") != "download":
            return
        if data.get("done"):
            self.hide()
            return
        done, total = int(data.get("bytes_done") or 0), int(data.get("bytes_total") or 0)
        repo = str(data.get("repo") or "")
        if total > 0:
            self.bar.setRange(0, 1000)
            self.bar.setValue(min(1000, round(1000 * done / total)))
            text = (
                self.tr("Downloading the base model %1: %2 of %3 (%4/s)")
                .replace("%1", repo)
                .replace("%2", _mb(done))
                .replace("%3", _mb(total))
                .replace("%4", _mb(float(data.get("bytes_per_second") or 0)))
            )
        else:
            self.bar.setRange(0, 0)  # busy: the size is not known yet
            text = self.tr("Getting the base model %1 from the Hugging Face hub…").replace("%1", repo)
        self.label.setText(text)
        self.show()
