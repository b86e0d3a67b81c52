"""One-click fixes in core: which examples a fix touches and what it changes, never touching the input."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from finetune_desktop.core.dataset.examples import Dataset, Example
from finetune_desktop.core.validation.findings import Finding
from finetune_desktop.core.validation.fixes import (
    FixContext,
    FixKind,
    context_for,
    fill_reply,
    fixes_for,
    plan,
    role_guess,
    shared_system_message,
)
from finetune_desktop.core.validation.incremental import validate_dataset

SYSTEM = {"role": "system", "content": "You are a helpful assistant."}


def chat(q: str, a: str = "Sure.", *, system: bool = True, **extra: Any) -> dict[str, Any]:
    msgs: list[dict[str, Any]] = [SYSTEM] if system else []
    msgs += [{"role": "user", "content": q}, {"role": "assistant", "content": a, **extra}]
    return {"messages": copy.deepcopy(msgs)}


def findings(datas: list[Any], code: str) -> list[Finding]:
    ds = Dataset([Example(d, line=i + 1) for i, d in enumerate(datas)])
    out = [f for f in validate_dataset(ds, check_counts=False) if f.code == code]
    assert out, f"no {code} finding"
    return out


def test_shared_system_message_is_the_majority_and_none_on_a_tie() -> None:
    other = {"messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "x"}]}
    assert shared_system_message([chat("a"), chat("b"), other, chat("c", system=False)]) == SYSTEM["content"]
    assert shared_system_message([chat("a"), other]) is None
    assert shared_system_message([chat("a", system=False), 3, None]) is None


def test_add_the_shared_system_message_where_it_is_missing() -> None:
    datas = [chat("a"), chat("b", system=False), chat("c"), chat("d", system=False)]
    before = copy.deepcopy(datas)
    fs = findings(datas, "missing_system_message")
    ctx = context_for(datas)
    assert fixes_for(fs[0], datas[1], ctx) == [FixKind.ADD_SYSTEM_MESSAGE]
    changes = plan(FixKind.ADD_SYSTEM_MESSAGE, fs, datas, ctx)
    assert [c.example for c in changes] == [1, 3]
    assert changes[0].after == chat("b")
    assert changes[0].params == {"text": SYSTEM["content"]}
    assert datas == before  # the input is never modified
    assert fixes_for(fs[0], datas[1], FixContext(shared_system=None)) == []  # nothing shared: no fix


def test_remove_an_empty_trailing_reply_only() -> None:
    trailing = {"messages": [*chat("q")["messages"], {"role": "user", "content": "more?"}]}
    trailing["messages"].append({"role": "assistant", "content": "  "})
    middle = {"messages": [{"role": "user", "content": "q"}, {"role": "assistant", "content": ""}]}
    middle["messages"] += [{"role": "user", "content": "q2"}, {"role": "assistant", "content": "a"}]
    datas = [trailing, middle]
    fs = findings(datas, "empty_assistant_message")
    ctx = context_for(datas)
    assert [fixes_for(f, datas[f.example or 0], ctx) for f in fs] == [[FixKind.REMOVE_EMPTY_REPLY], []]
    (change,) = plan(FixKind.REMOVE_EMPTY_REPLY, fs, datas, ctx)
    assert change.example == 0
    assert change.after == {"messages": trailing["messages"][:-1]}
    assert change.params == {"message": 4}


@pytest.mark.parametrize(
    ("kind", "expected"), [(FixKind.DROP_WEIGHT, {}), (FixKind.SET_WEIGHT_ZERO, {"weight": 0})]
)
def test_bad_weight_is_dropped_or_set_to_zero(kind: FixKind, expected: dict[str, Any]) -> None:
    datas = [chat("a", weight=0.5), chat("b")]
    fs = findings(datas, "invalid_weight")
    assert fixes_for(fs[0], datas[0], FixContext()) == [FixKind.DROP_WEIGHT, FixKind.SET_WEIGHT_ZERO]
    (change,) = plan(kind, fs, datas, FixContext())
    assert change.after == chat("a", **expected)
    assert change.params == {"message": 2, "old": 0.5}


def test_weight_on_a_user_message_is_dropped() -> None:
    data = chat("a")
    data["messages"][1]["weight"] = 1
    fs = findings([data], "weight_not_on_assistant")
    (change,) = plan(FixKind.DROP_WEIGHT, fs, [data], FixContext())
    assert change.after == chat("a")


def test_exact_duplicates_are_deleted_and_the_first_kept() -> None:
    datas = [chat("a"), chat("b"), chat("a"), chat("a")]
    fs = findings(datas, "duplicate_example")
    changes = plan(FixKind.DELETE_DUPLICATE, fs, datas, FixContext())
    assert [(c.example, c.after, c.params) for c in changes] == [
        (2, None, {"other_line": 1}),
        (3, None, {"other_line": 1}),
    ]


@pytest.mark.parametrize(
    ("value", "guess"),
    [
        ("assitant", "assistant"),
        ("Assistant", "assistant"),
        ("usr", "user"),
        ("sytem", "system"),
        ("bot", None),
    ],
)
def test_role_guess_is_unique_or_none(value: str, guess: str | None) -> None:
    assert role_guess(value) == guess


def test_rename_a_misspelt_role() -> None:
    data = chat("a")
    data["messages"][2]["role"] = "assitant"
    fs = findings([data], "unrecognized_role")
    assert fixes_for(fs[0], data, FixContext()) == [FixKind.RENAME_ROLE]
    (change,) = plan(FixKind.RENAME_ROLE, fs, [data], FixContext())
    assert change.after == chat("a")
    assert change.params == {"message": 2, "old": "assitant", "new": "assistant"}
    data["messages"][2]["role"] = "robot"
    fs = findings([data], "unrecognized_role")
    assert fixes_for(fs[0], data, FixContext()) == []  # no unique guess: no one-click fix


def test_two_findings_on_one_example_make_one_change() -> None:
    data = {
        "messages": [{"role": "user", "content": "q", "weight": 1}, {"role": "assistant", "content": "a"}]
    }
    data["messages"].append({"role": "user", "content": "q2", "weight": 0})
    data["messages"].append({"role": "assistant", "content": "a2"})
    fs = findings([data], "weight_not_on_assistant")
    assert len(fs) == 2
    (change,) = plan(FixKind.DROP_WEIGHT, fs, [data], FixContext())
    assert all("weight" not in m for m in change.after["messages"])


def test_an_empty_reply_is_filled() -> None:
    data = chat("q", "")
    (f,) = findings([data], "empty_assistant_message")
    assert fill_reply(data, f.path, "The answer.") == chat("q", "The answer.")
    assert data == chat("q", "")
    assert fill_reply(data, f.path, "   ") is None  # blank is not a reply
    assert fill_reply(data, "messages[1].content", "x") is None  # a user message is not filled here
