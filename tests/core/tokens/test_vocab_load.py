"""Our faster vocabulary load builds exactly tiktoken's encodings, and its decoded copy is safe to reuse."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import tiktoken

from finetune_desktop.core.tokens import encodings
from finetune_desktop.core.tokens.vocab_cache import cache_name

TEXTS = [
    "Hello, world! It's 2026.\r\n\tIndented   spaces",
    "写一个关于第3只猫的故事。 数字 12345 和 emoji 🐈",
    '{"name":"get_weather","arguments":"{\\"city\\": \\"Paris\\"}"}',
]


@pytest.fixture
def cache_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private copy of the test vocabulary cache (the decoded copies are written there)."""
    src = Path(os.environ["TIKTOKEN_CACHE_DIR"])
    for name in ("o200k_base", "cl100k_base"):
        (tmp_path / cache_name(name)).write_bytes((src / cache_name(name)).read_bytes())
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(tmp_path))
    encodings.reset_loaded()
    yield tmp_path
    encodings.reset_loaded()


@pytest.mark.parametrize("name", ["o200k_base", "cl100k_base"])
def test_same_encoding_as_tiktoken(name: str, cache_copy: Path) -> None:
    ours = encodings.load_encoding(name)
    theirs = tiktoken.get_encoding(name)
    assert ours is not None
    assert ours is not theirs
    assert ours._pat_str == theirs._pat_str
    assert ours._special_tokens == theirs._special_tokens
    assert ours.n_vocab == theirs.n_vocab
    for text in TEXTS:
        assert ours.encode_ordinary(text) == theirs.encode_ordinary(text)
    assert list(cache_copy.glob("*.marshal"))  # the decoded copy was written


def test_decoded_copy_is_reused_and_a_bad_one_ignored(cache_copy: Path) -> None:
    first = encodings.load_encoding("o200k_base")
    assert first is not None
    (copy,) = cache_copy.glob("*.marshal")
    encodings.reset_loaded()
    again = encodings.load_encoding("o200k_base")
    assert again is not None
    assert again.encode_ordinary(TEXTS[1]) == first.encode_ordinary(TEXTS[1])
    copy.write_bytes(b"\x00not marshal")
    encodings.reset_loaded()
    repaired = encodings.load_encoding("o200k_base")
    assert repaired is not None
    assert repaired.encode_ordinary(TEXTS[0]) == first.encode_ordinary(TEXTS[0])
    assert copy.read_bytes() != b"\x00not marshal"  # written again


def test_no_python_copy_of_the_ranks_is_kept(cache_copy: Path) -> None:
    """tiktoken keeps the ranks dict only to pickle an Encoding; ours drops it (~24 MB per process) and
    still encodes and decodes like tiktoken, and pickling it says why it cannot."""
    import pickle

    ours = encodings.load_encoding("o200k_base")
    theirs = tiktoken.get_encoding("o200k_base")
    assert ours is not None
    assert len(ours._mergeable_ranks) == 0
    assert ours.token_byte_values() == theirs.token_byte_values()
    for text in TEXTS:
        assert ours.decode(ours.encode(text)) == text
        assert ours.encode(text) == theirs.encode(text)
    with pytest.raises(TypeError, match="load it in the other process"):
        pickle.dumps(ours)
