"""The local server's chat ``usage`` is core's count: content parts and tool calls included."""

from __future__ import annotations

from typing import Any

from openai import OpenAI

from finetune_desktop.core.tokens.counter import TokenCounter

MODEL = "gpt-4o-mini-2024-07-18"


def test_prompt_tokens_are_cores_count_with_parts_and_tool_calls(client: OpenAI) -> None:
    call = {"id": "call_1", "type": "function", "function": {"name": "lookup", "arguments": '{"q":"cats"}'}}
    messages: list[Any] = [
        {"role": "system", "content": "You are terse."},
        {
            "role": "user",
            "content": [
                {"type": "text", "text": "What is in this picture?"},
                {"type": "image_url", "image_url": {"url": "https://example.com/cat.png"}},
            ],
        },
        {"role": "assistant", "content": None, "tool_calls": [call]},
        {"role": "tool", "tool_call_id": "call_1", "content": '{"answer": "a cat on a mat"}'},
        {"role": "user", "content": "So?", "name": "alice"},
    ]
    reply = client.chat.completions.create(model=MODEL, messages=messages)
    assert reply.usage is not None
    expected = TokenCounter(MODEL, training_context=0).count_example({"messages": messages}).total
    assert reply.usage.prompt_tokens == expected
    # what the old flattened formula gave: text parts joined, tool calls skipped
    flattened = TokenCounter(MODEL, training_context=0).count_example(
        {
            "messages": [
                {"role": "system", "content": "You are terse."},
                {"role": "user", "content": "What is in this picture?"},
                {"role": "assistant", "content": ""},
                {"role": "tool", "content": '{"answer": "a cat on a mat"}'},
                {"role": "user", "content": "So?", "name": "alice"},
            ]
        }
    ).total
    assert reply.usage.prompt_tokens > flattened
