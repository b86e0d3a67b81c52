"""check's one-walk path for the common example gives exactly what the general code gives."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from finetune_desktop.core.check.common import common_example, role_tokens
from finetune_desktop.core.dataset.examples import DatasetFormat
from finetune_desktop.core.tokens.counter import TokenCounter
from finetune_desktop.core.validation.example import check_example

COUNTER = TokenCounter("gpt-4o-mini-2024-07-18", training_context=0)
ROLES = role_tokens(COUNTER.count_string)

texts = st.sampled_from(["", " ", "\n\t", "Hello.", "你好，世界。", "It is 4.", "<|endoftext|>", "a" * 50])
roles = st.sampled_from(["system", "user", "assistant", "developer", "tool", "bot", ""])
plain_messages = st.fixed_dictionaries({"role": roles, "content": texts})
odd_messages = st.one_of(
    st.fixed_dictionaries({"role": roles, "content": texts, "name": st.sampled_from(["bob", "", 3])}),
    st.fixed_dictionaries({"role": roles, "content": texts, "weight": st.sampled_from([0, 1, 2, True, 1.0])}),
    st.fixed_dictionaries(
        {"role": st.just("assistant"), "content": texts, "weight": st.sampled_from([0, 1])}
    ),
    st.fixed_dictionaries({"role": roles, "content": st.none() | st.just([{"type": "text", "text": "x"}])}),
    st.fixed_dictionaries({"content": texts}),
    st.just("not a message"),
)
messages = st.lists(st.one_of(plain_messages, plain_messages, plain_messages, odd_messages), max_size=6)
# Examples built to take the common path (a system, a user and a trainable assistant message, non-blank
# text, valid names and weights, keys in any order): the random ones above almost never do, and without
# these the comparison below would never run.
nonblank = st.sampled_from(["Hello.", "你好，世界。", "It is 4.", "<|endoftext|>", "a" * 50, " x "])


def _common_message(role: str, *, weight: bool = True) -> st.SearchStrategy[dict[str, Any]]:
    optional: dict[str, st.SearchStrategy[Any]] = {"name": st.sampled_from(["bob", "安"])}
    if role == "assistant" and weight:
        optional["weight"] = st.sampled_from([0, 1])
    fixed = st.fixed_dictionaries({"role": st.just(role), "content": nonblank}, optional=optional)
    return fixed.flatmap(lambda m: st.permutations(list(m.items())).map(dict))


common_messages = st.tuples(
    _common_message("system"),
    _common_message("user"),
    _common_message("assistant", weight=False),  # trainable
    st.lists(st.one_of(*(_common_message(r) for r in ("system", "user", "assistant"))), max_size=4),
).flatmap(lambda t: st.permutations([t[0], t[1], t[2], *t[3]]))
common_examples = st.fixed_dictionaries({"messages": common_messages})
# One odd message in an otherwise common example: the common path must give up on each oddity.
common_roles = st.sampled_from(["system", "user", "assistant"])
oddities = st.one_of(
    st.fixed_dictionaries({"role": common_roles, "content": nonblank, "name": st.sampled_from(["", 3])}),
    st.fixed_dictionaries(
        {"role": common_roles, "content": nonblank, "weight": st.sampled_from([0, 1, 2, True, 1.0])}
    ),
    st.fixed_dictionaries({"role": common_roles, "content": nonblank, "note": st.just("x")}),
    st.fixed_dictionaries(
        {"role": common_roles, "content": st.sampled_from(["", " ", None, [{"type": "text", "text": "x"}]])}
    ),
    st.fixed_dictionaries({"role": st.sampled_from(["developer", "tool", "bot", ""]), "content": nonblank}),
    st.just("not a message"),
)
near_common_examples = st.tuples(common_messages, oddities, st.integers(0, 8)).map(
    lambda t: {"messages": [*t[0][: t[2]], t[1], *t[0][t[2] :]]}
)
examples = st.one_of(
    common_examples,
    near_common_examples,
    st.fixed_dictionaries({"messages": messages}),
    st.fixed_dictionaries({"messages": messages, "tools": st.just([])}),
    st.fixed_dictionaries({"messages": st.just("text")}),
)


def _general(data: dict[str, Any], fmt: DatasetFormat = DatasetFormat.CHAT) -> tuple[Any, ...]:
    tokens = COUNTER.count_example(data)
    result = check_example(data, index=0, line=1, fmt=fmt)
    assert result.keys is not None
    return (
        tokens.total,
        tokens.assistant,
        result.keys.full,
        result.keys.prompt,
        result.keys.answer,
        result.findings,
        result.fmt,
        result.images,
    )


@settings(max_examples=300)
@given(examples)
def test_common_path_equals_the_general_code(data: dict[str, Any]) -> None:
    common = common_example(data, COUNTER.string_counts.get, COUNTER.count_new, ROLES)
    general = _general(data)
    if common is None:
        return
    assert (*common, [], DatasetFormat.CHAT, 0) == general


@settings(max_examples=200)
@given(common_examples, st.sampled_from(DatasetFormat))
def test_common_shaped_examples_take_the_common_path(data: dict[str, Any], fmt: DatasetFormat) -> None:
    """The common path ignores the file's format: the general code must too for these examples."""
    common = common_example(data, COUNTER.string_counts.get, COUNTER.count_new, ROLES)
    assert common is not None
    assert (*common, [], DatasetFormat.CHAT, 0) == _general(data, fmt)


def test_the_usual_example_takes_the_common_path() -> None:
    data = {
        "messages": [
            {"role": "system", "content": "Be brief."},
            {"role": "user", "content": "2 + 2?", "name": "ann"},
            {"content": "4.", "role": "assistant", "weight": 0},
            {"role": "user", "content": "3 + 3?"},
            {"role": "assistant", "content": "6."},
        ]
    }
    common = common_example(data, COUNTER.string_counts.get, COUNTER.count_new, ROLES)
    assert common is not None
    assert (*common, [], DatasetFormat.CHAT, 0) == _general(data)
    for other in (
        {"messages": data["messages"][1:]},  # no system message: a finding, so the general code runs
        {"messages": [*data["messages"], {"role": "user", "content": " "}]},
        {"messages": [*data["messages"][:4], {"role": "assistant", "content": "6.", "weight": 0}]},
        {"messages": data["messages"], "tools": []},
    ):
        assert common_example(other, COUNTER.string_counts.get, COUNTER.count_new, ROLES) is None
