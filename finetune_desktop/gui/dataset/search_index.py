"""SearchIndex: the lower-case text of every example, compact enough to keep for 100k examples.

An example's text is all its message text, lower-case, as UTF-8 (a ``str`` holding a single CJK
character stores every character in 2-4 bytes). A long system prompt repeated in many examples (typical:
one prompt for the whole file) is stored once; each example's text holds a short marker for it instead.
Markers are made of control bytes that a search needle never contains (``clean_needle`` strips them),
so a needle can neither match inside a marker nor across one.

Loaded examples come in blocks (one per loaded chunk): their uids in an array and their texts in a
tuple (the text of a 142 MB chat file is ~90 MB; a tuple of 100k ``bytes`` adds ~4 MB of headers). A
search tests a whole block with ``compress(uids, map(contains, texts, repeat(needle)))``: the loop runs
in C, so each example costs its substring search and no Python step. (Texts joined into one blob per
block, searched with ``bytes.find`` and a Python step per match, took 200-450 ms per keystroke on 100k
examples where most match; compressed blocks took longer still.) Examples created or edited in the app
keep their own text, which replaces the one in their block.

Pure Python, no Qt: the loader builds blocks on a worker; the UI thread adds them and searches.
"""

from __future__ import annotations

import bisect
import operator
import threading
from array import array
from collections.abc import Callable, Iterable, Iterator
from itertools import compress, repeat
from typing import Any

from finetune_desktop.core.dataset.summaries import SearchTexts, search_entry

#: At most this many distinct shared prompts (a file where every prompt differs gains nothing).
MAX_SHARED = 512


def _marker(number: int) -> bytes:
    digits = bytes(0x10 + int(d) for d in str(number))  # 0x10-0x19: never in a cleaned needle
    return b"\x01" + digits + b"\x02"


def clean_needle(text: str) -> str:
    """The search text as matched: trimmed, lower-case, without control characters."""
    return "".join(ch for ch in text if ch >= " ").strip().lower()


class Block:
    """The texts of consecutive loaded examples: ``texts[i]`` is ``uids[i]``'s."""

    __slots__ = ("_ascending", "hi", "lo", "texts", "uids")

    def __init__(self, uids: list[int], texts: list[bytes]) -> None:
        self.uids = array("q", uids)
        self.lo = min(uids)
        self.hi = max(uids)
        self.texts = tuple(texts)
        self._ascending: bool | None = None  # found out on the first ``find``

    def find(self, uid: int) -> int:
        """The position of ``uid`` in this block, -1 when it is not in it. A loaded block's uids ascend
        (a binary search: ``array.index`` on every appended row of a 10k-example chunk took ~1 s)."""
        uids = self.uids
        if not self.lo <= uid <= self.hi:
            return -1
        if self._ascending is None:
            self._ascending = all(map(operator.lt, uids, uids[1:]))
        if self._ascending:
            i = bisect.bisect_left(uids, uid)
            return i if i < len(uids) and uids[i] == uid else -1
        try:
            return uids.index(uid)
        except ValueError:
            return -1

    def matching(self, pattern: bytes) -> Iterator[int]:
        """The uids whose text contains ``pattern`` (the loop runs in C)."""
        return compress(self.uids, map(operator.contains, self.texts, repeat(pattern)))


class SearchIndex:
    def __init__(self) -> None:
        self._blocks: list[Block] = []
        self._own: dict[int, bytes] = {}  # created or edited examples (replaces any text in a block)
        self._shared: dict[bytes, bytes] = {}  # prompt text -> marker
        self._lock = threading.Lock()  # make() is called from workers and the UI thread

    def __len__(self) -> int:
        return sum(len(b.uids) for b in self._blocks) + len(self._own)

    # ------------------------------------------------------------ building
    def make(self, data: Any) -> bytes:
        """The index text of one example's data (shares its system prompt when long)."""
        return self.shared(*search_entry(data))

    def shared(self, text: bytes, prompt_len: int) -> bytes:
        """``text`` (from ``search_entry``) with its first ``prompt_len`` bytes, a system prompt, replaced
        by that prompt's marker."""
        if not prompt_len:
            return text
        marker = self._marker_of(text[:prompt_len])
        return text if marker is None else marker + text[prompt_len:]

    def join_shared(self, search: SearchTexts) -> list[bytes]:
        """The index texts of ``search``'s examples (from ``check``'s workers): each one's text after its
        system prompt, behind that prompt's marker."""
        fronts = [self._marker_of(p) or p for p in search.prompts]  # (no marker left: the prompt itself)
        texts = search.texts
        return [t if i < 0 else fronts[i] + t for t, i in zip(texts, search.prompt_ids, strict=True)]

    def _marker_of(self, prompt: bytes) -> bytes | None:
        """The marker of a shared prompt (a new one for a new prompt), None when there are too many."""
        marker = self._shared.get(prompt)
        if marker is None:
            with self._lock:
                marker = self._shared.get(prompt)
                if marker is None:
                    if len(self._shared) >= MAX_SHARED:
                        return None
                    marker = _marker(len(self._shared))
                    self._shared[prompt] = marker
        return marker

    def add_block(self, block: Block) -> None:
        """Texts of newly loaded examples (build the block on a worker: joining 10k texts takes a while)."""
        self._blocks.append(block)

    def set(self, uid: int, text: bytes) -> None:
        self._own[uid] = text

    def update(self, uid: int, data: Any) -> None:
        self._own[uid] = self.make(data)

    # ------------------------------------------------------------ reading
    def has_own(self, uid: int) -> bool:
        return uid in self._own

    def get(self, uid: int) -> bytes | None:
        text = self._own.get(uid)
        if text is not None:
            return text
        for block in reversed(self._blocks):  # the newest first: new rows are asked for most
            i = block.find(uid)
            if i >= 0:
                return block.texts[i]
        return None

    def matcher(self, needle: str) -> Callable[[bytes], bool]:
        """A test ``text -> bool`` for one search (``needle`` already cleaned)."""
        patterns = self.patterns(needle)
        if len(patterns) == 1:
            raw = patterns[0]
            return lambda text: raw in text
        return lambda text: any(p in text for p in patterns)

    def patterns(self, needle: str) -> tuple[bytes, ...]:
        """The needle as bytes, and the markers of the shared prompts that contain it."""
        raw = needle.encode("utf-8", "surrogatepass")
        return (raw, *(m for prompt, m in list(self._shared.items()) if raw in prompt))

    def scan(self, needle: str, prior: IndexScan | None = None) -> IndexScan:
        """A search for ``needle``; ``prior``, a finished search of this index for the needle typed just
        before, lets a longer needle that starts with it look only from where that one was found."""
        return IndexScan(self, needle, prior)


class IndexScan:
    """One search over the whole index, a block per ``step()``: ``matched`` ends up holding the uid of
    every example whose text contains the needle (blocks added while it runs are searched too).

    It keeps where the needle first occurs in each text of each block (``positions``, -1: nowhere): the
    next keystroke usually adds a letter, and a needle that starts with this one can only occur from that
    position on, so that search costs a few bytes per text instead of the whole ~90 MB again (``prior``).

    An example that is neither in a block nor has its own text (created in the app, or restored and not
    indexed yet) is not found here: the caller tests those itself (``SearchIndex.has_own`` and
    ``Example.released`` tell them apart: a released example is always in a block).
    """

    def __init__(self, index: SearchIndex, needle: str, prior: IndexScan | None = None) -> None:
        self.index = index
        self.needle = needle
        self.patterns = index.patterns(needle)
        self.matched: set[int] = set()
        self.positions: list[array[int]] = []
        self.pos = 0
        self.done = False
        self._starts: list[array[int]] = []
        if (
            prior is not None
            and prior.done
            and prior.index is index
            and len(needle) > len(prior.needle) > 0
            and needle.startswith(prior.needle)
        ):
            # (where the shorter needle is not (-1), the longer one, 2 bytes or more, cannot be: a
            # search from -1 looks at the last byte only)
            self._starts = prior.positions

    def step(self) -> None:
        blocks = self.index._blocks
        if self.pos < len(blocks):
            self._scan_block(blocks[self.pos])
            self.pos += 1
        elif not self.done:
            self.matched.update(_matching(list(self.index._own.items()), self.patterns))
            self.done = True

    def _scan_block(self, block: Block) -> None:
        own, out = self.index._own, self.matched
        raw, *markers = self.patterns
        k = len(self.positions)
        if k < len(self._starts):
            found = array("q", map(bytes.find, block.texts, repeat(raw), self._starts[k]))
        else:
            found = array("q", map(bytes.find, block.texts, repeat(raw)))
        self.positions.append(found)
        # (an example with its own text is searched in that text, at the end)
        for hits in (compress(block.uids, map(operator.ge, found, repeat(0))), *map(block.matching, markers)):
            out.update(hits if not own else (uid for uid in hits if uid not in own))


def _matching(items: Iterable[tuple[int, bytes]], patterns: tuple[bytes, ...]) -> list[int]:
    return [uid for uid, text in items if any(p in text for p in patterns)]
