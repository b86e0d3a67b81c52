"""Status-bar widget: which backend is in use, and a quick way to switch it (persisted)."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSizePolicy, QWidget

from finetune_desktop.gui.context import AppContext
from finetune_desktop.gui.settings.profile_names import display_name


class ProfileSwitcher(QWidget):
    """"Backend:", a combobox of all profiles (choosing one makes it the active profile) and, when the
    app fell back to a profile for this session only, a short note whose tooltip says why."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.label = QLabel(self.tr("Backend:"), self)
        self.session_note = QLabel(self)
        self.session_note.setObjectName("sessionNote")
        self.session_note.setStyleSheet("color: #8a5a00;")
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
        layout.addWidget(self.session_note)
        self.combo.activated.connect(self._on_combo_activated)
        context.profiles_changed.connect(self.reload)
        context.active_profile_changed.connect(self._on_context_active_changed)
        self.reload()

    @Slot()
    def reload(self) -> None:
        self.combo.blockSignals(True)
        self.combo.clear()
        for profile in self.context.store.list():
            self.combo.addItem(display_name(profile, detailed=True), profile.id)
        self.combo.setCurrentIndex(max(0, self.combo.findData(self.context.active_id)))
        self.combo.blockSignals(False)
        reason = self.context.session_reason
        self.session_note.setText(self.tr("(this session only)") if reason else "")
        self.session_note.setToolTip(reason)
        self.session_note.setVisible(bool(reason))

    def text(self) -> str:
        """What the status bar says, e.g. "Backend: Work account" (for tests and accessibility)."""
        return f"{self.label.text()} {self.combo.currentText()}"

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
