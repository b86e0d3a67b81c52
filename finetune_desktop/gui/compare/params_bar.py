"""Temperature, top-p and longest reply: each may be left at the server's default."""

from __future__ import annotations

from PySide6.QtWidgets import QDoubleSpinBox, QHBoxLayout, QLabel, QSpinBox, QWidget

from finetune_desktop.core.compare.batch import ChatParams


class ParamsBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.temperature = self._double(2.0, self.tr("Temperature: higher gives more varied replies"))
        self.top_p = self._double(1.0, self.tr("Top-p: sample only from the most likely tokens"))
        self.max_tokens = QSpinBox()
        self.max_tokens.setRange(0, 128_000)
        self.max_tokens.setSingleStep(64)
        self.max_tokens.setSpecialValueText(self.tr("Default"))
        self.max_tokens.setToolTip(self.tr("The longest reply, in tokens"))
        self.max_tokens.setAccessibleName(self.tr("Max tokens"))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for label, widget in (
            (self.tr("Temperature"), self.temperature),
            (self.tr("Top-p"), self.top_p),
            (self.tr("Max tokens"), self.max_tokens),
        ):
            text = QLabel(label)
            text.setBuddy(widget)
            row.addWidget(text)
            row.addWidget(widget)

    def _double(self, top: float, tip: str) -> QDoubleSpinBox:
        box = QDoubleSpinBox()
        box.setRange(-0.1, top)
        box.setSingleStep(0.1)
        box.setDecimals(2)
        box.setSpecialValueText(self.tr("Default"))
        box.setValue(-0.1)
        box.setToolTip(tip)
        box.setAccessibleName(tip.split(":")[0])
        return box

    def params(self) -> ChatParams:
        t = self.temperature.value()
        p = self.top_p.value()
        m = self.max_tokens.value()
        return ChatParams(
            None if t <= self.temperature.minimum() else round(t, 2),
            None if p <= self.top_p.minimum() else round(p, 2),
            m or None,
        )

    def set_params(self, params: ChatParams) -> None:
        self.temperature.setValue(
            self.temperature.minimum() if params.temperature is None else params.temperature
        )
        self.top_p.setValue(self.top_p.minimum() if params.top_p is None else params.top_p)
        self.max_tokens.setValue(params.max_tokens or 0)
