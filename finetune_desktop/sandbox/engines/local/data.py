"""Training examples as token ids and labels, through the model's own chat template.

Only assistant turns are learned (weight 1, the API's default; ``"weight": 0`` skips a turn): the
template is rendered up to each assistant turn with and without it, the difference is that turn's text
(with its end-of-turn marker), and tokens whose characters fall in such a span keep their id as label;
every other token gets ``IGNORE`` (-100). Needs only a fast tokenizer, not torch.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from finetune_desktop.sandbox.answers import content_text

IGNORE = -100


class TemplateError(ValueError):
    """The model's chat template cannot be split into turns (it re-renders earlier turns differently)."""


@dataclass(frozen=True, slots=True)
class Example:
    ids: list[int]
    labels: list[int]

    @property
    def n_labels(self) -> int:
        return sum(1 for x in self.labels if x != IGNORE)


def _messages(row: Any) -> list[dict[str, Any]]:
    if not isinstance(row, dict) or not isinstance(row.get("messages"), list):
        return []
    return [m for m in row["messages"] if isinstance(m, dict) and isinstance(m.get("role"), str)]


def _render(tokenizer: Any, msgs: list[dict[str, str]], *, prompt: bool) -> str:
    text = tokenizer.apply_chat_template(msgs, tokenize=False, add_generation_prompt=prompt)
    return str(text)


def encode_row(tokenizer: Any, row: Any, max_len: int) -> Example | None:
    """One chat example as ids and labels (cut to ``max_len`` tokens); None when nothing is left to learn."""
    raw = _messages(row)
    msgs = [{"role": m["role"], "content": content_text(m.get("content"))} for m in raw]
    if not msgs:
        return None
    text = _render(tokenizer, msgs, prompt=False)
    spans: list[tuple[int, int]] = []
    for i, m in enumerate(raw):
        if m["role"] != "assistant" or m.get("weight", 1) == 0:
            continue
        before = _render(tokenizer, msgs[:i], prompt=True) if i else ""
        upto = _render(tokenizer, msgs[: i + 1], prompt=False).rstrip()
        if not (text.startswith(upto) and upto.startswith(before)):
            raise TemplateError("the chat template renders earlier turns differently as a conversation grows")
        spans.append((len(before), len(upto)))
    if not spans:
        return None
    enc = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)
    ids: list[int] = list(enc["input_ids"])[:max_len]
    offsets: Sequence[tuple[int, int]] = enc["offset_mapping"]
    labels = [
        tok if any(lo <= offsets[j][0] < hi for lo, hi in spans) else IGNORE for j, tok in enumerate(ids)
    ]
    example = Example(ids, labels)
    return example if example.n_labels else None


def encode_rows(tokenizer: Any, rows: Sequence[Any], max_len: int) -> tuple[list[Example], int]:
    """(examples, how many rows had nothing to learn and were skipped)."""
    out: list[Example] = []
    skipped = 0
    for row in rows:
        ex = encode_row(tokenizer, row, max_len)
        if ex is None:
            skipped += 1
        else:
            out.append(ex)
    return out, skipped
