"""Whether ``check``'s worker processes hash text as this process does.

When they do, the editor's worker processes and its validator compare Python's own ``hash`` of an
example's keys instead of a seed-free BLAKE2b of the keys' text (about 1 CPU-second less per 100,000
examples; see ``pipeline.digest``). Forked workers share their parent's hash seed. Workers started from a
forkserver (an app with threads) have the forkserver's, which is this process's only when both took it
from the same ``PYTHONHASHSEED``: the app's launcher sets one (``app.share_hash_seed``). Rather than trust
that, one worker process is asked, once per start method, and its answer compared with ours.
"""

from __future__ import annotations

import logging
from concurrent.futures import ProcessPoolExecutor
from multiprocessing.context import BaseContext

log = logging.getLogger(__name__)

PROBE = "finetune-desktop: a key hashed in a worker process"
PROBE_TIMEOUT_S = 60
_answers: dict[str, bool] = {}


def _worker_hash() -> int:
    return hash(PROBE)


def probe(ctx: BaseContext) -> bool:
    """Ask one worker process of ``ctx`` (started now, unless asked before) whether it hashes as we do."""
    method = ctx.get_start_method()
    if method == "fork":
        return True
    if method not in _answers:
        try:
            with ProcessPoolExecutor(max_workers=1, mp_context=ctx) as pool:
                same = pool.submit(_worker_hash).result(timeout=PROBE_TIMEOUT_S) == hash(PROBE)
        except Exception as exc:  # noqa: BLE001 - no answer: digests stay seed-free
            log.info("could not ask a worker process how it hashes: %s", exc)
            same = False
        _answers[method] = same
    return _answers[method]


def known_alike(ctx: BaseContext) -> bool:
    """What ``probe`` found, without waiting for it: False until it answered."""
    method = ctx.get_start_method()
    return method == "fork" or _answers.get(method, False)
