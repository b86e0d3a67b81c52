"""Benchmark the sandbox: wall time from job creation to ``succeeded`` at a given ``--speed``.

Run: ``.venv/bin/python benchmarks/bench_sandbox.py [--speed 100] [--examples 12] [--runs 3]``.

The target (issue 4): at ``--speed 100`` a 12-example job goes from created to succeeded in under 15 s.
The job is followed the way the app follows it: ``jobs.retrieve`` + ``list_events`` every 0.25 s through
the real ``openai`` client over loopback.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

from openai import OpenAI

from finetune_desktop.sandbox import SandboxServer


def _rows(n: int) -> bytes:
    lines = [
        json.dumps(
            {
                "messages": [
                    {"role": "user", "content": f"Question {i}?"},
                    {"role": "assistant", "content": f"Answer {i}."},
                ]
            }
        )
        for i in range(n)
    ]
    return ("\n".join(lines) + "\n").encode()


def one_run(speed: float, examples: int) -> tuple[float, int]:
    with (
        SandboxServer(speed=speed) as server,
        OpenAI(api_key="sk-test-FAKE", base_url=server.base_url, max_retries=0) as client,
    ):
        file_id = client.files.create(file=("train.jsonl", _rows(examples)), purpose="fine-tune").id
        start = time.monotonic()
        job = client.fine_tuning.jobs.create(model="gpt-4o-mini-2024-07-18", training_file=file_id)
        while job.status not in ("succeeded", "failed", "cancelled"):
            time.sleep(0.25)
            job = client.fine_tuning.jobs.retrieve(job.id)
            client.fine_tuning.jobs.list_events(job.id, limit=20)
        elapsed = time.monotonic() - start
        if job.status != "succeeded":
            raise SystemExit(f"job ended {job.status}: {job.error}")
        events = client.fine_tuning.jobs.list_events(job.id, limit=1000).data
        return elapsed, len(events)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--speed", type=float, default=100.0)
    parser.add_argument("--examples", type=int, default=12)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    times = []
    for i in range(args.runs):
        elapsed, n_events = one_run(args.speed, args.examples)
        times.append(elapsed)
        print(f"run {i + 1}: created -> succeeded in {elapsed:.2f} s wall ({n_events} events)")
    print(
        f"speed {args.speed:g}x, {args.examples} examples: median {statistics.median(times):.2f} s, "
        f"max {max(times):.2f} s (target < 15 s)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
