"""What the sandbox "models" say: fine-tuned ones repeat their training data, base ones a fixed reply.

A fine-tuned sandbox model answers with the assistant reply of the training prompt most similar to the
last user message (cosine similarity of character trigram counts, plus word overlap), so comparing it
with its base model visibly shows the training data at work, without any real model.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

_WORD = re.compile(r"\w+", re.UNICODE)


def content_text(content: Any) -> str:
    """Plain text of a message ``content`` (a string or a list of ``{"type": "text", "text": ...}`` parts)."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return " ".join(str(p.get("text", "")) for p in content if isinstance(p, dict) and "text" in p)
    return ""


def _features(text: str) -> Counter[str]:
    norm = " ".join(_WORD.findall(text.lower()))
    padded = f"  {norm}  "
    grams: Counter[str] = Counter(padded[i : i + 3] for i in range(len(padded) - 2))
    grams.update("w:" + w for w in norm.split())
    return grams


def _cosine(a: Counter[str], b: Counter[str], norm_a: float, norm_b: float) -> float:
    if not norm_a or not norm_b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(k, 0) for k, v in a.items()) / (norm_a * norm_b)


def _norm(c: Counter[str]) -> float:
    return math.sqrt(sum(v * v for v in c.values()))


def _pairs(row: Any) -> Iterable[tuple[str, str]]:
    """(user prompt, assistant reply) pairs of one training example, chat or preference format."""
    if not isinstance(row, dict):
        return
    if isinstance(row.get("input"), dict) and isinstance(row.get("preferred_output"), list):
        msgs = row["input"].get("messages") or []
        users = [
            content_text(m.get("content")) for m in msgs if isinstance(m, dict) and m.get("role") == "user"
        ]
        preferred = [content_text(m.get("content")) for m in row["preferred_output"] if isinstance(m, dict)]
        if users and preferred and preferred[0]:
            yield users[-1], preferred[0]
        return
    messages = row.get("messages")
    if not isinstance(messages, list):
        return
    last_user: str | None = None
    for msg in messages:
        if not isinstance(msg, dict):
            continue
        if msg.get("role") == "user":
            last_user = content_text(msg.get("content"))
        elif msg.get("role") == "assistant" and last_user is not None:
            reply = content_text(msg.get("content"))
            if reply:
                yield last_user, reply
            last_user = None


@dataclass(frozen=True, slots=True)
class _Entry:
    prompt: str
    reply: str
    features: Counter[str]
    norm: float


class AnswerIndex:
    """Closest-prompt retrieval over one training file."""

    def __init__(self, rows: Iterable[Any]) -> None:
        self._entries: list[_Entry] = []
        for row in rows:
            for prompt, reply in _pairs(row):
                feats = _features(prompt)
                self._entries.append(_Entry(prompt, reply, feats, _norm(feats)))

    def __len__(self) -> int:
        return len(self._entries)

    def answer(self, question: str) -> str | None:
        """The reply whose prompt is most similar to ``question`` (ties: the earliest example)."""
        if not self._entries:
            return None
        q = _features(question)
        qn = _norm(q)
        best = max(
            range(len(self._entries)),
            key=lambda i: (_cosine(q, self._entries[i].features, qn, self._entries[i].norm), -i),
        )
        return self._entries[best].reply


def last_user_message(messages: list[Any]) -> str:
    for msg in reversed(messages):
        if isinstance(msg, dict) and msg.get("role") == "user":
            return content_text(msg.get("content"))
    return ""


def base_model_reply(model: str, question: str) -> str:
    """A fixed, clearly simulated answer, so nobody mistakes the sandbox for a real model."""
    shown = " ".join(question.split())
    if len(shown) > 80:
        shown = shown[:77] + "..."
    return (
        f"This is the sandbox base model {model} (simulated: no real AI is running). "
        f'It gives this same generic reply to every prompt, including "{shown}". '
        "Fine-tune it in the sandbox and the fine-tuned model will answer from your training examples."
    )
