"""Exact token counts for strings the tokenizer cannot take whole: long whitespace runs and huge texts.

tiktoken's pre-tokenising regex overflows its stack on a run of about a million spaces or tabs that the
pattern ``\\s+(?!\\S)`` must backtrack over (a ``PanicException``, not a Python error). Both
``cl100k_base`` and ``o200k_base`` split a text into pieces and encode each piece alone, so a text can be
counted in parts wherever pre-tokenisation cuts anyway:

* A run of horizontal white space (no CR/LF) that ends at a non-space (or the text's end) and starts
  after a CR/LF or a non-space is one piece, less its last character when a non-space follows (that
  character starts the next piece, e.g. `` word``). The run is shortened to 4 characters for the regex and
  its real piece is encoded alone with ``encode_single_piece`` (no regex), which is what the tokenizer
  does to it anyway.
* Between a letter and a space that precedes a letter a piece always ends (``word| word``), so a huge text
  is encoded in slices cut there, which bounds the tokenizer's memory.

``tests/core/tokens/test_tokens_long_text.py`` proves the counts equal direct encoding on every run tiktoken
can take whole.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

#: Shorter texts are encoded whole (the crash needs a run of hundreds of thousands of spaces).
SAFE_CHARS = 100_000
#: Runs shorter than this are left to the regex (far below the ~600,000 where it breaks).
LONG_RUN = 4_096
#: Huge texts are encoded in slices of about this many characters.
SLICE_CHARS = 1_000_000

# Unicode White_Space (what the tokenizer's ``\s`` matches) except CR and LF.
_HSPACE = "\t\x0b\x0c \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_LONG_HSPACE = re.compile(f"[{_HSPACE}]{{{LONG_RUN},}}")
_WHITE = re.compile(f"[{_HSPACE}\r\n]")
# A space between two word characters; ``_cut_near`` keeps only those between two letters.
_WORD_SPACE = re.compile(r"(?<=[^\W\d_]) (?=[^\W\d_])")

Encode = Callable[[str], Sequence[int]]
EncodePiece = Callable[[bytes], Sequence[int]]


def count_long(text: str, encode: Encode, encode_piece: EncodePiece) -> int:
    """``len(encode(text))`` for any text, without the regex crash and with bounded memory.

    ``encode`` is the encoding's ``encode_ordinary``, ``encode_piece`` its ``encode_single_piece``.
    """
    if len(text) <= SAFE_CHARS:
        return len(encode(text))
    extra = 0
    parts: list[str] = []
    pos = 0
    for m in _LONG_HSPACE.finditer(text):
        s, e = m.span()
        # Only a run that ends the white space (a non-space or the end follows) is the backtracking case;
        # one followed by CR/LF is matched by ``\s*[\r\n]+`` without lookahead (and does not crash).
        if e < len(text) and _WHITE.match(text, e):
            continue
        t = e - 1 if e < len(text) else e  # the piece; a following non-space takes the run's last char
        piece = text[s:t]
        short = piece[:2] + piece[-2:]
        extra += len(encode_piece(piece.encode("utf-8"))) - len(encode_piece(short.encode("utf-8")))
        parts.append(text[pos : s + 2])
        pos = t - 2
    parts.append(text[pos:])
    shortened = "".join(parts) if len(parts) > 1 else text
    return extra + sum(len(encode(part)) for part in _slices(shortened))


def _slices(text: str) -> list[str]:
    """``text`` cut before spaces that sit between two letters, about every ``SLICE_CHARS`` characters."""
    if len(text) <= SLICE_CHARS:
        return [text]
    out: list[str] = []
    start = 0
    n = len(text)
    while n - start > SLICE_CHARS:
        cut = _cut_near(text, start + SLICE_CHARS, n)
        if cut is None:
            break
        out.append(text[start:cut])
        start = cut
    out.append(text[start:])
    return out


def _cut_near(text: str, target: int, n: int) -> int | None:
    for m in _WORD_SPACE.finditer(text, target, n):
        p = m.start()
        if text[p - 1].isalpha() and text[p + 1].isalpha():  # letters, not other word characters
            return p
    return None
