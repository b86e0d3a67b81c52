"""Chat completions: base models give a fixed simulated reply, fine-tunes answer from their training data."""

from __future__ import annotations

import openai
import pytest
from openai import OpenAI

from finetune_desktop.sandbox import SandboxServer
from tests.sandbox.conftest import chat_rows, finish, upload_rows

BASE = "gpt-4o-mini-2024-07-18"


@pytest.fixture
def fine_tuned(sandbox: SandboxServer, client: OpenAI) -> str:
    job = client.fine_tuning.jobs.create(model=BASE, training_file=upload_rows(client, chat_rows(12)))
    name = finish(sandbox, client, job.id).fine_tuned_model
    assert name is not None
    return name


def ask(client: OpenAI, model: str, text: str) -> str:
    reply = client.chat.completions.create(model=model, messages=[{"role": "user", "content": text}])
    return reply.choices[0].message.content or ""


def test_base_model_reply_is_generic_deterministic_and_says_it_is_simulated(client: OpenAI) -> None:
    first = ask(client, BASE, "Tell me about the capital of France")
    assert "simulated" in first
    assert first == ask(client, BASE, "Tell me about the capital of France")


def test_fine_tuned_model_answers_from_the_closest_training_prompt(client: OpenAI, fine_tuned: str) -> None:
    answer = ask(client, fine_tuned, "tell me about how to boil an egg, question 5")
    assert answer == "Answer 5: how to boil an egg, obviously. Marv out."
    assert answer != ask(client, BASE, "tell me about how to boil an egg, question 5")
    other = ask(client, fine_tuned, "what colour is the sky? question 2")
    assert other.startswith("Answer 2: the colour of the sky")


def test_checkpoints_answer_too(client: OpenAI, fine_tuned: str) -> None:
    job_id = client.fine_tuning.jobs.list().data[0].id
    ckpt = client.fine_tuning.jobs.checkpoints.list(job_id).data[-1].fine_tuned_model_checkpoint
    assert "Marv out" in ask(client, ckpt, "a good cat name, question 3")


def test_usage_is_counted(client: OpenAI) -> None:
    reply = client.chat.completions.create(model=BASE, messages=[{"role": "user", "content": "Hi"}])
    assert reply.usage is not None
    assert reply.usage.prompt_tokens > 0
    assert reply.usage.completion_tokens > 10
    assert reply.usage.total_tokens == reply.usage.prompt_tokens + reply.usage.completion_tokens
    assert reply.choices[0].finish_reason == "stop"


def test_max_tokens_truncates_with_finish_reason_length(client: OpenAI) -> None:
    reply = client.chat.completions.create(
        model=BASE, messages=[{"role": "user", "content": "Hi"}], max_completion_tokens=5
    )
    assert reply.choices[0].finish_reason == "length"
    assert reply.usage is not None
    assert reply.usage.completion_tokens <= 5


def test_streaming_in_several_chunks_with_usage_last(client: OpenAI, fine_tuned: str) -> None:
    stream = client.chat.completions.create(
        model=fine_tuned,
        messages=[{"role": "user", "content": "the capital of France, question 4"}],
        stream=True,
        stream_options={"include_usage": True},
    )
    chunks = list(stream)
    pieces = [c.choices[0].delta.content for c in chunks if c.choices and c.choices[0].delta.content]
    assert len(pieces) >= 3
    assert "".join(pieces) == "Answer 4: the capital of France, obviously. Marv out."
    assert chunks[-1].choices == []
    assert chunks[-1].usage is not None
    assert chunks[-1].usage.completion_tokens > 0
    assert all(c.usage is None for c in chunks[:-1])
    assert [c.choices[0].finish_reason for c in chunks if c.choices][-1] == "stop"


def test_streaming_without_usage(client: OpenAI) -> None:
    chunks = list(
        client.chat.completions.create(model=BASE, messages=[{"role": "user", "content": "Hi"}], stream=True)
    )
    assert all(c.choices for c in chunks)
    assert all(c.usage is None for c in chunks)


def test_unknown_model_is_404(client: OpenAI) -> None:
    with pytest.raises(openai.NotFoundError) as exc:
        ask(client, "ft:gpt-4o-mini-2024-07-18:sandbox::nope", "hi")
    assert exc.value.code == "model_not_found"
