"""Shared helpers: fixture files parsed with plain ``json`` so these tests do not depend on the reader's
policies (the reader rejects non-object lines, which ``data_type`` must still be tested on)."""

from __future__ import annotations

import json
from pathlib import Path

from finetune_desktop.core.dataset.examples import Dataset, Example

FIXTURES = Path(__file__).parent / "fixtures"


def load_fixture(name: str) -> Dataset:
    path = FIXTURES / f"{name}.jsonl"
    examples = [
        Example(data=json.loads(text), line=n)
        for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if text.strip()
    ]
    return Dataset(examples=examples, path=path)
