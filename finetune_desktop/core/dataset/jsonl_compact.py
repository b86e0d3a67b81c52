"""Keeping a loaded file small in memory: raw lines compressed in blocks, repeated strings shared."""

from __future__ import annotations

import os
import zlib
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from finetune_desktop.core.dataset.examples import RawBlock


class Compressor:
    """Compresses raw blocks on a helper thread while the parser goes on (zlib releases the GIL), so
    keeping raw bytes costs little wall time when a second core is free. ``finish`` waits for all."""

    _pool: ThreadPoolExecutor | None = None
    _pool_pid = 0

    def __init__(self) -> None:
        self._jobs: list[tuple[RawBlock, Future[bytes]]] = []
        cls = type(self)
        if cls._pool is None or cls._pool_pid != os.getpid():  # a forked worker has no pool threads
            cls._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="jsonl-compress")
            cls._pool_pid = os.getpid()
        self._executor = cls._pool

    def block(self, data: bytes) -> RawBlock:
        block = RawBlock()
        try:
            self._jobs.append((block, self._executor.submit(zlib.compress, data, 1)))
        except RuntimeError:  # interpreter shutting down: no new threads
            block._fill(zlib.compress(data, 1))
        return block

    def finish(self) -> None:
        for block, job in self._jobs:
            block._fill(job.result())
        self._jobs.clear()


class Interner:
    """Share the string values every example repeats: role names and system prompts.

    Python keeps each parsed string separately; for a chat file with one system prompt the repeats
    cost ~0.3x the file size. Only values under known keys are shared, and the table is bounded.
    """

    MAX_ENTRIES = 20_000

    def __init__(self) -> None:
        self._seen: dict[str, str] = {}

    def _share(self, value: str) -> str:
        seen = self._seen
        hit = seen.get(value)
        if hit is not None:
            return hit
        if len(seen) < self.MAX_ENTRIES:
            seen[value] = value
        return value

    def _messages(self, messages: list[Any]) -> None:
        share = self._share
        for m in messages:
            if type(m) is not dict:
                continue
            role = m.get("role")
            if isinstance(role, str):
                m["role"] = share(role)
                if role in ("system", "developer"):
                    content = m.get("content")
                    if isinstance(content, str):
                        m["content"] = share(content)

    def compact(self, data: dict[str, Any]) -> dict[str, Any]:
        for key in ("messages", "preferred_output", "non_preferred_output"):
            value = data.get(key)
            if type(value) is list:
                self._messages(value)
        inp = data.get("input")
        if type(inp) is dict:
            value = inp.get("messages")
            if type(value) is list:
                self._messages(value)
        return data
