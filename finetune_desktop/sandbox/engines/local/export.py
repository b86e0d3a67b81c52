"""One export of a local fine-tune or checkpoint, seen from the server: a child process and its progress.

The child (``export_worker.py``) does the work, so the server stays responsive while a merged model is
written; this side starts it, reads the new lines of its progress file when asked, and kills it on
cancel (removing the half-written folder). Imports neither torch nor transformers.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

from finetune_desktop.sandbox.engines.local.models import LocalModel
from finetune_desktop.sandbox.engines.local.protocol import (
    PROGRESS_FILE,
    ProgressReader,
    child_env,
    last_log_line,
    start_child,
)

#: a GGUF file de-quantised to float32 takes up to about this many times its size on disk
GGUF_EXPANSION = 6


def export_bytes(model: LocalModel, adapter: Path, merged: bool) -> int:
    """About how many bytes the export writes (for the free-space check before it starts); ``model``
    is on disk (a hub model's snapshot resolved)."""
    assert model.folder is not None
    if not merged:
        return sum((adapter / n).stat().st_size for n in ("adapter_config.json", "adapter_model.safetensors"))
    if model.gguf_file:
        return (model.folder / model.gguf_file).stat().st_size * GGUF_EXPANSION
    return sum(p.stat().st_size for p in model.folder.glob("*.safetensors")) + 50_000_000  # + tokenizer


class LocalExport:
    def __init__(
        self,
        export_id: str,
        *,
        model_name: str,
        base: LocalModel,
        adapter: Path,
        target: Path,
        merged: bool,
        control: Path,
        threads: int = 0,
    ) -> None:
        self.id = export_id
        self.model_name = model_name
        self.kind = "merged" if merged else "adapter"
        self.target = target
        self.base = base
        self.partial = target.parent / f".{target.name}.partial-{export_id}"
        self.control = control
        self.status = "running"
        self.stage = "starting"
        self.done = 0
        self.total = 0
        self.files: list[str] = []
        self.bytes = 0
        self.error: dict[str, str] | None = None
        self._progress = ProgressReader(control / PROGRESS_FILE)
        control.mkdir(parents=True, exist_ok=True)
        spec = {
            **base.to_json(),
            "model": model_name,
            "kind": self.kind,
            "adapter": str(adapter),
            "target": str(target),
            "partial": str(self.partial),
            "progress": str(self._progress.path),
            "threads": threads,
        }
        (control / "spec.json").write_text(json.dumps(spec), "utf-8")
        self._proc = start_child(
            ["-m", "finetune_desktop.sandbox.engines.local.export_worker", str(control / "spec.json")],
            control / "export.log",
            child_env(),
        )

    def refresh(self) -> None:
        if self.status != "running":
            return
        for line in self._progress.new_lines():
            kind = line.get("type")
            if kind == "stage":
                self.stage = str(line.get("stage", ""))
                self.done, self.total = int(line.get("done", 0)), int(line.get("total", 0))
            elif kind == "done":
                self.status = "succeeded"
                self.stage = "done"
                self.done = self.total
                self.files = [str(f) for f in line.get("files", [])]
                self.bytes = int(line.get("bytes", 0))
            elif kind == "error":
                self._fail(str(line.get("code", "export_failed")), str(line.get("message", "")))
        if self.status == "running" and self._proc.poll() is not None and not self._progress.pending():
            self._fail(
                "export_failed",
                f"The export process stopped unexpectedly (exit code {self._proc.returncode})"
                + (f": {tail}" if (tail := self._log_tail()) else "."),
            )
        if self.status != "running":
            self._reap()

    def _reap(self) -> None:
        """The child has reported its end: let it exit (killed if it lingers)."""
        try:
            self._proc.wait(30)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait(10)

    def _fail(self, code: str, message: str) -> None:
        self.status = "failed"
        self.error = {"code": code, "message": message}
        shutil.rmtree(self.partial, ignore_errors=True)

    def _log_tail(self) -> str:
        return last_log_line(self.control / "export.log")

    def cancel(self) -> None:
        """Stop a running export and remove what it had written (the target is left as it was)."""
        self.refresh()
        if self.status != "running":
            return
        self._proc.kill()
        self._proc.wait(10)
        shutil.rmtree(self.partial, ignore_errors=True)
        self.status = "cancelled"

    def to_json(self) -> dict[str, Any]:
        return {
            "object": "sandbox.export",
            "id": self.id,
            "model": self.model_name,
            "kind": self.kind,
            "folder": str(self.target),
            "base_model": self.base.id,
            # the base as a file a converter can take: its folder, or its GGUF file
            "base_path": str((self.base.folder or Path()) / (self.base.gguf_file or "")),
            "status": self.status,
            "stage": self.stage,
            "done": self.done,
            "total": self.total,
            "files": list(self.files),
            "bytes": self.bytes,
            "error": self.error,
        }
