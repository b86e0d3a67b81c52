"""Scrub API keys out of any text before it reaches a file, a log line or a crash report.

Two nets: every key the app has handled is registered here (exact match, however it is shaped), and
anything *shaped* like a key (``sk-...``, ``Bearer ...``, ``api-key: ...``) is replaced too, so a key the
app never saw (pasted into a dataset, echoed by a server) is still caught.
"""

from __future__ import annotations

import re
import threading

REDACTED = "[REDACTED]"

#: Shorter secrets are not registered: redacting a 3-letter "key" would mangle ordinary words.
MIN_REGISTERED_LENGTH = 8

_KEY_SHAPES = re.compile(
    r"""
    \bsk-[A-Za-z0-9_\-]{6,}                                  # OpenAI keys: sk-, sk-proj-, sk-svcacct-, ...
    | \bsess-[A-Za-z0-9]{16,}                                # OpenAI session tokens
    | (?<=[Bb]earer\s)[A-Za-z0-9_\-\.=:/+]{8,}               # Authorization: Bearer <token>
    | (?<=api-key[:=]\s)[A-Za-z0-9_\-]{8,}                   # Azure header api-key: <key>
    | (?<=api-key[:=])[A-Za-z0-9_\-]{8,}
    | (?<=api_key=)['"]?[A-Za-z0-9_\-]{8,}                   # api_key=... in a repr or a URL
    """,
    re.VERBOSE,
)

_lock = threading.Lock()
_known: set[str] = set()


def register_secret(secret: str | None) -> None:
    """Remember a key so that :func:`redact` removes it wherever it appears."""
    if secret and len(secret.strip()) >= MIN_REGISTERED_LENGTH:
        with _lock:
            _known.add(secret.strip())


def forget_secret(secret: str | None) -> None:
    if secret:
        with _lock:
            _known.discard(secret.strip())


def known_secret_count() -> int:
    with _lock:
        return len(_known)


def redact(text: str) -> str:
    """``text`` with every registered key and every key-shaped string replaced by ``[REDACTED]``."""
    if not text:
        return text
    with _lock:
        known = sorted(_known, key=len, reverse=True)  # longest first: a key containing another
    for secret in known:
        if secret in text:
            text = text.replace(secret, REDACTED)
    return _KEY_SHAPES.sub(REDACTED, text)


def looks_like_key(text: str) -> bool:
    """True when ``text`` contains something shaped like an API key (used to refuse keys in plain fields)."""
    return bool(_KEY_SHAPES.search(text))


def mask(secret: str | None) -> str:
    """A display form that shows that a key exists without showing any of it."""
    if not secret:
        return ""
    return "•" * min(max(len(secret), 8), 24)
