"""A short guided tour: one step per screen the main window really has, in a small non-modal window.

The tour asks the window to switch pages (``page_requested``) so the user sees each screen as it is
described. "Tour seen" is remembered in the UI settings (non-secret) so it opens only once by itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QPoint, QSettings, Qt, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

# lupdate reads `translate("Context", "text")` calls; a `tr(text)` wrapper would hide the context.
translate = QCoreApplication.translate

TOUR_SEEN_KEY = "first_run/tour_seen"


@dataclass(frozen=True)
class TourStep:
    page: str | None  # the page key to show, or None for the welcome/closing steps
    title: str
    text: str


def _page_text(key: str) -> str | None:
    return {
        "dataset": translate(
            "GuidedTour",
            "Build your training set here: one example per row, each a short conversation. The sample "
            "set of micro-fiction in English and Chinese is open. Click a row to edit its messages; "
            "problems, token counts and the estimated price update as you type. Nothing is lost: every "
            "edit can be undone and your work is saved for recovery.",
        ),
        "jobs": translate(
            "GuidedTour",
            "Start a job from the open dataset with “New job from the open dataset…”, then watch it "
            "train: its status, the server's messages, the loss chart (select several jobs to overlay "
            "them) and its checkpoints. Cancel, pause or resume here; you are told when a job ends.",
        ),
        "compare": translate(
            "GuidedTour",
            "Talk to the base model and your fine-tuned model side by side to see what training changed.",
        ),
        "settings": translate(
            "GuidedTour",
            "Connections live here: the built-in sandbox you are using now, and your OpenAI, Azure or "
            "compatible-server accounts. Keys are kept in your system's password store. “Test connection” "
            "tells you whether new fine-tuning jobs are still possible and when your models shut down.",
        ),
    }.get(key)


def tour_steps(pages: Sequence[tuple[str, str]]) -> list[TourStep]:
    """Welcome, one step per (key, title) page that has a description, and a closing step."""
    steps = [
        TourStep(
            None,
            translate("GuidedTour", "Welcome to Finetune Desktop"),
            translate(
                "GuidedTour",
                "Fine-tuning teaches a chat model your style from examples. This short tour shows the "
                "screens. You are on the built-in sandbox, so you can try everything without an account "
                "or any cost.",
            ),
        )
    ]
    for key, title in pages:
        text = _page_text(key)
        if text is not None:
            steps.append(TourStep(key, title, text))
    keys = {key for key, _title in pages}
    first = (
        translate("GuidedTour", "Check the sample dataset, then start a training job on the sandbox.")
        if "jobs" in keys
        else translate("GuidedTour", "Look through the sample dataset and try editing an example.")
    )
    steps.append(
        TourStep(
            None,
            translate("GuidedTour", "You're ready"),
            first
            + " "
            + translate(
                "GuidedTour",
                "When you want to train for real, add your account in Settings. You can take this tour "
                "again from the banner.",
            ),
        )
    )
    return steps


def tour_seen(settings: QSettings) -> bool:
    return str(settings.value(TOUR_SEEN_KEY, "false")).lower() == "true"


def mark_tour_seen(settings: QSettings) -> None:
    settings.setValue(TOUR_SEEN_KEY, True)
    settings.sync()


class GuidedTour(QDialog):
    """Signals: ``page_requested(str)`` (show this page), ``step_changed(int)``; ``finished`` as any dialog.

    Non-modal: the user can look around while it is open. Closing it any way marks the tour as seen.
    """

    page_requested = Signal(str)
    step_changed = Signal(int)

    def __init__(
        self,
        pages: Sequence[tuple[str, str]],
        settings: QSettings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.steps = tour_steps(pages)
        self.index = 0
        self.setWindowTitle(self.tr("Tour"))
        self.setModal(False)
        self.setMinimumWidth(440)
        self.counter = QLabel(self)
        self.heading = QLabel(self)
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.body = QLabel(self)
        self.body.setWordWrap(True)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.body.setMinimumHeight(self.fontMetrics().lineSpacing() * 6)
        self.back_button = QPushButton(self.tr("Back"), self)
        self.next_button = QPushButton(self.tr("Next"), self)
        self.skip_button = QPushButton(self.tr("Skip tour"), self)
        self.next_button.setDefault(True)
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self._on_next_clicked)
        self.skip_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.skip_button)
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        # A framed card, so the tour stands out from the screen behind it even without window decorations.
        card = QFrame(self)
        card.setObjectName("tourCard")
        card.setStyleSheet(
            "#tourCard { background: palette(base); border: 2px solid palette(highlight);"
            " border-radius: 8px; }"
        )
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(card)
        layout = QVBoxLayout(card)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.addWidget(self.counter)
        layout.addWidget(self.heading)
        layout.addWidget(self.body, 1)
        layout.addLayout(buttons)
        self.finished.connect(self._on_finished)
        self._show_step()

    def showEvent(self, event: QShowEvent) -> None:
        """Sit in the lower right corner of the window, so the screen being described stays visible."""
        super().showEvent(event)
        parent = self.parentWidget()
        if parent is not None:
            window = parent.window()
            corner = window.mapToGlobal(window.rect().bottomRight())
            self.adjustSize()
            self.move(corner - QPoint(self.width() + 24, self.height() + 48))

    @property
    def step(self) -> TourStep:
        return self.steps[self.index]

    def _show_step(self) -> None:
        step = self.step
        self.counter.setText(self.tr("Step {n} of {total}").format(n=self.index + 1, total=len(self.steps)))
        self.heading.setText(step.title)
        self.body.setText(step.text)
        self.back_button.setEnabled(self.index > 0)
        last = self.index == len(self.steps) - 1
        self.next_button.setText(self.tr("Done") if last else self.tr("Next"))
        self.skip_button.setVisible(not last)
        if step.page is not None:
            self.page_requested.emit(step.page)
        self.step_changed.emit(self.index)

    @Slot()
    def next(self) -> None:
        if self.index < len(self.steps) - 1:
            self.index += 1
            self._show_step()

    @Slot()
    def back(self) -> None:
        if self.index > 0:
            self.index -= 1
            self._show_step()

    @Slot()
    def _on_next_clicked(self) -> None:
        if self.index == len(self.steps) - 1:
            self.accept()
        else:
            self.next()

    @Slot(int)
    def _on_finished(self, _result: int) -> None:
        mark_tour_seen(self.settings)
