"""A database-backed token bucket, for login attempts and API writes.

Integer arithmetic in thousandths of a token, so refills are exact. The row is locked for the
update (SELECT ... FOR UPDATE on PostgreSQL; SQLite's IMMEDIATE transaction serialises writers).
"""

from django.db import transaction

from commoning.accounts.models import RateBucket
from commoning.log import clock

MILLI = 1000


def take(key: str, *, capacity: int, per_minute: int, now_ms: int | None = None) -> bool:
    """Take one token from bucket `key`; False (and nothing taken) if it is empty."""
    now_ms = clock.now_ms() if now_ms is None else now_ms
    with transaction.atomic():
        bucket = RateBucket.objects.select_for_update().filter(key=key).first()
        if bucket is None:
            bucket = RateBucket(key=key, tokens_milli=capacity * MILLI, updated_ms=now_ms)
        elapsed_ms = max(0, now_ms - bucket.updated_ms)
        refill = elapsed_ms * per_minute * MILLI // 60_000
        tokens = min(capacity * MILLI, bucket.tokens_milli + refill)
        if refill:
            bucket.updated_ms = now_ms
        allowed = tokens >= MILLI
        bucket.tokens_milli = tokens - MILLI if allowed else tokens
        bucket.save()
        return allowed
