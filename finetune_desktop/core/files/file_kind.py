"""Refuse what is not a regular file before opening it: reading a named pipe (FIFO) or a device waits
forever or never ends, so a check, a load or a catalog read would hang instead of saying what is wrong."""

from __future__ import annotations

import os
import stat

_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
)


def not_regular_reason(path: str | os.PathLike[str]) -> str | None:
    """Why ``path`` is not a regular file ("a named pipe (FIFO)"...), or None when it is one (or does not
    exist: opening it then reports that). Symbolic links are followed."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):  # missing, no permission, a NUL in the name: the open says which
        return None
    if stat.S_ISREG(mode):
        return None
    for test, what in _KINDS:
        if test(mode):
            return what
    return "not a regular file"
