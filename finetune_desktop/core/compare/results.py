"""Answers of a batch run, kept so that a cancelled, crashed or restarted run resumes without re-sending.

Two files: while a run goes on every answer is appended (and flushed) to a journal next to the results file
(``.NAME.answers``); the results file itself is written atomically, one line per prompt with every model's
answer, when the run ends or stops. Resuming reads both, so a crash (journal only), a cancel and a finished
run (results file only) all continue where they were. An answer counts only for the same question
(``PromptRow.digest``); a failed request is stored with its error and is sent again on the next run.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from finetune_desktop.core.compare.prompts import PromptRow
from finetune_desktop.core.files.atomic import atomic_writer

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Answer:
    """One model's reply to one prompt (or why there is none: ``error`` holds the error's title)."""

    index: int
    slot: str  # "a", "b", ...: which chosen model (the same model may be chosen twice)
    model: str
    digest: str
    text: str = ""
    finish_reason: str | None = None
    latency_s: float = 0.0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    error: str | None = None
    error_kind: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    def to_json(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "model": self.model,
            "answer": self.text if self.ok else None,
            "finish_reason": self.finish_reason,
            "latency_s": round(self.latency_s, 4),
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": self.completion_tokens,
        }
        if not self.ok:
            d["error"] = self.error
            d["error_kind"] = self.error_kind
        return d

    @classmethod
    def from_json(cls, index: int, slot: str, digest: str, d: dict[str, Any]) -> Answer:
        error = d.get("error")
        return cls(
            index=index,
            slot=slot,
            model=str(d.get("model") or ""),
            digest=digest,
            text=str(d.get("answer") or ""),
            finish_reason=d.get("finish_reason") if isinstance(d.get("finish_reason"), str) else None,
            latency_s=float(d.get("latency_s") or 0.0),
            prompt_tokens=int(d.get("prompt_tokens") or 0),
            completion_tokens=int(d.get("completion_tokens") or 0),
            error=str(error) if error else None,
            error_kind=str(d["error_kind"]) if d.get("error_kind") else None,
        )


def journal_path(results: Path) -> Path:
    return results.with_name(f".{results.name}.answers")


class ResultStore:
    """The answers of one run, thread-safe: workers ``add`` while the UI or a command reads.

    ``preferences`` (row index -> slot or "tie") are the user's choices in the batch table, kept in the
    results file too.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.journal = journal_path(self.path)
        self._lock = threading.Lock()
        self._answers: dict[tuple[int, str], Answer] = {}
        self.preferences: dict[int, str] = {}
        self._load()

    # reading ------------------------------------------------------------------------------------------
    def _load(self) -> None:
        for record in _read_lines(self.path):
            try:
                index, digest = int(record["index"]), str(record.get("digest") or "")
            except (KeyError, TypeError, ValueError):
                continue
            if isinstance(record.get("preference"), str):
                self.preferences[index] = record["preference"]
            answers = record.get("answers")
            if isinstance(answers, dict):
                for slot, d in answers.items():
                    if isinstance(d, dict):
                        self._keep(Answer.from_json(index, str(slot), digest, d))
        for record in _read_lines(self.journal, repair=True):
            try:
                answer = Answer.from_json(
                    int(record["index"]), str(record["slot"]), str(record.get("digest") or ""), record
                )
            except (KeyError, TypeError, ValueError):
                continue
            self._keep(answer)

    def _keep(self, answer: Answer) -> None:
        old = self._answers.get((answer.index, answer.slot))
        if old is None or not old.ok or answer.ok:
            self._answers[(answer.index, answer.slot)] = answer

    def answer(self, row: PromptRow, slot: str, model: str) -> Answer | None:
        """The stored answer for this question from this model in this slot (None: not asked yet)."""
        with self._lock:
            a = self._answers.get((row.index, slot))
        if a is None or a.digest != row.digest or a.model != model:
            return None
        return a

    def has_answer(self, row: PromptRow, slot: str, model: str) -> bool:
        a = self.answer(row, slot, model)
        return a is not None and a.ok

    def answers(self) -> list[Answer]:
        with self._lock:
            return list(self._answers.values())

    # writing --------------------------------------------------------------------------------------------
    def add(self, answer: Answer) -> None:
        """Keep an answer and append it to the journal at once (a crash afterwards loses nothing)."""
        line = json.dumps(
            {"index": answer.index, "slot": answer.slot, "digest": answer.digest, **answer.to_json()},
            ensure_ascii=False,
        )
        with self._lock:
            self._keep(answer)
            self.journal.parent.mkdir(parents=True, exist_ok=True)
            with self.journal.open("a", encoding="utf-8") as fh:
                fh.write(line + "\n")
                fh.flush()

    def set_preference(self, index: int, choice: str | None) -> None:
        with self._lock:
            if choice:
                self.preferences[index] = choice
            else:
                self.preferences.pop(index, None)

    def write(self, rows: Iterable[PromptRow], slots: dict[str, str]) -> int:
        """Write the results file (one line per prompt that has any answer, in prompt order) atomically
        and drop the journal, whose answers it now holds. Returns the number of lines written."""
        lines = list(result_lines(self, rows, slots))
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with atomic_writer(self.path) as fh:
                for record in lines:
                    fh.write(json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n")
            _unlink(self.journal)
        return len(lines)

    def discard(self) -> None:
        """Remove the results file and the journal (a recording whose training file is written)."""
        with self._lock:
            _unlink(self.journal)
            _unlink(self.path)


def _unlink(path: Path) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def result_lines(
    store: ResultStore, rows: Iterable[PromptRow], slots: dict[str, str]
) -> Iterator[dict[str, Any]]:
    """One record per prompt that has an answer (or an error) from any slot; ``slots``: slot -> model."""
    for row in rows:
        answers = {slot: store.answer(row, slot, model) for slot, model in slots.items()}
        present = {slot: a for slot, a in answers.items() if a is not None}
        if not present and row.index not in store.preferences:
            continue
        record: dict[str, Any] = {
            "index": row.index,
            "digest": row.digest,
            "prompt": list(row.messages),
            "expected": row.expected,
            "answers": {slot: a.to_json() for slot, a in present.items()},
        }
        pref = store.preferences.get(row.index)
        if pref:
            record["preference"] = pref
        yield record


def _read_lines(path: Path, *, repair: bool = False) -> Iterator[dict[str, Any]]:
    """JSON objects from a JSONL file; a line cut short by a crash is skipped (and, with ``repair``, cut
    off the file, so the next append starts on a fresh line)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return
    if repair and data and not data.endswith(b"\n"):
        good = data.rfind(b"\n") + 1
        log.info("cutting a partly written line off %s", path.name)
        with path.open("r+b") as fh:
            fh.truncate(good)
        data = data[:good]
    for raw in data.splitlines():
        if not raw.strip():
            continue
        try:
            value = json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError):
            continue
        if isinstance(value, dict):
            yield value
