"""Valid files, including everything the cookbook notebook wrongly rejects, give no errors."""

from __future__ import annotations

import pytest

from finetune_desktop.core.dataset.jsonl_reader import load_jsonl
from finetune_desktop.core.validation.example import validate_example
from finetune_desktop.core.validation.findings import Severity
from finetune_desktop.core.validation.incremental import validate_dataset
from tests.core.validation.support import FIXTURES, load_fixture


@pytest.mark.parametrize("name", ["valid_chat_tools", "valid_vision", "valid_dpo"])
def test_valid_file_has_no_errors(name: str) -> None:
    findings = validate_dataset(load_fixture(name))
    assert [f for f in findings if f.severity is Severity.ERROR] == []
    # fewer than 50 examples is the only thing worth a warning in these files
    assert {f.code for f in findings} == {"few_examples"}


@pytest.mark.parametrize("name", ["valid_chat_tools", "valid_vision", "valid_dpo"])
def test_valid_file_through_the_reader(name: str) -> None:
    dataset = load_jsonl(FIXTURES / f"{name}.jsonl")
    assert not dataset.rejected
    assert {f.code for f in validate_dataset(dataset)} == {"few_examples"}


# Each of these is valid fine-tuning data that the cookbook notebook reports as a format error.
COOKBOOK_FALSE_ALARMS = {
    "tool role and tool_call_id": [
        {"role": "user", "content": "Weather?"},
        {
            "role": "assistant",
            "tool_calls": [{"id": "c1", "type": "function", "function": {"name": "w", "arguments": "{}"}}],
        },
        {"role": "tool", "tool_call_id": "c1", "content": "sunny"},
        {"role": "assistant", "content": "Sunny."},
    ],
    "assistant with tool_calls and null content": [
        {"role": "user", "content": "Weather?"},
        {
            "role": "assistant",
            "content": None,
            "tool_calls": [
                {"id": "c1", "type": "function", "function": {"name": "w", "arguments": '{"a": [1, 2]}'}}
            ],
        },
    ],
    "assistant with tool_calls and empty content": [
        {"role": "user", "content": "Weather?"},
        {
            "role": "assistant",
            "content": "",
            "tool_calls": [{"id": "c1", "type": "function", "function": {"name": "w", "arguments": "{}"}}],
        },
    ],
    "null tool_calls and function_call from a chat-completion export": [
        {"role": "user", "content": "Hi"},
        {"role": "assistant", "content": "Hello.", "tool_calls": None, "function_call": None},
    ],
    "name and weight": [
        {"role": "user", "content": "Hi", "name": "bob"},
        {"role": "assistant", "content": "Draft", "weight": 0},
        {"role": "user", "content": "Again"},
        {"role": "assistant", "content": "Hello", "weight": 1, "name": "helper"},
    ],
    "content parts": [
        {"role": "system", "content": [{"type": "text", "text": "Be brief."}]},
        {
            "role": "user",
            "content": [
                {"type": "text", "text": "What?"},
                {"type": "image_url", "image_url": {"url": "data:image/webp;base64,UklGRg=="}},
            ],
        },
        {"role": "assistant", "content": [{"type": "text", "text": "A cat."}]},
    ],
    "legacy function_call and function role": [
        {"role": "user", "content": "Weather?"},
        {"role": "assistant", "function_call": {"name": "w", "arguments": "{}"}},
        {"role": "function", "name": "w", "content": "sunny"},
        {"role": "assistant", "content": "Sunny."},
    ],
    "developer role": [
        {"role": "developer", "content": "Be brief."},
        {"role": "user", "content": "Hi"},
        {"role": "assistant", "content": "Hello."},
    ],
}


@pytest.mark.parametrize("case", sorted(COOKBOOK_FALSE_ALARMS))
def test_no_cookbook_false_alarm(case: str) -> None:
    data = {"messages": [{"role": "system", "content": "S"}, *COOKBOOK_FALSE_ALARMS[case]]}
    if case == "content parts" or case == "developer role":
        data["messages"] = data["messages"][1:]
    findings = validate_example(data, index=0, line=1)
    assert findings == [], [(f.code, f.path, f.message) for f in findings]


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/a.jpg",
        "http://example.com/a?size=large",
        "data:image/jpeg;base64,/9j/4AAQ",
        "data:image/png;base64,iVBORw0KGgo=",
        "data:image/webp;base64,UklGRg==",
        "DATA:IMAGE/PNG;BASE64,iVBORw0KGgo=",
    ],
)
def test_accepted_image_urls(url: str) -> None:
    data = {
        "messages": [
            {"role": "system", "content": "S"},
            {"role": "user", "content": [{"type": "image_url", "image_url": {"url": url}}]},
            {"role": "assistant", "content": "A picture."},
        ]
    }
    assert validate_example(data, index=0) == []


@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.com/a.png",
        "data:image/gif;base64,R0lGOD",
        "data:image/png,rawbytes",
        "data:image/png;base64,",
        "cat.png",
        "https://",
    ],
)
def test_rejected_image_urls(url: str) -> None:
    data = {
        "messages": [
            {"role": "user", "content": [{"type": "image_url", "image_url": {"url": url}}]},
            {"role": "assistant", "content": "A picture."},
        ]
    }
    codes = [f.code for f in validate_example(data, index=0)]
    assert "invalid_image_url" in codes


def test_weight_values() -> None:
    def codes(weight: object) -> list[str]:
        data = {
            "messages": [
                {"role": "system", "content": "S"},
                {"role": "user", "content": "Q"},
                {"role": "assistant", "content": "A", "weight": weight},
                {"role": "user", "content": "Q2"},
                {"role": "assistant", "content": "A2"},
            ]
        }
        return [f.code for f in validate_example(data, index=0)]

    assert codes(0) == []
    assert codes(1) == []
    for bad in (True, False, 2, -1, 0.5, "1", None, [1]):
        assert codes(bad) == ["invalid_weight"], bad


def test_tool_message_must_follow_its_call() -> None:
    call = {"id": "c1", "type": "function", "function": {"name": "w", "arguments": "{}"}}
    data = {
        "messages": [
            {"role": "system", "content": "S"},
            {"role": "user", "content": "Q"},
            {"role": "tool", "tool_call_id": "c1", "content": "too early"},
            {"role": "assistant", "tool_calls": [call]},
            {"role": "tool", "tool_call_id": "c1", "content": "ok"},
            {"role": "assistant", "content": "Done."},
        ]
    }
    findings = validate_example(data, index=4, line=5)
    assert [(f.code, f.path, f.line, f.example) for f in findings] == [
        ("unmatched_tool_message", "messages[2].tool_call_id", 5, 4)
    ]


def test_dpo_output_rules() -> None:
    base = {
        "input": {"messages": [{"role": "system", "content": "S"}, {"role": "user", "content": "Q"}]},
        "preferred_output": [{"role": "assistant", "content": "Good"}],
        "non_preferred_output": [{"role": "assistant", "content": "Bad"}],
    }
    assert validate_example(base, index=0) == []
    bad_outputs: list[tuple[object, str]] = [
        ([], "non_preferred_output"),
        ({"role": "assistant", "content": "x"}, "non_preferred_output"),
        ([{"role": "user", "content": "x"}], "non_preferred_output[0].role"),
        ([{"role": "assistant", "content": "x", "weight": 1}], "non_preferred_output[0].weight"),
        ([{"role": "assistant", "tool_calls": []}], "non_preferred_output[0].tool_calls"),
        (
            [
                {
                    "role": "assistant",
                    "content": [{"type": "image_url", "image_url": {"url": "https://a/b.png"}}],
                }
            ],
            "non_preferred_output[0].content[0]",
        ),
    ]
    for out, path in bad_outputs:
        findings = validate_example({**base, "non_preferred_output": out}, index=0)
        assert ("invalid_preference_output", path) in [(f.code, f.path) for f in findings], out


def test_dpo_input_is_text_only() -> None:
    image = {"type": "image_url", "image_url": {"url": "https://example.com/a.png"}}
    data = {
        "input": {"messages": [{"role": "system", "content": "S"}, {"role": "user", "content": [image]}]},
        "preferred_output": [{"role": "assistant", "content": "Good"}],
        "non_preferred_output": [{"role": "assistant", "content": "Bad"}],
    }
    findings = validate_example(data, index=0)
    assert [(f.code, f.path) for f in findings] == [("invalid_content_part", "input.messages[1].content[0]")]
    assert "text only" in findings[0].message
