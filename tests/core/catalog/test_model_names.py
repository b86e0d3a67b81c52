"""The one parser of fine-tune and checkpoint names, and who uses it."""

from __future__ import annotations

import pytest

from finetune_desktop.core.catalog.model_names import base_model, parse_model_name
from finetune_desktop.core.catalog.models import load_catalog
from finetune_desktop.core.tokens.counter import TokenCounter
from finetune_desktop.sandbox.jobs import base_of


def test_fine_tune_and_checkpoint_names_read_apart() -> None:
    n = parse_model_name("ft:gpt-4o-mini-2024-07-18:acme:support:AbC123:ckpt-step-40")
    assert (n.base, n.fine_tuned, n.org, n.suffix, n.tag, n.checkpoint_step) == (
        "gpt-4o-mini-2024-07-18",
        True,
        "acme",
        "support",
        "AbC123",
        40,
    )
    empty_suffix = parse_model_name("ft:gpt-4.1-2025-04-14:org::xyz")
    assert (empty_suffix.base, empty_suffix.suffix, empty_suffix.tag) == ("gpt-4.1-2025-04-14", "", "xyz")


@pytest.mark.parametrize("name", ["gpt-4o-mini-2024-07-18", " gpt-4o-mini-2024-07-18 ", "ft:", "ft::x"])
def test_other_names_are_their_own_base(name: str) -> None:
    n = parse_model_name(name)
    assert not n.fine_tuned
    assert n.base == name.strip()


def test_catalog_tokenizer_and_local_server_agree() -> None:
    name = "ft:gpt-4.1-mini-2025-04-14:sandbox:demo:abc:ckpt-step-3"
    assert base_model(name) == base_of(name) == "gpt-4.1-mini-2025-04-14"
    info = load_catalog().get(name)
    assert info is not None
    assert info.id == "gpt-4.1-mini-2025-04-14"


def test_one_default_model() -> None:
    assert TokenCounter(training_context=0).model == load_catalog().default_model
