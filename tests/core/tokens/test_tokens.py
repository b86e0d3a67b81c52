"""Token counts against tiktoken itself, the per-example formula, model mapping and the offline fallback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import tiktoken

from finetune_desktop.core.catalog.model_names import base_model
from finetune_desktop.core.dataset.examples import Example
from finetune_desktop.core.tokens.counter import TokenCounter, count_dataset, token_stats
from finetune_desktop.core.tokens.encodings import CL100K, O200K, encoding_for_model, estimate_tokens

ROOT = Path(__file__).resolve().parents[3]
SAMPLES = [
    "Hello, world! How are you doing today?",
    "你好，世界！今天天气怎么样？我们去公园散步吧。",
    "Emoji 🎉🚀👩‍👩‍👧‍👦 and café résumé naïve",
    "<|endoftext|> is just text here",
    "def f(x):\n    return {'a': [1, 2, 3]}\n",
    "",
]


@pytest.mark.parametrize("encoding", [O200K, CL100K])
@pytest.mark.parametrize("text", SAMPLES)
def test_string_counts_match_tiktoken(encoding: str, text: str) -> None:
    counter = TokenCounter(encoding=encoding, training_context=0)
    assert not counter.estimated
    expected = len(tiktoken.get_encoding(encoding).encode_ordinary(text))
    assert counter.count_string(text) == expected
    assert counter.count_string(text) == expected  # cached


def test_known_counts_differ_between_encodings() -> None:
    o200k = TokenCounter(encoding=O200K, training_context=0)
    cl100k = TokenCounter(encoding=CL100K, training_context=0)
    text = SAMPLES[1]
    assert o200k.count_string(text) < cl100k.count_string(text)  # o200k packs Chinese tighter


@pytest.mark.parametrize(
    ("model", "expected"),
    [
        ("gpt-4.1-2025-04-14", O200K),
        ("gpt-4.1-mini-2025-04-14", O200K),
        ("gpt-4o-2024-08-06", O200K),
        ("gpt-4o-mini-2024-07-18", O200K),
        ("o4-mini-2025-04-16", O200K),
        ("o1", O200K),
        ("gpt-3.5-turbo-0125", CL100K),
        ("gpt-4-0613", CL100K),
        ("gpt-4", CL100K),
        ("babbage-002", CL100K),
        ("davinci-002", CL100K),
        # the trap: tiktoken's own map says cl100k_base for these
        ("ft:gpt-4.1-mini-2025-04-14:acme::AbC123", O200K),
        ("ft:gpt-4.1-2025-04-14:acme:support:AbC123:ckpt-step-40", O200K),
        ("ft:gpt-4o-mini-2024-07-18:acme:bot:x1", O200K),
        ("ft:gpt-3.5-turbo-0125:acme::x1:ckpt-step-2", CL100K),
        ("some-future-model", O200K),
    ],
)
def test_encoding_for_model(model: str, expected: str) -> None:
    assert encoding_for_model(model) == expected


def test_tiktoken_gets_the_ft_gpt41_name_wrong_and_we_do_not() -> None:
    name = "ft:gpt-4.1-mini-2025-04-14:org::x"
    assert tiktoken.encoding_name_for_model(name) == CL100K  # why we keep our own map
    assert encoding_for_model(name) == O200K


def test_base_model() -> None:
    assert base_model("ft:gpt-4o-mini-2024-07-18:acme:bot:x1:ckpt-step-12") == "gpt-4o-mini-2024-07-18"
    assert base_model("ft:gpt-4.1-2025-04-14:acme::x1") == "gpt-4.1-2025-04-14"
    assert base_model("gpt-4o") == "gpt-4o"


def _n(enc: str, text: str) -> int:
    return len(tiktoken.get_encoding(enc).encode_ordinary(text))


def test_formula_plain_chat_with_name_and_weight() -> None:
    data = {
        "messages": [
            {"role": "system", "content": "You are terse."},
            {"role": "user", "content": "Hi 你好", "name": "ann"},
            {"role": "assistant", "content": "Hello.", "weight": 1},
        ]
    }
    e = O200K
    expected = (
        (3 + _n(e, "system") + _n(e, "You are terse."))
        + (3 + _n(e, "user") + _n(e, "Hi 你好") + _n(e, "ann") + 1)
        + (3 + _n(e, "assistant") + _n(e, "Hello."))  # weight not counted
        + 3
    )
    t = TokenCounter("gpt-4o-mini-2024-07-18").count_example(data)
    assert t.total == expected
    assert t.assistant == _n(e, "Hello.")
    assert t.billed == expected
    assert not t.estimated


def test_formula_tools_tool_calls_and_content_parts() -> None:
    tools = [{"type": "function", "function": {"name": "get_weather", "parameters": {"type": "object"}}}]
    call = {"name": "get_weather", "arguments": '{"city":"北京"}'}
    calls = [{"id": "c1", "type": "function", "function": call}]
    image = {"type": "image_url", "image_url": {"url": "https://x/y.png"}}
    parts = [{"type": "text", "text": "What is this?"}, image]
    data = {
        "tools": tools,
        "parallel_tool_calls": False,
        "messages": [
            {"role": "user", "content": parts},
            {"role": "assistant", "content": None, "tool_calls": calls},
            {"role": "tool", "tool_call_id": "c1", "content": "sunny"},
            {"role": "assistant", "content": "It is sunny."},
        ],
    }

    def js(v: object) -> str:
        return json.dumps(v, ensure_ascii=False, separators=(",", ":"))

    e = CL100K
    expected = (
        (3 + _n(e, "user") + _n(e, js(parts)))
        + (3 + _n(e, "assistant") + _n(e, js(calls)))  # content null: nothing
        + (3 + _n(e, "tool") + _n(e, "c1") + _n(e, "sunny"))
        + (3 + _n(e, "assistant") + _n(e, "It is sunny."))
        + 3
        + _n(e, js(tools))
    )
    t = TokenCounter("gpt-3.5-turbo-0125").count_example(data)
    assert t.total == expected
    assert t.assistant == _n(e, js(calls)) + _n(e, "It is sunny.")


def test_formula_dpo_counts_input_once_and_both_outputs() -> None:
    data = {
        "input": {"messages": [{"role": "user", "content": "Capital of France?"}]},
        "preferred_output": [{"role": "assistant", "content": "Paris."}],
        "non_preferred_output": [{"role": "assistant", "content": "London."}],
    }
    e = O200K
    user = 3 + _n(e, "user") + _n(e, "Capital of France?")
    pref = 3 + _n(e, "assistant") + _n(e, "Paris.")
    non = 3 + _n(e, "assistant") + _n(e, "London.")
    t = TokenCounter("gpt-4.1-mini-2025-04-14").count_example(data)
    assert t.total == user + 3 + pref + non
    assert t.assistant == _n(e, "Paris.") + _n(e, "London.")


@pytest.mark.parametrize(
    "data",
    [None, 5, "text", [], {}, {"messages": "nope"}, {"messages": [1, None, {"role": 3}]}, {"input": 7}],
)
def test_formula_never_raises_on_odd_shapes(data: object) -> None:
    t = TokenCounter("gpt-4o-mini-2024-07-18").count_example(data)
    assert t.total >= 0


def test_billed_is_capped_at_training_context() -> None:
    counter = TokenCounter("gpt-4o-mini-2024-07-18", training_context=10)
    t = counter.count_example({"messages": [{"role": "user", "content": "word " * 50}]})
    assert t.total > 10
    assert t.billed == 10
    assert t.truncated
    assert TokenCounter("gpt-4o-mini-2024-07-18").training_context == 65_536


def test_per_example_cache_recounts_only_edited_examples() -> None:
    counter = TokenCounter("gpt-4o-mini-2024-07-18")
    ex = Example({"messages": [{"role": "user", "content": "one"}]}, line=1, raw=b"x")
    first = counter.count(ex)
    assert counter.count(ex) is first
    ex.data["messages"][0]["content"] = "one two three four"
    ex.touch()
    second = counter.count(ex)
    assert second.total > first.total
    assert counter.count(ex) is second


def test_count_dataset_serial_and_parallel_agree() -> None:
    rows = [
        {"messages": [{"role": "system", "content": "Shared."}, {"role": "user", "content": f"q{i} 问题"}]}
        for i in range(300)
    ]
    examples = [Example(r, line=i + 1, raw=json.dumps(r).encode()) for i, r in enumerate(rows)]
    serial = count_dataset(examples, TokenCounter("gpt-4o-mini-2024-07-18"), workers=1)
    import finetune_desktop.core.tokens.counter as counter_mod

    old = counter_mod.PARALLEL_MIN_EXAMPLES
    counter_mod.PARALLEL_MIN_EXAMPLES = 10
    try:
        parallel = count_dataset(examples, TokenCounter("gpt-4o-mini-2024-07-18"), workers=2)
    finally:
        counter_mod.PARALLEL_MIN_EXAMPLES = old
    assert serial.per_example == parallel.per_example
    assert list(parallel.per_example) == [ex.uid for ex in examples]
    assert serial.total == sum(t.total for t in serial.per_example.values())


def test_token_stats_nearest_rank() -> None:
    s = token_stats([5, 1, 3, 2, 4, 10, 7, 8, 9, 6])
    assert (s.count, s.min, s.p50, s.p90, s.max) == (10, 1, 5, 9, 10)
    assert token_stats([]).max == 0


def test_estimate_heuristic() -> None:
    assert estimate_tokens("") == 0
    assert estimate_tokens("abcdefgh") == 2
    assert estimate_tokens("你好") == 2


_PROBE = """
import json, time
from finetune_desktop.core.tokens.counter import TokenCounter
t = time.monotonic()
c = TokenCounter("gpt-4o-mini-2024-07-18")
r = c.count_example({"messages": [{"role": "user", "content": "hello world 你好"}]})
print(json.dumps({"estimated": c.estimated, "ex": r.estimated, "total": r.total, "s": time.monotonic() - t}))
"""


@pytest.mark.parametrize("offline_switch", [True, False])
def test_no_vocabulary_falls_back_to_marked_estimate(tmp_path: Path, offline_switch: bool) -> None:
    env = dict(os.environ)
    env["TIKTOKEN_CACHE_DIR"] = str(tmp_path / "empty-cache")
    # No network: every proxy points at a closed port, so a download attempt fails at once.
    for var in ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"):
        env[var] = "http://127.0.0.1:9"
    env.pop("NO_PROXY", None)
    env.pop("no_proxy", None)
    if offline_switch:
        env["FINETUNE_DESKTOP_OFFLINE"] = "1"
    else:
        env.pop("FINETUNE_DESKTOP_OFFLINE", None)
    out = subprocess.run(
        [sys.executable, "-c", _PROBE], env=env, cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert result["estimated"] is True
    assert result["ex"] is True
    assert result["total"] > 0


def test_count_dataset_recounts_only_the_edited_example(monkeypatch: pytest.MonkeyPatch) -> None:
    examples = [Example({"messages": [{"role": "user", "content": f"q {i}"}]}, line=i + 1) for i in range(5)]
    counter = TokenCounter("gpt-4o-mini-2024-07-18")
    first = count_dataset(examples, counter, workers=1)
    examples[2].data["messages"][0]["content"] = "a much longer question than before"
    examples[2].touch()
    counted: list[object] = []
    original = counter.count_example

    def spy(data: object) -> object:
        counted.append(data)
        return original(data)

    monkeypatch.setattr(counter, "count_example", spy)
    second = count_dataset(examples, counter, workers=1)
    assert counted == [examples[2].data]
    assert second.per_example[examples[2].uid].total > first.per_example[examples[2].uid].total
    assert second.per_example[examples[0].uid] is first.per_example[examples[0].uid]


_HANG_PROBE = """
import json, time
import finetune_desktop.core.tokens.encodings as encodings
encodings.DOWNLOAD_TIMEOUT = 1.0
from finetune_desktop.core.tokens.counter import TokenCounter
t = time.monotonic()
c = TokenCounter("gpt-4.1-2025-04-14")
why = encodings.load_failure("o200k_base")
print(json.dumps({"estimated": c.estimated, "s": time.monotonic() - t, "why": why}))
"""


def test_a_download_that_hangs_is_abandoned(tmp_path: Path) -> None:
    import socket

    with socket.socket() as server:  # accepts connections and never answers: a stuck proxy
        server.bind(("127.0.0.1", 0))
        server.listen()
        proxy = f"http://127.0.0.1:{server.getsockname()[1]}"
        env = dict(
            os.environ, TIKTOKEN_CACHE_DIR=str(tmp_path / "empty"), HTTPS_PROXY=proxy, https_proxy=proxy
        )
        env.pop("FINETUNE_DESKTOP_OFFLINE", None)
        env.pop("NO_PROXY", None)
        env.pop("no_proxy", None)
        out = subprocess.run(
            [sys.executable, "-c", _HANG_PROBE], env=env, cwd=ROOT, capture_output=True, text=True, timeout=60
        )
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert result["estimated"] is True
    assert "TimeoutError" in result["why"]
