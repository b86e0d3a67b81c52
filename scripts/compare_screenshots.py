"""Screenshots of the Compare screen (chat mid-stream, blind vote, batch table, keep answers), for looking
at it (not a test). Run under a real X server; ``FINETUNE_DESKTOP_LANG=zh_CN`` for the Chinese GUI::

    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python scripts/compare_screenshots.py /tmp/shots 1280x800

Uses a throw-away app home and the in-process sandbox, its replies slowed down so a stream can be caught.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

os.environ["FINETUNE_DESKTOP_HOME"] = tempfile.mkdtemp(prefix="ftd-compare-shots-")
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
    from finetune_desktop.gui.i18n import apply_language
    from finetune_desktop.sandbox import routes_chat

    app = QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    tune_interpreter()
    lang = apply_language()

    def spin(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def wait_for(cond: object, timeout_ms: int = 60_000) -> None:
        waited = 0
        while not cond() and waited < timeout_ms:  # type: ignore[operator]
            spin(50)
            waited += 50

    def shot(name: str, widget: QWidget) -> None:
        spin(150)
        path = out / f"compare-{name}-{lang}-{size}.png"
        widget.grab().save(str(path))
        print(path)  # noqa: T201 - a script that reports what it wrote

    window, sandbox = build_main_window(app)
    window.setGeometry(0, 0, width, height)  # type: ignore[attr-defined]
    window.show()  # type: ignore[attr-defined]
    spin(800)
    for child in window.findChildren(QWidget):  # type: ignore[attr-defined]
        if type(child).__name__ == "GuidedTour":
            child.close()
    window.banner.hide()  # type: ignore[attr-defined]
    window.show_page("compare")  # type: ignore[attr-defined]
    page = window.page("compare")  # type: ignore[attr-defined]
    chat = page.chat
    wait_for(lambda: page.directory.catalog is not None)
    spin(500)

    routes_chat.CHUNK_DELAY_S = 0.5
    chat.columns_spin.setValue(3)
    chat.set_model(0, "gpt-4o-mini-2024-07-18")
    chat.set_model(1, "gpt-4.1-mini-2025-04-14")
    chat.set_model(2, "gpt-4.1-2025-04-14")
    chat.system_edit.setPlainText("You are a helpful assistant who answers in two sentences.")
    chat.input_edit.setPlainText("写一首关于潮汐池的短诗 / Write a short poem about tide pools.")
    chat.send()
    wait_for(lambda: all(len(c.reply_text()) > 60 for c in chat.columns), 20_000)
    shot("01-chat-mid-stream", window)  # type: ignore[arg-type]
    routes_chat.CHUNK_DELAY_S = 0.02
    wait_for(lambda: not chat.busy)
    shot("02-chat-finished", window)  # type: ignore[arg-type]

    chat.new_conversation()
    chat.blind_check.setChecked(True)
    chat.input_edit.setPlainText("Explain fine-tuning to a ten-year-old.")
    chat.send()
    wait_for(lambda: not chat.busy)
    shot("03-blind-before-vote", window)  # type: ignore[arg-type]
    chat.vote("a")
    spin(400)
    shot("04-blind-after-vote", window)  # type: ignore[arg-type]

    prompts = Path(tempfile.mkdtemp()) / "prompts.jsonl"
    lines = []
    for i in range(40):
        question = f"What lives in tide pool {i}?" if i % 2 else f"第 {i} 号潮汐池里住着什么？"
        answer = {"role": "assistant", "content": f"Crabs ({i})."}
        lines.append({"messages": [{"role": "user", "content": question}, answer]})
    prompts.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
    page.tabs.setCurrentWidget(page.batch)
    batch = page.batch
    spin(300)
    batch.picker_a.set_model("gpt-4o-mini-2024-07-18")
    batch.picker_b.set_model("gpt-4.1-mini-2025-04-14")
    batch.load_prompt_file(prompts)
    wait_for(lambda: batch.prompts is not None)
    server = sandbox._server  # the SandboxServer behind the holder
    server.add_fault("kind=latency,ms=400,path=/v1/chat/completions")  # type: ignore[attr-defined]
    batch.concurrency.setValue(2)
    batch.start()
    wait_for(lambda: batch.progress.value() >= 24, 30_000)
    shot("05-batch-running", window)  # type: ignore[arg-type]
    wait_for(lambda: not batch.busy)
    server.clear_faults()  # type: ignore[attr-defined]
    for row, choice in ((0, "a"), (1, "b"), (2, "tie")):
        batch.table.selectRow(row)
        batch.set_preference(choice)
    batch.table.clearSelection()
    shot("06-batch-table", window)  # type: ignore[arg-type]
    judge = batch.open_judge()
    judge.picker.set_model("gpt-4.1-2025-04-14")
    judge.ask_estimate()
    wait_for(lambda: judge.run_button.isEnabled(), 10_000)
    shot("06b-judge-dialog", judge)
    judge.reject()

    # a fine-tuned model to keep: trained in the sandbox on the prompt file (its clock moved forward)
    from finetune_desktop.core.accounts.profiles import Profile, ProfileKind
    from finetune_desktop.core.api.records import JobRequest
    from finetune_desktop.core.service.service import connect

    profile = Profile(id="shots", name="shots", kind=ProfileKind.COMPATIBLE, base_url=server.base_url)
    with connect(profile, None) as service:
        file_id = service.upload_file(prompts).id
        job = service.create_job(
            JobRequest(model="gpt-4.1-mini-2025-04-14", training_file=file_id, suffix="pools")
        )
        for _ in range(300):
            if service.get_job(job.id).status.is_terminal:
                break
            server.advance(60)
    page.tabs.setCurrentWidget(page.keep)
    spin(300)
    page.keep.refresh_button.click()
    wait_for(lambda: page.keep.table.rowCount() > 0, 10_000)
    page.keep.load_prompt_file(prompts)
    wait_for(lambda: page.keep.prompts is not None)
    shot("07-keep-answers", window)  # type: ignore[arg-type]

    window.context.runner.shutdown()  # type: ignore[attr-defined]
    sandbox.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
