"""Cursor pagination that a misbehaving server cannot turn into a request storm.

Every list call of the API (jobs, events, checkpoints, files) pages with ``after=<last id>`` and
``has_more``. A server that repeats a page, or says ``has_more`` forever, would make a naive loop ask
again and again and collect the same items twice; :func:`walk_pages` stops as soon as a page brings no
item it has not yielded already or would send a cursor it has already sent.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from typing import Any

log = logging.getLogger(__name__)

#: a hard ceiling on pages per walk, whatever the server says
MAX_PAGES = 200


def walk_pages(
    fetch: Callable[[str | None], Any],
    *,
    item_id: Callable[[Any], str],
    operation: str,
    max_pages: int = MAX_PAGES,
) -> Iterator[Any]:
    """Yield each raw item of every page once, in server order.

    ``fetch(after)`` returns one page (an object with ``data`` and ``has_more``). Stops on an empty page,
    ``has_more`` false, a page with nothing new, a cursor already used, or ``max_pages``.
    """
    seen: set[str] = set()
    used_cursors: set[str | None] = set()
    after: str | None = None
    for _ in range(max_pages):
        used_cursors.add(after)
        page = fetch(after)
        data = list(getattr(page, "data", None) or ())
        new = 0
        for item in data:
            key = item_id(item)
            if key in seen:
                continue
            seen.add(key)
            new += 1
            yield item
        if not data or getattr(page, "has_more", False) is False:
            return
        if new == 0:
            log.info("%s: the server repeated a page with has_more; stopping", operation)
            return
        after = item_id(data[-1])
        if after in used_cursors:
            log.info("%s: the server sent a cursor already used (%s); stopping", operation, after)
            return
    log.info("%s: stopped after %d pages", operation, max_pages)


def raw_id(item: Any) -> str:
    """The ``id`` of an SDK object or a dict."""
    if isinstance(item, dict):
        return str(item.get("id", ""))
    return str(getattr(item, "id", ""))
