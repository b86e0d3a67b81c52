"""Atomic save: the target is always the complete old file or the complete new one, even after a crash."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import finetune_desktop.core.files.atomic as atomic
from finetune_desktop.core.dataset.examples import Example
from finetune_desktop.core.dataset.jsonl_reader import load_jsonl
from finetune_desktop.core.dataset.jsonl_writer import save_jsonl
from finetune_desktop.core.files.atomic import (
    atomic_write_bytes,
    atomic_writer,
    backup_path,
    stale_temp_files,
)

ORIGINAL = b'{"messages": [{"role": "user", "content": "original"}]}\n'


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_write_new_file_and_replace_with_backup(tmp_path: Path) -> None:
    p = tmp_path / "train.jsonl"
    atomic_write_bytes(p, b"one\n", backup=True)
    assert p.read_bytes() == b"one\n"
    assert listing(tmp_path) == ["train.jsonl"]  # nothing to back up yet
    atomic_write_bytes(p, b"two\n", backup=True)
    assert p.read_bytes() == b"two\n"
    assert backup_path(p).read_bytes() == b"one\n"
    assert listing(tmp_path) == ["train.jsonl", "train.jsonl.bak"]


def test_permissions_are_kept(tmp_path: Path) -> None:
    p = tmp_path / "f.jsonl"
    p.write_bytes(b"x")
    p.chmod(0o640)
    atomic_write_bytes(p, b"y")
    assert stat.S_IMODE(p.stat().st_mode) == 0o640


def test_symlink_is_followed(tmp_path: Path) -> None:
    real = tmp_path / "real.jsonl"
    real.write_bytes(b"old")
    link = tmp_path / "link.jsonl"
    link.symlink_to(real)
    atomic_write_bytes(link, b"new", backup=True)
    assert link.is_symlink()
    assert real.read_bytes() == b"new"
    assert (tmp_path / "real.jsonl.bak").read_bytes() == b"old"


def test_backup_falls_back_to_copy_without_hard_links(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_link(src: object, dst: object) -> None:
        raise OSError("hard links not supported")

    monkeypatch.setattr(os, "link", no_link)
    p = tmp_path / "f.jsonl"
    p.write_bytes(b"old")
    atomic_write_bytes(p, b"new", backup=True)
    assert p.read_bytes() == b"new"
    assert backup_path(p).read_bytes() == b"old"


def test_crash_at_rename_leaves_original_intact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = tmp_path / "train.jsonl"
    p.write_bytes(ORIGINAL)
    real_replace = os.replace

    def crash(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        if Path(dst) == p:
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", crash)
    examples = [Example({"messages": [{"role": "user", "content": f"new {i}"}]}) for i in range(100)]
    with pytest.raises(OSError, match="No space"):
        save_jsonl(examples, p)
    assert p.read_bytes() == ORIGINAL
    assert [n for n in listing(tmp_path) if n.endswith(".tmp")] == []  # temp file cleaned up


def test_crash_while_writing_leaves_original_intact(tmp_path: Path) -> None:
    p = tmp_path / "train.jsonl"
    p.write_bytes(ORIGINAL)

    def save() -> None:
        with atomic_writer(p, backup=True) as f:
            f.write(b"half of the new")
            raise RuntimeError("power cut")

    with pytest.raises(RuntimeError):
        save()
    assert p.read_bytes() == ORIGINAL
    assert listing(tmp_path) == ["train.jsonl"]


def test_fsync_failure_leaves_original_intact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = tmp_path / "train.jsonl"
    p.write_bytes(ORIGINAL)

    def broken_fsync(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(atomic.os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="Input/output"):
        atomic_write_bytes(p, b"new")
    assert p.read_bytes() == ORIGINAL
    assert listing(tmp_path) == ["train.jsonl"]


def test_process_killed_mid_save_leaves_original_intact(tmp_path: Path) -> None:
    """A real crash: SIGKILL a process halfway through writing a large save."""
    p = tmp_path / "train.jsonl"
    p.write_bytes(ORIGINAL)
    script = textwrap.dedent(
        f"""
        import sys, time
        from finetune_desktop.core.files.atomic import atomic_writer
        with atomic_writer({str(p)!r}, backup=True) as f:
            f.write(b"partial line" * 100000)
            f.flush()
            print("writing", flush=True)
            time.sleep(60)
        """
    )
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE)
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline() == b"writing\n"
        temps = [n for n in listing(tmp_path) if n.endswith(".tmp")]
        assert len(temps) == 1  # the new content is going to a temp file, not over the original
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
        if proc.stdout:
            proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL
    assert p.read_bytes() == ORIGINAL
    assert not backup_path(p).exists()
    (leftover,) = stale_temp_files(p)
    assert leftover.name.startswith(".train.jsonl.")
    # opening the file again removes what the killed save left (issue 13: it used to pile up)
    assert load_jsonl(p).examples[0].data["messages"][0]["content"] == "original"
    assert stale_temp_files(p) == []


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait(timeout=30)
    return proc.pid


def test_the_next_save_removes_temp_files_of_killed_saves_only(tmp_path: Path) -> None:
    p = tmp_path / "train.jsonl"
    p.write_bytes(ORIGINAL)
    dead = tmp_path / f".train.jsonl.p{_dead_pid()}-abc123.tmp"
    dead.write_bytes(b"x" * 1000)
    dead_backup = tmp_path / f".train.jsonl.bak.p{_dead_pid()}-backup.tmp"
    dead_backup.write_bytes(b"x")
    live_proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        live = tmp_path / f".train.jsonl.p{live_proc.pid}-def456.tmp"
        live.write_bytes(b"being written")
        legacy_new = tmp_path / ".train.jsonl.a1b2c3d4.tmp"
        legacy_new.write_bytes(b"x")
        legacy_old = tmp_path / ".train.jsonl.zz99yy88.tmp"
        legacy_old.write_bytes(b"x")
        os.utime(legacy_old, (time.time() - 7200, time.time() - 7200))
        mine = tmp_path / "my.notes.tmp"  # not our naming
        mine.write_bytes(b"x")

        with atomic_writer(p, backup=True) as f:
            with atomic_writer(p) as g:  # a second save while the first is writing keeps its temp
                g.write(b"inner")
            f.write(b"outer")
        assert p.read_bytes() == b"outer"
        left = set(listing(tmp_path))
        assert dead.name not in left
        assert dead_backup.name not in left
        assert legacy_old.name not in left
        assert {live.name, legacy_new.name, mine.name} <= left
    finally:
        live_proc.kill()
        live_proc.wait(timeout=30)
