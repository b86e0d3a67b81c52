"""The About dialog: version, licence, where the app keeps its files, and how old the bundled prices are.

The facts come from :func:`finetune_desktop.core.about.about_facts`, read off the UI thread by the
caller (it reads the model catalog from disk); the dialog only shows them.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from finetune_desktop.core.about import AboutFacts


class AboutDialog(QDialog):
    """Shown with ``open()``; closes with its Close button. No signals of its own."""

    def __init__(self, facts: AboutFacts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About Finetune Desktop"))
        self.facts = facts
        layout = QVBoxLayout(self)

        head = QHBoxLayout()
        head.setSpacing(16)
        icon = QLabel()
        icon.setPixmap(QGuiApplication.windowIcon().pixmap(QSize(64, 64)))
        head.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        words = QVBoxLayout()
        name = QLabel("Finetune Desktop")
        font = name.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        name.setFont(font)
        words.addWidget(name)
        about = QLabel(
            self.tr(
                "Build a training set, check what it costs, fine-tune a chat model and compare it "
                "with its base model, without writing code."
            )
        )
        about.setWordWrap(True)
        words.addWidget(about)
        words.addStretch(1)
        head.addLayout(words, 1)
        layout.addLayout(head)
        layout.addSpacing(8)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.version_label = self._value(facts.version)
        self.version_label.setObjectName("aboutVersion")
        form.addRow(self.tr("Version:"), self.version_label)
        form.addRow(self.tr("License:"), self._value(facts.license))
        self.prices_label = self._value(self._prices_text())
        self.prices_label.setObjectName("aboutPrices")
        form.addRow(self.tr("Model prices:"), self.prices_label)
        self.folder_rows: dict[str, QLabel] = {}
        for key, label, path in (
            ("data", self.tr("Data folder:"), facts.data),
            ("config", self.tr("Settings folder:"), facts.config),
            ("logs", self.tr("Log folder:"), facts.logs),
        ):
            form.addRow(label, self._folder_row(key, path))
        layout.addLayout(form)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(min(720, max(520, self.fontMetrics().horizontalAdvance("x" * 80))))

    def showEvent(self, event: QShowEvent) -> None:
        # Wrapped labels ask for the height they would need at their narrowest: fit to the real width.
        layout = self.layout()
        height = layout.totalHeightForWidth(self.width()) if layout is not None else -1
        if height > 0:
            self.resize(self.width(), height)
        super().showEvent(event)

    def _value(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _prices_text(self) -> str:
        dates = self.facts.catalog
        if dates.prices_date is None:
            return dates.problem or self.tr("The model catalog has no price dates.")
        text = self.tr("last published %1 (bundled with this version, not updated online)").replace(
            "%1", dates.prices_date
        )
        if dates.rate_date:
            text += "\n" + self.tr("exchange rate from %1").replace("%1", dates.rate_date)
        if dates.problem:
            text += "\n" + dates.problem
        return text

    def _folder_row(self, key: str, path: Path) -> QWidget:
        row = QWidget()
        box = QHBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        label = self._value(str(path))
        label.setObjectName(f"aboutFolder_{key}")
        self.folder_rows[key] = label
        box.addWidget(label, 1)
        button = QPushButton(self.tr("Open"))
        button.setAccessibleName(self.tr("Open %1").replace("%1", str(path)))
        button.clicked.connect(lambda _checked=False, p=path: self._open_folder(p))
        box.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        return row

    def _open_folder(self, path: Path) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
