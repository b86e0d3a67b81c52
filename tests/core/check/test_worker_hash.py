"""check's worker processes and the app compare Python's hash of example keys only when a worker says
that it hashes as the app does: forked workers always; forkserver workers when both processes took their
seed from the same PYTHONHASHSEED (what the app's launcher sets), and never otherwise."""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
from pathlib import Path

import pytest

from finetune_desktop.core.check import worker_hash

ROOT = Path(__file__).resolve().parents[3]

_SCRIPT = """
import json, sys, threading, time
from finetune_desktop.core.check import worker_hash
import finetune_desktop.core.check.run as run
from finetune_desktop.core.catalog.models import load_catalog
from finetune_desktop.core.check.pipeline import digest
from finetune_desktop.core.tokens.counter import process_context
from finetune_desktop.core.validation.example import example_keys

stop = threading.Event()
threading.Thread(target=stop.wait, daemon=True).start()  # (a thread: workers come from a forkserver)
ctx = process_context()
alike = worker_hash.probe(ctx)
out = {"method": ctx.get_start_method(), "alike": alike, "known": worker_hash.known_alike(ctx)}
if alike:
    run.PARALLEL_MIN_BYTES = 0
    rows = [json.loads(line) for line in open(sys.argv[1])]
    res = run.scan_examples(sys.argv[1], model=load_catalog().default_model, workers=2, fast_digests=True,
                            rows=lambda r: None).result
    keys = [example_keys(r) for r in rows]
    out["same"] = list(res.full_keys) == [digest(k.full, True) for k in keys] and list(res.answer_keys) == [
        digest(k.answer, True) for k in keys]
stop.set()
print(json.dumps(out))
"""


def _run(tmp_path: Path, seed: str | None) -> dict[str, object]:
    system = {"role": "system", "content": "Answer briefly. " * 10}
    data = [
        {
            "messages": [
                system,
                {"role": "user", "content": f"Q{i}"},
                {"role": "assistant", "content": f"A{i % 4}"},
            ]
        }
        for i in range(3000)
    ]
    path = tmp_path / "t.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in data), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONHASHSEED"}
    if seed is not None:
        env["PYTHONHASHSEED"] = seed
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT, str(path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_a_forked_worker_hashes_as_its_parent() -> None:
    assert worker_hash.probe(multiprocessing.get_context("fork"))


@pytest.mark.skipif("forkserver" not in multiprocessing.get_all_start_methods(), reason="no forkserver here")
def test_forkserver_workers_share_the_hash_only_with_one_seed_for_both(tmp_path: Path) -> None:
    shared = _run(tmp_path, "4242")
    assert shared == {"method": "forkserver", "alike": True, "known": True, "same": True}
    own = _run(tmp_path, None)  # (each process draws its own seed)
    assert own == {"method": "forkserver", "alike": False, "known": False}
