"""Check's workers in a process with threads fork from a forkserver that loaded the vocabulary once."""

from __future__ import annotations

import threading
from concurrent.futures import ProcessPoolExecutor

from finetune_desktop.core.tokens import encodings
from finetune_desktop.core.tokens.counter import process_context, warm_worker_server


def _vocabulary_already_loaded() -> bool:
    """In a worker, before it counted anything: is the encoding there without loading it?"""
    return encodings._loaded.get("o200k_base") is not None


def test_workers_of_a_threaded_process_start_with_the_vocabulary() -> None:
    release = threading.Event()
    other = threading.Thread(target=release.wait, name="test-other-thread")
    other.start()  # a second thread: workers must not fork this process (as in the window)
    try:
        ctx = process_context()
        assert ctx.get_start_method() == "forkserver"
        assert warm_worker_server()
        with ProcessPoolExecutor(max_workers=1, mp_context=ctx) as pool:
            assert pool.submit(_vocabulary_already_loaded).result(timeout=60)
    finally:
        release.set()
        other.join()

