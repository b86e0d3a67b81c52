"""Redaction of keys in text, log records and crash reports."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from finetune_desktop.core.accounts.redact import (
    REDACTED,
    forget_secret,
    looks_like_key,
    mask,
    redact,
    register_secret,
)
from finetune_desktop.core.logging_setup import (
    CrashHook,
    log_file_path,
    setup_logging,
    teardown_logging,
)


@pytest.mark.parametrize(
    "text",
    [
        "key=sk-test-FAKE-abc123",
        "sk-proj-FAKEFAKEFAKE_x-y",
        "Authorization: Bearer FAKEtoken12345",
        "headers {'api-key': 'abcdef0123456789'}".replace("'api-key': '", "api-key: "),
        "OpenAI(api_key='sk-test-FAKE-in-repr')",
    ],
)
def test_key_shaped_strings_are_redacted(text: str) -> None:
    out = redact(text)
    assert REDACTED in out
    assert "FAKE" not in out
    assert "abcdef0123456789" not in out


def test_registered_secret_of_any_shape_is_redacted_and_can_be_forgotten() -> None:
    secret = "azure0123456789abcdef"
    assert redact(f"x {secret} y") == f"x {secret} y"
    register_secret(secret)
    try:
        assert redact(f"x {secret} y {secret}") == f"x {REDACTED} y {REDACTED}"
    finally:
        forget_secret(secret)
    assert secret in redact(secret)


def test_short_secrets_are_not_registered_and_ordinary_text_is_untouched() -> None:
    register_secret("abc")
    text = "The sandbox answered 200 for gpt-4o-mini-2024-07-18 (request req_123); 写一篇微型小说"
    assert redact(text) == text
    assert redact("") == ""


def test_looks_like_key_and_mask() -> None:
    assert looks_like_key("sk-test-FAKE-123")
    assert not looks_like_key("org-abc123")
    assert mask("sk-test-FAKE-123") == "•" * 16
    assert mask("") == ""
    assert "sk" not in mask("sk-test-FAKE")


@pytest.fixture
def file_log() -> Iterator[Path]:
    path = setup_logging()
    yield path
    teardown_logging()


def test_log_file_redacts_messages_arguments_and_tracebacks(file_log: Path, app_home: Path) -> None:
    assert file_log == log_file_path()
    assert file_log.is_relative_to(app_home)
    log = logging.getLogger("finetune_desktop.test")
    key = "sk-test-FAKE-logged-42"
    log.warning("using key %s", key)
    log.warning(f"inline {key}")
    try:
        raise ValueError(f"bad key {key}")
    except ValueError:
        log.exception("failed with %r", {"api_key": key})
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = file_log.read_text(encoding="utf-8")
    assert key not in text
    assert text.count(REDACTED) >= 4
    assert "ValueError" in text


def test_crash_hook_writes_a_redacted_report(app_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seen: list[tuple[Path, str]] = []
    hook = CrashHook(on_crash=lambda path, text: seen.append((path, text))).install()
    try:
        assert sys.excepthook is hook
        key = "sk-test-FAKE-crash-7"
        try:
            raise RuntimeError(f"boom with {key}")
        except RuntimeError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)
    finally:
        hook.uninstall()
    assert sys.excepthook is not hook
    (path, text), = seen
    assert path.parent == app_home / "logs"
    report = path.read_text(encoding="utf-8")
    assert "RuntimeError: boom with [REDACTED]" in report
    assert key not in report
    assert key not in text
    assert key not in capsys.readouterr().err
