"""JobListModel: every job of the active connection as one row, with status badge, cost and progress."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from finetune_desktop.core.api.records import Job, JobStatus
from finetune_desktop.core.catalog.models import Catalog
from finetune_desktop.core.catalog.pricing import money
from finetune_desktop.core.jobs.cost import actual_cost
from finetune_desktop.gui.jobs import words

Index = QModelIndex | QPersistentModelIndex

COLUMNS = ("status", "model", "suffix", "created", "finished", "tokens", "cost", "fine_tuned")
#: the role under which each row's Job is available to views
JOB_ROLE = Qt.ItemDataRole.UserRole + 1


class JobListModel(QAbstractTableModel):
    """Rows newest first. ``data()`` never raises: a row it cannot render shows dashes."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._jobs: list[Job] = []
        self._rows: dict[str, int] = {}
        self._progress: dict[str, tuple[int, int]] = {}
        self.catalog: Catalog | None = None

    # -- filling ------------------------------------------------------------------------------------
    def set_jobs(self, jobs: list[Job]) -> None:
        """Replace the list (one reset), newest first."""
        self.beginResetModel()
        self._jobs = sorted(jobs, key=lambda j: (j.created_at, j.id), reverse=True)
        self._rows = {j.id: i for i, j in enumerate(self._jobs)}
        self.endResetModel()

    def merge_jobs(self, jobs: list[Job]) -> None:
        """Update known rows in place; a new job resets the list so it sorts in."""
        if any(j.id not in self._rows for j in jobs):
            known = {j.id: j for j in self._jobs}
            known.update({j.id: j for j in jobs})
            self.set_jobs(list(known.values()))
            return
        for job in jobs:
            self.update_job(job)

    def update_job(self, job: Job) -> None:
        row = self._rows.get(job.id)
        if row is None:
            self.merge_jobs([job])
            return
        self._jobs[row] = job
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def set_progress(self, job_id: str, step: int, total: int) -> None:
        self._progress[job_id] = (step, total)
        row = self._rows.get(job_id)
        if row is not None:
            self.dataChanged.emit(self.index(row, 0), self.index(row, 0))

    def set_catalog(self, catalog: Catalog) -> None:
        self.catalog = catalog
        if self._jobs:
            col = COLUMNS.index("cost")
            self.dataChanged.emit(self.index(0, col), self.index(len(self._jobs) - 1, col))

    def job_at(self, row: int) -> Job | None:
        return self._jobs[row] if 0 <= row < len(self._jobs) else None

    def row_of(self, job_id: str) -> int | None:
        return self._rows.get(job_id)

    def jobs(self) -> list[Job]:
        return list(self._jobs)

    # -- Qt -----------------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._jobs)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(COLUMNS):
            return None
        titles = {
            "status": self.tr("Status"),
            "model": self.tr("Base model"),
            "suffix": self.tr("Suffix"),
            "created": self.tr("Created"),
            "finished": self.tr("Finished"),
            "tokens": self.tr("Trained tokens"),
            "cost": self.tr("Cost"),
            "fine_tuned": self.tr("Fine-tuned model"),
        }
        return titles[COLUMNS[section]]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._jobs):
            return None
        if not 0 <= index.column() < len(COLUMNS):
            return None
        job = self._jobs[index.row()]
        column = COLUMNS[index.column()]
        try:
            if role == JOB_ROLE:
                return job
            if role == Qt.ItemDataRole.DisplayRole:
                return self._text(job, column)
            if role == Qt.ItemDataRole.ToolTipRole:
                return self._tooltip(job, column)
            if role == Qt.ItemDataRole.BackgroundRole and column == "status":
                return QColor(words.badge_colour(job))
            if role == Qt.ItemDataRole.ForegroundRole and column == "status":
                return QColor("#1d2b3a")
        except (ArithmeticError, KeyError, TypeError, ValueError):
            return "—" if role == Qt.ItemDataRole.DisplayRole else None
        return None

    def _text(self, job: Job, column: str) -> str:
        if column == "status":
            text = words.status_text(job)
            if job.status is JobStatus.RUNNING:
                step, total = self._progress.get(job.id, (None, None))
                extra = words.progress_text(step, total, job.estimated_finish)
                return f"{text} {extra}" if extra else text
            return text
        if column == "model":
            return job.model
        if column == "suffix":
            return job.suffix or "—"
        if column == "created":
            return words.when(job.created_at)
        if column == "finished":
            return words.when(job.finished_at)
        if column == "tokens":
            return f"{job.trained_tokens:,}" if job.trained_tokens is not None else "—"
        if column == "cost":
            cost = actual_cost(job, self.catalog) if self.catalog is not None else None
            return f"${money(cost.usd)}" if cost is not None and cost.usd is not None else "—"
        return job.fine_tuned_model or "—"

    def _tooltip(self, job: Job, column: str) -> str | None:
        if column == "cost":
            cost = actual_cost(job, self.catalog) if self.catalog is not None else None
            if cost is None or cost.usd is None:
                return self.tr(
                    "Shown once the server reports the trained tokens (for models in the catalog)."
                )
            return (
                self.tr("%1 trained tokens × $%2 per million (prices of %3)")
                .replace("%1", f"{cost.trained_tokens:,}")
                .replace("%2", str(cost.price_per_1m))
                .replace("%3", cost.prices_date or self.tr("unknown date"))
            )
        if column == "status":
            return job.id
        if column == "fine_tuned" and job.fine_tuned_model:
            return job.fine_tuned_model
        return None
