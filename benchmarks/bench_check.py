"""Benchmark ``check`` against the OpenAI cookbook's data-preparation loop and the bare tokenizer.

Run: ``TIKTOKEN_CACHE_DIR=... .venv/bin/python benchmarks/bench_check.py [--examples 100000] [--runs 1]``.

On one generated file (seeded, multi-turn, English and Chinese; see ``generate_dataset.py``), one after
another, each phase in a fresh process so none inherits another's memory or caches:

(a) ``cookbook``: a plain reimplementation of the notebook's loop: parse every line, its format checks, its
    token formula with ``encoding.encode`` (and its second pass for assistant tokens). Also reported with
    Python's cycle collector paused (``--with-nogc``), to show the notebook is not slow because of the
    collector (measured: both take the same time).
(b) ``tokenizer``: ``encode_ordinary`` over every string value of the file, once each, on one core (the
    strings are collected first; only the encoding loop is timed). ``parse`` times ``json.loads`` alone.
(c) ``check``: the full ``run_check`` (parse, validate, count, dataset rules, price) with one worker per core.

Peak memory: the highest sum of RSS over the phase's process and its children, sampled every 20 ms from
outside (VmRSS: cheap). For ``check`` also PSS (pages shared with forked children split between them) in an
extra run sampled every 200 ms, since reading ``smaps_rollup`` walks page tables and slows the process.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))


# --- memory sampling -----------------------------------------------------------------------------------


def _mem_kb(pid: int, pss: bool) -> int:
    path, field = (f"/proc/{pid}/smaps_rollup", "Pss:") if pss else (f"/proc/{pid}/status", "VmRSS:")
    try:
        with open(path) as f:
            for line in f:
                if line.startswith(field):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as f:
                out.extend(int(c) for c in f.read().split())
    except OSError:
        pass
    return out


def run_sampled(cmd: list[str], *, pss: bool = False) -> tuple[str, float]:
    """Run ``cmd``; return its stdout and the peak summed RSS (or PSS) in MB of it and its descendants.

    Sampling from outside keeps the measured process single-threaded (so ``check`` forks, as in the CLI).
    """
    interval = 0.2 if pss else 0.02
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, env=os.environ.copy())
    peak = 0
    while proc.poll() is None:
        todo, total = [proc.pid], 0
        while todo:
            pid = todo.pop()
            total += _mem_kb(pid, pss)
            todo.extend(_children(pid))
        peak = max(peak, total)
        time.sleep(interval)
    out, _ = proc.communicate()
    if proc.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed with status {proc.returncode}")
    return out, peak / 1024


def time_cli(path: Path, src: Path | None) -> float:
    """Wall time of ``python -m finetune_desktop check FILE --json`` as a user runs it: start-up, imports,
    the vocabulary load and the check (``src``: run that source tree instead of this one)."""
    env = os.environ.copy()
    if src is not None:
        env["PYTHONPATH"] = str(src)
    cmd = [sys.executable, "-m", "finetune_desktop", "check", str(path), "--json"]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, env=env, check=False)
    wall = time.perf_counter() - t0
    if proc.returncode not in (0, 1):  # 1: the file has errors, still a full check
        raise SystemExit(f"{' '.join(cmd)} failed with status {proc.returncode}")
    return wall


# --- phases ----------------------------------------------------------------------------------------------


def phase_cookbook(path: str, enc: Any) -> dict[str, Any]:
    """The notebook's loop, as written there (format checks, then the token formula with ``encode``)."""
    with open(path, encoding="utf-8") as f:
        dataset = [json.loads(line) for line in f]
    format_errors: dict[str, int] = defaultdict(int)
    for ex in dataset:
        if not isinstance(ex, dict):
            format_errors["data_type"] += 1
            continue
        messages = ex.get("messages", None)
        if not messages:
            format_errors["missing_messages_list"] += 1
            continue
        for message in messages:
            if "role" not in message or "content" not in message:
                format_errors["message_missing_key"] += 1
            if any(k not in ("role", "content", "name", "function_call", "weight") for k in message):
                format_errors["message_unrecognized_key"] += 1
            if message.get("role", None) not in ("system", "user", "assistant", "function"):
                format_errors["unrecognized_role"] += 1
            content = message.get("content", None)
            function_call = message.get("function_call", None)
            if (not content and not function_call) or not isinstance(content, str):
                format_errors["missing_content"] += 1
        if not any(message.get("role", None) == "assistant" for message in messages):
            format_errors["example_missing_assistant_message"] += 1

    def num_tokens_from_messages(messages: list[dict[str, Any]]) -> int:
        num_tokens = 0
        for message in messages:
            num_tokens += 3
            for key, value in message.items():
                if key == "weight":  # the notebook crashes on non-strings; we make it total like ours
                    continue
                if not isinstance(value, str):
                    value = json.dumps(value)
                num_tokens += len(enc.encode(value))
                if key == "name":
                    num_tokens += 1
        return num_tokens + 3

    def num_assistant_tokens_from_messages(messages: list[dict[str, Any]]) -> int:
        return sum(
            len(enc.encode(m["content"]))
            for m in messages
            if m["role"] == "assistant" and isinstance(m.get("content"), str)
        )

    n_missing_system = n_missing_user = 0
    convo_lens, assistant_lens, n_messages = [], [], []
    for ex in dataset:
        messages = ex["messages"]
        if not any(m["role"] == "system" for m in messages):
            n_missing_system += 1
        if not any(m["role"] == "user" for m in messages):
            n_missing_user += 1
        n_messages.append(len(messages))
        convo_lens.append(num_tokens_from_messages(messages))
        assistant_lens.append(num_assistant_tokens_from_messages(messages))
    return {"examples": len(dataset), "tokens": sum(convo_lens), "format_errors": dict(format_errors)}


def _strings(value: Any, out: list[str]) -> None:
    if isinstance(value, str):
        out.append(value)
    elif isinstance(value, dict):
        for v in value.values():
            _strings(v, out)
    elif isinstance(value, list):
        for v in value:
            _strings(v, out)


def run_phase(phase: str, path: str, workers: int | None) -> dict[str, Any]:
    import tiktoken

    enc = tiktoken.get_encoding("o200k_base")  # loaded before timing in every phase
    result: dict[str, Any] = {"phase": phase}
    cpu0 = time.process_time()
    if phase in ("cookbook", "cookbook-nogc"):
        if phase == "cookbook-nogc":
            gc.disable()  # the same loop without Python's cycle collector rescanning 100k dicts
        t0 = time.perf_counter()
        result.update(phase_cookbook(path, enc))
        result["wall"] = time.perf_counter() - t0
    elif phase == "parse":
        t0 = time.perf_counter()
        with open(path, "rb") as f:
            n = sum(1 for line in f if json.loads(line) is not None)
        result["wall"] = time.perf_counter() - t0
        result["examples"] = n
    elif phase == "tokenizer":
        strings: list[str] = []
        with open(path, "rb") as f:
            for line in f:
                _strings(json.loads(line), strings)
        encode = enc.encode_ordinary
        t0 = time.perf_counter()
        total = 0
        for s in strings:
            total += len(encode(s))
        result["wall"] = time.perf_counter() - t0
        result.update(strings=len(strings), tokens=total)
    elif phase in ("check", "check-1"):
        from finetune_desktop.core.check.run import run_check

        t0 = time.perf_counter()
        report = run_check(path, model="gpt-4o-mini-2024-07-18", workers=1 if phase == "check-1" else workers)
        result["wall"] = time.perf_counter() - t0
        result.update(
            examples=report.examples,
            tokens=report.tokens.total,
            findings=len(report.findings),
            estimated=report.tokens.estimated,
            usd=str(report.cost.usd),
            worker_cpu=report.worker_cpu_seconds if phase == "check" else 0.0,
        )
    else:
        raise SystemExit(f"unknown phase {phase}")
    # CPU of this process during the phase, plus (check) the workers' own CPU: unlike wall time it barely
    # depends on what else runs on the machine.
    result["cpu"] = time.process_time() - cpu0 + result.get("worker_cpu", 0.0)
    return result


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--examples", type=int, default=100_000)
    ap.add_argument("--file", type=Path, help="use this file instead of generating one")
    ap.add_argument("--runs", type=int, default=1, help="repeat the phases (best time is reported)")
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--with-nogc", action="store_true", help="also time the cookbook loop with GC paused")
    ap.add_argument("--with-single", action="store_true", help="also time run_check in one process")
    ap.add_argument(
        "--baseline-src",
        type=Path,
        help="also time the CLI of this source tree end to end (e.g. an older commit's `git archive`)",
    )
    ap.add_argument("--phase", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.phase:  # child mode
        print(json.dumps(run_phase(args.phase, str(args.file), args.workers)))
        return 0

    path = args.file or Path(f"/tmp/finetune-bench-{args.examples}.jsonl")
    if args.file is None and not path.exists():
        from generate_dataset import generate

        t0 = time.perf_counter()
        generate(path, args.examples)
        print(f"generated {path} in {time.perf_counter() - t0:.1f} s")
    size_mb = path.stat().st_size / 1e6
    cores = os.cpu_count() or 1
    print(f"file: {path} ({size_mb:.1f} MB), cores: {cores}, load before: {_load()}")
    phases = ["cookbook", "parse", "tokenizer", "check"]
    if args.with_nogc:
        phases.insert(1, "cookbook-nogc")
    if args.with_single:
        phases.append("check-1")
    best: dict[str, dict[str, Any]] = {}
    for run in range(args.runs):
        for phase in phases:
            cmd = [sys.executable, __file__, "--phase", phase, "--file", str(path)]
            if args.workers:
                cmd += ["--workers", str(args.workers)]
            out, rss = run_sampled(cmd)
            res = json.loads(out.strip().splitlines()[-1])
            res["peak_rss_mb"] = rss
            print(
                f"  run {run + 1} {phase:<13} {res['wall']:6.2f} s wall  {res['cpu']:6.2f} s CPU  "
                f"peak RSS {rss:6.1f} MB"
            )
            if phase not in best or res["wall"] < best[phase]["wall"]:
                best[phase] = res
        for label, src in [("cli", None), ("cli-baseline", args.baseline_src)]:
            if label == "cli-baseline" and src is None:
                continue
            wall = time_cli(path, src)
            print(f"  run {run + 1} {label:<13} {wall:6.2f} s wall, the whole `check --json` process")
            if label not in best or wall < best[label]["wall"]:
                best[label] = {"wall": wall}
    _, pss = run_sampled([sys.executable, __file__, "--phase", "check", "--file", str(path)], pss=True)
    a, p, b, c = (best[k]["wall"] for k in ("cookbook", "parse", "tokenizer", "check"))
    print(f"load after: {_load()}")
    print()
    print(f"(a) cookbook loop      {a:7.2f} s   {best['cookbook']['tokens']:,} tokens")
    if "cookbook-nogc" in best:
        print(f"    cookbook, GC off   {best['cookbook-nogc']['wall']:7.2f} s   (not in the notebook)")
    print(f"(b) tokenizer alone    {b:7.2f} s   {best['tokenizer']['strings']:,} strings, one core")
    print(f"    parse alone        {p:7.2f} s   json.loads per line, one core")
    ck = best["check"]
    print(f"(c) run_check          {c:7.2f} s   {ck['tokens']:,} tokens, {ck['findings']} findings")
    if "check-1" in best:
        print(f"    run_check, 1 proc  {best['check-1']['wall']:7.2f} s   same work without worker processes")
    print(f"a / c = {a / c:.2f}x   (goal >= 2.5x: {'met' if a / c >= 2.5 else 'NOT met'})")
    cli = best["cli"]["wall"]
    print(
        f"(d) check, whole CLI   {cli:7.2f} s   a / d = {a / cli:.2f}x end to end "
        f"(goal >= 2.5x: {'met' if a / cli >= 2.5 else 'NOT met'})"
    )
    if "cli-baseline" in best:
        base = best["cli-baseline"]["wall"]
        print(f"    baseline CLI       {base:7.2f} s   a / baseline = {a / base:.2f}x ({args.baseline_src})")
    a_cpu, c_cpu = best["cookbook"]["cpu"], best["check"]["cpu"]
    print(
        f"CPU: cookbook {a_cpu:.2f} s, check {c_cpu:.2f} s over all processes; on {cores} idle cores check "
        f"would take ~{c_cpu / cores:.2f} s, i.e. a / c ~ {a_cpu / (c_cpu / cores):.2f}x"
    )
    floor = b / cores + p
    verdict = "met" if c <= floor else "NOT met"
    print(f"b / cores + parse = {floor:.2f} s   vs c = {c:.2f} s   (goal c <= it: {verdict})")
    rss = ck["peak_rss_mb"]
    print(
        f"check peak memory, all processes: RSS sum {rss:.0f} MB = {rss / size_mb:.2f}x file size "
        f"(counts pages shared after fork once per process); PSS {pss:.0f} MB = {pss / size_mb:.2f}x; "
        f"goal <= 3x: {'met' if pss / size_mb <= 3 else 'NOT met'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
