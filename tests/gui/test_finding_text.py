"""Every finding, worded by the GUI in English and Simplified Chinese: no code without a title, detail and
fix, and no English sentence left inside the Chinese (user data and technical names aside)."""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from finetune_desktop.core.dataset.examples import LOAD_ISSUE_CODES
from finetune_desktop.core.dataset.jsonl_reader import load_jsonl
from finetune_desktop.core.validation.codes import FINDING_CODES
from finetune_desktop.core.validation.findings import Finding, Severity
from finetune_desktop.core.validation.load_findings import issue_findings
from finetune_desktop.gui import i18n
from finetune_desktop.gui.finding_details import detail_templates
from finetune_desktop.gui.finding_fixes import fix_templates
from finetune_desktop.gui.finding_text import FindingText, has_words, place, render_finding
from finetune_desktop.gui.finding_titles import finding_title
from tests.core.validation.test_codes import _run

IO_FIXTURES = Path(__file__).resolve().parents[1] / "core" / "fixtures" / "io"
ALL_CODES = sorted(set(FINDING_CODES) | set(LOAD_ISSUE_CODES))
# technical names that stay as they are in Chinese text: file formats, JSON words, roles and keys
TECHNICAL = {
    "json", "lines", "schema", "openai", "dpo", "url", "https", "http", "jpeg", "png", "webp", "mb", "utf",
    "bom", "crlf", "lf", "nan", "infinity", "null", "true", "false", "excel", "word", "csv", "xlsx", "xls",
    "zip", "id", "auto", "low", "high", "function", "token", "messages", "role", "content", "name", "weight",
    "tool_call_id", "tool_calls", "function_call", "system", "developer", "user", "assistant", "tool",
    "parallel_tool_calls", "tools", "functions", "input", "preferred_output", "non_preferred_output",
    "arguments", "type", "data", "s", "windows", "n", "t",
}  # fmt: skip
WORD = re.compile(r"[A-Za-z_][A-Za-z_0-9]*")
QUOTED = re.compile(r"`[^`]*`|\"[^\"]*\"|“[^”]*”")


@pytest.fixture
def chinese(qapp: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv(i18n.LANGUAGE_ENV, raising=False)
    assert i18n.apply_language("zh_CN") == "zh_CN"
    yield
    i18n.remove_translators()


def english_left(text: str, finding: Finding) -> list[str]:
    """The English words in ``text`` that are neither user data (the finding's values) nor technical."""
    for value in sorted((str(v) for v in finding.params.values()), key=len, reverse=True):
        if value:
            text = text.replace(value, " ")
    text = QUOTED.sub(" ", text)
    return [w for w in WORD.findall(text) if w.lower() not in TECHNICAL]


def check_chinese(text: FindingText, finding: Finding) -> None:
    for part in (text.title, text.detail, text.fix):
        assert part, (finding.code, finding.variant, text)
        assert re.search(r"[\u4e00-\u9fff]", part), (finding.code, part)
        assert not english_left(part, finding), (finding.code, finding.variant, part)
    assert not english_left(text.where.split(" · ")[0] if text.where else "", finding), text.where
    assert "…" not in text.detail + text.fix, (finding.code, "a placeholder without a value", text)


def fixture_findings(monkeypatch: pytest.MonkeyPatch) -> list[Finding]:
    out: list[Finding] = []
    for code in sorted(FINDING_CODES):
        out += _run(code, monkeypatch)
    for path in sorted(IO_FIXTURES.glob("*.jsonl")):
        out += list(issue_findings(load_jsonl(path).issues, str(path), cookbook=False))
    return out


def test_every_code_has_a_title_detail_and_fix_in_both_languages(qapp: Any) -> None:
    for code in ALL_CODES:
        assert finding_title(code), code
        variants = {v for c, v in detail_templates() if c == code} | {""}
        assert any(has_words(code, v) for v in variants), f"{code} has no words in finding_details/fixes"


def test_fixture_findings_read_plainly_in_english(qapp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    found = fixture_findings(monkeypatch)
    codes = {f.code for f in found}
    assert set(FINDING_CODES) <= codes
    assert {"bom", "crlf", "blank_line", "invalid_json", "invalid_utf8", "not_an_object"} <= codes
    for f in found:
        assert has_words(f.code, f.variant), (f.code, f.variant, "core has a variant the GUI cannot word")
        text = render_finding(f)
        assert text.detail, (f.code, text)
        assert text.fix, (f.code, text)
        assert "…" not in text.detail, (f.code, text)
        # the JSON path is shown apart, not in the words
        assert f.path is None or "[" not in f.path or f.path not in text.detail
    bad = next(f for f in found if f.code == "invalid_json" and f.params.get("column"))
    text = render_finding(bad)
    assert not re.search(r"line \d+", text.detail, re.IGNORECASE)  # no "line 3: Line 3, ..." doubling
    assert re.fullmatch(r"line \d+, column \d+", text.where)
    assert "validator" not in text.fix.lower()


def test_fixture_findings_in_chinese_have_no_english(chinese: None, monkeypatch: pytest.MonkeyPatch) -> None:
    for f in fixture_findings(monkeypatch):
        check_chinese(render_finding(f), f)


def sample_params(template: str) -> dict[str, Any]:
    names = {name for _t, name, _s, _c in string.Formatter().parse(template) if name}
    values: dict[str, Any] = {"role": "user", "allowed": "assistant", "found": "list", "format": "chat"}
    values |= {"majority": "preference", "calls_at": "messages[2].tool_calls"}
    return {
        n: values.get(n, 7 if n not in ("value", "key", "byte", "encoding", "error") else '"x1"')
        for n in names
    }


@pytest.mark.parametrize(
    "path", ["messages[1].content", "input.messages[0]", "preferred_output", "tools[0].type"]
)
def test_every_template_with_parameters_is_chinese(chinese: None, path: str) -> None:
    details, fixes = detail_templates(), fix_templates()
    for code, variant in sorted(set(details) | set(fixes)):
        templates = (d.get((code, variant)) or d.get((code, ""), "") for d in (details, fixes))
        params = sample_params(" ".join(templates))
        params = {k: v for k, v in params.items() if k != "where"}
        f = Finding(
            code, Severity.ERROR, "English message.", "English fix.", 3, 2, path, None, variant, params
        )
        check_chinese(render_finding(f), f)


def test_places_in_plain_words(qapp: Any) -> None:
    assert place("messages[1].content") == "the 2nd message"
    assert place("messages[2].content[0].image_url") == "part 1 of the 3rd message"
    assert place("messages[10].tool_calls[1].id") == "tool call 2 of the 11th message"
    assert place("input.messages[0]") == "the 1st message of the prompt"
    assert place("non_preferred_output[0].content") == "the rejected reply"
    assert place(None) == "the example"


def test_places_in_chinese(chinese: None) -> None:
    assert place("messages[1].content") == "第 2 条消息"
    assert place("messages[2].content[0]") == "第 3 条消息的第 1 部分"


def test_the_chinese_findings_panel_shows_no_english(qtbot: Any, chinese: None, tmp_path: Path) -> None:
    from finetune_desktop.gui.dataset.findings_model import SecondaryRole
    from tests.gui.editor_helpers import close_window, make_window, open_and_wait, sample_rows, write_jsonl

    rows = sample_rows(12)
    rows[2]["messages"][1]["role"] = "assitant"
    rows[4]["messages"][1]["weight"] = 0.5
    rows[5]["messages"][1]["content"] = ""
    bad = {3: '{"messages": [ broken', 8: "[1, 2, 3]"}
    window = make_window(qtbot)
    try:
        open_and_wait(qtbot, window, write_jsonl(tmp_path / "bad.jsonl", rows, bad=bad))
        panel = window.dataset_page.validation
        window.dataset_page.tabs.setCurrentWidget(panel)
        qtbot.waitUntil(lambda: panel.model.rowCount() >= 5, timeout=5000)
        m = panel.model
        seen = 0
        for g, group in enumerate(m.groups):
            parent = m.index(g, 0)
            for r, finding in enumerate(group.findings):
                index = m.index(r, 0, parent)
                words = m.data(index) + " " + m.data(index, Qt.ItemDataRole.ToolTipRole)
                assert not english_left(words.replace(m.data(index, SecondaryRole), " "), finding), words
                seen += 1
        assert seen >= 6
        assert re.search(r"[\u4e00-\u9fff]", panel.summary.text())
    finally:
        close_window(window)
