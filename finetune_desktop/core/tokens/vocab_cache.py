"""Offline tokenizer vocabularies: place ``*.tiktoken`` files under the names tiktoken's cache expects.

tiktoken looks files up in ``$TIKTOKEN_CACHE_DIR`` by the SHA-1 of their download URL and checks their
SHA-256. Tests, CI and installers fill that folder from local copies so no download is needed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
from collections.abc import MutableMapping
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
    """Copy every known vocabulary found in ``source_dir`` into ``cache_dir``; return the encodings placed.

    ``source_dir`` may hold ``<encoding>.tiktoken`` files (the shared folder) or tiktoken's own cache
    names (another machine's cache, e.g. the build machine's); files with the wrong SHA-256 are skipped.
    """
    cache_dir.mkdir(parents=True, exist_ok=True)
    placed = []
    for encoding, sha in EXPECTED_SHA256.items():
        dst = cache_dir / cache_name(encoding)
        if dst.exists() and hashlib.sha256(dst.read_bytes()).hexdigest() == sha:
            placed.append(encoding)
            continue
        candidates = (source_dir / f"{encoding}.tiktoken", source_dir / cache_name(encoding))
        src = next(
            (c for c in candidates if c.is_file() and hashlib.sha256(c.read_bytes()).hexdigest() == sha),
            None,
        )
        if src is None:
            continue
        tmp = dst.with_suffix(".tmp")
        shutil.copyfile(src, tmp)
        tmp.replace(dst)
        placed.append(encoding)
    return placed


def bundled_cache_dir() -> Path:
    """Where installers put the vocabularies: ``resources/tiktoken`` (absent in a source checkout)."""
    from finetune_desktop.core.paths import resources_dir

    return resources_dir() / "tiktoken"


def use_bundled_cache(environ: MutableMapping[str, str] | None = None, bundled: Path | None = None) -> bool:
    """Point ``TIKTOKEN_CACHE_DIR`` at the bundled vocabularies unless the user chose a cache folder.

    Call before the first ``tiktoken.get_encoding()``. Worker processes inherit the variable. A user's
    own ``TIKTOKEN_CACHE_DIR`` (or tiktoken's older ``DATA_GYM_CACHE_DIR``) always wins. Returns whether
    the bundled folder is now the one tiktoken reads.
    """
    env = os.environ if environ is None else environ
    folder = bundled_cache_dir() if bundled is None else bundled
    if "TIKTOKEN_CACHE_DIR" in env or "DATA_GYM_CACHE_DIR" in env:
        return False
    if not any((folder / cache_name(encoding)).is_file() for encoding in EXPECTED_SHA256):
        return False
    env["TIKTOKEN_CACHE_DIR"] = str(folder)
    return True


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        sys.stderr.write("usage: python -m finetune_desktop.core.tokens.vocab_cache CACHE_DIR SOURCE_DIR\n")
        return 2
    placed = install_vocabularies(Path(argv[0]), Path(argv[1]))
    ready = ", ".join(placed) or "none (counts will be estimates)"
    sys.stderr.write(f"tiktoken vocabularies ready: {ready}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
