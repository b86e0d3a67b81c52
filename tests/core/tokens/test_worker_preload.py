"""Check's workers in a process with threads fork from a forkserver that loaded the vocabulary once.

Run in a fresh interpreter: a forkserver lives as long as the process that started it and keeps the
environment of that moment, so one started earlier in the test session (by a test with another
vocabulary folder) would say nothing about what the window gets.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]

SCRIPT = textwrap.dedent(
    """
    import threading
    from concurrent.futures import ProcessPoolExecutor

    from finetune_desktop.core.tokens import encodings
    from finetune_desktop.core.tokens.counter import process_context, warm_worker_server


    def already_loaded():  # in a worker, before it counted anything
        return encodings._loaded.get("o200k_base") is not None


    if __name__ == "__main__":
        release = threading.Event()
        other = threading.Thread(target=release.wait)
        other.start()  # a second thread: workers must not fork this process (as in the window)
        try:
            ctx = process_context()
            assert ctx.get_start_method() == "forkserver", ctx.get_start_method()
            assert warm_worker_server()
            with ProcessPoolExecutor(max_workers=1, mp_context=ctx) as pool:
                print("preloaded" if pool.submit(already_loaded).result(timeout=60) else "not preloaded")
        finally:
            release.set()
            other.join()
    """
)


def test_workers_of_a_threaded_process_start_with_the_vocabulary(tmp_path: Path) -> None:
    script = tmp_path / "preload_probe.py"
    script.write_text(SCRIPT, "utf-8")
    env = dict(os.environ, PYTHONPATH=str(REPO))
    env.setdefault("TIKTOKEN_CACHE_DIR", str(REPO / ".cache" / "tiktoken"))
    result = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, env=env, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "preloaded"
