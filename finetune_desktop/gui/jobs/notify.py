"""JobNotifier: tells the user a job ended, through the system tray where there is one, else in the window."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from finetune_desktop.core.api.records import Job, JobStatus
from finetune_desktop.gui.jobs import words


class JobNotifier(QObject):
    """Signals: ``notified(str text, bool in_tray)``."""

    notified = Signal(str, bool)

    def __init__(self, show_in_window: Callable[[str], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._show_in_window = show_in_window
        self.tray: QSystemTrayIcon | None = None

    def notify(self, job: Job) -> None:
        text = words.finished_message(job)
        if QSystemTrayIcon.isSystemTrayAvailable() and QSystemTrayIcon.supportsMessages():
            if self.tray is None:
                self.tray = QSystemTrayIcon(QGuiApplication.windowIcon(), self)
                self.tray.setToolTip(QApplication.applicationDisplayName())
            self.tray.show()
            icon = (
                QSystemTrayIcon.MessageIcon.Information
                if job.status is JobStatus.SUCCEEDED
                else QSystemTrayIcon.MessageIcon.Warning
            )
            self.tray.showMessage(QApplication.applicationDisplayName(), text, icon, 10_000)
            self._show_in_window(text)  # the window says it too: a tray message is easy to miss
            self.notified.emit(text, True)
            return
        self._show_in_window(text)
        self.notified.emit(text, False)
