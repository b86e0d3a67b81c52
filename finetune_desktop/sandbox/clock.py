"""The simulated clock: job progress runs ``speed`` times faster than the wall clock.

Two readings: ``sim()`` drives job phases and training steps; ``wall()`` stamps objects (``created_at``) and
expires uploads, so timestamps are never in the future. ``advance()`` jumps both, for tests.
"""

from __future__ import annotations

import threading
import time


class SimClock:
    def __init__(self, speed: float = 1.0) -> None:
        if not speed > 0:
            raise ValueError("speed must be > 0")
        self.speed = float(speed)
        self._mono0 = time.monotonic()
        self._sim0 = time.time()
        self._offset = 0.0
        self._lock = threading.Lock()

    def sim(self) -> float:
        """Simulated seconds (an epoch-like float that runs ``speed``x faster than real time)."""
        with self._lock:
            return self._sim0 + (time.monotonic() - self._mono0) * self.speed + self._offset

    def wall(self) -> float:
        """Unix time as reported to clients (real time plus any test advance)."""
        with self._lock:
            return time.time() + self._offset

    def advance(self, seconds: float) -> None:
        """Jump forward: jobs progress by ``seconds`` of simulated time, uploads age as much."""
        if seconds < 0:
            raise ValueError("the clock only moves forward")
        with self._lock:
            self._offset += seconds
