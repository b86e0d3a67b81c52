"""The app log and crash reports, passed through :func:`~finetune_desktop.core.accounts.redact.redact`.

A filter on the file handler rewrites every record (message, arguments, exception text) before it is
formatted, so no logger anywhere in the app or its libraries can write a key to disk.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from finetune_desktop.core.accounts.redact import redact
from finetune_desktop.core.paths import app_paths

LOG_FILE_NAME = "finetune-desktop.log"
_HANDLER_NAME = "finetune-desktop-file"

CrashCallback = Callable[[Path, str], None]


class RedactingFilter(logging.Filter):
    """Replaces keys in the record's final message and exception text; never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a bad format string must not lose the record
            message = f"{record.msg!r} {record.args!r}"
        record.msg = redact(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = "".join(traceback.format_exception(*record.exc_info)).rstrip("\n")
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


def log_file_path() -> Path:
    return app_paths().logs / LOG_FILE_NAME


def setup_logging(level: int = logging.INFO) -> Path:
    """Attach the (rotating, redacting) app log file to the root logger once; returns its path."""
    path = log_file_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    root = logging.getLogger()
    for handler in list(root.handlers):
        if handler.get_name() == _HANDLER_NAME:
            if getattr(handler, "baseFilename", None) == str(path):
                return path
            root.removeHandler(handler)  # the app home moved (tests): start a new file
            handler.close()
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
    handler.set_name(_HANDLER_NAME)
    handler.addFilter(RedactingFilter())
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    if root.level > level or root.level == logging.NOTSET:
        root.setLevel(level)
    return path


def teardown_logging() -> None:
    """Remove the file handler (tests, and before the app home changes)."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if handler.get_name() == _HANDLER_NAME:
            root.removeHandler(handler)
            handler.close()


def write_crash_report(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> tuple[Path, str]:
    """Write a redacted report to the logs folder; returns (path, the redacted text)."""
    text = redact("".join(traceback.format_exception(exc_type, exc, tb)))
    report = (
        "Finetune Desktop crash report\n"
        f"time: {time.strftime('%Y-%m-%d %H:%M:%S %z')}\n"
        f"python: {sys.version.split()[0]}\n\n{text}"
    )
    folder = app_paths().logs
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"crash-{time.strftime('%Y%m%d-%H%M%S')}-{threading.get_ident() % 10000}.txt"
    path.write_text(report, encoding="utf-8")
    return path, text


class CrashHook:
    """``sys.excepthook`` (and ``threading.excepthook``) replacement: redacted report, redacted stderr,
    then ``on_crash(path, text)`` (the GUI shows a dialog). ``uninstall()`` restores the previous hooks."""

    def __init__(self, on_crash: CrashCallback | None = None) -> None:
        self.on_crash = on_crash
        self._previous_sys = sys.excepthook
        self._previous_thread = threading.excepthook
        self.reports: list[Path] = []

    def __call__(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            self._previous_sys(exc_type, exc, tb)
            return
        try:
            path, text = write_crash_report(exc_type, exc, tb)
        except Exception as error:  # noqa: BLE001 - the hook itself must never raise
            sys.stderr.write(f"Finetune Desktop could not write a crash report: {type(error).__name__}\n")
            return
        self.reports.append(path)
        logging.getLogger("finetune_desktop.crash").error("unhandled %s; report: %s", exc_type.__name__, path)
        sys.stderr.write(text)
        if self.on_crash is not None:
            self.on_crash(path, text)

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            self(args.exc_type, args.exc_value, args.exc_traceback)

    def install(self) -> CrashHook:
        sys.excepthook = self
        threading.excepthook = self._thread_hook
        return self

    def uninstall(self) -> None:
        sys.excepthook = self._previous_sys
        threading.excepthook = self._previous_thread


def install_crash_hook(on_crash: CrashCallback | None = None) -> CrashHook:
    """Install the crash hook; keep the returned object to uninstall it."""
    return CrashHook(on_crash).install()
