"""Login rate limit: too many failed attempts for a user name or from an address block logins
for a while. Kept in memory: `compliance serve` is one process."""
from __future__ import annotations

import threading
import time
from collections import defaultdict, deque
from typing import Callable, Optional


class LoginLimiter:
    def __init__(self, failures: int, window_seconds: int, clock: Callable[[], float] = time.monotonic):
        self.limits = {"user": failures, "address": failures * 4}
        self.window = window_seconds
        self.clock = clock
        self._failed: dict[tuple[str, str], deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def retry_after(self, username: str, address: str) -> Optional[int]:
        """Seconds until a login may be tried again, or None when it may be tried now."""
        now = self.clock()
        waits = []
        with self._lock:
            for key in self._keys(username, address):
                times = self._failed[key]
                while times and times[0] <= now - self.window:
                    times.popleft()
                if len(times) >= self.limits[key[0]]:
                    waits.append(int(times[0] + self.window - now) + 1)
        return max(waits) if waits else None

    def failed(self, username: str, address: str) -> None:
        with self._lock:
            for key in self._keys(username, address):
                self._failed[key].append(self.clock())

    def succeeded(self, username: str) -> None:
        with self._lock:
            self._failed.pop(("user", username.lower()), None)

    @staticmethod
    def _keys(username: str, address: str) -> tuple[tuple[str, str], ...]:
        return ("user", username.lower()), ("address", address)
