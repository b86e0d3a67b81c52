"""Every item model of the GUI under Qt's model checker (``qtmodeltester``: its complaints are Qt warnings,
which fail a test), plus the row summaries they show."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from finetune_desktop.core.dataset.examples import Example
from finetune_desktop.core.dataset.summaries import summarize
from finetune_desktop.core.validation.findings import Finding, Severity
from finetune_desktop.gui.dataset.commands import InsertExamplesCommand, RemoveExamplesCommand
from finetune_desktop.gui.dataset.document import DatasetDocument
from finetune_desktop.gui.dataset.filter_model import DatasetFilterModel
from finetune_desktop.gui.dataset.findings_model import FindingsModel, SecondaryRole
from finetune_desktop.gui.dataset.table_model import COL_ASSISTANT, COL_TURNS, COL_USER, DatasetTableModel
from finetune_desktop.gui.tasks import TaskRunner
from tests.gui.editor_helpers import chat, sample_rows


def _doc(n: int = 12) -> tuple[DatasetDocument, TaskRunner]:
    runner = TaskRunner()
    doc = DatasetDocument(runner)
    doc.load_examples([Example(data=r) for r in sample_rows(n)])
    return doc, runner


def test_table_model_passes_model_tester_through_edits(qtbot: QtBot, qtmodeltester: ModelTester) -> None:
    doc, runner = _doc()
    model = DatasetTableModel(doc)
    qtmodeltester.check(model)  # (its warnings fail the test)
    assert model.rowCount() == 12
    assert model.data(model.index(0, COL_USER)) == "Tell a story about lighthouse 0"
    assert model.data(model.index(1, COL_ASSISTANT)) == "第1只猫在屋顶上看月亮。"
    assert model.data(model.index(0, COL_TURNS)) == "1"
    doc.undo_stack.push(InsertExamplesCommand(doc, [(3, Example(data=chat("new", "reply")))], "add"))
    assert model.rowCount() == 13
    assert model.data(model.index(3, COL_USER)) == "new"
    doc.undo_stack.push(RemoveExamplesCommand(doc, [0, 1, 5], "del"))
    assert model.rowCount() == 10
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert model.rowCount() == 12
    qtbot.waitUntil(lambda: not doc.analysing, timeout=20_000)
    runner.shutdown()


def test_filter_model_passes_model_tester_and_filters(qtbot: QtBot, qtmodeltester: ModelTester) -> None:
    doc, runner = _doc(40)
    source = DatasetTableModel(doc)
    proxy = DatasetFilterModel(source)
    qtmodeltester.check(proxy)  # (its warnings fail the test)
    with qtbot.waitSignal(proxy.filtering_finished, timeout=5000) as blocker:
        proxy.set_filter_text("LIGHTHOUSE")
    assert blocker.args == [20]
    assert all("lighthouse" in proxy.data(proxy.index(r, COL_USER)).lower() for r in range(proxy.rowCount()))
    with qtbot.waitSignal(proxy.filtering_finished, timeout=5000):
        proxy.set_filter_text("lighthouse 1")  # narrows from the previous matches
    assert {proxy.data(proxy.index(r, COL_USER)) for r in range(proxy.rowCount())} == {
        f"Tell a story about lighthouse {i}" for i in (10, 12, 14, 16, 18)
    }
    with qtbot.waitSignal(proxy.filtering_finished, timeout=5000):
        proxy.set_filter_text("猫")
    assert proxy.rowCount() == 20
    with qtbot.waitSignal(proxy.sorting_finished, timeout=5000):
        proxy.sort(COL_USER, Qt.SortOrder.DescendingOrder)  # keys made on a worker, applied in one step
    users = [proxy.data(proxy.index(r, COL_USER)) for r in range(proxy.rowCount())]
    assert users == sorted(users, key=str.lower, reverse=True)
    doc.undo_stack.push(RemoveExamplesCommand(doc, [1], "del"))  # a structural change keeps the filter
    assert proxy.rowCount() == 19
    with qtbot.waitSignal(proxy.filtering_finished, timeout=5000):
        proxy.set_filter_text("")
    assert proxy.rowCount() == 39
    qtbot.waitUntil(lambda: not doc.analysing, timeout=20_000)
    runner.shutdown()


def test_findings_model_passes_model_tester(qtmodeltester: ModelTester) -> None:
    model = FindingsModel()
    qtmodeltester.check(model)  # (its warnings fail the test)
    model.set_findings(
        [
            Finding("invalid_json", Severity.ERROR, "Line 3 is not JSON", line=3),
            Finding(
                "missing_content", Severity.ERROR, "no text", line=5, example=3, path="messages[1].content"
            ),
            Finding(
                "missing_content", Severity.ERROR, "no text", line=6, example=4, path="messages[1].content"
            ),
            Finding("few_examples", Severity.WARNING, "few"),
        ]
    )
    assert model.rowCount() == 3
    texts = [model.data(model.index(i, 0)) for i in range(3)]
    assert texts[0] == "✖ (1) The line is not valid JSON; it was not loaded (kept as a rejected line)."
    assert model.data(model.index(0, 0), SecondaryRole) == "invalid_json"  # the code: second, smaller
    assert texts[1].startswith("✖ (2) ")
    child = model.index(1, 0, model.index(1, 0))
    assert model.finding(child) is not None
    assert model.finding(child).example == 4
    assert "line 6" not in model.data(child)  # plain words first ...
    assert model.data(child, SecondaryRole) == "line 6 · example 5 · messages[1].content"  # ... then where


def test_summary_never_raises_on_odd_data() -> None:
    assert summarize(None).first_user == "None"
    assert summarize({"messages": "nope"}).turns == 0
    s = summarize(
        {
            "messages": [
                {
                    "role": "user",
                    "content": [{"type": "text", "text": "hi"}, {"type": "image_url", "image_url": {}}],
                },
                {"role": "assistant", "tool_calls": [{"function": {"name": "f", "arguments": "{}"}}]},
            ]
        }
    )
    assert s.first_user == "hi [image]"
    assert s.last_assistant == "f({})"
