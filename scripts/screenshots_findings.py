"""Screenshots of the findings screens, for looking at what we build (not a test): a broken file with its
findings, a fix preview, the editor of an unreadable line, the save dialog, the cost tab, an example card.

    xvfb-run -s "-screen 0 1280x800x24" .venv/bin/python scripts/screenshots_findings.py /tmp/shots 1280x800
    env FINETUNE_DESKTOP_LANG=zh_CN xvfb-run -a -s "-screen 0 1280x800x24" \\
        .venv/bin/python scripts/screenshots_findings.py /tmp/shots 1280x800

Writes ``12x-state-LANG-WxH.png`` into the output folder, using a throw-away app home.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ["FINETUNE_DESKTOP_HOME"] = tempfile.mkdtemp(prefix="ftd-shots-")
os.environ.pop("OPENAI_API_KEY", None)
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
SYSTEM = "You are a friendly support agent for a bike shop."


def chat(user: str, reply: str, system: bool = True) -> dict[str, Any]:
    msgs = [{"role": "system", "content": SYSTEM}] if system else []
    return {"messages": [*msgs, {"role": "user", "content": user}, {"role": "assistant", "content": reply}]}


def broken_file() -> Path:
    rows = [
        chat(f"Do you repair bike number {i}?", f"Yes, bring bike {i} in any weekday.") for i in range(14)
    ]
    rows[2] = chat("What are your opening hours?", "9 to 6, Monday to Saturday.", system=False)
    rows[4]["messages"][2]["role"] = "assitant"
    rows[5]["messages"][2]["weight"] = 0.5
    rows[6]["messages"] += [{"role": "user", "content": "Thanks!"}, {"role": "assistant", "content": ""}]
    rows.append(json.loads(json.dumps(rows[1])))
    lines = [json.dumps(r, ensure_ascii=False) for r in rows]
    lines.insert(
        3, '{"messages": [{"role": "user", "content": "Hi"} {"role": "assistant", "content": "Hello"}]}'
    )
    lines.insert(9, "[1, 2, 3]")
    path = Path(tempfile.mkdtemp()) / "broken.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def main() -> int:
    out, size = Path(sys.argv[1]), sys.argv[2]
    width, height = (int(x) for x in size.split("x"))
    out.mkdir(parents=True, exist_ok=True)
    lang = os.environ.get("FINETUNE_DESKTOP_LANG", "en")

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    from finetune_desktop.app import APPLICATION, ORGANIZATION, build_main_window, tune_interpreter
    from finetune_desktop.gui.dataset.save_unreadable import UnreadableLinesDialog
    from finetune_desktop.gui.i18n import apply_language

    app = QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    tune_interpreter()
    apply_language()

    def spin(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def wait_for(cond: Callable[[], bool], timeout_ms: int = 30_000) -> None:
        waited = 0
        while not cond() and waited < timeout_ms:
            spin(50)
            waited += 50

    def shot(name: str, widget: QWidget | None = None) -> None:
        spin(300)
        path = out / f"{name}-{lang}-{size}.png"
        (app.primaryScreen().grabWindow(0) if widget is None else widget.grab()).save(str(path))
        print(path)  # noqa: T201 - a script that reports what it wrote

    def close_tours() -> None:
        for tour in window.findChildren(QWidget):
            if type(tour).__name__ == "GuidedTour":
                tour.close()

    window: Any
    window, sandbox = build_main_window(app)
    window.setGeometry(0, 0, width, height)
    window.show()
    doc = window.document
    wait_for(lambda: len(doc) > 0 and not doc.analysing)
    close_tours()
    path = broken_file()
    window.open_path(path)
    wait_for(lambda: doc.path == path and not doc.analysing and len(doc) == 15)
    spin(800)
    close_tours()
    page = window.dataset_page
    panel = page.validation
    page.tabs.setCurrentWidget(panel)
    spin(600)
    for g in range(panel.model.rowCount()):
        panel.view.expand(panel.model.index(g, 0))
    codes = [g.code for g in panel.model.groups]

    def select(code: str, row: int | None = 0) -> None:
        group = panel.model.index(codes.index(code), 0)
        index = group if row is None else panel.model.index(row, 0, group)
        panel.view.setCurrentIndex(index)
        panel.view.scrollTo(index)
        spin(1000)

    select("missing_system_message")
    shot("12a-findings")
    select("invalid_json")
    shot("12b-findings-invalid-json")
    select("unrecognized_role")
    panel.detail.fix_buttons()[0].click()
    wait_for(lambda: panel.fixes.dialog is not None and panel.fixes.dialog.isVisible(), 5000)
    shot("12c-fix-preview")
    shot("12c-fix-preview-dialog", panel.fixes.dialog)
    panel.fixes.dialog.reject()
    select("duplicate_example", None)
    panel.detail.fix_buttons()[0].click()
    wait_for(lambda: panel.fixes.dialog is not None and panel.fixes.dialog.isVisible(), 5000)
    shot("12d-fix-preview-delete-copies")
    panel.fixes.dialog.reject()
    window.save()
    spin(500)
    shot("12e-save-unreadable-lines")
    for dialog in window.findChildren(UnreadableLinesDialog):
        dialog.reject()
    page.tabs.setCurrentIndex(2)
    spin(800)
    shot("12f-cost")
    page.select_rows([5])
    page.tabs.setCurrentIndex(0)
    spin(800)
    shot("12h-example-card")
    doc.undo_stack.setClean()
    window.close()
    sandbox.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
