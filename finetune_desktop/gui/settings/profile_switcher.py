"""Status-bar widget: which connection is in use, and a quick way to switch it (persisted)."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSizePolicy, QWidget

from finetune_desktop.core.profiles import ProfileKind
from finetune_desktop.gui.context import AppContext


class ProfileSwitcher(QWidget):
    """A label and a combobox of all profiles; choosing one makes it the active profile."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.label = QLabel(self.tr("Connection:"), self)
        self.combo = QComboBox(self)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.combo.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        self.combo.setToolTip(self.tr("Where fine-tuning work is sent. Manage connections in Settings."))
        self.combo.setAccessibleName(self.tr("Active connection"))
        self.label.setBuddy(self.combo)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.label)
        layout.addWidget(self.combo)
        self.combo.activated.connect(self._on_combo_activated)
        context.profiles_changed.connect(self.reload)
        context.active_profile_changed.connect(self._on_context_active_changed)
        self.reload()

    @Slot()
    def reload(self) -> None:
        self.combo.blockSignals(True)
        self.combo.clear()
        for profile in self.context.store.list():
            text = profile.name
            if profile.kind is ProfileKind.SANDBOX:
                text = self.tr("Sandbox (local, no account)")
            self.combo.addItem(text, profile.id)
        self.combo.setCurrentIndex(max(0, self.combo.findData(self.context.store.active_id)))
        self.combo.blockSignals(False)

    def current_profile_id(self) -> str:
        return str(self.combo.currentData())

    @Slot(int)
    def _on_combo_activated(self, index: int) -> None:
        profile_id = self.combo.itemData(index)
        if profile_id:
            self.context.set_active_profile(str(profile_id))

    @Slot(object)
    def _on_context_active_changed(self, _profile: object) -> None:
        self.reload()
