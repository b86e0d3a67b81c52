"""JobNotifier: tells the user a job ended, through the system tray where there is one, else in the window."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from finetune_desktop.core.api.records import Job, JobStatus
from finetune_desktop.gui.jobs import words


class JobNotifier(QObject):
    """Signals: ``notified(str text, bool in_tray)``.

    ``tray``: the tray icon to use (tests pass one; by default one is made the first time a job ends,
    where the desktop has a tray that shows messages)."""

    notified = Signal(str, bool)

    def __init__(
        self,
        show_in_window: Callable[[str], None],
        parent: QObject | None = None,
        *,
        tray: QSystemTrayIcon | None = None,
    ) -> None:
        super().__init__(parent)
        self._show_in_window = show_in_window
        self.tray = tray

    def _tray(self) -> QSystemTrayIcon | None:
        if (
            self.tray is None
            and QSystemTrayIcon.isSystemTrayAvailable()
            and QSystemTrayIcon.supportsMessages()
        ):
            self.tray = QSystemTrayIcon(QGuiApplication.windowIcon(), self)
            self.tray.setToolTip(QApplication.applicationDisplayName())
        return self.tray

    def notify(self, job: Job) -> None:
        text = words.finished_message(job)
        tray = self._tray()
        if tray is not None:
            tray.show()
            icon = (
                QSystemTrayIcon.MessageIcon.Information
                if job.status is JobStatus.SUCCEEDED
                else QSystemTrayIcon.MessageIcon.Warning
            )
            tray.showMessage(QApplication.applicationDisplayName(), text, icon, 10_000)
            self._show_in_window(text)  # the window says it too: a tray message is easy to miss
            self.notified.emit(text, True)
            return
        self._show_in_window(text)
        self.notified.emit(text, False)
