"""SearchTexts (what check's workers hand the editor for its search index): each example's entry equals
``search_entry`` of its data, whether it was added from its texts (check's fast path) or walked; a long
system prompt is kept once; the prompts it keeps apart are bounded; a pickle keeps the texts only."""

from __future__ import annotations

import pickle
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from finetune_desktop.core.dataset import summaries
from finetune_desktop.core.dataset.summaries import SHARED_PROMPT_MIN_BYTES, SearchTexts, search_entry

LONG = "You are a careful assistant. Answer in the user's language: ΟΔΟΣ, İstanbul, 中文. " * 2

# Letters whose lower case depends on their neighbours or changes the length (final sigma, dotted I),
# NUL (the index's separator), newlines and CJK, beside plain text.
_text = st.text(st.sampled_from(list("aBzΣσςΟΔİi\u0307\x00\n 中文.")), min_size=1, max_size=12)
_prompt = st.one_of(_text, st.just(LONG), st.builds(lambda t: LONG + t, _text))


@st.composite
def _chat(draw: st.DrawFn) -> dict[str, Any]:
    roles = draw(
        st.lists(st.sampled_from(["system", "developer", "user", "assistant"]), min_size=1, max_size=5)
    )
    msgs: list[dict[str, Any]] = []
    for k, role in enumerate(roles):
        m: dict[str, Any] = {"role": role, "content": draw(_prompt if k == 0 else _text)}
        if draw(st.booleans()):
            m["name"] = draw(_text)
        msgs.append(m)
    return {"messages": msgs}


def _parts(data: dict[str, Any]) -> list[str]:
    """The texts check's fast path hands ``add_parts`` (as ``pipeline._named_texts`` makes them)."""
    out: list[str] = []
    for m in data["messages"]:
        out.append(m["content"])
        if "name" in m:
            out.append(m["name"])
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(_chat(), min_size=1, max_size=6))
def test_entries_equal_search_entry_from_texts_or_walked(examples: list[dict[str, Any]]) -> None:
    from_parts, walked = SearchTexts(), SearchTexts()
    for data in examples:
        from_parts.add_parts(data["messages"][0]["role"], _parts(data))
        walked.add(data)
    expected = [search_entry(data) for data in examples]
    assert list(from_parts.entries()) == expected
    assert list(walked.entries()) == expected


def test_a_long_prompt_is_kept_once_and_a_pickle_keeps_the_texts() -> None:
    texts = SearchTexts()
    for i in range(50):
        data = _system(LONG, f"Q{i}")
        (texts.add if i % 2 else lambda d: texts.add_parts("system", _parts(d)))(data)
    texts.add(_system("Short.", "Hi"))
    assert texts.prompts == [LONG.lower().encode()]
    assert list(texts.prompt_ids) == [0] * 50 + [-1]
    assert texts.texts[0] == b"\nq0"  # (the text after its prompt)
    assert texts.texts[-1] == b"short.\nhi"

    copy = pickle.loads(pickle.dumps(texts))
    assert list(copy.entries()) == list(texts.entries())
    assert copy._known == {}  # (what the worker knows of prompts does not cross)


def test_prompts_kept_apart_are_bounded(monkeypatch: Any) -> None:
    monkeypatch.setattr(summaries, "MAX_PROMPTS", 3)
    texts = SearchTexts()
    prompts = [f"{LONG} number {i}" for i in range(5)]
    assert all(len(p.encode()) >= SHARED_PROMPT_MIN_BYTES for p in prompts)
    for p in prompts * 2:
        texts.add_parts("system", [p, "question"])
    assert len(texts.prompts) == 3
    assert list(texts.prompt_ids) == [0, 1, 2, -1, -1] * 2
    # (the others' texts hold their prompt: the same texts, shared with no prompt)
    texts_only = [t for t, _ in texts.entries()]
    assert texts_only == [search_entry(_system(p, "question"))[0] for p in prompts * 2]


def _system(prompt: str, question: str) -> dict[str, Any]:
    return {"messages": [{"role": "system", "content": prompt}, {"role": "user", "content": question}]}
