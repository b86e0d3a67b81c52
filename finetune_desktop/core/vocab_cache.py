"""Offline tokenizer vocabularies: place ``*.tiktoken`` files under the names tiktoken's cache expects.

tiktoken looks files up in ``$TIKTOKEN_CACHE_DIR`` by the SHA-1 of their download URL and checks their
SHA-256. Tests, CI and installers fill that folder from local copies so no download is needed.
"""

from __future__ import annotations

import hashlib
import shutil
import sys
from pathlib import Path

_BASE = "https://openaipublic.blob.core.windows.net/encodings/"

#: encoding -> expected sha256 of its vocabulary file (from tiktoken_ext/openai_public.py)
EXPECTED_SHA256 = {
    "o200k_base": "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
    "cl100k_base": "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7",
}


def cache_name(encoding: str) -> str:
    return hashlib.sha1(f"{_BASE}{encoding}.tiktoken".encode()).hexdigest()


def install_vocabularies(cache_dir: Path, source_dir: Path) -> list[str]:
    """Copy every known vocabulary found in ``source_dir`` into ``cache_dir``; return the encodings placed."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    placed = []
    for encoding, sha in EXPECTED_SHA256.items():
        src = source_dir / f"{encoding}.tiktoken"
        dst = cache_dir / cache_name(encoding)
        if dst.exists() and hashlib.sha256(dst.read_bytes()).hexdigest() == sha:
            placed.append(encoding)
            continue
        if not src.is_file():
            continue
        if hashlib.sha256(src.read_bytes()).hexdigest() != sha:
            continue
        tmp = dst.with_suffix(".tmp")
        shutil.copyfile(src, tmp)
        tmp.replace(dst)
        placed.append(encoding)
    return placed


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        sys.stderr.write("usage: python -m finetune_desktop.core.vocab_cache CACHE_DIR SOURCE_DIR\n")
        return 2
    placed = install_vocabularies(Path(argv[0]), Path(argv[1]))
    ready = ", ".join(placed) or "none (counts will be estimates)"
    sys.stderr.write(f"tiktoken vocabularies ready: {ready}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
