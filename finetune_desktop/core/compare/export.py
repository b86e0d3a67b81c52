"""Export a batch run's table (all rows or the filtered ones) as JSON Lines or CSV."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from pathlib import Path

from finetune_desktop.core.compare.prompts import PromptRow
from finetune_desktop.core.compare.results import ResultStore, result_lines
from finetune_desktop.core.files.atomic import atomic_write_bytes


def export_jsonl(path: Path, rows: Sequence[PromptRow], store: ResultStore, slots: dict[str, str]) -> int:
    """The results file's shape (one line per prompt with every answer); returns the line count."""
    lines = [json.dumps(r, ensure_ascii=False) for r in result_lines(store, rows, slots)]
    atomic_write_bytes(path, ("\n".join(lines) + "\n" if lines else "").encode("utf-8"))
    return len(lines)


def export_csv(path: Path, rows: Sequence[PromptRow], store: ResultStore, slots: dict[str, str]) -> int:
    """A spreadsheet: prompt, expected, then per model its name, answer, latency and tokens, and the
    preference. UTF-8 with a byte-order mark so Excel shows Chinese text correctly."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    header = ["index", "prompt", "expected"]
    for slot in slots:
        header += [
            f"model_{slot}",
            f"answer_{slot}",
            f"latency_s_{slot}",
            f"tokens_in_{slot}",
            f"tokens_out_{slot}",
        ]
        header.append(f"error_{slot}")
    header.append("preference")
    writer.writerow(header)
    for row in rows:
        line: list[object] = [row.index + 1, row.question, row.expected or ""]
        for slot, model in slots.items():
            a = store.answer(row, slot, model)
            if a is None:
                line += [model, "", "", "", "", ""]
            else:
                line += [
                    model,
                    a.text if a.ok else "",
                    f"{a.latency_s:.3f}",
                    a.prompt_tokens,
                    a.completion_tokens,
                    a.error or "",
                ]
        line.append(store.preferences.get(row.index, ""))
        writer.writerow(line)
    atomic_write_bytes(path, buf.getvalue().encode("utf-8-sig"))
    return len(rows)
