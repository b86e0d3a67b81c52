"""Batch runs kept in the app's data folder, so a run reopens (and resumes) after a restart.

One folder per run: ``run.json`` (models, connection profiles, settings, where the prompts came from),
``prompts.jsonl`` (a copy of the prompt set, so the run does not depend on the source file staying put)
and the results file with its journal (:mod:`results`).
"""

from __future__ import annotations

import json
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from finetune_desktop.core.compare.batch import ChatParams
from finetune_desktop.core.compare.conversation import Column
from finetune_desktop.core.compare.prompts import PromptRow
from finetune_desktop.core.compare.results import ResultStore
from finetune_desktop.core.files.atomic import atomic_write_text
from finetune_desktop.core.paths import app_paths

SLOT_KEYS = "ab"


@dataclass
class RunInfo:
    id: str
    source: str
    columns: list[Column]
    concurrency: int = 4
    params: ChatParams = field(default_factory=ChatParams)
    prompts: int = 0
    created: float = field(default_factory=time.time)

    @property
    def slots(self) -> dict[str, str]:
        return {key: col.model for key, col in zip(SLOT_KEYS, self.columns, strict=False)}

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "columns": [{"profile_id": c.profile_id, "model": c.model} for c in self.columns],
            "concurrency": self.concurrency,
            "params": self.params.to_json(),
            "prompts": self.prompts,
            "created": self.created,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> RunInfo:
        return cls(
            id=str(d["id"]),
            source=str(d.get("source") or ""),
            columns=[Column(str(c["profile_id"]), str(c["model"])) for c in d["columns"]],
            concurrency=int(d.get("concurrency") or 4),
            params=ChatParams.from_json(d.get("params") or {}),
            prompts=int(d.get("prompts") or 0),
            created=float(d.get("created") or 0.0),
        )


@dataclass
class Run:
    info: RunInfo
    rows: list[PromptRow]
    store: ResultStore


class RunStore:
    """Call off the UI thread: every method reads or writes files."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or app_paths().data / "compare" / "runs"

    def create(self, rows: list[PromptRow], source: str, columns: list[Column], **settings: Any) -> Run:
        run_id = time.strftime("%Y%m%d-%H%M%S-") + secrets.token_hex(3)
        info = RunInfo(run_id, source, columns, prompts=len(rows), **settings)
        folder = self.folder / run_id
        folder.mkdir(parents=True, exist_ok=True)
        atomic_write_text(
            folder / "prompts.jsonl",
            "".join(json.dumps(r.to_json(), ensure_ascii=False) + "\n" for r in rows),
        )
        self.save_info(info)
        return Run(info, rows, ResultStore(folder / "results.jsonl"))

    def save_info(self, info: RunInfo) -> None:
        folder = self.folder / info.id
        folder.mkdir(parents=True, exist_ok=True)
        atomic_write_text(folder / "run.json", json.dumps(info.to_json(), ensure_ascii=False, indent=1))

    def load(self, run_id: str) -> Run:
        folder = self.folder / run_id
        info = RunInfo.from_json(json.loads((folder / "run.json").read_text(encoding="utf-8")))
        rows = []
        for line in (folder / "prompts.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                d = json.loads(line)
                rows.append(PromptRow(int(d["index"]), tuple(d["messages"]), d.get("expected")))
        return Run(info, rows, ResultStore(folder / "results.jsonl"))

    def list(self) -> list[RunInfo]:
        """Newest first; a folder that cannot be read is skipped."""
        out = []
        for path in self.folder.glob("*/run.json"):
            try:
                out.append(RunInfo.from_json(json.loads(path.read_text(encoding="utf-8"))))
            except (OSError, ValueError, KeyError, TypeError):
                continue
        return sorted(out, key=lambda r: r.created, reverse=True)
