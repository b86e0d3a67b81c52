"""The simulated clock: job progress runs ``speed`` times faster than the wall clock.

Two readings: ``sim()`` drives job phases and training steps; ``wall()`` stamps objects (``created_at``) and
expires uploads, so timestamps are never in the future. ``advance()`` jumps both, for tests.
"""

from __future__ import annotations

import math
import threading
import time

#: The fastest the clock may run (a job's hours pass in well under a second) and the longest jump one
#: advance may take (about 30 years): beyond either, timestamps overflow what the API's integers hold.
MAX_SPEED = 1_000_000.0
MAX_ADVANCE_SECONDS = 1_000_000_000


class SimClock:
    def __init__(self, speed: float = 1.0) -> None:
        if not (math.isfinite(speed) and 0 < speed <= MAX_SPEED):
            raise ValueError(f"speed must be above 0 and at most {MAX_SPEED:,.0f}")
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
        if not 0 <= seconds <= MAX_ADVANCE_SECONDS:  # also NaN and infinity
            raise ValueError(f"advance by 0 to {MAX_ADVANCE_SECONDS:,} seconds")
        with self._lock:
            self._offset += seconds
