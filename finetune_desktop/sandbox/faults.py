"""Faults on demand: latency, 429 with Retry-After, 500 and dropped connections, per path pattern and rate.

Spec syntax (CLI ``--fault`` and ``POST /_sandbox/faults {"spec": ...}``), comma-separated ``key=value``::

    kind=429,path=/v1/fine_tuning/jobs,rate=0.5,method=POST,first=3,retry_after=1,seed=7
    kind=latency,ms=300,path=/v1/files*
    kind=drop,path=/v1/chat/completions
    kind=500
    kind=repeat_page,path=/v1/fine_tuning/jobs

``kind`` is ``latency`` | ``429`` | ``500`` | ``drop`` | ``repeat_page`` (a list endpoint ignores ``after``
and answers its first page with ``has_more: true`` forever: a client must notice and stop).
``path`` is a glob (``*`` / ``?``) or, without glob characters, the path itself and everything below
it (default: every ``/v1`` path). ``rate`` in 0..1 (default 1) is drawn from a per-rule RNG seeded by
``seed`` (default 0), so a run is reproducible. ``first=N`` applies the rule only to the first N
matching requests. ``method`` limits it to one HTTP verb.
"""

from __future__ import annotations

import fnmatch
import random
import threading
from dataclasses import dataclass, field
from typing import Any

KINDS = ("latency", "429", "500", "drop", "repeat_page")
_GLOB = set("*?[")


class FaultSpecError(ValueError):
    """A fault spec that cannot be understood; the message says which part and what is allowed."""


@dataclass
class FaultRule:
    kind: str
    path: str = "/v1/*"
    rate: float = 1.0
    method: str | None = None
    first: int | None = None
    ms: int = 0
    retry_after: float = 1.0
    seed: int = 0
    matched: int = field(default=0, init=False)
    fired: int = field(default=0, init=False)
    _rng: random.Random = field(init=False, repr=False)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise FaultSpecError(f"fault kind {self.kind!r} is unknown; use one of {', '.join(KINDS)}")
        if not 0.0 <= self.rate <= 1.0:
            raise FaultSpecError(f"fault rate {self.rate} is outside 0..1")
        if self.first is not None and self.first < 0:
            raise FaultSpecError("fault 'first' must be >= 0")
        if self.ms < 0 or self.retry_after < 0:
            raise FaultSpecError("fault 'ms' and 'retry_after' must be >= 0")
        if self.kind == "latency" and self.ms == 0:
            self.ms = 200
        if self.method:
            self.method = self.method.upper()
        self._rng = random.Random(self.seed)

    def matches_path(self, method: str, path: str) -> bool:
        if self.method and self.method != method.upper():
            return False
        if _GLOB & set(self.path):
            return fnmatch.fnmatchcase(path, self.path)
        return path == self.path or path.startswith(self.path.rstrip("/") + "/")

    def roll(self, method: str, path: str) -> bool:
        """Count a matching request and decide (seeded) whether this rule fires for it."""
        if not self.matches_path(method, path):
            return False
        if self.first is not None and self.matched >= self.first:
            return False
        self.matched += 1
        fire = self.rate >= 1.0 or self._rng.random() < self.rate
        if fire:
            self.fired += 1
        return fire

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "path": self.path,
            "rate": self.rate,
            "method": self.method,
            "first": self.first,
            "ms": self.ms,
            "retry_after": self.retry_after,
            "seed": self.seed,
            "matched": self.matched,
            "fired": self.fired,
        }


_INT_KEYS = {"first", "ms", "seed"}
_FLOAT_KEYS = {"rate", "retry_after"}
_STR_KEYS = {"kind", "path", "method"}


def fault_from_mapping(values: dict[str, Any]) -> FaultRule:
    unknown = set(values) - _INT_KEYS - _FLOAT_KEYS - _STR_KEYS
    if unknown:
        allowed = ", ".join(sorted(_INT_KEYS | _FLOAT_KEYS | _STR_KEYS))
        raise FaultSpecError(f"unknown fault key(s) {', '.join(sorted(unknown))}; allowed: {allowed}")
    if "kind" not in values:
        raise FaultSpecError("a fault needs kind=latency|429|500|drop|repeat_page")
    kwargs: dict[str, Any] = {}
    for key, raw in values.items():
        if raw is None:
            continue
        try:
            if key in _INT_KEYS:
                kwargs[key] = int(raw)
            elif key in _FLOAT_KEYS:
                kwargs[key] = float(raw)
            else:
                kwargs[key] = str(raw)
        except (TypeError, ValueError):
            raise FaultSpecError(f"fault {key}={raw!r} is not a number") from None
    return FaultRule(**kwargs)


def parse_fault(spec: str) -> FaultRule:
    """Parse ``kind=429,path=/v1/files,rate=0.5`` into a rule (raises FaultSpecError with the reason)."""
    values: dict[str, str] = {}
    for part in spec.split(","):
        part = part.strip()
        if not part:
            continue
        key, sep, value = part.partition("=")
        if not sep:
            raise FaultSpecError(f"fault part {part!r} is not key=value (spec {spec!r})")
        values[key.strip()] = value.strip()
    return fault_from_mapping(values)


@dataclass(frozen=True, slots=True)
class FaultDecision:
    delay_s: float = 0.0
    kind: str | None = None  # "429" | "500" | "drop" | "repeat_page" | None
    retry_after: float = 1.0


class FaultSet:
    """The active rules; thread-safe because tests add rules from another thread through the server."""

    def __init__(self, rules: list[FaultRule] | None = None) -> None:
        self._rules: list[FaultRule] = list(rules or [])
        self._lock = threading.Lock()

    def add(self, rule: FaultRule) -> None:
        with self._lock:
            self._rules.append(rule)

    def clear(self) -> None:
        with self._lock:
            self._rules.clear()

    def rules(self) -> list[FaultRule]:
        with self._lock:
            return list(self._rules)

    def decide(self, method: str, path: str) -> FaultDecision:
        delay = 0.0
        kind: str | None = None
        retry_after = 1.0
        with self._lock:
            for rule in self._rules:
                if rule.kind == "latency":
                    if rule.roll(method, path):
                        delay += rule.ms / 1000.0
                elif kind is None and rule.roll(method, path):
                    kind = rule.kind
                    retry_after = rule.retry_after
        return FaultDecision(delay, kind, retry_after)


# repeat_page: rewrite the request and the response of a list endpoint ---------------------------------
def without_cursor(query_string: bytes) -> bytes:
    """The query string minus ``after``: the endpoint answers its first page again."""
    from urllib.parse import parse_qsl, urlencode

    pairs = [(k, v) for k, v in parse_qsl(query_string.decode("latin-1")) if k != "after"]
    return urlencode(pairs).encode("latin-1")


def with_has_more(body: bytes) -> bytes:
    """A JSON list page's body with ``has_more`` forced to true (other bodies unchanged)."""
    import json

    try:
        page = json.loads(body)
    except ValueError:
        return body
    if isinstance(page, dict) and "has_more" in page:
        page["has_more"] = True
        return json.dumps(page).encode("utf-8")
    return body


def repeating_send(send: Any) -> Any:
    """Wrap an ASGI ``send`` so the response body goes out through :func:`with_has_more`."""
    held: dict[str, Any] = {}
    chunks: list[bytes] = []

    async def wrapped(message: Any) -> None:
        if message["type"] == "http.response.start":
            held.update(message)
            return
        if message["type"] == "http.response.body":
            chunks.append(bytes(message.get("body", b"")))
            if message.get("more_body"):
                return
            body = with_has_more(b"".join(chunks))
            headers = [(k, v) for k, v in held.get("headers", []) if k.lower() != b"content-length"]
            headers.append((b"content-length", str(len(body)).encode()))
            await send({**held, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        await send(message)

    return wrapped
