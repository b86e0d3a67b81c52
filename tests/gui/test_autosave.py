"""Never lose work: an edit is autosaved after idle time; a killed app's work is offered back on start."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from finetune_desktop.gui.dataset import autosave
from tests.gui.editor_helpers import close_window, make_window, open_and_wait, sample_rows, write_jsonl

ROOT = Path(__file__).resolve().parents[2]

CRASHING_APP = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from finetune_desktop.gui.context import AppContext
    from finetune_desktop.gui.main_window import MainWindow
    w = MainWindow(AppContext())
    w.show()
    w.autosave.set_idle_ms(200)
    saved = []
    w.autosave.saved.connect(saved.append)
    w.document.load_finished.connect(lambda ok: loaded.append(ok))
    loaded = []
    w.open_path(Path(sys.argv[1]))
    deadline = time.monotonic() + 60
    while not loaded and time.monotonic() < deadline:
        app.processEvents(); time.sleep(0.01)
    w.dataset_page.bulk_set_system_message("Recovered system message", [0, 2])
    while not saved and time.monotonic() < deadline:
        app.processEvents(); time.sleep(0.01)
    print("SAVED" if saved else "TIMEOUT", flush=True)
    time.sleep(600)  # the test kills us here, like a crash
""")


def test_idle_autosave_writes_recovery_and_clean_save_removes_it(qtbot: QtBot, tmp_path: Path) -> None:
    w = make_window(qtbot)
    open_and_wait(qtbot, w, write_jsonl(tmp_path / "d.jsonl", sample_rows(12)))
    w.autosave.set_idle_ms(100)
    with qtbot.waitSignal(w.autosave.saved, timeout=10_000) as blocker:
        w.dataset_page.bulk_set_system_message("sys", [1])
    recovery = Path(blocker.args[0])
    assert recovery.parent == autosave.recovery_dir()
    assert b'"content":"sys"' in recovery.read_bytes()
    assert autosave.find_orphans() == []  # our own live session is not a crash
    with qtbot.waitSignal(w.document.saved, timeout=10_000):
        w.save()
    assert not recovery.exists()
    close_window(w)


def test_killed_app_offers_restore(qtbot: QtBot, tmp_path: Path, app_home: Path) -> None:
    data = write_jsonl(tmp_path / "d.jsonl", sample_rows(12))
    env = dict(
        os.environ, FINETUNE_DESKTOP_HOME=str(app_home), QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT)
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", CRASHING_APP, str(data)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "SAVED"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        if proc.stdout is not None:
            proc.stdout.close()
    assert autosave.find_orphans()

    w = make_window(qtbot)  # a new start on the same app home
    box = w.offer_recovery()
    assert isinstance(box, QMessageBox)
    assert box.isVisible()
    assert "12 examples" in box.text()
    assert "d.jsonl" in box.text()
    restore = next(b for b in box.buttons() if b.text() == "Restore")
    restore.click()
    doc = w.document
    assert len(doc) == 12
    assert doc.examples[0].data["messages"][0] == {"role": "system", "content": "Recovered system message"}
    assert doc.examples[1].data["messages"][0]["role"] == "user"
    assert doc.dirty
    assert doc.path == data  # restored work is unsaved until saved
    assert autosave.find_orphans() == []
    close_window(w)
