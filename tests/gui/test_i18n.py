"""The Chinese catalog covers every GUI string, its .qm is current, and the language choice really applies."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import pytest
from keyring.backend import KeyringBackend
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from finetune_desktop.core.accounts.keystore import KeyStore
from finetune_desktop.core.accounts.profile_store import ProfileStore
from finetune_desktop.gui import i18n
from finetune_desktop.gui.context import AppContext
from tests.gui.test_settings import MemoryKeyring

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "finetune_desktop_zh_CN.ts"
QM = TS.with_suffix(".qm")
UPDATE = "scripts/update-translations.sh"
# %1..%99, %n, Python str.format fields ({name}, {0}) and the literal "%%".
PLACEHOLDER = re.compile(r"%(?:\d+|n)|\{\w*\}|%%")


@dataclass(frozen=True)
class Entry:
    context: str
    source: str
    numerus: bool
    translations: tuple[str, ...]
    kind: str | None  # the translation's type attribute: None when finished


def read_ts(path: Path) -> list[Entry]:
    out = []
    for ctx in ET.parse(path).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            t = msg.find("translation")
            assert t is not None
            numerus = msg.get("numerus") == "yes"
            texts = tuple(n.text or "" for n in t.iter("numerusform")) if numerus else (t.text or "",)
            out.append(Entry(name, msg.findtext("source") or "", numerus, texts, t.get("type")))
    return out


def tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed")
    return found


def gui_sources() -> list[str]:
    """The same files scripts/update-translations.sh hands to lupdate."""
    files = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "finetune_desktop" / "gui").rglob("*.py"))
    return [*files, "finetune_desktop/app.py"]


def test_every_gui_string_has_a_committed_translation(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh_zh_CN.ts"
    subprocess.run(
        [tool("pyside6-lupdate"), "-silent", "-locations", "none", *gui_sources(), "-ts", str(fresh)],
        cwd=ROOT,
        check=True,
        timeout=120,
    )
    wanted = {(e.context, e.source, e.numerus) for e in read_ts(fresh)}
    have = {(e.context, e.source, e.numerus) for e in read_ts(TS) if e.kind is None}
    missing = sorted(wanted - have)
    stale = sorted(have - wanted)
    hint = f"Run {UPDATE}, translate the new entries in {TS.relative_to(ROOT)}, run it again and commit."
    assert not missing, (
        "GUI strings without a Chinese translation:\n"
        + "\n".join(f"  [{c}] {s!r}" for c, s, _n in missing)
        + "\n"
        + hint
    )
    assert not stale, (
        "Catalog entries no GUI code uses any more:\n"
        + "\n".join(f"  [{c}] {s!r}" for c, s, _n in stale)
        + "\n"
        + hint
    )


def test_no_gui_string_is_translated_inside_an_f_string() -> None:
    """lupdate does not see ``self.tr("...")`` inside an f-string's braces: such a string stays English
    (the export dialog's "Next steps" heading did)."""
    import io
    import tokenize

    found = []
    for name in gui_sources():
        source = (ROOT / name).read_text("utf-8")
        for tok in tokenize.generate_tokens(io.StringIO(source).readline):
            if tok.type != tokenize.STRING:
                continue
            prefix = re.match(r"[A-Za-z]*", tok.string).group(0).lower()  # type: ignore[union-attr]
            if "f" in prefix and re.search(r"\b(?:tr|translate)\(", tok.string):
                found.append(f"{name}:{tok.start[0]}")
    assert not found, "tr() inside an f-string (lupdate misses it): " + ", ".join(found)


def test_catalog_has_no_unfinished_obsolete_or_empty_entries() -> None:
    entries = read_ts(TS)
    assert len(entries) > 250
    bad = [(e.context, e.source, e.kind) for e in entries if e.kind is not None]
    assert not bad, f"unfinished/obsolete/vanished entries (run {UPDATE}): {bad}"
    empty = [(e.context, e.source) for e in entries if not all(t.strip() for t in e.translations)]
    assert not empty, f"empty translations: {empty}"
    plurals = [e for e in entries if e.numerus]
    assert plurals, "the %n plural strings are in the catalog"
    assert all(len(e.translations) == 1 for e in plurals), "Chinese has one plural form"


def test_translations_keep_placeholders_and_accelerators() -> None:
    problems = []
    for e in read_ts(TS):
        want = sorted(PLACEHOLDER.findall(e.source))
        for text in e.translations:
            if sorted(PLACEHOLDER.findall(text)) != want:
                problems.append(f"[{e.context}] {e.source!r} -> {text!r}: placeholders {want}")
            if re.search(r"&\w", e.source) and not re.search(r"&\w", text):
                problems.append(f"[{e.context}] {e.source!r} -> {text!r}: keyboard accelerator lost")
            if e.source.count("\n") != text.count("\n"):
                problems.append(f"[{e.context}] {e.source!r} -> {text!r}: line breaks differ")
    assert not problems, "\n".join(problems)


def test_committed_qm_matches_the_ts(tmp_path: Path) -> None:
    built = tmp_path / "zh_CN.qm"
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(TS), "-qm", str(built)], check=True, timeout=60)
    assert built.read_bytes() == QM.read_bytes(), f"{QM.name} is older than {TS.name}: run {UPDATE}"


# -- the language really applies -------------------------------------------------------------------
@pytest.fixture
def language(qapp: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    monkeypatch.delenv(i18n.LANGUAGE_ENV, raising=False)
    yield i18n.apply_language
    i18n.remove_translators()  # later tests in this process expect the English source strings


@pytest.fixture
def make_window(qtbot: QtBot) -> Iterator[Any]:
    main_window = pytest.importorskip("finetune_desktop.gui.main_window")
    contexts: list[AppContext] = []

    def make() -> Any:
        context = AppContext(ProfileStore(), KeyStore(backend=cast(KeyringBackend, MemoryKeyring())))
        contexts.append(context)
        win = main_window.MainWindow(context)
        qtbot.addWidget(win)
        win.show()
        return win

    yield make
    for context in contexts:
        context.runner.shutdown()


def menu_titles(win: Any) -> list[str]:
    return [a.text() for a in win.menuBar().actions()]


def test_chinese_window_navigation_menus_and_dialogs(qtbot: QtBot, language: Any, make_window: Any) -> None:
    assert language("zh_CN") == "zh_CN"
    assert i18n.current_language() == "zh_CN"
    assert QLocale().name() == "zh_CN"
    win = make_window()
    assert [title for _key, title in win.page_keys()] == ["数据集", "任务", "对比", "设置"]
    assert menu_titles(win) == ["文件(&F)", "编辑(&E)", "帮助(&H)"]
    file_menu = win.menuBar().actions()[0].menu()
    assert "打开(&O)…" in [a.text() for a in file_menu.actions()]
    assert win.profile_switcher.text().startswith("后端：")
    assert win.profile_switcher.combo.currentText() == "沙盒（本地、免费、无需账户）"
    assert win.page("settings").details_title.text() == "沙盒（本地）"
    assert win.banner.title.text() == "你正在使用内置沙盒"
    assert QCoreApplication.translate("DatasetPage", "%n example(s)", "", 3) == "3 个样本"

    settings = win.page("settings")
    settings._on_add_clicked()
    dialog = settings.profile_dialog
    assert dialog is not None
    assert dialog.isVisible()
    assert dialog.windowTitle() == "添加连接"
    # Qt's own catalog: the standard buttons of the dialog are Chinese too
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Save).text() == "保存"
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"
    dialog.reject()

    tour = win.start_tour()
    assert tour is not None
    assert tour.heading.text() == "欢迎使用 Finetune Desktop"
    assert tour.next_button.text() == "下一步"
    tour.reject()


def test_english_choice_shows_the_source_strings(qtbot: QtBot, language: Any, make_window: Any) -> None:
    language("zh_CN")
    assert language("en") == "en"  # replaces the Chinese translators
    win = make_window()
    assert [title for _key, title in win.page_keys()] == ["Dataset", "Jobs", "Compare", "Settings"]
    assert menu_titles(win) == ["&File", "&Edit", "&Help"]
    assert QCoreApplication.translate("DatasetPage", "%n example(s)", "", 3) == "3 examples"
    assert QCoreApplication.translate("DatasetPage", "%n example(s)", "", 1) == "1 example"
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save)
    assert buttons.button(QDialogButtonBox.StandardButton.Save).text() == "Save"


def test_choice_comes_from_env_then_settings_then_system(
    qapp: Any, language: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = AppContext.ui_settings()
    assert i18n.saved_choice(settings) == "system"
    i18n.save_choice(settings, "zh-CN")
    assert i18n.saved_choice(AppContext.ui_settings()) == "zh_CN"
    assert language() == "zh_CN"  # read from ui.ini
    monkeypatch.setenv(i18n.LANGUAGE_ENV, "en_US")
    assert language() == "en"  # the environment wins
    monkeypatch.setenv(i18n.LANGUAGE_ENV, "klingon")
    assert language() == "zh_CN"  # an unknown value is ignored
    monkeypatch.delenv(i18n.LANGUAGE_ENV)
    i18n.save_choice(settings, "system")
    assert language() == i18n.language_for_locale(QLocale.system())


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("zh_CN", "zh_CN"),
        ("zh_SG", "zh_CN"),
        ("zh_TW", "en"),
        ("zh_HK", "en"),
        ("en_GB", "en"),
        ("de_DE", "en"),
    ],
)
def test_system_default_follows_the_locale(locale: str, expected: str) -> None:
    assert i18n.language_for_locale(QLocale(locale)) == expected


def test_settings_language_row_saves_the_choice_for_the_next_start(
    qtbot: QtBot, language: Any, make_window: Any
) -> None:
    language("en")
    win = make_window()
    row = win.page("settings").language_row
    assert row.choice() == "system"
    assert [row.combo.itemText(i) for i in range(1, row.combo.count())] == ["English", "简体中文"]
    index = row.combo.findData("zh_CN")
    with qtbot.waitSignal(row.language_chosen) as chosen:
        row.combo.setCurrentIndex(index)
        row.combo.activated.emit(index)
    assert chosen.args == ["zh_CN"]
    assert i18n.saved_choice(AppContext.ui_settings()) == "zh_CN"
    assert "Restart" in row.note.text()
    # not before a restart
    assert [title for _key, title in win.page_keys()] == ["Dataset", "Jobs", "Compare", "Settings"]


def test_finding_titles_cover_core_codes_and_translate(qapp: Any, language: Any) -> None:
    from finetune_desktop.core.dataset.examples import LOAD_ISSUE_CODES
    from finetune_desktop.core.validation.codes import FINDING_CODES
    from finetune_desktop.gui.finding_titles import finding_title

    core_titles = {code: desc for code, (_sev, desc) in FINDING_CODES.items()} | LOAD_ISSUE_CODES
    stale = {
        code: (desc, finding_title(code)) for code, desc in core_titles.items() if finding_title(code) != desc
    }
    assert not stale, (
        "finetune_desktop/gui/finding_titles.py must repeat core's FINDING_CODES and LOAD_ISSUE_CODES "
        "descriptions word for word "
        f"(then run {UPDATE} and translate): {stale}"
    )
    assert finding_title("no_such_code") is None
    language("zh_CN")
    assert finding_title("duplicate_example") == "样本与另一个样本完全重复。"
    assert finding_title("invalid_json") == "该行不是有效的 JSON，未被载入（作为无法读取的行保留）。"


def test_connection_report_names_the_built_in_profile_in_the_gui_language(qapp: Any, language: Any) -> None:
    import datetime as dt

    from finetune_desktop.core.accounts.connection_check import ConnectionReport, JobEligibility
    from finetune_desktop.core.accounts.profiles import ProfileKind
    from finetune_desktop.gui.settings.report_text import report_html

    def report(name: str, kind: ProfileKind) -> ConnectionReport:
        return ConnectionReport(name, kind, dt.date(2026, 11, 27), 3, [], [], JobEligibility.SERVER_DECIDES)

    language("zh_CN")
    assert "“沙盒（本地）”" in report_html(report("Sandbox (local)", ProfileKind.SANDBOX))
    assert "“Work”" in report_html(report("Work", ProfileKind.OPENAI))  # a user's own name stays


def test_export_next_steps_show_their_placeholders_in_chinese(qtbot: QtBot, language: Any) -> None:
    """The commands' placeholders (what only the user knows) come from core in English; the dialog shows
    each in the GUI's language."""
    from finetune_desktop.core.api.exports import PLACEHOLDERS, ExportStatus
    from finetune_desktop.gui.jobs.export import ExportDialog
    from finetune_desktop.gui.tasks import TaskRunner

    assert language("zh_CN") == "zh_CN"
    runner = TaskRunner()
    dialog = ExportDialog(["ft:x:local:s:1"], lambda *_a, **_k: None, runner)  # type: ignore[arg-type, return-value]
    qtbot.addWidget(dialog)
    common = {
        "id": "e",
        "model": "ft:x:local:s:1",
        "kind": "adapter",
        "folder": "/tmp/out",
        "status": "succeeded",
    }
    shown = dialog.result_html(ExportStatus(**common, base_path="/models/base.gguf"))  # type: ignore[arg-type]
    shown += dialog.result_html(ExportStatus(**common))  # type: ignore[arg-type]
    for placeholder in PLACEHOLDERS:
        assert html.escape(placeholder) not in shown
    assert html.escape("<基础模型的 Hugging Face ID>") in shown
    assert html.escape("<基础模型的文件夹>") in shown
    assert html.escape("<Ollama 中的同一个基础模型>") in shown
    assert runner.shutdown()
