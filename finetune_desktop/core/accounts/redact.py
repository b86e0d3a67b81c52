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
    """True when ``text`` contains something shaped like an API key, or a key the app has handled (an
    Azure key has no telling shape), anywhere in it: used to refuse keys in plain fields."""
    if _KEY_SHAPES.search(text):
        return True
    with _lock:
        known = list(_known)
    return any(secret in text for secret in known)


def redact_server_text(text: object) -> str:
    """Text a server sent (an error, an event message, a job field, a chat answer, a model id, a request
    id) made safe to show or store: a hostile or buggy server may echo the key it was sent. ``None``
    gives ""; anything else goes through ``str`` first."""
    if text is None:
        return ""
    return redact(text if isinstance(text, str) else str(text))


def mask(secret: str | None) -> str:
    """A display form that shows that a key exists without showing any of it."""
    if not secret:
        return ""
    return "•" * min(max(len(secret), 8), 24)


#: Characters an API key is made of; a key never spans any other character.
_KEYISH_RUN = re.compile(r"[A-Za-z0-9_\-.=:/+~*]*")
#: A run of key characters longer than this is let through in parts (no key is this long).
STREAM_HOLD = 1024


class StreamRedactor:
    """Redacts text that arrives in pieces (a streamed chat answer), so a key split across two pieces
    is still caught: the trailing run of key characters is held back until a character that cannot be
    part of a key follows it (or the stream ends, or the run passes ``STREAM_HOLD``)."""

    def __init__(self) -> None:
        self._pending = ""

    def feed(self, text: str) -> str:
        """The redacted text that is safe to show now (maybe "")."""
        pending = self._pending + text
        # the trailing run of key characters, found on the reversed text (linear, unlike a search)
        run = _KEYISH_RUN.match(pending[::-1])
        cut = len(pending) - (run.end() if run is not None else 0)
        if len(pending) - cut > STREAM_HOLD:
            cut = len(pending) - STREAM_HOLD // 2
        self._pending = pending[cut:]
        return redact(pending[:cut])

    def finish(self) -> str:
        """What is still held back, redacted (call once, when the stream ends)."""
        rest, self._pending = self._pending, ""
        return redact(rest)
