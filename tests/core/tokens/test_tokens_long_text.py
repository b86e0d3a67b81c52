"""Long texts are counted in parts without crashing tiktoken, and exactly (issue 13).

The parts are cut where pre-tokenisation cuts anyway; with the thresholds lowered, every case here is
also short enough for tiktoken to encode whole, which proves the split counts equal direct encoding.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from finetune_desktop.core.tokens import long_text
from finetune_desktop.core.tokens.counter import TokenCounter
from finetune_desktop.core.tokens.encodings import CL100K, O200K, load_encoding

ENCODINGS = [O200K, CL100K]
WHITE = [" ", "\t", "\n", "\r", "\u3000", "\xa0", "\x0b", "\u2028", "\x85"]
OTHER = ["a", "Z", "é", "中", "7", "!", "/", "'s", "\u0301", "😀", "x y", ".\n", "ab12"]


@pytest.fixture(params=ENCODINGS)
def encoding(request: pytest.FixtureRequest) -> object:
    enc = load_encoding(request.param)
    if enc is None:
        pytest.skip("no offline vocabulary")
    return enc


@pytest.fixture
def low_thresholds(monkeypatch: pytest.MonkeyPatch) -> None:
    import re

    monkeypatch.setattr(long_text, "SAFE_CHARS", 0)
    monkeypatch.setattr(long_text, "SLICE_CHARS", 50)
    monkeypatch.setattr(long_text, "_LONG_HSPACE", re.compile(f"[{long_text._HSPACE}]{{8,}}"))


def split_count(enc: object, text: str) -> int:
    core = enc._core_bpe  # type: ignore[attr-defined]
    return long_text.count_long(text, core.encode_ordinary, core.encode_single_piece)


def direct(enc: object, text: str) -> int:
    return len(enc._core_bpe.encode_ordinary(text))  # type: ignore[attr-defined]


FIXED = [
    " " * 40,
    "x" + " " * 40 + "x",
    "x" + " " * 40,
    " " * 40 + "x",
    "\n" + " " * 40 + "word",
    "!" + "\n" * 3 + "\t" * 30 + "/",
    "a" + " \u3000\t" * 20 + "12345",
    "hello" + " " * 30 + "\n" + " " * 30 + "world " * 20,
    ("The quick brown fox jumps " * 20) + " " * 100 + "end.",
    " " * 20 + "'s" + " " * 20 + "\u0301" + "\xa0" * 30 + "中文",
]


@pytest.mark.usefixtures("low_thresholds")
@pytest.mark.parametrize("text", FIXED)
def test_split_count_equals_direct_encoding(encoding: object, text: str) -> None:
    assert split_count(encoding, text) == direct(encoding, text)


@pytest.mark.usefixtures("low_thresholds")
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.one_of(
            st.tuples(st.sampled_from(WHITE), st.integers(1, 40)).map(lambda t: t[0] * t[1]),
            st.lists(st.sampled_from(WHITE), min_size=1, max_size=40).map("".join),
            st.sampled_from(OTHER),
            st.text(max_size=5),
        ),
        max_size=12,
    ).map("".join)
)
def test_split_count_equals_direct_encoding_on_random_text(encoding: object, text: str) -> None:
    text = text.encode("utf-8", "replace").decode("utf-8")  # no lone surrogates (counted elsewhere)
    assert split_count(encoding, text) == direct(encoding, text)


@pytest.mark.parametrize("model", ["gpt-4.1-mini-2025-04-14", "gpt-3.5-turbo-0125"])
@pytest.mark.parametrize("text", ["x" + " " * 2_000_000 + "x", "\t" * 2_000_000, " \u3000" * 1_000_000])
def test_a_million_spaces_are_counted_without_crashing(model: str, text: str) -> None:
    counter = TokenCounter(model, training_context=0)
    if counter.estimated:
        pytest.skip("no offline vocabulary")
    n = counter.count_string(text)
    assert n > 0
    if text.startswith("x"):  # "x", the run less its last space, " x": what the tokenizer's pieces are
        core = counter._encoding._core_bpe  # type: ignore[union-attr]
        run = len(core.encode_single_piece(b" " * (len(text) - 3)))
        assert n == len(core.encode_ordinary("x")) + run + len(core.encode_ordinary(" x"))
