"""Prompt sets from every dataset shape, conversations, blind tallies, prices and saved runs (no network)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from finetune_desktop.core.catalog.models import load_catalog
from finetune_desktop.core.compare.batch import ChatParams
from finetune_desktop.core.compare.conversation import Column, Conversation, ConversationStore, Reply, Turn
from finetune_desktop.core.compare.prompts import read_prompts, split_example
from finetune_desktop.core.compare.runs import RunStore
from finetune_desktop.core.compare.streaming import reply_price
from finetune_desktop.core.compare.tally import Tally


def test_split_example_reads_chat_preference_and_bare_prompts() -> None:
    chat = {
        "messages": [
            {"role": "system", "content": "Be brief."},
            {"role": "user", "content": "Hi"},
            {"role": "assistant", "content": "Hello!", "weight": 1},
        ]
    }
    assert split_example(chat) == (
        [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi"}],
        "Hello!",
    )
    pref = {
        "input": {"messages": [{"role": "user", "content": "Q"}]},
        "preferred_output": [{"role": "assistant", "content": "good"}],
        "non_preferred_output": [{"role": "assistant", "content": "bad"}],
    }
    assert split_example(pref) == ([{"role": "user", "content": "Q"}], "good")
    assert split_example({"prompt": "Why?", "system": "S", "expected": "Because."}) == (
        [{"role": "system", "content": "S"}, {"role": "user", "content": "Why?"}],
        "Because.",
    )
    parts = {
        "messages": [
            {"role": "user", "content": [{"type": "text", "text": "a"}, {"type": "text", "text": "b"}]}
        ]
    }
    assert split_example(parts) == ([parts["messages"][0]], None)
    for bad in (
        [1, 2],
        {"messages": [{"role": "system", "content": "x"}]},
        {"messages": ["x"]},
        {"prompt": " "},
    ):
        assert split_example(bad) is None


def test_read_prompts_reports_skipped_lines_by_number(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    path.write_text(
        '{"prompt": "one"}\n\nnot json\n'
        '{"messages": [{"role": "system", "content": "x"}]}\n{"prompt": "two"}\n',
        encoding="utf-8",
    )
    prompts = read_prompts(path)
    assert [r.question for r in prompts.rows] == ["one", "two"]
    assert [r.index for r in prompts.rows] == [0, 1]
    assert [r.line for r in prompts.rows] == [1, 5]
    assert [(s.line, s.reason) for s in prompts.skipped] == [(3, "invalid_json"), (4, "no_question")]


def test_conversation_columns_keep_their_own_history_and_make_examples() -> None:
    conv = Conversation(system="Sys", columns=[Column("p", "m1"), Column("p", "m2")])
    conv.turns.append(Turn("first"))
    conv.set_reply(0, 0, Reply("a1"))
    conv.set_reply(0, 1, Reply("b1"))
    conv.turns.append(Turn("second"))
    conv.set_reply(1, 1, Reply("b2"))
    assert conv.messages_for(0) == [
        {"role": "system", "content": "Sys"},
        {"role": "user", "content": "first"},
        {"role": "assistant", "content": "a1"},
        {"role": "user", "content": "second"},
    ]
    example = conv.example_for(1, "b2 edited")
    assert [m["content"] for m in example["messages"]] == ["Sys", "first", "b1", "second", "b2 edited"]
    again = Conversation.from_json(json.loads(json.dumps(conv.to_json())))
    assert again.messages_for(1) == conv.messages_for(1)
    assert again.reply(1, 1) == Reply("b2")


def test_conversation_store_lists_newest_first_and_skips_broken_files(tmp_path: Path) -> None:
    store = ConversationStore(tmp_path)
    for text in ("older", "newer"):
        conv = Conversation(params=ChatParams(0.5, None, 100))
        conv.turns.append(Turn(text))
        store.save(conv)
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    listed = store.list()
    assert [c.title for c in listed] == ["newer", "older"]
    assert store.load(listed[1].id).params == ChatParams(0.5, None, 100)


def test_tally_counts_per_pair_whatever_the_order(tmp_path: Path) -> None:
    tally = Tally(tmp_path / "t.json")
    tally.vote("m2", "m1", "m2")
    tally.vote("m1", "m2", None)
    pair = tally.vote("m1", "m2", "m1")
    assert (pair.first, pair.first_wins, pair.second_wins, pair.ties) == ("m1", 1, 1, 1)
    assert Tally(tmp_path / "t.json").pair("m2", "m1") == pair
    with pytest.raises(ValueError, match="not one of"):
        tally.vote("m1", "m2", "m3")


def test_reply_price_only_where_the_catalog_has_the_rates() -> None:
    catalog = load_catalog()
    price = reply_price("ft:gpt-4o-mini-2024-07-18:org::abc", 1_000_000, 1_000_000, catalog)
    assert price is not None
    info = catalog.require("gpt-4o-mini-2024-07-18")
    assert info.input_price_per_1m is not None
    assert info.output_price_per_1m is not None
    assert price.usd == info.input_price_per_1m + info.output_price_per_1m
    assert price.local == price.usd * catalog.currency.rate_per_usd
    assert reply_price("gpt-4o-mini-2024-07-18", 10, 10, catalog) is None  # base model: not in the catalog
    assert reply_price("ft:unknown-model:x", 10, 10, catalog) is None
    assert isinstance(price.usd, Decimal)


def test_run_store_keeps_a_run_and_its_prompts(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    path.write_text('{"prompt": "a", "expected": "x"}\n{"prompt": "b"}\n', encoding="utf-8")
    rows = read_prompts(path).rows
    store = RunStore(tmp_path / "runs")
    run = store.create(rows, str(path), [Column("p1", "m1"), Column("p2", "m2")], concurrency=3)
    again = store.load(run.info.id)
    assert again.info.slots == {"a": "m1", "b": "m2"}
    assert again.info.concurrency == 3
    assert [r.digest for r in again.rows] == [r.digest for r in rows]
    assert again.rows[0].expected == "x"
    assert [i.id for i in store.list()] == [run.info.id]


def test_judge_verdicts_are_read_from_the_first_line() -> None:
    from finetune_desktop.core.compare.judge import judge_messages, parse_verdict
    from finetune_desktop.core.compare.prompts import PromptRow

    assert parse_verdict("A\nIt is right.") == "a"
    assert parse_verdict("**B** because") == "b"
    assert parse_verdict("tie.") == "tie"
    assert parse_verdict("Both are fine") is None
    assert parse_verdict("") is None
    row = PromptRow(0, ({"role": "user", "content": "Q?"},), "E")
    msgs = judge_messages(row, "one", "two", "Rubric")
    assert msgs[0] == {"role": "system", "content": "Rubric"}
    assert msgs[1]["content"] == "Question:\nQ?\n\nExpected answer:\nE\n\nAnswer A:\none\n\nAnswer B:\ntwo"
