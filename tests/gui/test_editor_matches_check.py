"""The editor's figures are core's: for each file, the cost panel shows what ``check --json`` prints
(counts, percentiles, billed tokens, epochs, price), exactly, and the findings have the same codes."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from finetune_desktop.cli import main as cli_main
from finetune_desktop.core.catalog.models import load_catalog
from finetune_desktop.core.catalog.pricing import money
from finetune_desktop.gui.main_window import MainWindow
from tests.gui.editor_helpers import chat, open_and_wait, window, write_jsonl

__all__ = ["window"]

WEATHER_TOOL = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Current weather of a city",
        "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
    },
}


def _plain(n: int) -> list[Any]:
    # uneven lengths, an even count: a median would fall between two examples, a nearest rank on one
    return [
        chat(f"Question {i}: " + "why " * (i * 7 % 13), "Because " * (1 + i % 5), system="Be brief.")
        for i in range(n)
    ]


def _tools(n: int) -> list[Any]:
    rows = []
    for i in range(n):
        call = {"id": f"call_{i}", "type": "function", "function": {"name": "get_weather", "arguments": "{}"}}
        rows.append(
            {
                "tools": [WEATHER_TOOL],
                "messages": [
                    {"role": "user", "content": f"Weather in city {i}?"},
                    {"role": "assistant", "tool_calls": [call]},
                    {"role": "tool", "tool_call_id": f"call_{i}", "content": '{"temp": 21}'},
                    {"role": "assistant", "content": f"It is 21 degrees in city {i}." + " Nice." * (i % 4)},
                ],
            }
        )
    return rows


def _parts(n: int) -> list[Any]:
    return [
        {
            "messages": [
                {
                    "role": "user",
                    "content": [
                        {"type": "text", "text": f"Describe picture {i}"},
                        {"type": "image_url", "image_url": {"url": f"https://example.com/{i}.png"}},
                    ],
                },
                {"role": "assistant", "content": [{"type": "text", "text": "A cat. " * (1 + i % 6)}]},
            ]
        }
        for i in range(n)
    ]


def _dpo(n: int) -> list[Any]:
    return [
        {
            "input": {"messages": [{"role": "user", "content": f"Say hello number {i}"}]},
            "preferred_output": [{"role": "assistant", "content": "Hello! " * (1 + i % 3)}],
            "non_preferred_output": [{"role": "assistant", "content": "Go away."}],
        }
        for i in range(n)
    ]


def _over_the_cap(n: int) -> list[Any]:
    context = load_catalog().require(load_catalog().default_model).training_context or 65_536
    rows = _plain(n)
    rows[1] = chat("Summarise this: " + "lorem ipsum " * (context // 2 + 500), "It is long.")
    return rows


def check_json(capsys: pytest.CaptureFixture[str], path: Path, *args: str) -> Any:
    """What ``finetune-desktop check PATH --json ARGS`` prints, parsed."""
    capsys.readouterr()
    cli_main(["check", str(path), "--json", *args])
    return json.loads(capsys.readouterr().out)


FILES = {
    "plain": (_plain, 40),
    "tool_calls": (_tools, 10),
    "content_parts": (_parts, 7),
    "dpo": (_dpo, 12),
    "over_the_context_cap": (_over_the_cap, 4),
    "big_enough_for_fewer_epochs": (_plain, 9_000),
}


@pytest.mark.parametrize("name", list(FILES))
def test_cost_panel_equals_check_json(
    name: str, qtbot: QtBot, window: MainWindow, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make, n = FILES[name]
    path = write_jsonl(tmp_path / f"{name}.jsonl", make(n))
    catalog = load_catalog()
    open_and_wait(qtbot, window, path)
    cost = window.dataset_page.cost
    cost.currency.setText(catalog.currency.code)
    cost.rate.setValue(float(catalog.currency.rate_per_usd))
    cost.auto_epochs.setChecked(True)
    model = cost.current_model()
    assert model.id == catalog.default_model
    qtbot.waitUntil(lambda: not window.document.analysing, timeout=20_000)
    cost.refresh()
    fig = cost.figures
    assert fig is not None

    report = check_json(capsys, path, "--model", model.id)

    assert fig.examples == report["examples"] == n
    assert fig.tokens.to_json() == report["tokens"]
    assert fig.epochs == report["epochs"]
    assert fig.cost.to_json() == report["cost"]
    findings = Counter(f.code for f in window.document.all_findings())
    assert findings == Counter(f["code"] for f in report["errors"] + report["warnings"])
    if name == "over_the_context_cap":
        assert fig.tokens.truncated_examples == 1
        assert fig.tokens.billed < fig.tokens.total
    # and the panel shows those figures
    assert cost.billed.text().lstrip("≈").replace(",", "") == str(report["tokens"]["billed"])
    assert f"{money(fig.cost.usd or 0):,}" in cost.cost.text()
    assert f"{report['tokens']['p50']:,}" in cost.stats.text()
    assert cost.epochs.value() == report["epochs"]


def test_a_new_model_for_a_big_file_is_counted_on_worker_processes(
    qtbot: QtBot,
    window: MainWindow,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Switching the model of a big file recounts it with core's count_dataset (worker processes), and
    the figures still equal ``check --json``'s for the new model."""
    from finetune_desktop.core.tokens import counter as counter_module
    from finetune_desktop.gui.dataset import core_api

    calls: list[int] = []
    real = core_api.count_examples

    def counting(examples: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(len(examples))
        return real(examples, *args, **kwargs)

    monkeypatch.setattr(core_api, "PARALLEL_MIN_EXAMPLES", 20)  # "big": 20 examples and more
    monkeypatch.setattr(counter_module, "PARALLEL_MIN_EXAMPLES", 20)
    monkeypatch.setattr(core_api, "default_workers", lambda: 2)
    monkeypatch.setattr(core_api, "count_examples", counting)
    pools: list[int] = []
    real_parallel = counter_module._count_parallel

    def in_processes(todo: Any, *args: Any) -> None:
        pools.append(len(todo))
        real_parallel(todo, *args)

    monkeypatch.setattr(counter_module, "_count_parallel", in_processes)
    path = write_jsonl(tmp_path / "big.jsonl", _tools(30))
    open_and_wait(qtbot, window, path)
    cost = window.dataset_page.cost
    catalog = load_catalog()
    cost.currency.setText(catalog.currency.code)
    cost.rate.setValue(float(catalog.currency.rate_per_usd))
    other = next(i for i, m in enumerate(cost.models) if m.id != cost.current_model().id)
    cost.model_box.setCurrentIndex(other)
    qtbot.waitUntil(lambda: bool(calls) and not window.document.analysing, timeout=60_000)
    assert calls == [30]
    assert pools == [30]  # on worker processes
    cost.refresh()
    fig = cost.figures
    assert fig is not None
    report = check_json(capsys, path, "--model", cost.current_model().id)
    assert fig.tokens.to_json() == report["tokens"]
    assert fig.cost.to_json() == report["cost"]


def test_crlf_is_one_finding_for_the_file_as_check_says(
    qtbot: QtBot,
    window: MainWindow,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A file with Windows line ends read in many pieces gets one CRLF finding, worded as check's."""
    from finetune_desktop.gui.dataset import loader

    monkeypatch.setattr(loader, "FIRST_CHUNK", 512)
    monkeypatch.setattr(loader, "CHUNK", 1024)
    monkeypatch.setattr(loader, "PIECE", 300)
    path = tmp_path / "windows.jsonl"
    path.write_bytes(b"".join(json.dumps(r).encode() + b"\r\n" for r in _plain(40)))
    open_and_wait(qtbot, window, path)
    crlf = [f for f in window.document.all_findings() if f.code == "crlf"]
    report = check_json(capsys, path)
    expected = [w for w in report["warnings"] if w["code"] == "crlf"]
    assert len(crlf) == len(expected) == 1
    assert crlf[0].message == expected[0]["message"]
    assert crlf[0].line == expected[0]["line"] == 1
