"""The app's launcher starts the app again with a PYTHONHASHSEED of its own, once, so that check's
worker processes (from a forkserver, which inherits the environment) hash text as the app does."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_SCRIPT = """
import os
from finetune_desktop.app import share_hash_seed
print("started", flush=True)
share_hash_seed()
print("seed", os.environ["PYTHONHASHSEED"], hash("finetune"), flush=True)
"""


def _words(code: str, env: dict[str, str]) -> list[str]:
    """What ``python -c code`` printed, split into words."""
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout.split()


def test_the_launcher_starts_again_once_with_a_seed_of_its_own() -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONHASHSEED"}
    out = _words(_SCRIPT, env)
    # (the first start printed "started" and was replaced; the second printed it and its seed)
    assert out.count("started") == 2
    assert out.count("seed") == 1
    seed, hashed = out[-2], out[-1]
    assert 1 <= int(seed) < 2**32
    # the seed is the one the app runs with
    assert _words("print(hash('finetune'))", {**env, "PYTHONHASHSEED": seed}) == [hashed]


def test_a_seed_already_set_is_kept() -> None:
    out = _words(_SCRIPT, {**os.environ, "PYTHONHASHSEED": "77"})
    assert out[:3] == ["started", "seed", "77"]
