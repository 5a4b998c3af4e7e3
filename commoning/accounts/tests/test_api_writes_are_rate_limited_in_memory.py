"""API writes per token are rate limited by a bucket in process memory, bounded in size."""

from django.test import Client

from commoning.accounts import ratelimit
from commoning.accounts.actions import create_api_token
from commoning.accounts.models import RateBucket


def test_it_refuses_writes_past_the_burst_with_a_429(bob, settings):
    settings.COMMONING_WRITE_RATE = (2, 1)
    _row, token = create_api_token(bob, "t")
    api = Client(headers={"Authorization": f"Bearer {token}"})
    answers = [
        api.post("/api/me/profile", {"bio": f"take {n}"},
                 content_type="application/json").status_code
        for n in range(3)
    ]
    assert answers == [200, 200, 429]
    assert not RateBucket.objects.filter(key__startswith="api:write:").exists()


def test_it_refills_a_bucket_with_time():
    buckets = ratelimit.MemoryBuckets()
    assert buckets.take("k", capacity=1, per_minute=60, now_ms=0)
    assert not buckets.take("k", capacity=1, per_minute=60, now_ms=500)
    assert buckets.take("k", capacity=1, per_minute=60, now_ms=1_000)


def test_it_keeps_at_most_its_limit_of_buckets():
    buckets = ratelimit.MemoryBuckets(limit=3)
    for number in range(10):
        buckets.take(f"k{number}", capacity=1, per_minute=1, now_ms=0)
    assert list(buckets.buckets) == ["k7", "k8", "k9"]
