"""Readable model names beside the catalog's ids: "GPT-4o mini · 2024-07-18 (gpt-4o-mini-2024-07-18)".

Product names are not translated; the id stays visible because it is what the API and the docs use.
"""

from __future__ import annotations

import re

_DATE = re.compile(r"-(\d{4}-\d{2}-\d{2}|\d{4})$")
_LOWER = frozenset({"mini", "nano"})


def readable_model_name(model_id: str) -> str:
    """ "gpt-4o-mini-2024-07-18" -> "GPT-4o mini · 2024-07-18"; an id of another shape stays as it is."""
    m = _DATE.search(model_id)
    base, date = (model_id[: m.start()], m.group(1)) if m else (model_id, "")
    parts = base.split("-")
    if len(parts) < 2 or parts[0] != "gpt":
        return model_id
    words = [f"GPT-{parts[1]}"] + [p if p in _LOWER else p.capitalize() for p in parts[2:]]
    name = " ".join(words)
    return f"{name} · {date}" if date else name


def model_label(model_id: str) -> str:
    name = readable_model_name(model_id)
    return model_id if name == model_id else f"{name} ({model_id})"
