"""Batch compare and recorded answers against the sandbox over loopback: faults, cancel, resume, export."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from finetune_desktop.core.cancel import CancelToken
from finetune_desktop.core.check.run import run_check
from finetune_desktop.core.compare.batch import Slot, run_batch, service_replier
from finetune_desktop.core.compare.export import export_csv, export_jsonl
from finetune_desktop.core.compare.prompts import PromptRow, read_prompts
from finetune_desktop.core.compare.results import ResultStore
from finetune_desktop.core.service.service import FineTuningService
from tests.e2e.conftest import BASE_MODEL, LeakWatch, Sandbox, run_cli

OTHER_MODEL = "gpt-4.1-mini-2025-04-14"
CHAT = "/v1/chat/completions"


def _prompt_file(path: Path, n: int) -> Path:
    rows = [
        {
            "messages": [
                {"role": "system", "content": "You answer in one short sentence."},
                {"role": "user", "content": f"What is special about tide pool number {i}?"},
                {"role": "assistant", "content": f"Pool {i} has the most crabs."},
            ]
        }
        for i in range(n)
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _answered(sandbox: Sandbox) -> int:
    return sum(1 for r in sandbox.requests("POST", CHAT) if r["status"] == 200)


def _drain(gen: object) -> object:
    try:
        while True:
            next(gen)  # type: ignore[call-overload]
    except StopIteration as stop:
        return stop.value


def test_batch_of_200_survives_429s_and_drops_resumes_after_cancel_and_exports(
    service: FineTuningService, sandbox: Sandbox, tmp_path: Path
) -> None:
    rows = read_prompts(_prompt_file(tmp_path / "prompts.jsonl", 200)).rows
    assert len(rows) == 200
    assert rows[0].expected == "Pool 0 has the most crabs."
    sandbox.fault(f"kind=429,path={CHAT},rate=0.15,retry_after=0,seed=3")
    sandbox.fault(f"kind=drop,path={CHAT},first=6")
    reply = service_replier(service)
    slots = [Slot("a", BASE_MODEL, reply), Slot("b", OTHER_MODEL, reply)]
    out = tmp_path / "results.jsonl"

    # first run: cancelled after 60 answers
    store = ResultStore(out)
    token = CancelToken()
    gen = run_batch(rows, slots, store, concurrency=4, cancel=token)
    for seen, _answer in enumerate(gen, start=1):
        if seen == 60:
            token.cancel()
    first = len([a for a in store.answers() if a.ok])
    assert 60 <= first < 400  # requests in flight when cancelled still count
    assert store.journal.exists()

    # resume in a fresh store (as after a restart): only what has no answer is sent
    store = ResultStore(out)
    assert len([a for a in store.answers() if a.ok]) == first
    summary = _drain(run_batch(rows, slots, store, concurrency=4))
    assert summary.reused == first  # type: ignore[attr-defined]
    assert summary.failed == 0  # type: ignore[attr-defined]
    fired = {r["fault"] for r in sandbox.requests("POST", CHAT)}
    assert {"429", "drop"} <= fired
    assert _answered(sandbox) == 400, "every prompt answered once per model: none lost, none asked twice"

    assert store.write(rows, {s.key: s.model for s in slots}) == 200
    assert not store.journal.exists()
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [r["index"] for r in lines] == list(range(200))
    for r in lines:
        assert set(r["answers"]) == {"a", "b"}
        assert r["answers"]["a"]["model"] == BASE_MODEL
        assert r["answers"]["a"]["answer"]
        assert r["answers"]["b"]["completion_tokens"] > 0

    # a third run over the finished results file sends nothing
    before = len(sandbox.requests("POST", CHAT))
    summary = _drain(run_batch(rows, slots, ResultStore(out), concurrency=4))
    assert summary.sent == 0
    assert summary.reused == 400
    assert len(sandbox.requests("POST", CHAT)) == before

    # export what a filter shows: the first ten rows
    store = ResultStore(out)
    store.set_preference(3, "b")
    assert export_jsonl(tmp_path / "shown.jsonl", rows[:10], store, {"a": BASE_MODEL, "b": OTHER_MODEL}) == 10
    assert export_csv(tmp_path / "shown.csv", rows[:10], store, {"a": BASE_MODEL, "b": OTHER_MODEL}) == 10
    with (tmp_path / "shown.csv").open(encoding="utf-8-sig", newline="") as fh:
        table = list(csv.DictReader(fh))
    assert len(table) == 10
    assert table[3]["preference"] == "b"
    assert table[0]["prompt"] == "What is special about tide pool number 0?"
    assert table[0]["answer_a"]
    assert table[0]["model_b"] == OTHER_MODEL


def test_a_crash_mid_line_loses_only_that_line(tmp_path: Path) -> None:
    row = PromptRow(0, ({"role": "user", "content": "hi"},))
    store = ResultStore(tmp_path / "r.jsonl")
    from finetune_desktop.core.compare.results import Answer

    store.add(Answer(0, "a", "m", row.digest, text="hello"))
    with store.journal.open("a", encoding="utf-8") as fh:
        fh.write('{"index": 0, "slot": "b", "dig')  # the process died here
    again = ResultStore(tmp_path / "r.jsonl")
    assert again.has_answer(row, "a", "m")
    assert not again.has_answer(row, "b", "m")
    again.add(Answer(0, "b", "m", row.digest, text="there"))
    assert ResultStore(tmp_path / "r.jsonl").has_answer(row, "b", "m")


def test_changed_prompt_is_asked_again(tmp_path: Path) -> None:
    from finetune_desktop.core.compare.results import Answer

    old = PromptRow(0, ({"role": "user", "content": "old question"},))
    new = PromptRow(0, ({"role": "user", "content": "new question"},))
    store = ResultStore(tmp_path / "r.jsonl")
    store.add(Answer(0, "a", "m", old.digest, text="old answer"))
    assert store.has_answer(old, "a", "m")
    assert not store.has_answer(new, "a", "m")
    assert not store.has_answer(old, "a", "other-model")


def test_cli_compare_resumes_and_record_writes_a_file_check_passes(
    sandbox: Sandbox, tmp_path: Path, app_home: Path, leak_watch: LeakWatch
) -> None:
    prompts = _prompt_file(tmp_path / "prompts.jsonl", 12)
    out = tmp_path / "results.jsonl"
    url = ("--base-url", sandbox.base_url, "--retry-delay", "0.02")
    args = ("compare", str(prompts), "--model", BASE_MODEL, "--model", OTHER_MODEL, "--out", str(out))
    result = run_cli(*args, "--concurrency", "3", *url, app_home=app_home, watch=leak_watch)
    assert result.returncode == 0, result.stderr
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 12
    first = lines[0]
    assert first["prompt"][-1]["content"] == "What is special about tide pool number 0?"
    assert first["expected"] == "Pool 0 has the most crabs."
    for slot, model in (("a", BASE_MODEL), ("b", OTHER_MODEL)):
        assert first["answers"][slot]["model"] == model
        assert first["answers"][slot]["answer"]
        assert first["answers"][slot]["latency_s"] > 0
        assert first["answers"][slot]["prompt_tokens"] > 0
    assert _answered(sandbox) == 24

    again = run_cli(*args, *url, app_home=app_home, watch=leak_watch)
    assert again.returncode == 0, again.stderr
    assert "0 answers received now, 24 kept from before" in again.stderr
    assert _answered(sandbox) == 24
    assert len(out.read_text(encoding="utf-8").splitlines()) == 12

    train = tmp_path / "kept.jsonl"
    rec = run_cli(
        "record", OTHER_MODEL, str(prompts), "--out", str(train), *url, app_home=app_home, watch=leak_watch
    )
    assert rec.returncode == 0, rec.stderr
    assert "12 examples written" in rec.stderr
    examples = [json.loads(x) for x in train.read_text(encoding="utf-8").splitlines()]
    assert len(examples) == 12
    assert [m["role"] for m in examples[0]["messages"]] == ["system", "user", "assistant"]
    assert examples[0]["messages"][-1]["content"] != "Pool 0 has the most crabs."  # the model's own answer
    report = run_check(train, model=BASE_MODEL)
    assert report.errors == []
    assert report.examples == 12
    assert not list(tmp_path.glob(".kept.jsonl*")), "the answer store goes once every prompt is answered"


@pytest.mark.parametrize("bad", ["not json\n", '{"messages": [{"role": "system", "content": "x"}]}\n'])
def test_cli_compare_explains_a_prompt_file_without_prompts(
    bad: str, sandbox: Sandbox, tmp_path: Path, app_home: Path, leak_watch: LeakWatch
) -> None:
    prompts = tmp_path / "p.jsonl"
    prompts.write_text(bad, encoding="utf-8")
    result = run_cli(
        "compare",
        str(prompts),
        "--model",
        "x",
        "--model",
        "y",
        "--out",
        str(tmp_path / "o.jsonl"),
        "--base-url",
        sandbox.base_url,
        app_home=app_home,
        watch=leak_watch,
    )
    assert result.returncode == 2
    assert "line 1" in result.stderr
    assert "has no prompts" in result.stderr


def test_cli_judge_is_estimated_first_and_runs_only_when_confirmed(
    sandbox: Sandbox, tmp_path: Path, app_home: Path, leak_watch: LeakWatch
) -> None:
    prompts = _prompt_file(tmp_path / "prompts.jsonl", 4)
    out = tmp_path / "results.jsonl"
    url = ("--base-url", sandbox.base_url, "--retry-delay", "0.02")
    args = ("compare", str(prompts), "--model", BASE_MODEL, "--model", OTHER_MODEL, "--out", str(out))
    judge = ("--judge", OTHER_MODEL)
    first = run_cli(*args, *judge, *url, app_home=app_home, watch=leak_watch)
    assert first.returncode == 0, first.stderr
    assert f"judge: 4 rows to ask {OTHER_MODEL};" in first.stderr
    assert "prompt tokens" in first.stderr
    assert "not run (add --yes" in first.stderr
    assert _answered(sandbox) == 8  # the estimate sent nothing

    second = run_cli(*args, *judge, "--yes", *url, app_home=app_home, watch=leak_watch)
    assert second.returncode == 0, second.stderr
    assert _answered(sandbox) == 12  # only the judge's four questions
    assert "judge: A better 0, B better 0, tie 0, unclear 4" in second.stderr  # the sandbox does not judge
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert all(r["answers"]["judge"]["model"] == OTHER_MODEL for r in lines)

    third = run_cli(*args, *url, app_home=app_home, watch=leak_watch)  # no --judge: verdicts are kept
    assert third.returncode == 0, third.stderr
    assert _answered(sandbox) == 12
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert all("judge" in r["answers"] for r in lines)
