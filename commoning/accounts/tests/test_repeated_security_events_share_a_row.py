"""Repeated events (a throttled write, a refused login, a refused push) are what an attacker
produces by the thousand: one row per kind, subject and minute holds their count, and past a
cap of subjects per minute the rest fold into one overflow row. Other events keep a row each."""

from datetime import timedelta

from django.db.models import Sum
from django.test import RequestFactory, override_settings
from django.utils import timezone

from commoning.accounts import security
from commoning.accounts.actions import create_api_token
from commoning.accounts.models import SecurityEvent


def request_from(address: str):
    request = RequestFactory().get("/", REMOTE_ADDR=address)
    request.user = None
    return request


def total(kind: str) -> int:
    return SecurityEvent.objects.filter(kind=kind).aggregate(total=Sum("count"))["total"] or 0


def test_repeated_failures_of_one_subject_share_a_row_with_a_count(db):
    for _ in range(50):
        security.record("auth:login:failed", request=request_from("192.0.2.1"), username="bob")
    row = SecurityEvent.objects.get(kind="auth:login:failed")
    assert row.count == 50 and row.username == "bob" and row.ip == "192.0.2.1"
    assert row.last_at >= row.at


def test_each_subject_and_kind_keeps_its_own_row(db):
    for address in ("192.0.2.1", "192.0.2.2"):
        for _ in range(3):
            security.record("api:write:throttled", request=request_from(address))
    security.record("auth:login:failed", request=request_from("192.0.2.1"), username="bob")
    security.record("auth:login:failed", request=request_from("192.0.2.1"), username="carol")
    assert SecurityEvent.objects.filter(kind="api:write:throttled").count() == 2
    assert total("api:write:throttled") == 6
    assert SecurityEvent.objects.filter(kind="auth:login:failed").count() == 2


def test_a_new_minute_starts_a_new_row(db):
    security.record("sync:bundle:refused", request=request_from("192.0.2.1"))
    SecurityEvent.objects.update(at=timezone.now() - timedelta(minutes=2))
    security.record("sync:bundle:refused", request=request_from("192.0.2.1"))
    assert list(SecurityEvent.objects.order_by("id").values_list("count", flat=True)) == [1, 1]


def test_events_that_matter_one_by_one_keep_a_row_each(db, alice):
    for _ in range(3):
        security.record("account:password:changed", user=alice)
    assert SecurityEvent.objects.filter(kind="account:password:changed").count() == 3


def test_past_the_cap_of_subjects_a_minute_the_rest_fold_into_one_row(db):
    subjects = security.SUBJECTS_PER_MINUTE + 40
    for number in range(subjects):
        address = f"10.0.{number // 250}.{number % 250}"
        security.record("auth:signup:throttled", request=request_from(address))
    rows = SecurityEvent.objects.filter(kind="auth:signup:throttled")
    assert rows.count() == security.SUBJECTS_PER_MINUTE + 1
    overflow = rows.get(detail=security.OVERFLOW_DETAIL)
    assert overflow.count == 40 and overflow.ip is None
    assert total("auth:signup:throttled") == subjects


@override_settings(COMMONING_WRITE_RATE=(2, 1))
def test_a_flood_of_throttled_api_writes_leaves_one_row(client, alice):
    token = create_api_token(alice, name="flood")[1]
    for number in range(12):
        client.post("/api/commons", {"name": f"Commons {number}", "licence": "CC0-1.0"},
                    content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")
    throttled = SecurityEvent.objects.filter(kind="api:write:throttled")
    assert throttled.count() == 1 and throttled.get().count == 10
