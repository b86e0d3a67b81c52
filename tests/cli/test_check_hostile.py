"""``finetune-desktop check`` against hostile files and option values (issue 13): every run ends with
exit 0, 1 or 2 and a message, never a traceback or a hang."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.cli.test_check_cli import chat, run_cli, write

SURROGATE_LINES = [
    rb'{"messages": [{"role": "user", "content": "a \ud800 b"}, {"role": "assistant", "content": "x"}]}',
    rb'{"messages": [{"role": "\udc00", "content": "a"}, {"role": "assistant", "content": "x"}]}',
    rb'{"messages": [{"role": "user", "content": "a", "\ud83d": 1}, {"role": "assistant", "content": "x"}]}',
]


@pytest.mark.parametrize("bad", SURROGATE_LINES)
@pytest.mark.parametrize("as_json", [False, True])
def test_lone_surrogate_is_a_finding_at_its_line_printed_escaped(
    tmp_path: Path, bad: bytes, as_json: bool
) -> None:
    lines: list[object | bytes] = [chat(i) for i in range(12)]
    lines[4] = bad
    path = write(tmp_path / "train.jsonl", lines)
    out = run_cli(path, *(["--json"] if as_json else []))
    assert out.returncode == 1, out.stderr
    assert "Traceback" not in out.stderr
    if as_json:
        report = json.loads(out.stdout)
        (err,) = [e for e in report["errors"] if e["line"] == 5]
        assert err["code"] == "invalid_json"
        assert "lone surrogate" in err["message"]
        assert report["examples"] == 11
    else:
        assert f"{path}:5  [error invalid_json]" in out.stdout
        assert "lone surrogate escape (such as \\ud800)" in out.stdout


def test_a_surrogate_pair_is_an_ordinary_character(tmp_path: Path) -> None:
    lines: list[object | bytes] = [chat(i) for i in range(12)]
    lines[3] = (
        rb'{"messages": [{"role": "user", "content": "\ud83d\ude00"}, {"role": "assistant", "content": "x"}]}'
    )
    out = run_cli(write(tmp_path / "train.jsonl", lines), "--json")
    assert out.returncode == 0, out.stdout
    assert json.loads(out.stdout)["examples"] == 12


def test_a_file_name_that_is_not_utf8_is_printed_escaped(tmp_path: Path) -> None:
    name = os.fsdecode(b"train-\xff.jsonl")  # a surrogate-escaped str on Linux
    path = write(tmp_path / name, [chat(i) for i in range(12)])
    out = run_cli(path)
    assert out.returncode == 0, out.stderr
    assert "train-\\udcff.jsonl: 12 examples" in out.stdout


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
@pytest.mark.parametrize("where", ["train", "validation", "models-file"])
def test_a_named_pipe_is_refused_at_once(tmp_path: Path, where: str) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    good = write(tmp_path / "train.jsonl", [chat(i) for i in range(12)])
    args = {
        "train": [fifo],
        "validation": [good, "--validation", fifo],
        "models-file": [good, "--models-file", fifo],
    }
    out = run_cli(*args[where])  # run_cli's timeout turns a hang into a failure
    assert out.returncode == 2
    assert "named pipe (FIFO)" in out.stderr
    assert "Traceback" not in out.stderr


def test_a_device_is_refused(tmp_path: Path) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    out = run_cli("/dev/zero")
    assert out.returncode == 2
    assert "character device" in out.stderr


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--rate", "inf"),
        ("--rate", "nan"),
        ("--rate", "-1"),
        ("--rate", "0"),
        ("--rate", "abc"),
        ("--rate", "1e999"),
        ("--rate", "9" * 5000),
        ("--currency", "12"),
        ("--currency", ""),
        ("--workers", "0"),
        ("--workers", "-3"),
        ("--workers", "10000000"),
        ("--workers", "x"),
    ],
)
def test_bad_option_values_are_usage_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str, value: str
) -> None:
    from finetune_desktop.cli import main

    path = write(tmp_path / "train.jsonl", [chat(i) for i in range(12)])
    with pytest.raises(SystemExit) as exc:
        main(["check", str(path), option, value])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert f"argument {option}:" in err


def test_a_good_rate_still_prices(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from finetune_desktop.cli import main

    path = write(tmp_path / "train.jsonl", [chat(i) for i in range(12)])
    assert main(["check", str(path), "--json", "--rate", "7.5", "--currency", "eur"]) == 0
    cost = json.loads(capsys.readouterr().out)["cost"]
    assert cost["currency"] == "EUR"
    assert cost["rate"] == "7.5"


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ('{"models": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deeply"),
        ('{"models": {"gpt-4o-mini-2024-07-18": {"note": ' + "9" * 5000 + "}}}", "4,300 digits"),
        ('{"models": {"gpt-4o-mini-2024-07-18": {"training_price_per_1m": "1e999999"}}}', "too large"),
        ('{"currency": {"rate_per_usd": 1e999}}', "must be zero or more"),
        ('{"models": {"gpt-4o-mini-2024-07-18": {"status": {"a": 1}}}}', "status"),
    ],
)
def test_a_hostile_models_file_is_a_broken_catalog(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, says: str
) -> None:
    from finetune_desktop.cli import main

    models = tmp_path / "models.json"
    models.write_text(content)
    path = write(tmp_path / "train.jsonl", [chat(i) for i in range(12)])
    assert main(["check", str(path), "--models-file", str(models)]) == 2
    assert says in capsys.readouterr().err
