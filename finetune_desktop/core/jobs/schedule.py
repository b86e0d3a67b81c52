"""When to poll which job: the window's monitor asks :class:`PollSchedule` every tick.

The rule that bounds the load on a server: an active job is polled at most once per
``active_interval`` seconds, an ended one never (once its final data is in), at most ``max_in_flight``
polls run at once and a job is never polled while its previous poll is still running. A failed poll
backs the job off (doubling, up to ``max_backoff``; a 429's ``Retry-After`` is honoured as a minimum),
and the first success restores the normal pace.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from finetune_desktop.core.api.errors import ServiceError


@dataclass
class _Entry:
    due: float
    failures: int = 0


@dataclass
class PollSchedule:
    active_interval: float = 3.0
    max_backoff: float = 120.0
    max_in_flight: int = 4
    _entries: dict[str, _Entry] = field(default_factory=dict)
    _in_flight: set[str] = field(default_factory=set)

    def watch(self, job_id: str, now: float) -> None:
        """Poll ``job_id`` from now on (no effect when it is already watched)."""
        self._entries.setdefault(job_id, _Entry(now))

    def forget(self, job_id: str) -> None:
        self._entries.pop(job_id, None)

    @property
    def watched(self) -> set[str]:
        return set(self._entries)

    @property
    def in_flight(self) -> set[str]:
        return set(self._in_flight)

    def due(self, now: float) -> list[str]:
        """Jobs to poll now, soonest due first, never more than the free in-flight slots."""
        free = self.max_in_flight - len(self._in_flight)
        ready = sorted(
            (e.due, job_id)
            for job_id, e in self._entries.items()
            if e.due <= now and job_id not in self._in_flight
        )
        return [job_id for _, job_id in ready[: max(0, free)]]

    def started(self, job_id: str) -> None:
        self._in_flight.add(job_id)

    def succeeded(self, job_id: str, now: float, *, ended: bool) -> None:
        self._in_flight.discard(job_id)
        if ended:
            self.forget(job_id)
            return
        entry = self._entries.get(job_id)
        if entry is not None:
            entry.failures = 0
            entry.due = now + self.active_interval

    def failed(self, job_id: str, now: float, error: BaseException | None = None) -> float:
        """Back the job off; returns the delay before its next poll."""
        self._in_flight.discard(job_id)
        entry = self._entries.get(job_id)
        if entry is None:
            return 0.0
        entry.failures += 1
        delay = min(self.active_interval * (2.0**entry.failures), self.max_backoff)
        if isinstance(error, ServiceError) and error.retry_after:
            delay = max(delay, error.retry_after)
        entry.due = now + delay
        return delay

    def requests_per_minute_bound(self, requests_per_poll: int, latency: float) -> float:
        """Upper bound on poll requests per minute for the watched jobs (the rule in the module doc)."""
        by_interval = len(self._entries) * 60.0 / self.active_interval
        by_slots = self.max_in_flight * 60.0 / max(latency, 1e-3)
        return min(by_interval, by_slots) * requests_per_poll
