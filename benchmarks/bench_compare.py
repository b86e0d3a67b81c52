"""Compare benchmark (not a test).

1. **Streaming frames**: the chat compare pane with three columns, each streaming from the in-process
   sandbox at 200 tokens/s (one word per piece, ``routes_chat.TOKENS_PER_SECOND``), sent again as soon as
   all three end, for ``--stream-seconds``. A 1 ms precise QTimer probes the event loop: every gap between
   two probes is one "frame" of UI work. Reported: mean and worst gap while streaming, against a baseline
   of the same probe on the same idle window in the same run, and the pieces per second that arrived.
   Goal: mean < 16 ms, no stall > 50 ms.
2. **Batch**: ``--prompts`` prompts (default 1,000) through two models at ``--concurrency`` (default 8)
   against the sandbox with a 500 ms latency fault on every chat request, through the same core code as
   ``finetune-desktop compare``. Reported: the wall time against the bound prompts x 2 x 0.5 s /
   concurrency (the ratio is the overhead: 1.00 would be no overhead at all).

Run: ``flock /tmp/bench.lock env TIKTOKEN_CACHE_DIR=$PWD/.cache/tiktoken QT_QPA_PLATFORM=offscreen
.venv/bin/python benchmarks/bench_compare.py [--stream-seconds 10] [--prompts 1000] [--concurrency 8]``
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import tempfile
import time
from multiprocessing import Event, Process, Queue
from multiprocessing.synchronize import Event as EventType
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["FINETUNE_DESKTOP_HOME"] = tempfile.mkdtemp(prefix="ftd-bench-compare-")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

MODELS = ("gpt-4o-mini-2024-07-18", "gpt-4.1-mini-2025-04-14", "gpt-4.1-2025-04-14")


def _probe_gaps(app: object, seconds: float, busy: object = None) -> list[float]:
    """Run the event loop for ``seconds`` with a 1 ms probe; the gaps between probes, in ms."""
    from PySide6.QtCore import QEventLoop, Qt, QTimer

    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append((now - last[0]) * 1000.0)
        last[0] = now

    probe = QTimer()
    probe.setTimerType(Qt.TimerType.PreciseTimer)
    probe.setInterval(1)
    probe.timeout.connect(tick)
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    last[0] = time.perf_counter()
    probe.start()
    loop.exec()
    probe.stop()
    return gaps[1:]


def _serve(rate: float, urls: Queue[str], stop: EventType) -> None:
    """The sandbox in its own process (as a remote server would be), streaming at ``rate``."""
    from finetune_desktop.sandbox import SandboxServer, routes_chat

    routes_chat.TOKENS_PER_SECOND = rate
    with SandboxServer() as server:
        urls.put(server.base_url)
        stop.wait()


def streaming(seconds: float, rate: float, *, in_process: bool, freeze_gc: bool = False) -> None:
    from PySide6.QtWidgets import QApplication

    from finetune_desktop.app import tune_interpreter
    from finetune_desktop.core.accounts.keystore import KeyStore
    from finetune_desktop.core.accounts.profile_store import ProfileStore
    from finetune_desktop.gui.compare.chat_pane import ChatComparePane
    from finetune_desktop.gui.compare.model_picker import ModelDirectory
    from finetune_desktop.gui.context import AppContext
    from finetune_desktop.sandbox import SandboxServer, routes_chat

    app = QApplication.instance() or QApplication(sys.argv[:1])
    tune_interpreter()  # as the app does at start
    server = SandboxServer()
    child: Process | None = None
    stop = Event()
    if in_process:
        url = server.start()
        routes_chat.TOKENS_PER_SECOND = rate
    else:
        urls: Queue[str] = Queue()
        child = Process(target=_serve, args=(rate, urls, stop), daemon=True)
        child.start()
        url = urls.get(timeout=30)
    context = AppContext(ProfileStore(), KeyStore(), sandbox_url=lambda: url)
    directory = ModelDirectory(context)
    pane = ChatComparePane(context, directory)
    pane.resize(1280, 800)
    pane.show()
    _probe_gaps(app, 1.0)  # catalog, saved conversations, first paint
    pane.columns_spin.setValue(3)
    for i, model in enumerate(MODELS):
        pane.set_model(i, model)
    # One round first, timed on its own: the first reply makes the sandbox load its tokenizer, which
    # in the app's own process holds the interpreter for a moment, once per run.
    done = [False]
    pane.replies_finished.connect(lambda: done.__setitem__(0, True))
    pane.input_edit.setPlainText("A first question")
    pane.send()
    first = []
    while not done[0]:
        first += _probe_gaps(app, 0.05)
    pane.new_conversation()
    if freeze_gc:
        gc.collect()
        gc.freeze()  # what the app could do once started: old objects leave the collector's scans
    idle = _probe_gaps(app, 2.0)

    pieces = [0]
    rounds = [0]
    streaming_on = [True]
    pane.reply_grew.connect(lambda _i: pieces.__setitem__(0, pieces[0] + 1))

    def again() -> None:
        if streaming_on[0]:
            rounds[0] += 1
            pane.input_edit.setPlainText(f"Round {rounds[0]}: tell me about tide pools and their crabs.")
            pane.send()

    pane.replies_finished.connect(again)
    started = time.perf_counter()
    again()
    busy = _probe_gaps(app, seconds)
    elapsed = time.perf_counter() - started
    streaming_on[0] = False
    pane.stop()
    if freeze_gc:
        gc.unfreeze()
    streamed = [
        (r.completion_tokens, r.total_s - r.first_token_s)
        for t in pane.conv.turns
        for r in t.replies
        if r is not None and r.completion_tokens and r.total_s and r.first_token_s and not r.stopped
    ]
    tokens = sum(n for n, _s in streamed)
    stream_time = sum(s for _n, s in streamed)
    context.runner.shutdown()
    server.stop()
    if child is not None:
        stop.set()
        child.join(10)

    def summary(name: str, gaps: list[float]) -> None:
        print(
            f"  {name:<10} frames {len(gaps):>6}  mean {statistics.fmean(gaps):6.2f} ms  "
            f"p99 {sorted(gaps)[int(len(gaps) * 0.99)]:6.2f} ms  worst {max(gaps):6.2f} ms  "
            f"over 50 ms: {sum(1 for g in gaps if g > 50)}"
        )

    where = "in this process (as the app runs it)" if in_process else "in another process"
    frozen = ", gc.freeze() after start-up" if freeze_gc else ""
    print(f"streaming: 3 columns at {rate:.0f} tokens/s each for {seconds:.0f} s; sandbox {where}{frozen}")
    summary("first send", first)
    summary("idle", idle)
    summary("streaming", busy)
    print(
        f"  {rounds[0]} sends, {pieces[0]} pieces received = {pieces[0] / elapsed:.0f}/s over 3 columns "
        f"({pieces[0] / elapsed / 3:.0f}/s each, pauses between sends included); while a reply streams: "
        f"{tokens / stream_time if stream_time else 0:.0f} tokens/s per column"
    )
    print(
        f"  mean frame streaming/idle = {statistics.fmean(busy) / statistics.fmean(idle):.2f}x; "
        f"goal mean < 16 ms: {'met' if statistics.fmean(busy) < 16 else 'NOT met'}; "
        f"goal no stall > 50 ms: {'met' if max(busy) <= 50 else 'NOT met'}"
    )


def batch(prompts: int, concurrency: int, latency_ms: int) -> None:
    from finetune_desktop.core.accounts.profiles import Profile, ProfileKind
    from finetune_desktop.core.compare.batch import Slot, run_batch, service_replier
    from finetune_desktop.core.compare.prompts import PromptRow
    from finetune_desktop.core.compare.results import ResultStore
    from finetune_desktop.core.service.service import connect
    from finetune_desktop.sandbox import SandboxServer

    rows = [
        PromptRow(i, ({"role": "user", "content": f"Question {i} about tide pools?"},), f"Answer {i}")
        for i in range(prompts)
    ]
    with SandboxServer() as server:
        server.add_fault(f"kind=latency,ms={latency_ms},path=/v1/chat/completions")
        profile = Profile(id="bench", name="bench", kind=ProfileKind.COMPATIBLE, base_url=server.base_url)
        with connect(profile, "sk-bench-not-a-key") as service:
            reply = service_replier(service)
            slots = [Slot("a", MODELS[0], reply), Slot("b", MODELS[1], reply)]
            store = ResultStore(Path(tempfile.mkdtemp()) / "results.jsonl")
            started = time.perf_counter()
            gen = run_batch(rows, slots, store, concurrency=concurrency)
            try:
                while True:
                    next(gen)
            except StopIteration as stop:
                summary = stop.value
            elapsed = time.perf_counter() - started
    bound = prompts * 2 * latency_ms / 1000.0 / concurrency
    print(
        f"batch: {prompts} prompts x 2 models at concurrency {concurrency}, {latency_ms} ms latency: "
        f"{elapsed:.1f} s; bound {bound:.1f} s; ratio {elapsed / bound:.3f} "
        f"({summary.answered}/{summary.total} answered, {summary.failed} failed)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--stream-seconds", type=float, default=10.0)
    parser.add_argument("--rate", type=float, default=200.0, help="tokens per second per column")
    parser.add_argument("--prompts", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--latency-ms", type=int, default=500)
    parser.add_argument("--skip-stream", action="store_true")
    parser.add_argument("--skip-batch", action="store_true")
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    if not args.skip_stream:
        streaming(args.stream_seconds, args.rate, in_process=True)
        streaming(args.stream_seconds, args.rate, in_process=True, freeze_gc=True)
        streaming(args.stream_seconds, args.rate, in_process=False)
    if not args.skip_batch:
        batch(args.prompts, args.concurrency, args.latency_ms)
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
