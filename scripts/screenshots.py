"""Screenshots of the app's main states, for looking at what we build (not a test).

Run under a real X server so fonts, styles and window sizes are what users see (prefix the Python
command with ``env FINETUNE_DESKTOP_LANG=zh_CN`` for the Chinese GUI)::

    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python scripts/screenshots.py /tmp/shots 1280x800
    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python scripts/screenshots.py /tmp/shots 1920x1080

Uses a throw-away app home, the bundled bilingual sample and the in-process sandbox; writes PNGs named
``NN-state-WxH.png`` into the output folder.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ["FINETUNE_DESKTOP_HOME"] = tempfile.mkdtemp(prefix="ftd-shots-")
os.environ.pop("OPENAI_API_KEY", None)
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/shots")
    size = sys.argv[2] if len(sys.argv) > 2 else "1280x800"
    width, height = (int(x) for x in size.split("x"))
    out.mkdir(parents=True, exist_ok=True)

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    from finetune_desktop.app import APPLICATION, ORGANIZATION, build_main_window, tune_interpreter

    app = QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    tune_interpreter()
    from finetune_desktop.gui.i18n import apply_language

    print("language:", apply_language())  # noqa: T201 - FINETUNE_DESKTOP_LANG=zh_CN for Chinese shots

    def spin(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def wait_for(cond: object, timeout_ms: int = 30_000) -> None:
        waited = 0
        while not cond() and waited < timeout_ms:  # type: ignore[operator]
            spin(50)
            waited += 50

    def shot(name: str, widget: QWidget | None = None) -> None:
        spin(150)
        path = out / f"{name}-{size}.png"
        if widget is None:
            app.primaryScreen().grabWindow(0).save(str(path))
        else:
            widget.grab().save(str(path))
        print(path)  # noqa: T201 - a script that reports what it wrote

    window, sandbox = build_main_window(app)
    window.setGeometry(0, 0, width, height)  # type: ignore[attr-defined]
    window.show()  # type: ignore[attr-defined]
    doc = window.document  # type: ignore[attr-defined]
    wait_for(lambda: len(doc) > 0 and not doc.analysing)
    spin(600)
    shot("01-first-run-tour")
    for tour in window.findChildren(QWidget):  # type: ignore[attr-defined]
        if type(tour).__name__ == "GuidedTour":
            tour.next()  # type: ignore[attr-defined]
            tour.next()  # type: ignore[attr-defined]
    shot("01b-tour-settings-step")
    window.show_page("dataset")  # type: ignore[attr-defined]
    for tour in window.findChildren(QWidget):  # type: ignore[attr-defined]
        if type(tour).__name__ == "GuidedTour":
            tour.close()
    page = window.dataset_page  # type: ignore[attr-defined]
    page.view.selectRow(1)
    shot("02-editor-sample", window)  # type: ignore[arg-type]

    window.banner.hide()  # type: ignore[attr-defined]
    page.search.setText("story")
    spin(400)
    shot("03-search-no-banner", window)  # type: ignore[arg-type]
    page.search.setText("")

    tabs = page.tabs
    if tabs is not None:
        for i in range(tabs.count()):
            tabs.setCurrentIndex(i)
            label = tabs.tabText(i).split(" (")[0].lower().replace(" ", "-")
            shot(f"04-tab-{i}-{label}", window)  # type: ignore[arg-type]
        tabs.setCurrentIndex(0)

    bad = Path(tempfile.mkdtemp()) / "broken.jsonl"
    bad.write_text(
        '{"messages": [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello"}]}\n'
        '{"messages": [{"role": "user", "content": "写一个故事"}, {"role": "assistant"}]}\n'
        '{"messages": [oops}\n'
        '[1, 2, 3]\n'
        '{"messages": [{"role": "robot", "content": "x"}]}\n',
        encoding="utf-8",
    )
    doc.open(bad)
    wait_for(lambda: not doc.analysing and len(doc) > 0)
    spin(500)
    shot("05-broken-file", window)  # type: ignore[arg-type]
    if tabs is not None:
        tabs.setCurrentIndex(1)
        shot("06-broken-file-findings", window)  # type: ignore[arg-type]
        tabs.setCurrentIndex(0)

    window.show_page("settings")  # type: ignore[attr-defined]
    shot("07-settings", window)  # type: ignore[arg-type]
    settings = window.page("settings")  # type: ignore[attr-defined]
    settings._on_add_clicked()
    spin(300)
    shot("07b-add-connection-dialog")
    settings.profile_dialog.reject()
    window.show_page("dataset")  # type: ignore[attr-defined]

    csv = Path(tempfile.mkdtemp()) / "chats.csv"
    csv.write_text(
        "system,question,answer\nYou are kind.,What is 2+2?,4\n你是助手。,你好,你好！有什么可以帮你？\n",
        encoding="utf-8",
    )
    dialog = window.open_import_dialog(csv)  # type: ignore[attr-defined]
    spin(500)
    shot("08-import-dialog")
    dialog.close()

    doc.open(ROOT / "resources" / "samples" / "micro_fiction_en_zh.jsonl")
    wait_for(lambda: not doc.analysing and len(doc) > 0)
    split = window.open_split_dialog()  # type: ignore[attr-defined]
    spin(500)
    shot("09-split-dialog")
    split.close()

    doc.undo_stack.clear()
    window.context.runner.shutdown()  # type: ignore[attr-defined]
    sandbox.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
