"""SearchIndex: the lower-case text of every example, compact enough to keep for 100k examples.

An example's text is all its message text, lower-case, as UTF-8 (a ``str`` holding a single CJK
character stores every character in 2-4 bytes). A long system prompt repeated in many examples (typical:
one prompt for the whole file) is stored once; each example's text holds a short marker for it instead.
Markers are made of control bytes that a search needle never contains (``clean_needle`` strips them),
so a needle can neither match inside a marker nor across one.

Loaded examples come in blocks (one per loaded chunk): their texts joined by NUL (the text of a 142 MB
chat file is ~90 MB). A search looks for the needle with ``bytes.find`` over one whole block at a time,
which is much faster than testing 100k small strings one by one. The blocks are kept uncompressed: a
search that first had to decompress them took 300-450 ms per keystroke on 100k examples instead of
120-270 ms, and the 60 MB saved are not worth it (the editor stays near 3x the file). Examples created
or edited in the app keep their own text, which replaces the one in their block.

Pure Python, no Qt: the loader builds blocks on a worker; the UI thread adds them and searches.
"""

from __future__ import annotations

import bisect
import operator
import threading
from array import array
from collections.abc import Callable, Iterable
from typing import Any

from finetune_desktop.gui.dataset.summaries import content_text, messages_of, search_bytes

#: System prompts at least this long (in bytes) are shared between examples.
SHARED_MIN_BYTES = 48
#: At most this many distinct shared prompts (a file where every prompt differs gains nothing).
MAX_SHARED = 512
SEP = b"\x00"


def _marker(number: int) -> bytes:
    digits = bytes(0x10 + int(d) for d in str(number))  # 0x10-0x19: never in a cleaned needle
    return b"\x01" + digits + b"\x02"


def clean_needle(text: str) -> str:
    """The search text as matched: trimmed, lower-case, without control characters."""
    return "".join(ch for ch in text if ch >= " ").strip().lower()


class Block:
    """The texts of consecutive loaded examples: ``uids[i]``'s text ends at ``ends[i]`` (exclusive) in
    the blob, the next starts one byte later (after the NUL)."""

    __slots__ = ("_ascending", "blob", "ends", "hi", "lo", "uids")

    def __init__(self, uids: list[int], texts: list[bytes]) -> None:
        self.uids = array("q", uids)
        self.lo = min(uids)
        self.hi = max(uids)
        ends = array("q")
        pos = 0
        for t in texts:
            pos += len(t)
            ends.append(pos)
            pos += 1
        self.ends = ends
        self.blob = SEP.join(texts)
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

    def data(self) -> bytes:
        return self.blob

    def text(self, data: bytes, i: int) -> bytes:
        start = self.ends[i - 1] + 1 if i else 0
        return data[start : self.ends[i]]


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
        text = search_bytes(data).replace(SEP, b" ")
        msgs = messages_of(data)
        first = msgs[0] if msgs else None
        if not (isinstance(first, dict) and first.get("role") in ("system", "developer")):
            return text
        prompt = content_text(first.get("content")).lower().encode("utf-8", "surrogatepass")
        if len(prompt) < SHARED_MIN_BYTES or not text.startswith(prompt):
            return text
        marker = self._shared.get(prompt)
        if marker is None:
            with self._lock:
                marker = self._shared.get(prompt)
                if marker is None:
                    if len(self._shared) >= MAX_SHARED:
                        return text
                    marker = _marker(len(self._shared))
                    self._shared[prompt] = marker
        return marker + text[len(prompt) :]

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
                return block.text(block.data(), i)
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

    def scan(self, needle: str) -> IndexScan:
        return IndexScan(self, needle)


class IndexScan:
    """One search over the whole index, a block per ``step()``: ``matched`` ends up holding the uid of
    every example whose text contains the needle (blocks added while it runs are searched too).

    An example that is neither in a block nor has its own text (created in the app, or restored and not
    indexed yet) is not found here: the caller tests those itself (``SearchIndex.has_own`` and
    ``Example.released`` tell them apart: a released example is always in a block).
    """

    def __init__(self, index: SearchIndex, needle: str) -> None:
        self.index = index
        self.patterns = index.patterns(needle)
        self.matched: set[int] = set()
        self.pos = 0
        self.done = False

    def step(self) -> None:
        blocks = self.index._blocks
        if self.pos < len(blocks):
            block = blocks[self.pos]
            self._scan_block(block, block.data())
            self.pos += 1
        elif not self.done:
            self.matched.update(_matching(list(self.index._own.items()), self.patterns))
            self.done = True

    def _scan_block(self, block: Block, data: bytes) -> None:
        ends, uids, own, out = block.ends, block.uids, self.index._own, self.matched
        last = len(ends) - 1
        for pattern in self.patterns:
            find = data.find
            pos = find(pattern)
            while pos >= 0:
                # (a pattern holds no NUL, so a match never spans two texts)
                i = bisect.bisect_left(ends, pos)
                if i > last:
                    break
                uid = uids[i]
                if uid not in own:
                    out.add(uid)
                pos = find(pattern, ends[i] + 1)  # this example matched: go on with the next one


def _matching(items: Iterable[tuple[int, bytes]], patterns: tuple[bytes, ...]) -> list[int]:
    return [uid for uid, text in items if any(p in text for p in patterns)]
