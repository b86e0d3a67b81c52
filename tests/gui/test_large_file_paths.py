"""What keeps a 100k-example file small and the UI responsive, checked for behaviour on small files:
released examples, the block search index, the two-stage loader, sorting on a worker."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from finetune_desktop.core.dataset.examples import Example
from finetune_desktop.gui.dataset import filter_model as filter_module
from finetune_desktop.gui.dataset import loader as loader_module
from finetune_desktop.gui.dataset.commands import InsertExamplesCommand, RemoveExamplesCommand
from finetune_desktop.gui.dataset.search_index import Block, IndexScan, SearchIndex, clean_needle
from finetune_desktop.gui.dataset.table_model import COL_TOKENS, COL_TURNS, COL_USER
from finetune_desktop.gui.main_window import MainWindow
from tests.gui.editor_helpers import chat, open_and_wait, sample_rows, window, write_jsonl

__all__ = ["window"]

PROMPT = "You are a careful support assistant for a shop that sells many kinds of lamps."


def _scan(index: SearchIndex, needle: str) -> set[int]:
    scan = index.scan(clean_needle(needle))
    while not scan.done:
        scan.step()
    return scan.matched


def test_search_index_blocks_shared_prompts_and_own_texts() -> None:
    index = SearchIndex()
    rows = [chat(f"Question {i}", f"Answer {i}", system=PROMPT) for i in range(5)]
    texts = [index.make(r) for r in rows]
    assert all(PROMPT.lower().encode() not in t for t in texts)  # the prompt is stored once
    index.add_block(Block([10, 11, 12], texts[:3]))
    index.add_block(Block([13, 14], texts[3:]))
    assert _scan(index, "LAMPS") == {10, 11, 12, 13, 14}  # found through the shared prompt
    assert _scan(index, "answer 3") == {13}
    assert _scan(index, "1") == {11}  # digits of the prompt markers never match
    assert _scan(index, "question 2\x01") == {12}  # control characters are not searched for
    index.update(12, chat("Edited question", "Edited answer"))  # an edit replaces the block's text
    assert _scan(index, "question 2") == set()
    assert _scan(index, "edited") == {12}
    assert index.get(13) == texts[3]
    assert index.get(12) is not None
    assert b"edited" in (index.get(12) or b"")
    assert index.get(99) is None
    index.add_block(Block([30, 21, 25], [b"thirty", b"twenty-one", b"twenty-five"]))  # (rows reordered)
    assert [index.get(u) for u in (21, 25, 30, 22)] == [b"twenty-one", b"twenty-five", b"thirty", None]
    assert [index.get(u) for u in (10, 14)] == [texts[0], texts[4]]


def test_loaded_examples_are_released_counted_checked_and_editable(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: object
) -> None:
    # small chunks so the file arrives in several chunks and duplicates sit in different ones
    monkeypatch.setattr(loader_module, "FIRST_CHUNK", 256)
    monkeypatch.setattr(loader_module, "CHUNK", 512)
    monkeypatch.setattr(loader_module, "PIECE", 200)
    rows = sample_rows(30)
    rows[25] = rows[1]  # a duplicate far from its original
    doc = window.document
    recounted: list[int] = []
    doc._count_job.result.connect(lambda result: recounted.append(len(result[1])))
    open_and_wait(qtbot, window, write_jsonl(tmp_path / "d.jsonl", rows))
    assert sum(recounted) == 0  # the loader counted every example: the count job found none left
    assert len(doc) == 30
    assert all(ex.released for ex in doc.examples)
    assert len(doc.all_tokens()) == 30
    assert all(t.total > 0 for t in doc.all_tokens())
    dup = [f for f in doc.findings_for(doc.examples[25].uid) if "duplicate" in f.code]
    assert dup
    assert dup[0].example == 25
    page = window.dataset_page
    assert page.table_model.data(page.table_model.index(3, COL_USER)) == "写一个关于第3只猫的故事"
    # edit a released example through the editor: the change sticks, undo brings the text back
    page.select_rows([4])
    card = page.editor.cards[1]
    assert card.text_edit is not None
    card.text_edit.setPlainText("A brand new reply")
    qtbot.waitUntil(lambda: doc.examples[4].data["messages"][1]["content"] == "A brand new reply")
    assert not doc.examples[4].released
    with qtbot.waitSignal(page.filter_model.filtering_finished, timeout=5000) as blocker:
        page.search.setText("brand new")
    assert blocker.args == [1]
    with qtbot.waitSignal(page.filter_model.filtering_finished, timeout=5000) as blocker:
        page.search.setText("blinked twice")
    assert blocker.args == [14]  # 15 English rows, one of them edited
    doc.undo_stack.undo()
    assert doc.examples[4].data == rows[4]
    page.search.clear()
    with qtbot.waitSignal(page.filter_model.filtering_finished, timeout=5000) as blocker:
        page.search.setText("blinked twice")
    assert blocker.args == [15]
    # a new example is found before anything indexed it
    doc.undo_stack.push(InsertExamplesCommand(doc, [(0, Example(data=chat("zebra crossing", "ok")))], "add"))
    with qtbot.waitSignal(page.filter_model.filtering_finished, timeout=5000) as blocker:
        page.search.setText("zebra")
    assert blocker.args == [1]
    assert page.filter_model.source_row(0) == 0


def test_sort_runs_on_a_worker_and_survives_edits(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    rows = [chat(f"question {'x' * (i % 7)} {i}", "a") for i in range(20)]
    rows[3]["messages"].append({"role": "user", "content": "more"})
    rows[3]["messages"].append({"role": "assistant", "content": "b"})
    open_and_wait(qtbot, window, write_jsonl(tmp_path / "d.jsonl", rows))
    doc, proxy = window.document, window.dataset_page.filter_model
    with qtbot.waitSignal(proxy.sorting_finished, timeout=5000):
        proxy.sort(COL_TURNS, Qt.SortOrder.DescendingOrder)
    assert proxy.source_row(0) == 3
    with qtbot.waitSignal(proxy.sorting_finished, timeout=5000):
        proxy.sort(COL_TOKENS, Qt.SortOrder.AscendingOrder)
    totals = [doc.tokens_for(doc.examples[proxy.source_row(r)].uid).total for r in range(20)]  # type: ignore[union-attr]
    assert totals == sorted(totals)
    shown = [proxy.source_row(r) for r in range(20)]
    doc.undo_stack.push(RemoveExamplesCommand(doc, [shown[0]], "del"))  # the order stays, rows renumbered
    expected = [r if r < shown[0] else r - 1 for r in shown[1:]]
    assert [proxy.source_row(r) for r in range(19)] == expected
    doc.undo_stack.undo()  # back next to its old neighbour... or at the end when that one is gone
    assert sorted(proxy.source_row(r) for r in range(20)) == list(range(20))


def test_sort_in_runs_merges_them_stably(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: object
) -> None:
    # runs of 4 rows: the order comes from merging the sorted runs (what a 100k-row sort does)
    monkeypatch.setattr(filter_module, "SORT_RUN", 4)
    keys = [3, 1, 2, 1, 5, 0, 2, 4, 1, 3, 0]
    assert filter_module._ordered(keys, False, lambda: None) == sorted(range(11), key=keys.__getitem__)
    assert filter_module._ordered(keys, True, lambda: None) == [4, 7, 0, 9, 2, 6, 1, 3, 8, 5, 10]
    rows = [chat(f"q {i}", "a") for i in range(10)]
    for i in (2, 5, 7):
        rows[i]["messages"] += [{"role": "user", "content": "more"}, {"role": "assistant", "content": "b"}]
    open_and_wait(qtbot, window, write_jsonl(tmp_path / "d.jsonl", rows))
    proxy = window.dataset_page.filter_model
    with qtbot.waitSignal(proxy.sorting_finished, timeout=5000):
        proxy.sort(COL_TURNS, Qt.SortOrder.DescendingOrder)
    assert [proxy.source_row(r) for r in range(10)] == [2, 5, 7, 0, 1, 3, 4, 6, 8, 9]


def test_findings_view_follows_row_changes(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    rows = sample_rows(12)
    rows[6] = {"messages": [{"role": "user", "content": "hello"}, {"role": "assistant", "content": ""}]}
    open_and_wait(qtbot, window, write_jsonl(tmp_path / "d.jsonl", rows))
    doc = window.document

    def empty_reply_rows() -> list[int | None]:
        return [f.example for f in doc.all_findings() if f.code == "empty_assistant_message"]

    assert empty_reply_rows() == [6]
    view = doc.findings_view()
    assert view is doc.findings_view()  # made by the checking worker, reused while no row moves
    assert any(g.code == "empty_assistant_message" for g in view.groups)
    doc.undo_stack.push(RemoveExamplesCommand(doc, [0], "del"))
    assert empty_reply_rows() == [5]  # renumbered at once, before the worker checked again
    qtbot.waitUntil(lambda: not doc.analysing, timeout=10_000)
    assert empty_reply_rows() == [5]
    assert doc.findings_view().version == doc.structure_version


def test_a_longer_needle_searches_from_where_the_shorter_was_found() -> None:
    """Typing on, a search looks in each text from where the previous needle was found: it must find
    exactly what a search from scratch finds (a later occurrence, own texts, blocks added since)."""
    index = SearchIndex()
    rows = [
        chat("ref one, then refund", "ok"),  # "refu" only at the second "ref"
        chat("nothing here", "no"),
        chat("refund now", "yes"),
        chat("a ref", "refu at the end"),
        chat("REFUND in capitals", "x", system=PROMPT + " refunds are possible."),
        chat("see xref", "n"),
    ]
    index.add_block(Block([1, 2, 3, 4, 5, 8], [index.make(r) for r in rows]))

    def run(needle: str, prior: IndexScan | None = None) -> IndexScan:
        scan = index.scan(clean_needle(needle), prior)
        while not scan.done:
            scan.step()
        return scan

    ref = run("ref")
    assert ref.matched == {1, 3, 4, 5, 8}
    index.add_block(Block([6, 7], [index.make(chat("refund later", "r")), index.make(chat("re", "f"))]))
    index.update(4, chat("refund after an edit", "ok"))
    for needle in ("refu", "refund", "refunds"):
        fresh = run(needle)
        assert run(needle, ref).matched == fresh.matched
    assert run("refu", ref).matched == {1, 3, 4, 5, 6}
    assert run("refunds", ref).matched == {5}  # (only the shared prompt holds it)
    assert run("xref", ref).matched == {8}  # not a longer form of "ref": searched from scratch
