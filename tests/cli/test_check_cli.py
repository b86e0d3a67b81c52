"""``finetune-desktop check`` as a real subprocess: exit codes, the --json shape, the human report."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SYSTEM = {"role": "system", "content": "You answer briefly. 请简短回答。"}
TOP_KEYS = {
    "file",
    "format",
    "model",
    "examples",
    "errors",
    "warnings",
    "tokens",
    "epochs",
    "cost",
    "finding_counts",
}
TOKEN_KEYS = {"total", "billed", "max_example", "p50", "p90", "estimated"}
FINDING_KEYS = {"code", "severity", "line", "example", "path", "message", "fix"}


def chat(i: int) -> dict[str, object]:
    return {
        "messages": [
            SYSTEM,
            {"role": "user", "content": f"What is {i} + {i}? 问题 {i}"},
            {"role": "assistant", "content": f"It is {2 * i}."},
        ]
    }


def write(path: Path, lines: list[object | bytes]) -> Path:
    data = [x if isinstance(x, bytes) else json.dumps(x, ensure_ascii=False).encode() for x in lines]
    path.write_bytes(b"\n".join(data) + b"\n")
    return path


def run_cli(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "finetune_desktop", "check", *map(str, args)],
        cwd=ROOT,
        env=env or os.environ.copy(),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_clean_file_exits_0_with_summary(tmp_path: Path) -> None:
    path = write(tmp_path / "train.jsonl", [chat(i) for i in range(60)])
    out = run_cli(path, "--model", "gpt-4o-mini-2024-07-18")
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert f"{path}: 60 examples, chat format, model gpt-4o-mini-2024-07-18" in text
    assert "Findings: 0 errors, 0 warnings" in text
    assert "Tokens per example: min" in text
    assert "median" in text
    assert "p90" in text
    assert "Epochs: 3 (OpenAI's default for 60 examples)" in text
    assert "Estimated cost: $" in text
    assert "CNY" in text
    assert "prices last published 2025-11" in text
    assert "ESTIMATE" not in text


def test_errors_exit_1_and_each_finding_has_its_place(tmp_path: Path) -> None:
    lines: list[object | bytes] = [chat(i) for i in range(12)]
    lines[2] = b'{"messages": [oops'
    lines[6] = {"messages": [SYSTEM, {"role": "user", "content": "hi"}]}
    path = write(tmp_path / "train.jsonl", lines)
    out = run_cli(path)
    assert out.returncode == 1, out.stderr
    assert f"{path}:3  [error invalid_json]" in out.stdout
    assert f"{path}:7  example 6  messages  [error example_missing_assistant_message]" in out.stdout
    assert "    fix: " in out.stdout
    assert "invalid_json" in out.stdout.split("Tokens per example")[0]  # counted in the summary


def test_json_output_shape(tmp_path: Path) -> None:
    lines: list[object | bytes] = [chat(i) for i in range(11)]
    lines.append(b"[1, 2]")
    path = write(tmp_path / "train.jsonl", lines)
    out = run_cli(path, "--json", "--epochs", "4", "--model", "gpt-4.1-2025-04-14")
    assert out.returncode == 1, out.stderr
    assert out.stdout.count("\n") == 1  # exactly one JSON object on one line
    doc = json.loads(out.stdout)
    assert set(doc) == TOP_KEYS
    assert set(doc["tokens"]) == TOKEN_KEYS
    assert doc["file"] == str(path)
    assert doc["format"] == "chat"
    assert doc["model"] == "gpt-4.1-2025-04-14"
    assert doc["examples"] == 11
    assert doc["epochs"] == 4
    assert doc["tokens"]["estimated"] is False
    assert doc["tokens"]["billed"] == doc["tokens"]["total"] > 0
    assert doc["cost"]["usd"] == pytest.approx(doc["tokens"]["billed"] * 4 * 25 / 1e6, rel=1e-12)
    assert "cny" in doc["cost"]
    err, cookbook = doc["errors"]  # the reader's code, then the cookbook notebook's for the same line
    assert set(err) == set(cookbook) >= FINDING_KEYS
    assert (err["code"], err["severity"], err["line"], err["example"]) == ("not_an_object", "error", 12, None)
    assert (cookbook["code"], cookbook["severity"], cookbook["line"]) == ("data_type", "error", 12)
    assert all(w["severity"] == "warning" for w in doc["warnings"])
    assert {w["code"] for w in doc["warnings"]} == {"few_examples"}


def test_validation_file_and_rate(tmp_path: Path) -> None:
    train = write(tmp_path / "train.jsonl", [chat(i) for i in range(20)])
    val = write(tmp_path / "val.jsonl", [chat(3), chat(99)])
    out = run_cli(train, "--validation", val, "--json", "--rate", "7.5")
    assert out.returncode == 1
    doc = json.loads(out.stdout)
    (err,) = doc["errors"]
    assert err["code"] == "train_validation_overlap"
    assert err["line"] == 4
    assert doc["cost"]["rate"] == "7.5"


@pytest.mark.parametrize("kind", ["missing", "directory", "utf16", "permission"])
def test_unreadable_file_exits_2(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "train.jsonl"
    if kind == "directory":
        path.mkdir()
    elif kind == "utf16":
        path.write_bytes(json.dumps(chat(1)).encode("utf-16"))
    elif kind == "permission":
        if os.geteuid() == 0:
            pytest.skip("root reads any file")
        write(path, [chat(1)])
        path.chmod(0)
    out = run_cli(path)
    assert out.returncode == 2
    assert str(path) in out.stderr
    assert "Traceback" not in out.stderr
    js = run_cli(path, "--json")
    assert js.returncode == 2
    assert json.loads(js.stdout)["file"] == str(path)


def test_bad_model_and_bad_catalog_exit_2(tmp_path: Path) -> None:
    path = write(tmp_path / "train.jsonl", [chat(i) for i in range(10)])
    out = run_cli(path, "--model", "gpt-2")
    assert out.returncode == 2
    assert "Unknown model 'gpt-2'" in out.stderr
    bad = tmp_path / "models.json"
    bad.write_text('{"models": {"gpt-4o-2024-08-06": {"training_price_per_1m": "cheap"}}}')
    out = run_cli(path, "--models-file", bad)
    assert out.returncode == 2
    assert str(bad) in out.stderr
    assert "training_price_per_1m" in out.stderr


def test_bad_epochs_is_a_usage_error(tmp_path: Path) -> None:
    path = write(tmp_path / "train.jsonl", [chat(i) for i in range(10)])
    out = run_cli(path, "--epochs", "0")
    assert out.returncode == 2
    assert "epochs must be between 1 and 50" in out.stderr


def test_without_vocabulary_everything_is_marked_estimate(tmp_path: Path) -> None:
    path = write(tmp_path / "train.jsonl", [chat(i) for i in range(12)])
    env = os.environ.copy()
    env["TIKTOKEN_CACHE_DIR"] = str(tmp_path / "empty-cache")
    env["FINETUNE_DESKTOP_OFFLINE"] = "1"
    out = run_cli(path, "--json", env=env)
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert doc["tokens"]["estimated"] is True
    assert doc["cost"]["estimated"] is True
    assert doc["tokens"]["total"] > 0
    human = run_cli(path, env=env)
    assert "ESTIMATE: the tokenizer vocabulary could not be loaded" in human.stdout
    assert "Tokens per example (ESTIMATE)" in human.stdout
    assert "Estimated cost: ESTIMATE $" in human.stdout


def test_human_report_lists_at_most_20_findings_per_code_unless_all(tmp_path: Path) -> None:
    rows: list[object | bytes] = [
        {"messages": [{"role": "user", "content": f"q{i}"}, {"role": "assistant", "content": "a"}]}
        for i in range(25)
    ]
    path = write(tmp_path / "train.jsonl", rows)
    out = run_cli(path)
    assert out.returncode == 0
    assert re.search(r"^  warning  missing_system_message +25$", out.stdout, re.M)
    assert out.stdout.count("[warning missing_system_message]") == 20
    assert "... and 5 more missing_system_message (use --all or --json to see every finding)" in out.stdout
    everything = run_cli(path, "--all")
    assert everything.stdout.count("[warning missing_system_message]") == 25


def test_building_the_parser_imports_no_heavy_module() -> None:
    """``--help`` and every command start fast: core, tokenizer and SDK load when a command runs."""
    code = (
        "import sys\n"
        "from finetune_desktop.cli import build_parser\n"
        "build_parser()\n"
        "heavy = ('openai', 'httpx2', 'tiktoken', 'PySide6', 'multiprocessing',"
        " 'finetune_desktop.core.check.run')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
