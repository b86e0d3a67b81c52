"""Random split (deterministic by seed) and train/validation overlap on normalised content."""

from __future__ import annotations

import pytest

from finetune_desktop.core.dataset.examples import Example
from finetune_desktop.core.dataset.split import content_key, find_overlap, split_random


def chat(user: str, reply: str = "ok") -> dict[str, object]:
    return {"messages": [{"role": "user", "content": user}, {"role": "assistant", "content": reply}]}


def examples(n: int) -> list[Example]:
    return [Example(chat(f"q{i}")) for i in range(n)]


def test_same_seed_same_split_and_order_kept() -> None:
    exs = examples(100)
    train, val = split_random(exs, 0.2, seed=7)
    train2, val2 = split_random(exs, 0.2, seed=7)
    assert [e.uid for e in val] == [e.uid for e in val2]
    assert [e.uid for e in train] == [e.uid for e in train2]
    assert len(val) == 20
    assert len(train) == 80
    assert {e.uid for e in train} | {e.uid for e in val} == {e.uid for e in exs}
    assert [e.uid for e in val] == sorted(e.uid for e in val)  # original order within each part
    other, _ = split_random(exs, 0.2, seed=8)
    assert [e.uid for e in other] != [e.uid for e in train]


def test_split_sizes_at_the_edges() -> None:
    assert split_random(examples(5), 0.0, seed=1)[1] == []
    assert len(split_random(examples(5), 0.01, seed=1)[1]) == 1  # at least one when asked for any
    assert len(split_random(examples(2), 0.99, seed=1)[0]) == 1  # never everything
    assert split_random([], 0.5, seed=1) == ([], [])
    assert split_random(examples(1), 0.5, seed=1)[1] == []
    with pytest.raises(ValueError, match="below 100%"):
        split_random(examples(3), 1.0, seed=1)


def test_split_works_on_any_sequence() -> None:
    train, val = split_random(list(range(10)), 0.3, seed=3)
    assert sorted(train + val) == list(range(10))
    assert len(val) == 3


def test_overlap_compares_normalised_content() -> None:
    train = [
        Example(chat("Hello  world", "Hi")),
        Example(chat("other")),
        Example(
            {
                "messages": [
                    {"content": "Hello world ", "role": "user"},
                    {"role": "assistant", "content": "Hi"},
                ]
            }
        ),
    ]
    val = [Example(chat(" Hello world", "Hi")), Example(chat("unique"))]
    pairs = find_overlap(train, val)
    assert [(p.train_index, p.validation_index) for p in pairs] == [(0, 0), (2, 0)]


def test_overlap_is_not_fooled_by_different_content() -> None:
    assert find_overlap([chat("a", "b")], [chat("a", "c"), chat("b", "a")]) == []
    assert content_key(chat("é")) == content_key(chat("e\u0301"))  # NFC: same text, different code points
    assert content_key({"a": float("nan")}) == content_key({"a": float("nan")})  # never raises
