"""Composition root: builds the application, picks the backend, opens the main window.

The one place that may import gui, core and sandbox together.
"""

from __future__ import annotations

import logging
import os
import secrets
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from finetune_desktop.core.accounts.profiles import SANDBOX_PROFILE_ID, ProfileKind
from finetune_desktop.core.paths import app_paths, resources_dir

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from finetune_desktop.gui.tasks import TaskRunner
    from finetune_desktop.sandbox.engine import TrainingEngine

log = logging.getLogger(__name__)

ORGANIZATION = "FinetuneDesktop"
APPLICATION = "Finetune Desktop"


class SandboxHolder:
    """Starts the in-process sandbox server once (on the task runner's network pool at launch, or on first
    use)."""

    def __init__(self, speed: float = 1.0) -> None:
        self.speed = speed
        self._lock = threading.Lock()
        self._server: object | None = None
        self._url: str | None = None
        #: the server that runs trains on this computer (its local engine), known once it has started
        self.trains_locally = False

    def url(self) -> str:
        with self._lock:
            if self._url is None:
                from finetune_desktop.sandbox.server import SandboxServer

                engine = _chosen_engine()
                server = SandboxServer(
                    speed=self.speed, state_dir=app_paths().data / "sandbox", engine=engine
                )
                self._url = server.start()
                self._server = server
                self.trains_locally = engine.org == "local"
            return self._url

    def start_in_background(self, runner: TaskRunner) -> None:
        """Start the server on the runner's network pool; a failure is logged (the first use retries)."""
        runner.op(self.url, pool="net").on_error(_log_sandbox_failure).start()

    def stop(self) -> None:
        with self._lock:
            if self._server is not None:
                self._server.stop()  # type: ignore[attr-defined]
                self._server = None
                self._url = None


def _chosen_engine() -> TrainingEngine:
    """The engine picked in Settings for the built-in server (the simulated demo if the local engine's
    packages are missing: that is logged, and the Settings row says what to install)."""
    from finetune_desktop.core.local_models.catalog import model_path_problem
    from finetune_desktop.gui.context import AppContext
    from finetune_desktop.gui.settings.engine_row import saved_engine
    from finetune_desktop.gui.settings.model_folders_row import saved_model_folders
    from finetune_desktop.sandbox.engines import EngineUnavailable, make_engine

    settings = AppContext.ui_settings()
    name = saved_engine(settings)
    folders = saved_model_folders(settings) if name == "local" else []
    usable = [f for f in folders if model_path_problem(f) is None]  # a folder since moved is skipped
    if len(usable) < len(folders):
        log.warning("local model folders skipped (not usable now): %s", sorted(set(folders) - set(usable)))
    try:
        return make_engine(name, models=usable)
    except EngineUnavailable as exc:
        log.warning("the built-in server runs the simulated engine: %s", exc)
        return make_engine("simulated")


def _log_sandbox_failure(exc: BaseException, _tb: str) -> None:
    log.warning("the sandbox server did not start", exc_info=exc)


def _sandbox_reason(context: object) -> str | None:
    """Why the app must run on the sandbox for now ("" when the sandbox is the saved choice), or None
    when the saved profile can be used."""
    profile = context.active_profile  # type: ignore[attr-defined]
    if profile.kind is ProfileKind.SANDBOX:
        return ""
    if not profile.needs_key:
        return None
    try:
        key = context.keys.get(profile.id)  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - a locked keyring counts as "no key" here
        key = None
    if key:
        return None
    from PySide6.QtWidgets import QApplication

    return QApplication.translate(
        "app",
        "The key of “%1” could not be read (no key stored, or the password store is locked), so this "
        "session uses the sandbox. Your choice is kept: add the key in Settings or switch back below.",
    ).replace("%1", profile.name)


def build_main_window(app: QApplication, *, first_run_sample: bool = True) -> tuple[object, SandboxHolder]:
    from finetune_desktop.gui.context import AppContext
    from finetune_desktop.gui.main_window import MainWindow
    from finetune_desktop.gui.settings.sandbox_speed_row import saved_speed

    context = AppContext(parent=app)
    sandbox = SandboxHolder(speed=saved_speed(context.ui_settings()))
    context.sandbox_url = sandbox.url
    context.sandbox_trains_locally = lambda: sandbox.trains_locally
    reason = _sandbox_reason(context)
    if reason is not None:
        if reason:
            context.use_for_session(SANDBOX_PROFILE_ID, reason)
        sandbox.start_in_background(context.runner)
    window = MainWindow(context)
    if window.offer_recovery() is None and first_run_sample:
        _first_run(window)
    return window, sandbox


def _first_run(window: object) -> None:
    from finetune_desktop.gui.dataset.ui_state import ui_settings
    from finetune_desktop.gui.first_run.samples import user_sample_copy
    from finetune_desktop.gui.first_run.tour import tour_seen

    if tour_seen(ui_settings()):
        _reopen_last(window)
        return
    try:
        sample: Path = user_sample_copy()
    except OSError:
        log.warning("could not copy the sample dataset", exc_info=True)
    else:
        window.document.open(sample)  # type: ignore[attr-defined]
    from PySide6.QtCore import QTimer

    QTimer.singleShot(400, window.start_tour)  # type: ignore[attr-defined]


def _reopen_last(window: object) -> None:
    """A later start opens the dataset the user had open last (if it is still there)."""
    from finetune_desktop.gui.dataset.ui_state import recent_files

    recent = recent_files()
    if recent and recent[0].is_file():
        window.open_path(recent[0])  # type: ignore[attr-defined]


def tune_interpreter() -> None:
    """Hand the GIL to the UI thread sooner: every Qt callback into Python on the UI thread waits for
    it while workers check and count, so the default 5 ms switch interval multiplies into long stalls."""
    sys.setswitchinterval(0.001)


def share_hash_seed() -> None:
    """Start the app again, at once, with a ``PYTHONHASHSEED`` of its own choosing, so that the worker
    processes ``check`` starts (from a forkserver, which inherits the environment) hash text as the app
    does: the editor then compares Python's hash of each example's keys instead of a slower seed-free
    digest (see ``core.check.worker_hash``, which asks a worker rather than trusting this). The seed is
    still random per launch. Only on POSIX (Windows has no exec that keeps the process), not in a frozen
    app (its worker processes start differently) or when the interpreter ignores the environment, and
    only once: the second start has the variable."""
    if (
        os.name != "posix"
        or os.environ.get("PYTHONHASHSEED")
        or getattr(sys, "frozen", False)
        or sys.flags.ignore_environment
    ):
        return
    os.environ["PYTHONHASHSEED"] = str(secrets.randbelow(2**32 - 1) + 1)
    try:
        os.execv(sys.executable, sys.orig_argv)
    except OSError as exc:  # (the app runs on; digests stay seed-free)
        del os.environ["PYTHONHASHSEED"]
        logging.getLogger(__name__).info("could not start again with a hash seed: %s", exc)


def run_gui() -> int:
    share_hash_seed()
    # Qt is imported here, not at the top: ``finetune-desktop check`` runs through this module too.
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QMessageBox

    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(APPLICATION)
    app.setDesktopFileName("finetune-desktop")
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "finetune-desktop.svg")))
    app_paths().ensure()
    from finetune_desktop.gui.i18n import apply_language

    apply_language()  # before any widget: widgets take their words when built
    tune_interpreter()
    from finetune_desktop.core.logging_setup import install_crash_hook, setup_logging

    setup_logging()

    def on_crash(path: Path, _text: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            APPLICATION,
            app.translate(
                "app",
                "Something went wrong. Your work is kept in the recovery file. A report was written to:\n%1",
            ).replace("%1", str(path)),
        )
        box.finished.connect(box.deleteLater)
        box.open()

    hook = install_crash_hook(on_crash)
    window, sandbox = build_main_window(app)
    window.show()  # type: ignore[attr-defined]
    try:
        return app.exec()
    finally:
        window.context.runner.shutdown()  # type: ignore[attr-defined]
        sandbox.stop()
        hook.uninstall()


def main(argv: Sequence[str] | None = None) -> int:
    """The ``finetune-desktop`` entry point: a sub-command runs headless, none opens the app."""
    from finetune_desktop.cli import main as cli_main

    return cli_main(argv, gui=run_gui, self_test=_self_test)


def _self_test() -> int:
    from finetune_desktop.self_test import run_self_test

    return run_self_test()
