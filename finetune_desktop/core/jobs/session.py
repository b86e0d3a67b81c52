"""A watching session for the window: two services (polls fail fast, actions retry) and a watcher.

The service layer is imported when a session opens (a deferred import, named in the GUI contract's
``ignore_imports``): the screens that hold a session never import the SDK themselves, and the app starts
without loading it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from finetune_desktop.core.accounts.profiles import Profile
from finetune_desktop.core.jobs.store import JobStore


@dataclass
class JobSession:
    """``poll`` and ``act`` are ``FineTuningService``s, ``watcher`` a ``JobWatcher`` on ``poll``."""

    poll: Any
    act: Any
    watcher: Any
    users: int = 0  # tasks using it now (the window's monitor counts them)
    retired: bool = False  # replaced or stopped: close once no task uses it

    def close(self) -> None:
        self.poll.close()
        self.act.close()


def open_session(
    profile: Profile,
    key: str | None,
    base_url_override: str | None,
    store: JobStore | None,
    store_key: str,
) -> JobSession:
    """No network traffic yet: the first request opens the connection."""
    from finetune_desktop.core.jobs import watcher
    from finetune_desktop.core.service.retry import RetryPolicy
    from finetune_desktop.core.service.service import connect
    poll = connect(
        profile,
        key,
        base_url_override=base_url_override,
        policy=RetryPolicy(max_retries=0),
        timeout=30.0,
    )
    act = connect(
        profile,
        key,
        base_url_override=base_url_override,
        policy=RetryPolicy(max_retries=3, initial_delay=0.5, max_delay=4.0),
        timeout=60.0,
    )
    return JobSession(poll, act, watcher.JobWatcher(poll, store, store_key))
