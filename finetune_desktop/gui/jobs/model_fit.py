"""Marks the local base models of the new-job form's model list: does LoRA training fit this computer?

The machine's memory (GPU memory with CUDA, else RAM) is read once on a worker thread (core's
``machine_memory``); the estimate itself is arithmetic, redone on the UI thread when the batch size
changes. Each local model the estimate knows reads "fits", "tight" or "too big" with the memory it needs.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QComboBox

from finetune_desktop.core.local_models.catalog import (
    HubModel,
    hub_model,
    model_path_problem,
    shape_from_folder,
)
from finetune_desktop.core.local_models.memory import Fit, Machine, fit, gib, machine_memory
from finetune_desktop.gui.tasks import TaskRunner


def verdict_word(verdict: str) -> str:
    words = {
        "fits": QCoreApplication.translate("ModelFit", "fits"),
        "tight": QCoreApplication.translate("ModelFit", "tight"),
        "too_big": QCoreApplication.translate("ModelFit", "too big"),
    }
    return words.get(verdict, verdict)


def fit_note(found: Fit) -> str:
    """One sentence: what training needs, what the machine has, the verdict and what to do."""
    m = found.machine
    where = (
        QCoreApplication.translate("ModelFit", "GPU memory (%1)").replace("%1", m.name)
        if m.device == "cuda"
        else QCoreApplication.translate("ModelFit", "memory")
    )
    text = (
        QCoreApplication.translate(
            "ModelFit", "LoRA training needs about %1; this computer's %2 has %3 free of %4: %5."
        )
        .replace("%1", gib(found.need))
        .replace("%2", where)
        .replace("%3", gib(m.available))
        .replace("%4", gib(m.total))
        .replace("%5", verdict_word(found.verdict))
    )
    if found.verdict == "tight":
        text += " " + QCoreApplication.translate(
            "ModelFit", "Close other programs first, or choose a smaller model."
        )
    elif found.verdict == "too_big":
        text += " " + QCoreApplication.translate("ModelFit", "Choose a smaller model.")
    return text


class ModelFitMarks(QObject):
    """Signals: ``folders_found(dict[str, Path])``: which of ``folders`` hold a model the local engine can
    use (looked at on a worker: a folder may sit on a slow or gone network drive), emitted before the
    marks are first written; ``changed()`` after the marks were (re)written."""

    folders_found = Signal(object)
    changed = Signal()

    def __init__(
        self, box: QComboBox, parent: QObject | None = None, *, folders: dict[str, Path] | None = None
    ) -> None:
        super().__init__(parent)
        self.box = box
        self.folders = dict(folders or {})
        self.shapes: dict[str, HubModel | None] = {}
        self.machine: Machine | None = None
        self.batch_size = 1
        self.fits: dict[str, Fit] = {}
        self._names = {box.itemData(i): box.itemText(i) for i in range(box.count())}

    def start(self, runner: TaskRunner) -> None:
        folders = dict(self.folders)

        def read() -> tuple[Machine, dict[str, Path], dict[str, HubModel | None]]:
            usable = {k: p for k, p in folders.items() if model_path_problem(p) is None}
            return machine_memory(), usable, {k: shape_from_folder(k, p) for k, p in usable.items()}

        runner.op(read).on_result(self._on_read).on_error(lambda _e, _tb: None).start(self)

    @Slot(object)
    def _on_read(self, result: tuple[Machine, dict[str, Path], dict[str, HubModel | None]]) -> None:
        self.machine, usable, self.shapes = result
        if usable:
            self.folders_found.emit(usable)
        self.refresh()

    def set_batch_size(self, batch_size: int) -> None:
        if batch_size != self.batch_size:
            self.batch_size = batch_size
            self.refresh()

    def refresh(self) -> None:
        if self.machine is None:
            return
        self.fits.clear()
        for i in range(self.box.count()):
            model_id = str(self.box.itemData(i))
            shape = self.shapes.get(model_id) or hub_model(model_id)
            if shape is None:
                continue
            found = fit(shape, self.machine, batch_size=self.batch_size)
            self.fits[model_id] = found
            label = (
                f"{self._names.get(model_id, model_id)}  ({verdict_word(found.verdict)}, ~{gib(found.need)})"
            )
            self.box.setItemText(i, label)
            self.box.setItemData(i, fit_note(found), Qt.ItemDataRole.ToolTipRole)
        self.changed.emit()

    def note(self, model_id: str) -> str:
        found = self.fits.get(model_id)
        return fit_note(found) if found else ""
