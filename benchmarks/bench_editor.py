"""Editor benchmark (not a test): open a 100,000-example file in the real main window and measure

* time until the first rows are in the table, until all rows are loaded, and until checking and token
  counting are done (the progress bar disappears);
* the worst event-loop stall during all of that (a 10 ms QTimer probe records the longest gap);
* search: the worst stall while typing a word letter by letter into the search box, and the time until
  the filtered rows are shown;
* sorting by the first user message (a text key: every example is parsed again, on a worker): the time
  until the sorted rows are shown and the worst stall meanwhile;
* peak memory (RSS) against the file size, and the app's own memory before the file is opened (Qt,
  Python, the main window and the tokenizer vocabulary), which the peak includes.

Since the examples keep only their compressed raw bytes, the loader checks, counts and indexes each
example before dropping its parsed JSON: "all rows loaded" is when the last row arrived with all that
done, and "checked + tokens counted" adds only the dataset-wide findings.

Baselines, each measured in its own process on the same file: plain ``json.loads`` of every line (load
time and memory), and a naive ``QSortFilterProxyModel`` over the same table model (one keystroke).

Run: ``TIKTOKEN_CACHE_DIR=.cache/tiktoken QT_QPA_PLATFORM=offscreen \
.venv/bin/python benchmarks/bench_editor.py [--examples 100000] [--file /tmp/bench-editor-100k.jsonl]``
(one benchmark at a time on the shared machine: ``flock /tmp/bench.lock <command>``).
``BENCH_WATCHDOG=1`` writes every thread's stack to stderr while the UI probe is late (what a stall is);
``BENCH_MEMORY=1`` adds the peak RSS and PSS of the app with check's worker processes (it stalls a little
itself, so measure stalls without it). ``BENCH_THREADS=1`` prints the CPU seconds of each of the app's threads
during the open (Linux). The file opens once the app's start-up tasks are done.

Since issue 16's performance work the editor validates and counts with ``check``'s worker processes, and
this script also times ``check --json`` on the same file right after it (figures and the ratio:
benchmarks/README.md, "Issue 16, the editor against check"). Since the rows themselves come from those
workers too (each range's rows with their results), "all rows loaded" means every row is in, indexed,
checked and counted; "checked + tokens counted" adds the dataset-wide rules.

Figures, 2026-11-27 on 2 shared vCPUs (wall times vary by ~20 % between runs), 142 MB / 100,000 examples:

=============================  ==========================  ===============================
                               before (f44d284, load 0.8)  after (load 0.8-1.1)
=============================  ==========================  ===============================
first rows visible             16 ms                       29-45 ms
all rows loaded                5.1 s (not yet checked)     14-20 s (checked, counted)
checked + tokens counted       24.7-27.2 s                 14-20 s
worst UI stall while loading   189-245 ms                  26-44 ms
search keystroke until shown   77-149 ms                   270-530 ms
worst UI stall while typing    38-41 ms                    24-36 ms
sort by first message          1.4 s, blocking the UI      3.8-6.5 s on a worker, stall <= 39 ms
peak RSS                       869 MB = 6.12x              374-383 MB = 2.63-2.70x
app before opening the file    173 MB = 1.22x              176-179 MB = 1.24-1.26x
=============================  ==========================  ===============================
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _busy_cpu_s() -> float:
    """CPU seconds the whole machine spent busy so far (/proc/stat): on a quiet machine, what a run cost
    in all its processes (the editor's check workers are the forkserver's children, not the app's)."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    idle = fields[3] + fields[4]  # idle, iowait
    return (sum(fields[:7]) - idle) / os.sysconf("SC_CLK_TCK")  # (field 8, steal, was not ours)


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _rss_now_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return _peak_rss_mb()


def baseline_load(path: Path) -> dict[str, float]:
    t0 = time.perf_counter()
    with open(path, "rb") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    return {"seconds": time.perf_counter() - t0, "rows": len(rows), "peak_rss_mb": _peak_rss_mb()}


class _Watchdog:
    """``BENCH_WATCHDOG=1``: when the UI thread's timer probe is over 40 ms late, write every thread's
    stack to stderr (what the UI thread runs during a stall, and what holds the GIL meanwhile)."""

    def __init__(self) -> None:
        import threading

        self.last = time.perf_counter()
        self.main = threading.get_ident()
        threading.Thread(target=self._watch, daemon=True, name="bench-watchdog").start()

    def _watch(self) -> None:
        import collections
        import threading

        idle = ("wait", "acquire", "get", "read", "read_signed", "select", "poll", "_worker", "sleep")
        me = threading.get_ident()
        while True:
            time.sleep(0.002)
            last = self.last
            if time.perf_counter() - last < 0.03:
                continue
            seen: collections.Counter[str] = collections.Counter()
            samples = 0
            while self.last == last and samples < 5000:  # sample until the probe runs again
                samples += 1
                names = {t.ident: t.name for t in threading.enumerate()}
                for ident, frame in sys._current_frames().items():
                    if ident == me:
                        continue
                    f: Any = frame
                    if ident != self.main and f.f_code.co_name in idle:
                        continue
                    tag = "MAIN" if ident == self.main else names.get(ident, "?")
                    where: list[str] = []
                    while f is not None and len(where) < 4:
                        where.append(f"{Path(f.f_code.co_filename).name}:{f.f_lineno} {f.f_code.co_name}")
                        f = f.f_back
                    seen[f"{tag}: " + " < ".join(where)] += 1
                time.sleep(0.002)
            late = (time.perf_counter() - last) * 1000
            if late > 45:
                top = "\n".join(f"  {n:4d} {k}" for k, n in seen.most_common(12))
                print(f"== stall {late:.0f} ms, {samples} samples\n{top}", file=sys.stderr, flush=True)


class _FamilyMemory:
    """On a thread: every 200 ms the summed RSS and PSS (shared pages split between the processes that
    share them) of this process and all its descendants (``check``'s forkserver and worker processes);
    ``peak_rss``/``peak_pss`` in MB. Opt-in (``BENCH_MEMORY=1``): it adds stalls of its own."""

    def __init__(self) -> None:
        import threading

        self.peak_rss = self.peak_pss = 0.0
        self.running = True
        self.thread = threading.Thread(target=self._run, daemon=True, name="bench-memory")
        self.thread.start()

    def stop(self) -> None:
        self.running = False
        self.thread.join()

    def _run(self) -> None:
        me = os.getpid()
        while self.running:
            parent: dict[int, int] = {}
            for entry in os.listdir("/proc"):
                if entry.isdigit():
                    try:
                        with open(f"/proc/{entry}/stat") as f:
                            parent[int(entry)] = int(f.read().rsplit(")", 1)[1].split()[1])
                    except (OSError, IndexError, ValueError):
                        pass
            family = {me}
            grew = True
            while grew:
                more = {pid for pid, pp in parent.items() if pp in family and pid not in family}
                family |= more
                grew = bool(more)
            rss = pss = 0.0
            for pid in family:
                try:
                    with open(f"/proc/{pid}/smaps_rollup") as f:
                        for line in f:
                            if line.startswith("Rss:"):
                                rss += int(line.split()[1]) / 1024
                            elif line.startswith("Pss:"):
                                pss += int(line.split()[1]) / 1024
                except OSError:
                    pass
            self.peak_rss = max(self.peak_rss, rss)
            self.peak_pss = max(self.peak_pss, pss)
            time.sleep(0.2)


def _thread_cpu() -> dict[str, float]:
    """CPU seconds of each thread of this process, by ``name/tid`` (from /proc: Linux only)."""
    out: dict[str, float] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for tid in os.listdir("/proc/self/task"):
        try:
            with open(f"/proc/self/task/{tid}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2 :].split()
        out[f"{name}/{tid}"] = (int(fields[11]) + int(fields[12])) / tick
    return out


def _print_thread_cpu(before: dict[str, float]) -> None:
    now = _thread_cpu()
    rows = sorted(((now[k] - before.get(k, 0.0), k) for k in now), reverse=True)
    print("CPU by thread: " + ", ".join(f"{k} {s:.2f}" for s, k in rows if s >= 0.01), file=sys.stderr)


def editor_run(path: Path, word: str) -> dict[str, Any]:
    from finetune_desktop.app import share_hash_seed

    share_hash_seed()  # as run_gui() does: this process starts again with a hash seed its workers share
    os.environ.setdefault("FINETUNE_DESKTOP_HOME", tempfile.mkdtemp(prefix="bench-editor-"))
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QSortFilterProxyModel, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from finetune_desktop.app import tune_interpreter
    from finetune_desktop.gui.context import AppContext

    tune_interpreter()  # as run_gui() does
    from finetune_desktop.gui.main_window import MainWindow

    base_rss = _peak_rss_mb()
    window = MainWindow(AppContext())
    window.resize(1280, 800)
    window.show()
    page, doc = window.dataset_page, window.document
    for _ in range(20):
        app.processEvents()
    while doc._counter is None:  # the tokenizer vocabulary loads in the background at start
        app.processEvents()
        time.sleep(0.01)
    # ... and the other start-up work (the password store's first probe starts subprocesses): the file is
    # opened in a settled app, so a stall measured below is the editor's
    settle = time.perf_counter() + 10
    while window.context.runner.active and time.perf_counter() < settle:
        app.processEvents()
        time.sleep(0.01)
    ready_rss = _rss_now_mb()

    clock = QElapsedTimer()
    probe = {"last": 0, "max": 0, "at": 0}
    gaps: list[tuple[int, int]] = []

    watch = _Watchdog() if os.environ.get("BENCH_WATCHDOG") else None

    def tick() -> None:
        if watch is not None:
            watch.last = time.perf_counter()
        now = clock.elapsed()
        gap = now - probe["last"]
        if gap > probe["max"]:
            probe["max"], probe["at"] = gap, now
        if gap > 50:
            gaps.append((now - gap, gap))
        probe["last"] = now

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    marks: dict[str, float] = {}

    def mark(name: str) -> None:
        marks.setdefault(name, clock.elapsed() / 1000)

    page.filter_model.rowsInserted.connect(lambda *_a: mark("first_rows"))
    doc.load_finished.connect(lambda _ok: mark("loaded"))
    # (opt-in: reading /proc/*/smaps_rollup walks this process's page tables, which stalls its threads)
    family = _FamilyMemory() if os.environ.get("BENCH_MEMORY") else None
    clock.start()
    timer.start()
    cpu0, own0 = _busy_cpu_s(), time.process_time()
    threads0 = _thread_cpu() if os.environ.get("BENCH_THREADS") else {}
    window.open_path(path)
    # (waiting as an event loop waits, not polling: a poll every millisecond cost the app's process
    # ~0.1 CPU-s more over the open and took the GIL from the intake; the probe wakes it every 10 ms)
    while "loaded" not in marks or doc.analysing:
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        if clock.elapsed() > 600_000:
            raise SystemExit("timed out")
    mark("analysed")
    editor_cpu, app_cpu = _busy_cpu_s() - cpu0, time.process_time() - own0
    if os.environ.get("BENCH_THREADS"):  # (per thread CPU of the app's process: where its share goes)
        _print_thread_cpu(threads0)
    if os.environ.get("BENCH_LOAD_ONLY"):  # (to profile the open alone: py-spy record -- ... --child editor)
        stalls = ", ".join(f"{t / 1000:.2f}: {g}" for t, g in gaps)
        print(
            f"first rows in {marks.get('first_rows', -1) * 1000:.0f} ms, "
            f"loaded in {marks['analysed']:.2f} s, "
            f"CPU {editor_cpu:.1f} s, the app's {app_cpu:.1f} s, key digests "
            f"{'hash' if getattr(doc, '_fast_digests', False) else 'seed-free'}; "
            f"worst stall {probe['max']} ms; over 50 ms (start s: ms): {stalls or 'none'}"
        )
        os._exit(0)
    if family is not None:
        family.stop()
    load_stall = probe["max"]
    load_gaps = list(gaps)
    rss_loaded = _peak_rss_mb()
    rows = len(doc)
    counted = len(doc.all_tokens())

    # search: type the word letter by letter, waiting for each result like a fast typist would
    probe["max"] = 0
    typed_ms: list[float] = []
    for i in range(1, len(word) + 1):
        start = clock.elapsed()
        probe["last"] = start
        page.search.setText(word[:i])
        while page.filter_model.filtering:
            app.processEvents()
            time.sleep(0.0005)
        app.processEvents()
        typed_ms.append(clock.elapsed() - start)
    search_stall = probe["max"]
    matches = page.filter_model.rowCount()
    page.search.clear()
    while page.filter_model.filtering:
        app.processEvents()
        time.sleep(0.0005)
    app.processEvents()

    # sort by the first user message (a text key: every example is parsed again, on a worker)
    from finetune_desktop.gui.dataset.table_model import COL_USER

    probe["max"] = 0
    start = clock.elapsed()
    probe["last"] = start
    page.filter_model.sort(COL_USER, Qt.SortOrder.AscendingOrder)
    while page.filter_model.sorting:
        app.processEvents()
        time.sleep(0.001)
    app.processEvents()
    sort_ms = clock.elapsed() - start
    sort_stall = probe["max"]
    first_sorted = page.filter_model.data(page.filter_model.index(0, COL_USER))
    page.filter_model.sort(0, Qt.SortOrder.AscendingOrder)  # back to file order for the naive proxy
    while page.filter_model.sorting:
        app.processEvents()
        time.sleep(0.001)

    naive = QSortFilterProxyModel()
    naive.setSourceModel(page.table_model)
    naive.setFilterKeyColumn(-1)
    naive.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    t0 = time.perf_counter()
    naive.setFilterFixedString(word[:1])
    naive.rowCount()  # the proxy filters lazily, on first access
    naive_first = time.perf_counter() - t0
    t0 = time.perf_counter()
    naive.setFilterFixedString(word)
    naive.rowCount()
    naive_word = time.perf_counter() - t0
    naive_matches = naive.rowCount()
    timer.stop()
    doc.undo_stack.setClean()
    window.close()
    window.context.runner.shutdown()
    return {
        "rows": rows,
        "tokens_counted": counted,
        "first_rows_s": marks.get("first_rows", -1),
        "loaded_s": marks["loaded"],
        "analysed_s": marks["analysed"],
        "cpu_s": editor_cpu,
        "app_cpu_s": app_cpu,
        "load_max_stall_ms": load_stall,
        "search_max_stall_ms": search_stall,
        "search_keystroke_ms": typed_ms,
        "search_matches": matches,
        "naive_proxy_first_letter_ms": naive_first * 1000,
        "naive_proxy_word_ms": naive_word * 1000,
        "naive_proxy_matches": naive_matches,
        "rss_before_mb": base_rss,
        "rss_ready_mb": ready_rss,
        "sort_ms": sort_ms,
        "sort_max_stall_ms": sort_stall,
        "sort_first": str(first_sorted)[:40],
        "peak_rss_mb": max(rss_loaded, _peak_rss_mb()),
        # the biggest of the check's worker processes (they run while the rows load)
        "children_peak_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        "rss_after_load_mb": rss_loaded,
        "family_peak_rss_mb": family.peak_rss if family is not None else -1,
        "family_peak_pss_mb": family.peak_pss if family is not None else -1,
        "load_gaps_over_50ms": load_gaps,
        "marks": marks,
    }


def check_cli(path: Path) -> dict[str, float]:
    """``finetune-desktop check --json`` on the same file, as a user runs it (a process of its own)."""
    t0, cpu0 = time.perf_counter(), _busy_cpu_s()
    subprocess.run(
        [sys.executable, "-m", "finetune_desktop", "check", str(path), "--json"],
        check=False,
        stdout=subprocess.DEVNULL,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )
    return {"seconds": time.perf_counter() - t0, "cpu_s": _busy_cpu_s() - cpu0}


def _child(mode: str, path: Path, word: str) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", mode, "--file", str(path), "--word", word],
        check=True,
        stdout=subprocess.PIPE,
        stderr=None if os.environ.get("BENCH_WATCHDOG") else subprocess.PIPE,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--examples", type=int, default=100_000)
    ap.add_argument("--file", type=Path, default=Path(tempfile.gettempdir()) / "bench-editor-100k.jsonl")
    ap.add_argument("--word", default="refund")
    ap.add_argument("--child", choices=["editor", "baseline"])
    args = ap.parse_args()
    if args.child == "baseline":
        print(json.dumps(baseline_load(args.file)))
        return 0
    if args.child == "editor":
        print(json.dumps(editor_run(args.file, args.word)))
        return 0
    if not args.file.exists():
        from benchmarks.generate_dataset import generate

        generate(args.file, args.examples)
    size_mb = args.file.stat().st_size / 1e6
    base = _child("baseline", args.file, args.word)
    load = [os.getloadavg()[0]]
    ed = _child("editor", args.file, args.word)
    load.append(os.getloadavg()[0])
    check = check_cli(args.file)
    load.append(os.getloadavg()[0])
    print(f"file: {args.file} ({ed['rows']:,} examples, {size_mb:.1f} MB)")
    print(f"first rows visible      {ed['first_rows_s'] * 1000:8.0f} ms   (target < 1000 ms)")
    print(
        f"all rows loaded         {ed['loaded_s']:8.2f} s    (each checked, counted, indexed; json.loads "
        f"baseline {base['seconds']:.2f} s, "
        f"ratio {ed['loaded_s'] / base['seconds']:.2f}x)"
    )
    print(
        f"checked + tokens counted{ed['analysed_s']:8.2f} s    ({ed['tokens_counted']:,} examples counted; "
        f"`check --json` right after: {check['seconds']:.2f} s, "
        f"ratio {ed['analysed_s'] / check['seconds']:.2f}x, target <= 1.5x)"
    )
    print(
        f"  all rows in (each with check's results) at {ed['loaded_s']:.2f} s, dataset-wide rules done at "
        f"{ed['analysed_s']:.2f} s"
    )
    print(
        f"  CPU (all processes, /proc/stat): editor {ed['cpu_s']:.1f} s (the app's own process "
        f"{ed['app_cpu_s']:.1f} s), `check --json` {check['cpu_s']:.1f} s "
        f"(ratio {ed['cpu_s'] / check['cpu_s']:.2f}x)"
    )
    print(f"worst UI stall in load  {ed['load_max_stall_ms']:8.0f} ms   (target <= 50 ms)")
    gaps = ed["load_gaps_over_50ms"]
    if gaps:
        listed = ", ".join(f"{t / 1000:.2f}: {g}" for t, g in gaps)
        print(f"  stalls over 50 ms (start s: length ms): {listed}")
    print(
        f"search '{args.word}' keystrokes: "
        + ", ".join(f"{t:.0f}" for t in ed["search_keystroke_ms"])
        + f" ms until shown; {ed['search_matches']:,} matches"
    )
    print(
        f"worst UI stall typing   {ed['search_max_stall_ms']:8.0f} ms   (target <= 100 ms); naive "
        f"QSortFilterProxyModel blocks {ed['naive_proxy_first_letter_ms']:.0f} ms on the first letter, "
        f"{ed['naive_proxy_word_ms']:.0f} ms on the word (ratio "
        f"{ed['naive_proxy_first_letter_ms'] / max(1, ed['search_max_stall_ms']):.1f}x)"
    )
    print(
        f"sort by first message   {ed['sort_ms']:8.0f} ms until shown, worst UI stall "
        f"{ed['sort_max_stall_ms']:.0f} ms (first row now: {ed['sort_first']!r})"
    )
    print(
        f"peak RSS                {ed['peak_rss_mb']:8.0f} MB   = {ed['peak_rss_mb'] / size_mb:.2f}x file "
        f"(json.loads baseline {base['peak_rss_mb']:.0f} MB = {base['peak_rss_mb'] / size_mb:.2f}x)"
    )
    print(
        f"  the largest child process (a check worker) peaked at {ed['children_peak_rss_mb']:.0f} MB; "
        f"load average before / after the editor / after check: {', '.join(f'{x:.2f}' for x in load)}"
    )
    if ed["family_peak_rss_mb"] >= 0:  # BENCH_MEMORY=1
        print(
            f"  app + its child processes while loading (sampled every 200 ms): peak RSS "
            f"{ed['family_peak_rss_mb']:.0f} MB = {ed['family_peak_rss_mb'] / size_mb:.2f}x, peak PSS "
            f"{ed['family_peak_pss_mb']:.0f} MB = {ed['family_peak_pss_mb'] / size_mb:.2f}x (target <= 4x)"
        )
    print(
        f"  of which the app before opening the file: {ed['rss_ready_mb']:.0f} MB = "
        f"{ed['rss_ready_mb'] / size_mb:.2f}x (Qt and Python {ed['rss_before_mb']:.0f} MB; main window "
        f"and tokenizer vocabulary +{ed['rss_ready_mb'] - ed['rss_before_mb']:.0f} MB)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
