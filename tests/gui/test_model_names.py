"""Readable model names beside the ids in the cost tab's model list."""

from __future__ import annotations

import pytest

from finetune_desktop.gui.model_names import model_label, readable_model_name


@pytest.mark.parametrize(
    ("model_id", "name"),
    [
        ("gpt-4o-mini-2024-07-18", "GPT-4o mini · 2024-07-18"),
        ("gpt-4.1-2025-04-14", "GPT-4.1 · 2025-04-14"),
        ("gpt-4.1-nano-2025-04-14", "GPT-4.1 nano · 2025-04-14"),
        ("gpt-3.5-turbo-0125", "GPT-3.5 Turbo · 0125"),
        ("my-own-model", "my-own-model"),
    ],
)
def test_readable_names(model_id: str, name: str) -> None:
    assert readable_model_name(model_id) == name


def test_the_label_keeps_the_id() -> None:
    assert model_label("gpt-4o-2024-08-06") == "GPT-4o · 2024-08-06 (gpt-4o-2024-08-06)"
    assert model_label("ft:custom") == "ft:custom"
