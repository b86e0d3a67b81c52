"""Blind-vote tallies per pair of models, kept in the app's data folder across sessions."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from pathlib import Path

from finetune_desktop.core.files.atomic import atomic_write_text
from finetune_desktop.core.paths import app_paths

TALLY_FILE = "blind_tally.json"


@dataclass(frozen=True)
class PairTally:
    """Votes between two models; ``first`` sorts before ``second`` so a pair has one entry."""

    first: str
    second: str
    first_wins: int = 0
    second_wins: int = 0
    ties: int = 0

    @property
    def votes(self) -> int:
        return self.first_wins + self.second_wins + self.ties


def default_tally_path() -> Path:
    return app_paths().data / "compare" / TALLY_FILE


class Tally:
    """Thread-safe; ``vote`` saves at once (small file, written atomically)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_tally_path()
        self._lock = threading.Lock()
        self._pairs: dict[tuple[str, str], list[int]] = {}
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raw = []
        for entry in raw if isinstance(raw, list) else []:
            try:
                key = (str(entry["first"]), str(entry["second"]))
                self._pairs[key] = [int(entry["first_wins"]), int(entry["second_wins"]), int(entry["ties"])]
            except (KeyError, TypeError, ValueError):
                continue

    def vote(self, model_a: str, model_b: str, winner: str | None) -> PairTally:
        """``winner`` is ``model_a``, ``model_b`` or None for a tie."""
        first, second = sorted((model_a, model_b))
        with self._lock:
            counts = self._pairs.setdefault((first, second), [0, 0, 0])
            if winner is None:
                counts[2] += 1
            elif winner == first:
                counts[0] += 1
            elif winner == second:
                counts[1] += 1
            else:
                raise ValueError(f"{winner!r} is not one of the two models")
            self._save()
        return self.pair(first, second)

    def pair(self, model_a: str, model_b: str) -> PairTally:
        first, second = sorted((model_a, model_b))
        with self._lock:
            c = self._pairs.get((first, second), [0, 0, 0])
            return PairTally(first, second, c[0], c[1], c[2])

    def pairs(self) -> list[PairTally]:
        with self._lock:
            return [PairTally(a, b, *c) for (a, b), c in sorted(self._pairs.items())]

    def _save(self) -> None:
        data = [
            {"first": a, "second": b, "first_wins": c[0], "second_wins": c[1], "ties": c[2]}
            for (a, b), c in sorted(self._pairs.items())
        ]
        self.path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(self.path, json.dumps(data, ensure_ascii=False, indent=1))
