"""Choosing a model for a column: a connection profile and one of its models (or a name typed in).

``ModelDirectory`` loads each profile's models once, off the UI thread, and shares them between columns.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QSizePolicy, QWidget

from finetune_desktop.core.catalog.models import Catalog, load_catalog
from finetune_desktop.core.compare.models import ModelChoice, ModelKind, base_choices
from finetune_desktop.gui.compare.error_text import error_text
from finetune_desktop.gui.compare.work import list_models
from finetune_desktop.gui.context import AppContext
from finetune_desktop.gui.settings.profile_names import display_name


class ModelDirectory(QObject):
    """Signals: ``catalog_loaded()``, ``models_loaded(str)`` (a profile id), ``models_failed(str, str)``
    (profile id, translated reason)."""

    catalog_loaded = Signal()
    models_loaded = Signal(str)
    models_failed = Signal(str, str)

    def __init__(self, context: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.catalog: Catalog | None = None
        self._remote: dict[str, list[ModelChoice]] = {}
        self._loading: set[str] = set()
        self._waiting: set[str] = set()
        self._started = False

    def start(self) -> None:
        """Read the catalog, then every profile asked for so far (called when the screen is first shown,
        so an app that never opens Compare sends no request for it)."""
        if self._started:
            return
        self._started = True
        self.context.runner.op(load_catalog).on_result(self._on_catalog).on_error(
            self._on_catalog_failed
        ).start(self)

    def _on_catalog(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.catalog_loaded.emit()
        for pid in sorted(self._waiting):
            self.load(pid)
        self._waiting.clear()

    def _on_catalog_failed(self, exc: BaseException, _tb: str) -> None:
        self.models_failed.emit("", str(exc))

    def choices(self, profile_id: str) -> list[ModelChoice]:
        """What is known now: the profile's fine-tunes and checkpoints, then the catalog's base models."""
        base = base_choices(self.catalog) if self.catalog is not None else []
        return [*self._remote.get(profile_id, []), *base]

    def shutdown_of(self, model: str) -> ModelChoice | None:
        for choices in self._remote.values():
            for c in choices:
                if c.name == model:
                    return c
        return None

    def load(self, profile_id: str, *, again: bool = False) -> None:
        if self.catalog is None:
            self._waiting.add(profile_id)
            return
        if profile_id in self._loading or (profile_id in self._remote and not again):
            return
        self._loading.add(profile_id)
        self.context.runner.op(list_models, self.context, profile_id, self.catalog, pool="net").on_result(
            partial(self._on_models, profile_id)
        ).on_error(partial(self._on_failed, profile_id)).start(self)

    def _on_models(self, profile_id: str, models: list[ModelChoice]) -> None:
        self._loading.discard(profile_id)
        self._remote[profile_id] = models
        self.models_loaded.emit(profile_id)

    def _on_failed(self, profile_id: str, exc: BaseException, _tb: str) -> None:
        self._loading.discard(profile_id)
        self.models_failed.emit(profile_id, error_text(exc))


class ModelPicker(QWidget):
    """Signals: ``changed()`` (profile or model)."""

    changed = Signal()

    def __init__(self, directory: ModelDirectory, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.directory = directory
        self.profile_combo = QComboBox()
        self.profile_combo.setAccessibleName(self.tr("Connection"))
        self.profile_combo.setToolTip(self.tr("Which connection this column asks"))
        self.profile_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.model_combo = QComboBox()
        self.model_combo.setEditable(True)
        self.model_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.model_combo.setAccessibleName(self.tr("Model"))
        self.model_combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.model_combo.setMinimumContentsLength(18)
        line = self.model_combo.lineEdit()
        if line is not None:
            line.setPlaceholderText(self.tr("Model name"))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.profile_combo)
        row.addWidget(self.model_combo, 1)
        self.fill_profiles()
        self.profile_combo.currentIndexChanged.connect(self._on_profile_changed)
        self.model_combo.currentTextChanged.connect(lambda _t: self.changed.emit())
        directory.models_loaded.connect(self._on_models_loaded)
        directory.catalog_loaded.connect(self._refill_models)
        directory.context.profiles_changed.connect(self.fill_profiles)

    # profiles ------------------------------------------------------------------------------------------
    @Slot()
    def fill_profiles(self) -> None:
        current = self.profile_id() or self.directory.context.active_id
        self.profile_combo.blockSignals(True)
        self.profile_combo.clear()
        for profile in self.directory.context.store.list():
            self.profile_combo.addItem(display_name(profile), profile.id)
        index = self.profile_combo.findData(current)
        self.profile_combo.setCurrentIndex(max(0, index))
        self.profile_combo.blockSignals(False)
        self._on_profile_changed()

    def profile_id(self) -> str:
        data = self.profile_combo.currentData()
        return str(data) if data else ""

    def set_profile(self, profile_id: str) -> None:
        index = self.profile_combo.findData(profile_id)
        if index >= 0:
            self.profile_combo.setCurrentIndex(index)

    @Slot()
    def _on_profile_changed(self) -> None:
        pid = self.profile_id()
        if pid:
            self.directory.load(pid)
        self._refill_models()
        self.changed.emit()

    # models ---------------------------------------------------------------------------------------------
    def model(self) -> str:
        return self.model_combo.currentText().strip()

    def set_model(self, name: str) -> None:
        index = self.model_combo.findText(name, Qt.MatchFlag.MatchExactly)
        if index >= 0:
            self.model_combo.setCurrentIndex(index)
        else:
            self.model_combo.setEditText(name)

    @Slot(str)
    def _on_models_loaded(self, profile_id: str) -> None:
        if profile_id == self.profile_id():
            self._refill_models()

    @Slot()
    def _refill_models(self) -> None:
        typed = self.model()
        self.model_combo.blockSignals(True)
        self.model_combo.clear()
        for choice in self.directory.choices(self.profile_id()):
            self.model_combo.addItem(choice.name, choice.kind.value)
            self.model_combo.setItemData(
                self.model_combo.count() - 1, self._kind_text(choice), Qt.ItemDataRole.ToolTipRole
            )
        if typed:
            self.set_model(typed)
        self.model_combo.blockSignals(False)
        if typed != self.model():
            self.changed.emit()

    def _kind_text(self, choice: ModelChoice) -> str:
        kinds = {
            ModelKind.BASE: self.tr("Base model"),
            ModelKind.FINE_TUNED: self.tr("Your fine-tuned model"),
            ModelKind.CHECKPOINT: self.tr("A checkpoint of one of your jobs"),
        }
        return kinds[choice.kind]
