"""run_check end to end on small files: findings with places, tokens, price, parallel == serial."""

from __future__ import annotations

import json
import multiprocessing
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

import finetune_desktop.core.check.run as check_mod
from finetune_desktop.core.catalog.models import CatalogError, load_catalog
from finetune_desktop.core.catalog.pricing import default_epochs, estimate_cost
from finetune_desktop.core.check.run import run_check
from finetune_desktop.core.dataset.examples import DatasetFormat
from finetune_desktop.core.dataset.jsonl_reader import DatasetReadError
from finetune_desktop.core.tokens.counter import TokenCounter
from finetune_desktop.core.validation.findings import Severity

SYSTEM = {"role": "system", "content": "You answer briefly. 请简短回答。"}


def chat(i: int, answer: str | None = None) -> dict[str, object]:
    return {
        "messages": [
            SYSTEM,
            {"role": "user", "content": f"Question {i}: what is {i} + {i}? 问题{i}"},
            {"role": "assistant", "content": answer or f"It is {2 * i}."},
        ]
    }


def write_lines(path: Path, lines: list[object | bytes]) -> Path:
    out = []
    for line in lines:
        out.append(line if isinstance(line, bytes) else json.dumps(line, ensure_ascii=False).encode())
    path.write_bytes(b"\n".join(out) + b"\n")
    return path


def by_code(report: check_mod.CheckReport) -> dict[str, list[tuple[int | None, int | None]]]:
    out: dict[str, list[tuple[int | None, int | None]]] = {}
    for f in report.findings:
        out.setdefault(f.code, []).append((f.line, f.example))
    return out


def test_clean_file(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "t.jsonl", [chat(i) for i in range(60)])
    r = run_check(path, model="gpt-4o-mini-2024-07-18", workers=1)
    assert r.findings == []
    assert r.examples == 60
    assert r.format is DatasetFormat.CHAT
    counter = TokenCounter("gpt-4o-mini-2024-07-18")
    totals = [counter.count_example(chat(i)).total for i in range(60)]
    assert r.tokens.total == sum(totals)
    assert r.tokens.billed == sum(totals)
    assert r.tokens.max_example == max(totals)
    assert r.tokens.min == min(totals)
    assert not r.tokens.estimated
    assert r.epochs == default_epochs(60) == 3
    info = load_catalog().require("gpt-4o-mini-2024-07-18")
    assert r.cost.usd == estimate_cost(sum(totals), 3, info, rate="7.10").usd
    j = r.to_json()
    shape = {"file", "format", "model", "examples", "errors", "warnings", "tokens", "epochs", "cost"}
    assert set(j) == shape | {"finding_counts"}
    assert set(j["tokens"]) == {"total", "billed", "max_example", "p50", "p90", "estimated"}
    assert j["cost"]["usd"] is not None


def test_findings_have_file_line_example_and_path(tmp_path: Path) -> None:
    lines: list[object | bytes] = [chat(i) for i in range(12)]
    lines[2] = b'{"messages": [oops'  # line 3: invalid JSON
    lines[4] = b""  # line 5: blank
    lines[5] = {"messages": [SYSTEM, {"role": "user", "content": "hi"}]}  # line 6: no assistant
    lines.append(chat(0))  # line 13: duplicate of line 1
    lines.append(chat(1, answer="Two."))  # line 14: same prompt as line 2, other answer
    path = write_lines(tmp_path / "t.jsonl", lines)
    r = run_check(path, workers=1)
    codes = by_code(r)
    assert codes["invalid_json"] == [(3, None)]
    assert codes["blank_line"] == [(5, None)]
    # examples are numbered without the rejected/blank lines: line 6 is the 4th example (index 3)
    assert codes["example_missing_assistant_message"] == [(6, 3)]
    assert codes["duplicate_example"] == [(13, 10)]
    assert sorted(codes["conflicting_answers"]) == [(2, 1), (14, 11)]
    assert "few_examples" in codes
    missing = next(f for f in r.findings if f.code == "example_missing_assistant_message")
    assert missing.file == str(path)
    assert missing.path == "messages"
    assert missing.fix
    assert next(f for f in r.findings if f.code == "invalid_json").severity is Severity.ERROR
    j = r.to_json()
    for f in j["errors"] + j["warnings"]:
        assert {"code", "severity", "line", "example", "path", "message", "fix"} <= set(f)
    assert r.examples == 12


@pytest.mark.parametrize("system", [False, True])  # with a system message: check's common path
def test_too_long_example_is_billed_at_the_cap(tmp_path: Path, system: bool) -> None:
    turns = [{"role": "user", "content": "word " * 300}, {"role": "assistant", "content": "ok"}]
    long = {"messages": [SYSTEM, *turns] if system else turns}
    path = write_lines(tmp_path / "t.jsonl", [long] + [chat(i) for i in range(11)])
    override = tmp_path / "models.json"
    override.write_text(json.dumps({"models": {"gpt-4o-mini-2024-07-18": {"training_context": 100}}}))
    r = run_check(path, model="gpt-4o-mini-2024-07-18", workers=1, catalog=load_catalog(override))
    assert by_code(r)["example_too_long"] == [(1, 0)]
    assert r.tokens.truncated_examples == 1
    assert r.tokens.billed == r.tokens.total - (r.tokens.max_example - 100)


def test_validation_file_overlap_and_its_own_findings(tmp_path: Path) -> None:
    train = write_lines(tmp_path / "train.jsonl", [chat(i) for i in range(20)])
    val = write_lines(tmp_path / "val.jsonl", [chat(100), b"[1]", chat(7)])
    r = run_check(train, validation_path=val, workers=1)
    overlap = [f for f in r.findings if f.code == "train_validation_overlap"]
    assert [(f.line, f.example, f.file) for f in overlap] == [(8, 7, str(train))]
    assert "line 3" in overlap[0].message
    bad = [f for f in r.findings if f.code == "not_an_object"]
    assert [(f.line, f.file) for f in bad] == [(2, str(val))]
    cookbook = [f for f in r.findings if f.code == "data_type"]  # the notebook's code for the same line
    assert [(f.line, f.file, f.severity.value, f.params["found"]) for f in cookbook] == [
        (2, str(val), "error", "list")
    ]
    assert r.validation_examples == 2


def test_preference_file(tmp_path: Path) -> None:
    dpo = {
        "input": {"messages": [{"role": "user", "content": "Capital of France?"}]},
        "preferred_output": [{"role": "assistant", "content": "Paris."}],
        "non_preferred_output": [{"role": "assistant", "content": "Lyon."}],
    }
    path = write_lines(tmp_path / "p.jsonl", [dpo] * 3 + [chat(1)])
    r = run_check(path, workers=1)
    assert r.format is DatasetFormat.PREFERENCE
    assert "mixed_formats" in by_code(r)
    assert r.tokens.max_example > 0


def test_unknown_model(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "t.jsonl", [chat(1)])
    with pytest.raises(CatalogError, match="Unknown model"):
        run_check(path, model="gpt-2", workers=1)


def test_ft_name_prices_as_its_base(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "t.jsonl", [chat(i) for i in range(10)])
    r = run_check(path, model="ft:gpt-4.1-mini-2025-04-14:acme::x1:ckpt-step-3", workers=1)
    assert r.model_info.id == "gpt-4.1-mini-2025-04-14"
    assert r.cost.price_per_1m == r.model_info.training_price_per_1m


@pytest.mark.parametrize("kind", ["missing", "directory", "utf16", "binary"])
def test_unreadable_files(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "t.jsonl"
    if kind == "directory":
        path.mkdir()
    elif kind == "utf16":
        path.write_bytes(json.dumps(chat(1)).encode("utf-16"))
    elif kind == "binary":
        path.write_bytes(b"\xff\xfe\xfa\x80\n\x81\x82\xc0\n")
    with pytest.raises(DatasetReadError, match=str(path)):
        run_check(path, workers=1)


def _scattered(tmp_path: Path, n: int) -> Path:
    lines: list[object | bytes] = []
    for i in range(n):
        if i % 97 == 5:
            lines.append(b'{"messages": broken')
        elif i % 89 == 3:
            lines.append({"messages": [{"role": "user", "content": f"q{i}"}]})
        elif i % 53 == 0:
            lines.append(chat(i // 2))  # duplicates across ranges
        elif i % 101 == 7:
            lines.append(json.dumps(chat(i)).encode() + b"\r")  # CRLF here and there
        elif i % 71 == 0:
            lines.append(chat(i // 3, answer="Something else."))  # conflicts across ranges
        else:
            lines.append(chat(i))
    return write_lines(tmp_path / "big.jsonl", lines)


@pytest.mark.parametrize("method", ["fork", "forkserver", "spawn"])
def test_parallel_matches_serial(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, method: str) -> None:
    path = _scattered(tmp_path, 2500)
    serial = run_check(path, workers=1)
    monkeypatch.setattr(check_mod, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(check_mod, "process_context", lambda: multiprocessing.get_context(method))
    progress: list[tuple[int, int]] = []
    parallel = run_check(path, workers=2, progress=lambda d, t: progress.append((d, t)))
    key = [(f.code, f.line, f.example, f.message) for f in serial.findings]
    assert [(f.code, f.line, f.example, f.message) for f in parallel.findings] == key
    assert parallel.tokens == serial.tokens
    assert parallel.examples == serial.examples
    assert {"duplicate_example", "conflicting_answers", "invalid_json"} <= {k[0] for k in key}
    crlf = [f for f in parallel.findings if f.code == "crlf"]
    assert [(f.line, f.severity) for f in crlf] == [(8, Severity.WARNING)]  # once, at the first CRLF line
    assert "more lines" in crlf[0].message
    assert progress[-1][0] == progress[-1][1] == path.stat().st_size


def test_process_context_avoids_fork_while_threads_run(monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from finetune_desktop.core.tokens import counter
    from finetune_desktop.core.tokens.counter import process_context

    monkeypatch.setattr(counter, "_unseen_threads", False)
    if threading.active_count() == 1:  # other tests of the suite may leave threads behind
        assert process_context().get_start_method() == "fork"
    # threads Python does not count (an app's Qt thread pools) forbid fork too: as if no other thread ran
    with monkeypatch.context() as m:
        m.setattr(counter, "threading", SimpleNamespace(active_count=lambda: 1))
        if sys.platform.startswith("linux"):
            assert process_context().get_start_method() == "fork"
        m.setattr(counter, "_unseen_threads", True)
        assert process_context().get_start_method() == "forkserver"
    stop = threading.Event()
    t = threading.Thread(target=stop.wait)
    t.start()
    try:
        assert process_context().get_start_method() == "forkserver"
    finally:
        stop.set()
        t.join()


def test_no_vocabulary_estimates_in_every_worker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from finetune_desktop.core.tokens.encodings import reset_loaded

    path = _scattered(tmp_path, 600)
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(tmp_path / "empty-cache"))
    monkeypatch.setenv("FINETUNE_DESKTOP_OFFLINE", "1")
    monkeypatch.setattr(check_mod, "PARALLEL_MIN_BYTES", 0)
    reset_loaded()
    try:
        serial = run_check(path, workers=1)
        parallel = run_check(path, workers=2)
    finally:
        reset_loaded()
    assert serial.tokens.estimated
    assert serial.cost.estimated
    assert parallel.tokens == serial.tokens
    assert serial.to_json()["tokens"]["estimated"] is True


def test_same_findings_as_the_validation_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """check's parallel dataset rules must agree with ``validate_dataset`` on a loaded file."""
    from finetune_desktop.core.dataset.jsonl_reader import load_jsonl
    from finetune_desktop.core.validation.incremental import validate_dataset

    dpo = {
        "input": {"messages": [{"role": "user", "content": "Capital?"}]},
        "preferred_output": [{"role": "assistant", "content": "Paris."}],
        "non_preferred_output": [{"role": "assistant", "content": "Lyon."}],
    }
    path = _scattered(tmp_path, 400)
    with path.open("ab") as f:
        f.write(json.dumps(dpo).encode() + b"\n")
    val = write_lines(tmp_path / "val.jsonl", [chat(10), chat(999)])
    monkeypatch.setattr(check_mod, "PARALLEL_MIN_BYTES", 0)
    report = run_check(path, validation_path=val, workers=2)
    load_codes = {"invalid_json", "crlf", "blank_line", "bom", "invalid_utf8", "not_an_object"}
    ours = sorted(
        (f.code, f.line, f.example, f.message)
        for f in report.findings
        if f.code not in load_codes and f.file == str(path)
    )
    dataset = load_jsonl(path)
    theirs = sorted(
        (f.code, f.line, f.example, f.message)
        for f in validate_dataset(
            dataset,
            training_context=65_536,
            token_totals={ex.uid: 1 for ex in dataset.examples},
            validation=load_jsonl(val),
        )
    )
    assert ours == theirs
    assert {"duplicate_example", "conflicting_answers", "mixed_formats", "train_validation_overlap"} <= {
        c for c, *_ in ours
    }


def test_fresh_process_parallel_training_still_finds_validation_overlap(tmp_path: Path) -> None:
    """In a fresh process (the CLI) the first check must use one process start method throughout: digests
    made with Python's seeded hash in forked workers must be compared with digests from the same seed."""
    import subprocess
    import sys

    train = write_lines(tmp_path / "train.jsonl", [chat(i) for i in range(300)])
    val = write_lines(tmp_path / "val.jsonl", [chat(7)])
    code = (
        "import sys, finetune_desktop.core.check.run as c\n"
        "c.PARALLEL_MIN_BYTES = 0\n"
        "r = c.run_check(sys.argv[1], validation_path=sys.argv[2], workers=2)\n"
        "print(sorted((f.line, f.example) for f in r.findings if f.code == 'train_validation_overlap'))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(train), str(val)], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[(8, 7)]"


def test_a_check_starts_no_lasting_thread_in_a_fresh_process(tmp_path: Path) -> None:
    """A thread left running (e.g. the reader's compressor, started when raw bytes are kept) would make the
    next check's workers start by forkserver: slower, and the reason digests must agree on one method."""
    import subprocess
    import sys

    train = write_lines(tmp_path / "train.jsonl", [chat(i) for i in range(300)])
    code = (
        "import sys, threading, finetune_desktop.core.check.run as c\n"
        "c.PARALLEL_MIN_BYTES = 0\n"
        "c.run_check(sys.argv[1], workers=2)\n"
        "print(sorted(t.name for t in threading.enumerate() if t is not threading.main_thread()))\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(train)], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
