"""The "Sandbox speed" row of the Settings page: how much faster than real time the built-in sandbox's
simulated training runs. Read by app.py when it starts the sandbox, so a change applies at the next start."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Signal, Slot
from PySide6.QtWidgets import QDoubleSpinBox, QHBoxLayout, QLabel, QWidget

SPEED_KEY = "sandbox/speed"
#: the sample dataset's job (24 examples, 4 epochs: about 4 simulated minutes) then takes about a minute
DEFAULT_SPEED = 4.0
MIN_SPEED, MAX_SPEED = 0.25, 1000.0


def saved_speed(settings: QSettings) -> float:
    try:
        value = float(str(settings.value(SPEED_KEY, DEFAULT_SPEED)))
    except ValueError:
        return DEFAULT_SPEED
    return min(MAX_SPEED, max(MIN_SPEED, value))


class SandboxSpeedRow(QWidget):
    """Signals: ``speed_chosen(float)`` after it was saved."""

    speed_chosen = Signal(float)

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.label = QLabel(self.tr("Sandbox training speed:"), self)
        self.spin = QDoubleSpinBox(self)
        self.spin.setObjectName("sandboxSpeed")
        self.spin.setAccessibleName(self.tr("Sandbox training speed"))
        self.spin.setRange(MIN_SPEED, MAX_SPEED)
        self.spin.setDecimals(2)
        self.spin.setSuffix("×")
        self.spin.setValue(saved_speed(settings))
        self.label.setBuddy(self.spin)
        self.note = QLabel(
            self.tr(
                "How much faster than real time the simulated engine trains (its training is simulated: "
                "at 4× the sample dataset's job finishes in about a minute). The local engine trains at "
                "this computer's own pace. Applies after restarting the app."
            ),
            self,
        )
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: palette(placeholder-text);")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.spin)
        layout.addWidget(self.note, 1)
        self.spin.editingFinished.connect(self._on_spin_edited)

    @Slot()
    def _on_spin_edited(self) -> None:
        self.settings.setValue(SPEED_KEY, self.spin.value())
        self.settings.sync()
        self.speed_chosen.emit(self.spin.value())
