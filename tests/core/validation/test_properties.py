"""No input, however malformed, makes validation raise (or hit its own internal-error guard)."""

from __future__ import annotations

import copy
import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from finetune_desktop.core.dataset.examples import Dataset, DatasetFormat, Example
from finetune_desktop.core.validation.example import validate_example
from finetune_desktop.core.validation.incremental import DatasetValidator, validate_dataset
from tests.core.validation.support import load_fixture

KEYS = st.sampled_from(
    [
        "messages",
        "role",
        "content",
        "name",
        "weight",
        "tool_calls",
        "tool_call_id",
        "function_call",
        "type",
        "function",
        "arguments",
        "id",
        "text",
        "image_url",
        "url",
        "detail",
        "tools",
        "parallel_tool_calls",
        "functions",
        "input",
        "preferred_output",
        "non_preferred_output",
        "parameters",
        "x",
    ]
)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False)
    | st.sampled_from(
        [
            "",
            " ",
            "user",
            "assistant",
            "system",
            "tool",
            "function",
            "developer",
            "text",
            "image_url",
            "function",
            "{}",
            "{bad",
            "https://e.com/a.png",
            "data:image/png;base64,AA",
            "data:image/gif;base64,AA",
            "c1",
        ]
    )
    | st.text(max_size=8)
)
JSON = st.recursive(
    SCALARS,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(KEYS | st.text(max_size=4), children, max_size=5)
    ),
    max_leaves=25,
)
FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _assert_clean(findings: list[Any]) -> None:
    for f in findings:
        assert f.code != "validator_error", f.message
        assert isinstance(f.message, str)
        assert f.message
        json.dumps(f.to_json())


@FAST
@given(JSON, st.sampled_from([None, DatasetFormat.CHAT, DatasetFormat.PREFERENCE]))
def test_arbitrary_json_never_raises(value: object, fmt: DatasetFormat | None) -> None:
    _assert_clean(validate_example(value, index=0, line=1, fmt=fmt, training_context=10, tokens=20))


@FAST
@given(st.lists(JSON, max_size=6))
def test_arbitrary_dataset_never_raises(values: list[object]) -> None:
    ds = Dataset(examples=[Example(data=v, line=i + 1) for i, v in enumerate(values)])
    val = Dataset(examples=[Example(data=v) for v in values[:2]])
    _assert_clean(
        validate_dataset(
            ds, training_context=5, token_totals={ds.examples[0].uid: 9} if values else {}, validation=val
        )
    )


VALID = [ex.data for name in ("valid_chat_tools", "valid_vision", "valid_dpo") for ex in load_fixture(name)]


def _containers(value: Any, out: list[Any]) -> list[Any]:
    if isinstance(value, dict | list):
        out.append(value)
        for child in value.values() if isinstance(value, dict) else value:
            _containers(child, out)
    return out


@st.composite
def mutated(draw: st.DrawFn) -> object:
    """A valid example with a few random edits anywhere inside it."""
    data = copy.deepcopy(draw(st.sampled_from(VALID)))
    for _ in range(draw(st.integers(1, 4))):
        spots = _containers(data, [])
        spot = draw(st.sampled_from(spots))
        if isinstance(spot, dict):
            if spot and draw(st.booleans()):
                key = draw(st.sampled_from(sorted(spot)))
                if draw(st.booleans()):
                    del spot[key]
                else:
                    spot[key] = draw(JSON)
            else:
                spot[draw(KEYS)] = draw(JSON)
        elif spot:
            i = draw(st.integers(0, len(spot) - 1))
            choice = draw(st.integers(0, 2))
            if choice == 0:
                del spot[i]
            elif choice == 1:
                spot[i] = draw(JSON)
            else:
                spot.insert(i, copy.deepcopy(spot[i]))
        else:
            spot.append(draw(JSON))
    return data


@FAST
@given(mutated())
def test_mutated_valid_examples_never_raise(data: object) -> None:
    _assert_clean(validate_example(data, index=3, line=4))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(mutated(), min_size=1, max_size=8), st.data())
def test_incremental_matches_full_revalidation(pool: list[object], data: st.DataObject) -> None:
    """Any sequence of edits, inserts and deletes leaves the same findings as validating from scratch."""
    ds = Dataset(examples=[Example(data=copy.deepcopy(d), line=i + 1) for i, d in enumerate(pool)])
    validator = DatasetValidator()
    validator.full(ds)
    for _ in range(data.draw(st.integers(1, 8))):
        op = data.draw(st.sampled_from(["edit", "insert", "delete", "copy"]))
        if op == "edit" and ds.examples:
            ex = data.draw(st.sampled_from(ds.examples))
            ex.data = copy.deepcopy(data.draw(st.sampled_from(pool)))
            ex.touch()
            validator.update(ex)
        elif op == "insert":
            new = Example(data=copy.deepcopy(data.draw(st.sampled_from(pool))))
            pos = data.draw(st.integers(0, len(ds.examples)))
            ds.examples.insert(pos, new)
            validator.add(new, pos)
        elif op == "copy" and ds.examples:
            src = data.draw(st.sampled_from(ds.examples))
            new = Example(data=copy.deepcopy(src.data), line=None)
            ds.examples.append(new)
            validator.add(new)
        elif op == "delete" and ds.examples:
            pos = data.draw(st.integers(0, len(ds.examples) - 1))
            gone = ds.examples.pop(pos)
            validator.remove(gone.uid)
    got = [(f.code, f.line, f.example, f.path, f.message) for f in validator.findings()]
    fresh = [(f.code, f.line, f.example, f.path, f.message) for f in validate_dataset(ds)]
    assert got == fresh


def _deep(depth: int, leaf: object) -> object:
    value = leaf
    for _ in range(depth):
        value = [value]
    return value


def test_deeply_nested_values() -> None:
    deep = _deep(100_000, "x")
    deep_args = "[" * 200_000 + "]" * 200_000
    data = {
        "messages": [
            {"role": "system", "content": deep},
            {"role": "user", "content": [deep], "name": deep},
            {
                "role": "assistant",
                "tool_calls": [
                    {"id": deep, "type": "function", "function": {"name": "f", "arguments": deep_args}}
                ],
            },
            {"role": deep, "content": "x"},
            {"role": "assistant", "content": "ok", "weight": deep},
        ],
        "tools": [{"type": "function", "function": {"name": "f", "parameters": {"a": deep}}}],
        "parallel_tool_calls": deep,
        deep_args[:10]: deep,
    }
    findings = validate_example(data, index=0, line=1)
    _assert_clean(findings)
    assert "tool_call_arguments_invalid_json" in {f.code for f in findings}
    ds = Dataset(
        examples=[
            Example(data=data, line=1),
            Example(data=data, line=2),
            Example(data={"input": deep, "preferred_output": deep}, line=3),
        ]
    )
    _assert_clean(validate_dataset(ds, validation=ds))
