"""Batch compare in the GUI against the sandbox: 200 prompts at concurrency 4 through 429s and dropped
connections, cancel and resume (also from a reopened run), preferences, filters and export."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from finetune_desktop.core.compare.prompts import PromptRow
from finetune_desktop.core.compare.results import Answer, ResultStore
from finetune_desktop.core.dataset.examples import Example
from finetune_desktop.gui.compare.batch_model import BatchFilterModel, BatchTableModel, Col, Filter
from finetune_desktop.gui.compare.batch_pane import BatchComparePane
from finetune_desktop.gui.compare.model_picker import ModelDirectory
from finetune_desktop.gui.context import AppContext
from finetune_desktop.gui.dataset.document import DatasetDocument
from finetune_desktop.sandbox import SandboxServer
from tests.gui.compare.conftest import MODEL_A, MODEL_B

CHAT = "/v1/chat/completions"


def _prompts(path: Path, n: int) -> Path:
    lines = [
        json.dumps(
            {
                "messages": [
                    {"role": "user", "content": f"Question number {i}?"},
                    {"role": "assistant", "content": f"Answer {i}."},
                ]
            }
        )
        for i in range(n)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def pane(
    qtbot: QtBot, context: AppContext, directory: ModelDirectory, document: DatasetDocument
) -> BatchComparePane:
    widget = BatchComparePane(context, directory, document)
    qtbot.addWidget(widget)
    widget.resize(1280, 760)
    with qtbot.waitSignal(widget.runs_listed, timeout=5000):
        widget.show()
    widget.picker_a.set_model(MODEL_A)
    widget.picker_b.set_model(MODEL_B)
    return widget


def _answered(sandbox: SandboxServer) -> int:
    assert sandbox.context is not None
    return sum(1 for r in sandbox.context.requests if r["path"] == CHAT and r["status"] == 200)


def test_batch_of_200_with_faults_cancel_resume_reopen_and_export(
    qtbot: QtBot,
    pane: BatchComparePane,
    sandbox: SandboxServer,
    context: AppContext,
    directory: ModelDirectory,
    tmp_path: Path,
) -> None:
    sandbox.add_fault(f"kind=429,path={CHAT},rate=0.1,retry_after=0,seed=5")
    sandbox.add_fault(f"kind=drop,path={CHAT},first=4")
    with qtbot.waitSignal(pane.prompts_loaded, timeout=5000) as loaded:
        pane.load_prompt_file(_prompts(tmp_path / "p.jsonl", 200))
    assert loaded.args == [200]
    pane.concurrency.setValue(4)

    answers: list[Answer] = []
    original = pane._on_answer

    def count(answer: Answer) -> None:
        answers.append(answer)
        original(answer)
        if len(answers) == 50:
            pane.cancel()

    pane._on_answer = count  # type: ignore[method-assign]
    with qtbot.waitSignal(pane.run_cancelled, timeout=60000):
        pane.start()
    qtbot.waitUntil(lambda: not pane.busy, timeout=10000)
    assert pane.run is not None
    kept = len([a for a in pane.run.store.answers() if a.ok])
    assert 50 <= kept < 400
    assert pane.start_button.text() == "Continue"

    # a restart: a new pane opens the saved run and continues it
    again = BatchComparePane(context, directory, None)
    qtbot.addWidget(again)
    with qtbot.waitSignal(again.runs_listed, timeout=5000):
        again.show()
    with qtbot.waitSignal(again.run_opened, timeout=5000):
        again.open_run(pane.run.info.id)
    assert again.progress.value() == kept
    with qtbot.waitSignal(again.run_finished, timeout=120000) as finished:
        again.start()
    summary = finished.args[0]
    assert summary.failed == 0
    assert summary.reused == kept
    assert _answered(sandbox) == 400, "none lost, none asked twice"
    assert sandbox.context is not None
    fired = {r["fault"] for r in sandbox.context.requests if r["path"] == CHAT}
    assert {"429", "drop"} <= fired
    run = again.run
    assert run is not None
    lines = [json.loads(x) for x in run.store.path.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 200
    assert all(set(r["answers"]) == {"a", "b"} for r in lines)
    assert sum(1 for r in lines if r["answers"]["a"]["answer"]) == 200
    assert sum(1 for r in lines if r["answers"]["b"]["answer"]) == 200
    assert again.model.rowCount() == 200
    assert again.model.data(again.model.index(0, Col.EXPECTED)) == "Answer 0."
    assert MODEL_B in again.model.data(again.model.index(0, Col.ANSWER_B))

    # preference on two rows, then filter to them and export what is shown
    again.table.selectRow(2)
    again.set_preference("b")
    again.table.selectRow(7)
    again.set_preference("b")
    again.filter_combo.setCurrentIndex(again.filter_combo.findData(int(Filter.PREFER_B)))
    assert again.proxy.rowCount() == 2
    with qtbot.waitSignal(again.exported, timeout=5000):
        again.export_to("csv", tmp_path / "shown.csv")
    with (tmp_path / "shown.csv").open(encoding="utf-8-sig", newline="") as fh:
        table = list(csv.DictReader(fh))
    assert [r["index"] for r in table] == ["3", "8"]
    assert all(r["preference"] == "b" for r in table)
    with qtbot.waitSignal(again.exported, timeout=5000):
        again.export_to("jsonl", tmp_path / "shown.jsonl")
    assert len((tmp_path / "shown.jsonl").read_text(encoding="utf-8").splitlines()) == 2
    again.search.setText("number 7")
    assert again.proxy.rowCount() == 1

    # a new run on the same prompts with other models leaves the saved one alone
    again.new_run()
    assert again.run is None
    assert again.picker_b.isEnabled()
    assert again.model.rowCount() == 200
    assert again.start_button.text() == "Start"
    assert context.runner.wait(10000)


def test_validation_split_of_the_open_dataset_is_a_prompt_set(
    qtbot: QtBot, pane: BatchComparePane, document: DatasetDocument
) -> None:
    rows = [
        Example(
            data={
                "messages": [{"role": "user", "content": f"q{i}"}, {"role": "assistant", "content": f"a{i}"}]
            },
            tags={"validation"} if i % 2 else set(),
        )
        for i in range(6)
    ]
    document.load_examples(rows)
    with qtbot.waitSignal(pane.prompts_loaded) as loaded:
        pane.validation_button.click()
    assert loaded.args == [3]
    assert pane.model.data(pane.model.index(0, Col.PROMPT)) == "q1"
    assert pane.model.data(pane.model.index(0, Col.EXPECTED)) == "a1"


def test_batch_models_pass_the_model_tester(qtmodeltester: ModelTester, tmp_path: Path) -> None:
    rows = [PromptRow(i, ({"role": "user", "content": f"q{i}"},), f"e{i}") for i in range(5)]
    store = ResultStore(tmp_path / "r.jsonl")
    store.add(Answer(0, "a", "m1", rows[0].digest, text="hello", latency_s=0.5, completion_tokens=2))
    store.add(Answer(1, "b", "m2", rows[1].digest, error="Server busy", error_kind="rate_limited"))
    model = BatchTableModel()
    model.set_run(rows, store, {"a": "m1", "b": "m2"})
    qtmodeltester.check(model)
    assert model.data(model.index(1, Col.ANSWER_B)) == "Failed: Server busy"
    proxy = BatchFilterModel()
    proxy.setSourceModel(model)
    proxy.set_filter(Filter.FAILED, "")
    qtmodeltester.check(proxy)
    assert proxy.shown_rows() == [1]


def test_judge_is_estimated_before_it_can_run_and_fills_its_column(
    qtbot: QtBot, pane: BatchComparePane, sandbox: SandboxServer, tmp_path: Path
) -> None:
    with qtbot.waitSignal(pane.prompts_loaded, timeout=5000):
        pane.load_prompt_file(_prompts(tmp_path / "p.jsonl", 5))
    with qtbot.waitSignal(pane.run_finished, timeout=60000):
        pane.start()
    qtbot.waitUntil(lambda: not pane.busy, timeout=10000)
    dlg = pane.open_judge()
    assert dlg is not None
    dlg.picker.set_model(MODEL_B)
    assert not dlg.run_button.isEnabled(), "no judge without an estimate first"
    with qtbot.waitSignal(dlg.estimated, timeout=10000) as est:
        dlg.estimate_button.click()
    assert est.args[0].requests == 5
    assert est.args[0].prompt_tokens > 0
    assert "5 rows to judge" in dlg.estimate_label.text()
    assert "no price" in dlg.estimate_label.text()  # a base model: the catalog has no rates for it
    assert dlg.run_button.isEnabled()
    dlg.rubric.setPlainText("Say A, B or TIE.")
    assert not dlg.run_button.isEnabled(), "a changed rubric needs a new estimate"
    with qtbot.waitSignal(dlg.estimated, timeout=10000):
        dlg.estimate_button.click()
    before = _answered(sandbox)
    with qtbot.waitSignal(pane.judged, timeout=60000):
        dlg.run_button.click()
    assert _answered(sandbox) == before + 5
    assert pane.model.data(pane.model.index(0, Col.JUDGE)) == "unclear"  # the sandbox does not judge
    assert "unclear" in pane.status.text()
    assert pane.run is not None
    lines = [json.loads(x) for x in pane.run.store.path.read_text(encoding="utf-8").splitlines()]
    assert all(r["answers"]["judge"]["model"] == MODEL_B for r in lines)
