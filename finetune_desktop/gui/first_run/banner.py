"""The banner shown while the built-in sandbox is active: what it is, how to connect a real account,
and OpenAI's fine-tuning dates with what keeps working after them."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from finetune_desktop.core.accounts.profiles import Profile, ProfileKind
from finetune_desktop.gui.context import AppContext


class SandboxBanner(QFrame):
    """Signals: ``connect_account_requested()`` (open Settings), ``tour_requested()``.

    Visible whenever the active profile is the sandbox, unless the user hid it for this session.
    """

    connect_account_requested = Signal()
    tour_requested = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._dismissed = False
        self.setObjectName("sandboxBanner")
        self.setStyleSheet(
            "#sandboxBanner { background: #eef5ff; border: 1px solid #9cbbe6; border-radius: 6px; }"
            "#sandboxBanner QLabel { color: #1d2b3a; }"
        )
        self.title = QLabel(self.tr("You are using the built-in sandbox"), self)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.explanation = QLabel(self)
        self.set_sample_open(False)
        self.explanation.setWordWrap(True)
        self.dates = QLabel(
            self.tr(
                "<b>OpenAI's fine-tuning dates:</b> 6 January 2027 is the last day anyone can create "
                "new fine-tuning jobs. The last fine-tunable base models (gpt-4o-2024-08-06, "
                "gpt-4o-mini-2024-07-18, gpt-4.1-2025-04-14, gpt-4.1-mini-2025-04-14) and every "
                "fine-tune built on them shut down on 14 January 2027. After that the dataset tools, the "
                "sandbox, compatible servers and Azure OpenAI keep working."
            ),
            self,
        )
        self.dates.setWordWrap(True)
        self.dates.setTextFormat(Qt.TextFormat.RichText)
        self.connect_button = QPushButton(self.tr("Connect an account…"), self)
        self.tour_button = QPushButton(self.tr("Take the tour"), self)
        self.hide_button = QPushButton(self.tr("Hide"), self)
        self.hide_button.setToolTip(self.tr("Hide this banner until the app is restarted."))
        self.connect_button.clicked.connect(self.connect_account_requested)
        self.tour_button.clicked.connect(self.tour_requested)
        self.hide_button.clicked.connect(self._on_hide_clicked)

        buttons = QHBoxLayout()
        buttons.addWidget(self.connect_button)
        buttons.addWidget(self.tour_button)
        buttons.addStretch(1)
        buttons.addWidget(self.hide_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(6)
        layout.addWidget(self.title)
        layout.addWidget(self.explanation)
        layout.addWidget(self.dates)
        layout.addLayout(buttons)
        context.active_profile_changed.connect(self._on_context_active_changed)
        if not self.should_show():
            self.hide()

    def set_sample_open(self, is_open: bool) -> None:
        """Say that a sample dataset is open only while it is (MainWindow tells on every path change)."""
        if is_open:
            text = self.tr(
                "The sandbox is a pretend fine-tuning service that runs on this computer. Its training "
                "is simulated: jobs, progress and loss charts behave like the real service's, but the "
                "numbers are made up; nothing is sent anywhere and nothing costs money. A sample dataset "
                "is open: check and price it in Dataset, then start a job and watch it in Jobs. To train "
                "for real, open Settings and add your OpenAI (or Azure, or compatible server) account; "
                "the key is kept in your system's password store."
            )
        else:
            text = self.tr(
                "The sandbox is a pretend fine-tuning service that runs on this computer. Its training "
                "is simulated: jobs, progress and loss charts behave like the real service's, but the "
                "numbers are made up; nothing is sent anywhere and nothing costs money. To train for "
                "real, open Settings and add your OpenAI (or Azure, or compatible server) account; the "
                "key is kept in your system's password store."
            )
        self.explanation.setText(text)

    def should_show(self) -> bool:
        return not self._dismissed and self.context.active_profile.kind is ProfileKind.SANDBOX

    @Slot(object)
    def _on_context_active_changed(self, _profile: Profile) -> None:
        self.setVisible(self.should_show())

    @Slot()
    def _on_hide_clicked(self) -> None:
        self._dismissed = True
        self.hide()
