"""Crash-safe file replacement: the target is either the old file or the complete new one, never half.

Recipe: write a temp file in the same folder, flush + fsync it, keep the previous file as ``<name>.bak``
(hard link, or a copy where links are not supported, itself swapped in atomically), ``os.replace`` the
temp file over the target, then fsync the folder so the rename itself survives a power cut.
"""

from __future__ import annotations

import contextlib
import glob
import os
import re
import shutil
import stat
import tempfile
import threading
import time
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
    tmp = bak.with_name(f".{bak.name}.p{os.getpid()}-backup.tmp")
    with _ACTIVE_LOCK:
        _ACTIVE.add(tmp)
    try:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        try:
            os.link(target, tmp)
        except OSError:  # no hard links here (FAT, some network shares): copy instead
            shutil.copy2(target, tmp)
            with open(tmp, "rb") as f:
                os.fsync(f.fileno())
        os.replace(tmp, bak)
    finally:
        with _ACTIVE_LOCK:
            _ACTIVE.discard(tmp)


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
    remove_stale_temp_files(target)
    # The writer's pid is in the name, so a later save can tell a dead writer's temp from a live one's.
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.p{os.getpid()}-", suffix=".tmp", dir=folder)
    tmp = Path(tmp_name)
    with _ACTIVE_LOCK:
        _ACTIVE.add(tmp)
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
    finally:
        with _ACTIVE_LOCK:
            _ACTIVE.discard(tmp)
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


#: Temp files this process is writing now (a save on another thread must not remove them).
_ACTIVE: set[Path] = set()
_ACTIVE_LOCK = threading.Lock()
_PID = re.compile(r"\.p(\d+)-[^/\\]*\.tmp$")
# What older versions named their temp files: mkstemp's 8 random characters, or the backup's pid.
_LEGACY = re.compile(r"\.(?:[a-z0-9_]{8}|bak\.\d+)\.tmp$")
#: A temp file without a pid in its name (an older version's) is stale once it is this old.
LEGACY_STALE_SECONDS = 3600.0


def _writer_alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # ours, and not in _ACTIVE: left by a save that failed without cleaning up
    if os.name == "nt":  # no cheap liveness probe: trust only age
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, but another user's
        return True
    return True


def remove_stale_temp_files(path: str | os.PathLike[str]) -> list[Path]:
    """Delete the temp files that killed saves of ``path`` left behind (50 killed saves of a 30 MB file
    left 424 MB); a temp file whose writer still runs is kept. Called before each save and on open;
    never raises. Returns what was removed."""
    removed: list[Path] = []
    try:
        candidates = stale_temp_files(path)
    except OSError:
        return removed
    now = time.time()
    for tmp in candidates:
        with _ACTIVE_LOCK:
            if tmp in _ACTIVE:
                continue
        m = _PID.search(tmp.name)
        try:
            if m is not None:
                if _writer_alive(int(m.group(1))):
                    continue
            elif not _LEGACY.search(tmp.name) or now - tmp.stat().st_mtime < LEGACY_STALE_SECONDS:
                continue
            if not stat.S_ISREG(tmp.lstat().st_mode):
                continue
            tmp.unlink()
        except (OSError, ValueError):
            continue
        removed.append(tmp)
    return removed
