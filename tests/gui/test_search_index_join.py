"""SearchIndex.join_shared (texts from check's workers): the index texts are those ``make`` gives for the
same examples, a search finds a word in a shared prompt or after it, and a prompt past the index's bound
of shared prompts stays in the text."""

from __future__ import annotations

from typing import Any

import finetune_desktop.gui.dataset.search_index as search_index
from finetune_desktop.core.dataset.summaries import SearchTexts
from finetune_desktop.gui.dataset.search_index import Block, SearchIndex

PROMPT = "You are the support assistant of a shop that sells lamps, chairs and tables. Be brief."


def _example(prompt: str, question: str) -> dict[str, Any]:
    return {"messages": [{"role": "system", "content": prompt}, {"role": "user", "content": question}]}


def _search(index: SearchIndex, needle: str) -> set[int]:
    scan = index.scan(needle)
    while not scan.done:
        scan.step()
    return scan.matched


def test_join_shared_makes_the_texts_make_does(monkeypatch: Any) -> None:
    monkeypatch.setattr(search_index, "MAX_SHARED", 2)
    prompts = [PROMPT, PROMPT + " Lamps first.", PROMPT + " Chairs first."]  # (the third: past the bound)
    examples = [
        _example(prompts[i % 3], f"Question {i} about ZEBRAS" if i == 7 else f"Question {i}")
        for i in range(9)
    ]
    texts = SearchTexts()
    for data in examples:
        texts.add(data)
    assert len(texts.prompts) == 3

    index, made = SearchIndex(), SearchIndex()
    joined = index.join_shared(texts)
    assert joined == [made.make(data) for data in examples]
    assert joined[0].startswith(b"\x01")  # (a marker)
    assert joined[2].startswith(b"you are")  # (the prompt itself)

    index.add_block(Block(list(range(1, 10)), joined))
    assert _search(index, "zebras") == {8}
    assert _search(index, "lamps first") == {2, 5, 8}
    assert _search(index, "chairs first") == {3, 6, 9}
    assert _search(index, "question 4") == {5}
