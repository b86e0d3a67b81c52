"""Autosave: after a few idle seconds with unsaved edits, the dataset is written to a recovery file.

Each window session owns ``recovery/<session>.jsonl`` plus a ``.json`` note (process id, original
path, time). A clean save or close deletes both; files whose process is gone are what a crash left,
and the next start offers to restore them.
"""

from __future__ import annotations

import json
import os
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from finetune_desktop.core.dataset.examples import Example
from finetune_desktop.core.paths import app_paths
from finetune_desktop.gui.dataset import core_api
from finetune_desktop.gui.dataset.document import DatasetDocument

IDLE_MS = 3000
_LIVE_SESSIONS: set[str] = set()


def recovery_dir() -> Path:
    return app_paths().data / "recovery"


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


@dataclass(frozen=True)
class RecoveryInfo:
    session: str
    data_path: Path
    meta_path: Path
    original: Path | None
    saved_at: float
    examples: int


def _write_recovery(
    examples: list[Example], data_path: Path, meta_path: Path, meta: dict[str, object]
) -> str:
    body = b"".join(core_api.serialize_example(e) + b"\n" for e in examples)
    data_path.parent.mkdir(parents=True, exist_ok=True)
    core_api.atomic_write_bytes(data_path, body)
    core_api.atomic_write_bytes(meta_path, json.dumps(meta, ensure_ascii=False).encode())
    return str(data_path)


def find_orphans() -> list[RecoveryInfo]:
    """Recovery files left by a session that is no longer running (newest first)."""
    folder = recovery_dir()
    if not folder.is_dir():
        return []
    out = []
    for meta_path in folder.glob("*.json"):
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            session = str(meta["session"])
            pid = int(meta["pid"])
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if session in _LIVE_SESSIONS or (pid != os.getpid() and _pid_alive(pid)):
            continue
        data_path = meta_path.with_suffix(".jsonl")
        if not data_path.exists():
            continue
        original = meta.get("original")
        out.append(
            RecoveryInfo(
                session,
                data_path,
                meta_path,
                Path(original) if original else None,
                float(meta.get("time", 0)),
                int(meta.get("examples", 0)),
            )
        )
    return sorted(out, key=lambda r: -r.saved_at)


def read_recovery(info: RecoveryInfo) -> list[Example]:
    chunk = core_api.parse_chunk(info.data_path.read_bytes(), 1)
    for ex in chunk.examples:
        ex.raw = None  # recovered content is unsaved work
        ex.line = None
    return chunk.examples


def discard_recovery(info: RecoveryInfo) -> None:
    for p in (info.data_path, info.meta_path):
        try:
            p.unlink()
        except FileNotFoundError:
            pass


class Autosave(QObject):
    """Signals: ``saved(str)`` (recovery file written), ``failed(str)``."""

    saved = Signal(str)
    failed = Signal(str)

    def __init__(
        self, document: DatasetDocument, idle_ms: int = IDLE_MS, parent: QObject | None = None
    ) -> None:
        super().__init__(parent or document)
        self.doc = document
        self.session = uuid.uuid4().hex
        _LIVE_SESSIONS.add(self.session)
        folder = recovery_dir()
        self.data_path = folder / f"{self.session}.jsonl"
        self.meta_path = folder / f"{self.session}.json"
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(idle_ms)
        self._timer.timeout.connect(self.save_now)
        self._writing = False
        self._again = False
        self._active = True
        document.undo_stack.indexChanged.connect(self._on_edited)
        document.undo_stack.cleanChanged.connect(self._on_clean_changed)

    def set_idle_ms(self, ms: int) -> None:
        self._timer.setInterval(ms)

    @Slot()
    def _on_edited(self) -> None:
        if not self._active:
            return
        if self.doc.dirty:
            self._timer.start()  # restarts: the file is written once typing pauses

    @Slot(bool)
    def _on_clean_changed(self, clean: bool) -> None:
        if self._active and clean:
            self._timer.stop()
            self.remove_files()

    @Slot()
    def save_now(self) -> None:
        if not self.doc.dirty:
            return
        if self._writing:
            self._again = True
            return
        self._writing = True
        examples = list(self.doc.examples)
        path = self.doc.path
        meta: dict[str, object] = {
            "session": self.session,
            "pid": os.getpid(),
            "time": time.time(),
            "original": str(path) if path else None,
            "examples": len(examples),
        }
        (
            self.doc.runner.op(_write_recovery, examples, self.data_path, self.meta_path, meta)
            .on_result(self.saved.emit)
            .on_error(lambda exc, _tb: self.failed.emit(str(exc)))
            .on_done(self._on_written)
            .start(self)
        )

    @Slot()
    def _on_written(self) -> None:
        self._writing = False
        if self._again:
            self._again = False
            self.save_now()

    def remove_files(self) -> None:
        for p in (self.data_path, self.meta_path):
            try:
                p.unlink()
            except FileNotFoundError:
                pass

    def close(self) -> None:
        """A clean end of the session: the recovery files are no longer needed."""
        self._active = False
        self._timer.stop()
        self.remove_files()
        _LIVE_SESSIONS.discard(self.session)
