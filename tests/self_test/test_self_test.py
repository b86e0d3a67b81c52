"""``finetune-desktop --version`` and ``--self-test`` (the installed bundle runs the same code in CI)."""

from __future__ import annotations

import importlib.metadata
import io
import socket
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from finetune_desktop.cli import main
from finetune_desktop.core.tokens import encodings
from finetune_desktop.self_test import network_disabled, run_self_test


def test_version_prints_the_package_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    version = importlib.metadata.version("finetune-desktop")
    assert capsys.readouterr().out.strip() == f"finetune-desktop {version}"


def test_network_disabled_refuses_the_internet_but_not_loopback() -> None:
    listener = socket.create_server(("127.0.0.1", 0))
    try:
        with network_disabled():
            with socket.create_connection(listener.getsockname(), timeout=5):
                pass
            outside = socket.socket()
            try:
                with pytest.raises(OSError, match="networking is disabled"):
                    outside.connect(("192.0.2.1", 443))  # TEST-NET-1: never routed
                with pytest.raises(OSError, match="networking is disabled"):
                    outside.connect_ex(("192.0.2.1", 443))
            finally:
                outside.close()
        assert socket.socket.connect.__name__ == "connect"  # restored
    finally:
        listener.close()


@pytest.mark.keyring
@pytest.mark.slow
def test_self_test_passes_in_a_working_install(qtbot: QtBot, app_home: Path) -> None:
    from finetune_desktop.core.accounts.keystore import detect_status

    if not detect_status().available:
        pytest.skip("no Secret Service reachable (run inside dbus-run-session, as scripts/test.sh does)")
    out = io.StringIO()
    code = run_self_test(out)
    text = out.getvalue()
    assert code == 0, text
    for step in ("tokenizer", "translations", "main window", "sample", "check", "keyring", "local server"):
        assert f"ok    {step}:" in text
    assert "counted exactly" in text
    assert not list(app_home.iterdir()), "the self-test wrote into the user's app home"


@pytest.mark.slow
def test_self_test_fails_and_says_why_without_vocabularies(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(tmp_path / "no-vocabularies"))
    monkeypatch.setattr("finetune_desktop.self_test.step_keyring", lambda: "skipped in this test")
    out = io.StringIO()
    try:
        code = run_self_test(out)
    finally:
        encodings.reset_loaded()
    text = out.getvalue()
    assert code == 1
    assert "FAIL  tokenizer: no vocabulary for o200k_base, cl100k_base" in text
    assert "FAIL  sample: token counts are estimated" in text
    assert "FAIL  check: check counted tokens by estimate" in text
    assert "ok    local server:" in text
    assert text.rstrip().endswith("self-test FAILED: tokenizer, sample, check")
