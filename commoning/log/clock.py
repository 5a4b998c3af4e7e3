"""The clock seam: the only place the log reads the time, so tests can move it."""

import time

FUTURE_TOLERANCE_MS = 10 * 60 * 1000  # entries dated further ahead wait until their time


def now_ms() -> int:
    return time.time_ns() // 1_000_000
