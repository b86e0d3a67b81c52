"""The GUI half of ``--self-test``: the main window offscreen, the sample loaded and counted exactly.

Kept apart from :mod:`finetune_desktop.self_test` so the steps that need no Qt stay readable.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QLabel, QWidget

#: (step name, passed, what was found)
Result = tuple[str, bool, str]


def _spin(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _wait_until(condition: Callable[[], bool], timeout_s: float) -> bool:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            return False
        _spin(20)
    return True


def _translations() -> Result:
    """The app's Chinese catalog and Qt's own (standard buttons, file dialogs) both load."""
    from PySide6.QtCore import QLibraryInfo

    from finetune_desktop.gui.i18n import CHINESE, qm_path

    ours, qt = QTranslator(), QTranslator()
    qt_file = f"{QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)}/qtbase_{CHINESE}.qm"
    missing = [str(path) for tr, path in ((ours, str(qm_path(CHINESE))), (qt, qt_file)) if not tr.load(path)]
    if missing:
        return ("translations", False, f"could not load {', '.join(missing)}")
    return ("translations", True, "the Chinese catalogs (the app's and Qt's) load")


def _approximate_labels(window: QWidget) -> list[str]:
    return [w.text() for w in window.findChildren(QLabel) if w.isVisible() and "≈" in w.text()]


def open_window_with_sample(timeout_s: float) -> list[Result]:
    """Open the main window (offscreen unless a display was chosen), load the sample, count it."""
    from finetune_desktop.app import APPLICATION, ORGANIZATION, build_main_window
    from finetune_desktop.gui.first_run.samples import user_sample_copy

    app = QApplication.instance() or QApplication(["finetune-desktop"])
    assert isinstance(app, QApplication)
    if not app.organizationName():
        app.setOrganizationName(ORGANIZATION)
        app.setApplicationName(APPLICATION)
    results: list[Result] = [_translations()]
    window, sandbox = build_main_window(app, first_run_sample=False)
    main = window  # typed as object by app.py
    try:
        main.show()  # type: ignore[attr-defined]
        if not _wait_until(lambda: main.isVisible(), timeout_s):  # type: ignore[attr-defined]
            results.append(("main window", False, "the window did not appear"))
            return results
        results.append(("main window", True, f"opened on the {app.platformName()} platform"))
        doc = main.document  # type: ignore[attr-defined]
        doc.open(user_sample_copy())
        loaded = _wait_until(lambda: len(doc) > 0 and not doc.analysing, timeout_s)
        _spin(100)  # the panels repaint from the last counts
        if not loaded:
            results.append(("sample", False, f"not loaded and counted after {timeout_s:g} s"))
            return results
        totals, _billed, estimated = doc.token_columns()
        approx = _approximate_labels(main)  # type: ignore[arg-type]
        if estimated or approx or len(totals) != len(doc):
            why = "estimated (≈)" if estimated or approx else f"only {len(totals)} of {len(doc)} counted"
            results.append(("sample", False, f"token counts are {why}: {' | '.join(approx)[:200]}"))
        else:
            results.append(
                ("sample", True, f"{len(doc)} examples, {sum(totals):,} tokens, counted exactly")
            )
        return results
    finally:
        main.document.undo_stack.setClean()  # type: ignore[attr-defined]
        main.close()  # type: ignore[attr-defined]
        main.context.runner.shutdown()  # type: ignore[attr-defined]
        sandbox.stop()
        main.deleteLater()  # type: ignore[attr-defined]
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
