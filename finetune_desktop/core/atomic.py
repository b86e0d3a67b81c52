"""Crash-safe file replacement: the target is either the old file or the complete new one, never half.

Recipe: write a temp file in the same folder, flush + fsync it, keep the previous file as ``<name>.bak``
(hard link, or a copy where links are not supported, itself swapped in atomically), ``os.replace`` the
temp file over the target, then fsync the folder so the rename itself survives a power cut.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

BACKUP_SUFFIX = ".bak"


def backup_path(path: str | os.PathLike[str]) -> Path:
    """Where the previous version of ``path`` is kept: ``train.jsonl`` -> ``train.jsonl.bak``."""
    p = Path(path)
    return p.with_name(p.name + BACKUP_SUFFIX)


def fsync_dir(folder: str | os.PathLike[str]) -> None:
    """Persist a rename; a no-op where folders cannot be opened (Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _make_backup(target: Path) -> None:
    """Put the current target at ``<name>.bak`` without ever moving the target itself away."""
    bak = backup_path(target)
    tmp = bak.with_name(f".{bak.name}.{os.getpid()}.tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    try:
        os.link(target, tmp)
    except OSError:  # no hard links here (FAT, some network shares): copy instead
        shutil.copy2(target, tmp)
        with open(tmp, "rb") as f:
            os.fsync(f.fileno())
    os.replace(tmp, bak)


@contextlib.contextmanager
def atomic_writer(path: str | os.PathLike[str], *, backup: bool = False) -> Iterator[BinaryIO]:
    """Yield a binary file; on a clean exit it atomically replaces ``path``, on an exception nothing changes.

    A symlink target is followed, so the link keeps pointing at the (new) file.
    """
    target = Path(os.path.realpath(path))
    folder = target.parent
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
        exists = True
    except FileNotFoundError:
        mode, exists = _default_mode(), False
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        if backup and exists:
            _make_backup(target)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_dir(folder)


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes, *, backup: bool = False) -> None:
    """Replace ``path`` with ``data`` atomically; with ``backup`` the previous file becomes ``<name>.bak``."""
    with atomic_writer(path, backup=backup) as f:
        f.write(data)


def atomic_write_text(path: str | os.PathLike[str], text: str, *, backup: bool = False) -> None:
    """UTF-8, ``\\n`` line ends, atomically (settings, recovery files)."""
    atomic_write_bytes(path, text.encode("utf-8"), backup=backup)


def stale_temp_files(path: str | os.PathLike[str]) -> list[Path]:
    """Temp files a crashed save of ``path`` left behind (``.<name>.*.tmp``); the target itself is
    intact. The app may delete them, or offer their content when the target is missing."""
    target = Path(os.path.realpath(path))
    return sorted(target.parent.glob(f".{glob.escape(target.name)}.*.tmp"))
