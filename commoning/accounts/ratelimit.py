"""Token buckets for rate limits: in the database for logins and sign-ups, in process memory
for API writes.

Integer arithmetic in thousandths of a token, so refills are exact. A database bucket's row is
locked for the update (SELECT ... FOR UPDATE on PostgreSQL; SQLite's IMMEDIATE transaction
serialises writers). The API write bucket is asked on every write, so it is kept in memory
instead: a database bucket there cost a write transaction of its own per request, on the same
lock every log writer waits for (see docs/subsystems/log.md, "The write path").
"""

import threading
from collections import OrderedDict

from django.db import transaction

from commoning.accounts.models import RateBucket
from commoning.log import clock

MILLI = 1000
# Buckets one process keeps in memory. Past this the bucket used longest ago is dropped: one
# person would need this many other tokens busy at once to have theirs refilled early.
MEMORY_BUCKETS_MAX = 10_000


def _refilled(tokens_milli: int, updated_ms: int, now_ms: int, capacity: int, per_minute: int):
    """(tokens now, the time they count from) after refilling since `updated_ms`."""
    elapsed_ms = max(0, now_ms - updated_ms)
    refill = elapsed_ms * per_minute * MILLI // 60_000
    if not refill:
        return tokens_milli, updated_ms
    return min(capacity * MILLI, tokens_milli + refill), now_ms


def take(key: str, *, capacity: int, per_minute: int, now_ms: int | None = None) -> bool:
    """Take one token from database bucket `key`; False (and nothing taken) if it is empty."""
    now_ms = clock.now_ms() if now_ms is None else now_ms
    with transaction.atomic():
        bucket = RateBucket.objects.select_for_update().filter(key=key).first()
        if bucket is None:
            bucket = RateBucket(key=key, tokens_milli=capacity * MILLI, updated_ms=now_ms)
        tokens, bucket.updated_ms = _refilled(
            bucket.tokens_milli, bucket.updated_ms, now_ms, capacity, per_minute
        )
        allowed = tokens >= MILLI
        bucket.tokens_milli = tokens - MILLI if allowed else tokens
        bucket.save()
        return allowed


class MemoryBuckets:
    """Token buckets in this process's memory, shared by its threads, at most `limit` of them.

    Per process: a node served by N processes lets a token write up to N times its rate in the
    worst case (each process refills its own bucket). That is the stated bound of this limit;
    it guards the node against a runaway client, while what may enter the log is decided by
    the domain rules, never by a rate limit.
    """

    def __init__(self, limit: int = MEMORY_BUCKETS_MAX):
        self.limit = limit
        self.lock = threading.Lock()
        self.buckets: OrderedDict[str, tuple[int, int]] = OrderedDict()  # key -> (milli, ms)

    def take(self, key: str, *, capacity: int, per_minute: int, now_ms: int | None = None):
        now_ms = clock.now_ms() if now_ms is None else now_ms
        with self.lock:
            tokens, updated_ms = self.buckets.pop(key, (capacity * MILLI, now_ms))
            tokens, updated_ms = _refilled(tokens, updated_ms, now_ms, capacity, per_minute)
            allowed = tokens >= MILLI
            self.buckets[key] = (tokens - MILLI if allowed else tokens, updated_ms)
            while len(self.buckets) > self.limit:
                self.buckets.popitem(last=False)
            return allowed

    def clear(self) -> None:
        with self.lock:
            self.buckets.clear()


api_writes = MemoryBuckets()
