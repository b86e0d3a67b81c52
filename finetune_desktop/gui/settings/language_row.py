"""The "Language" row of the Settings page: System default / English / 简体中文, applied at the next start."""

from __future__ import annotations

import os

from PySide6.QtCore import QLocale, QSettings, Signal, Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from finetune_desktop.gui import i18n


class LanguageRow(QWidget):
    """Signals: ``language_chosen(str)`` ("system", "en" or "zh_CN"), after it was saved."""

    language_chosen = Signal(str)

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.label = QLabel(self.tr("Language:"), self)
        self.combo = QComboBox(self)
        self.combo.setObjectName("languageChooser")
        self.combo.setAccessibleName(self.tr("Language"))
        system = i18n.NATIVE_NAMES[i18n.language_for_locale(QLocale.system())]
        self.combo.addItem(self.tr("System default (%1)").replace("%1", system), i18n.SYSTEM)
        for code in i18n.LANGUAGES:
            self.combo.addItem(i18n.NATIVE_NAMES[code], code)
        self.combo.setCurrentIndex(max(0, self.combo.findData(i18n.saved_choice(settings))))
        self.label.setBuddy(self.combo)
        self.note = QLabel(self._note_text(restart=False), self)
        self.note.setStyleSheet("color: palette(placeholder-text);")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.combo)
        layout.addWidget(self.note)
        layout.addStretch(1)
        self.combo.activated.connect(self._on_combo_activated)

    def choice(self) -> str:
        return str(self.combo.currentData())

    @Slot(int)
    def _on_combo_activated(self, _index: int) -> None:
        i18n.save_choice(self.settings, self.choice())
        restart = i18n.resolve(self.choice()) != i18n.current_language()
        self.note.setText(self._note_text(restart=restart))
        self.language_chosen.emit(self.choice())

    def _note_text(self, *, restart: bool) -> str:
        if i18n.env_override() is not None:
            return self.tr("%1 is set and overrides this choice.").replace(
                "%1", f"{i18n.LANGUAGE_ENV}={os.environ.get(i18n.LANGUAGE_ENV, '')}"
            )
        if restart:
            return self.tr("Restart Finetune Desktop to use the new language.")
        return self.tr("Applies after restarting the app.")
