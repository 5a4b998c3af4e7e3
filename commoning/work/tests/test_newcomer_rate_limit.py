"""New members record contributions under a token bucket; established members do not."""

import pytest

from commoning.log import clock
from commoning.log.models import Entry
from commoning.log.registry import Rejected
from commoning.testing import PASSWORD
from commoning.work import actions
from commoning.work.tests.helpers import rules_led_commons

DAY_MS = 86_400_000


def contribute(user, commons, number):
    return actions.record_contribution(
        user, commons.id, kind="code", effort_minutes=30, description=f"Patch {number}"
    )


def test_it_stops_a_newcomer_after_the_burst_and_writes_nothing(settings, alice, bob):
    settings.COMMONING_NEWCOMER_RATE = (3, 1)
    commons = rules_led_commons(alice)
    for number in range(3):
        contribute(bob, commons, number)
    entries_before = Entry.objects.count()

    with pytest.raises(Rejected) as refused:
        contribute(bob, commons, 3)

    assert refused.value.status == 429
    assert Entry.objects.count() == entries_before


def test_it_lets_an_established_member_past_the_newcomer_burst(settings, monkeypatch, alice, bob):
    settings.COMMONING_NEWCOMER_RATE = (3, 1)
    commons = rules_led_commons(alice)
    later = clock.now_ms() + 8 * DAY_MS  # Bob joined more than COMMONING_NEWCOMER_DAYS ago
    monkeypatch.setattr(clock, "now_ms", lambda: later)

    for number in range(5):
        contribute(bob, commons, number)

    assert Entry.objects.filter(type="work.contribution").count() == 5


def test_the_api_answers_a_throttled_newcomer_with_429_json(settings, client, alice, bob):
    settings.COMMONING_NEWCOMER_RATE = (1, 1)
    commons = rules_led_commons(alice)
    contribute(bob, commons, 0)
    client.login(username="bob", password=PASSWORD)
    token = client.post("/tokens/", {"name": "script"}).context["new_token"]

    answer = client.post(
        "/api/work/contributions",
        {"commons": commons.id, "kind": "code", "effort_minutes": 30, "description": "Patch 1"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )

    assert answer.status_code == 429
    assert answer.json()["code"] == "rate_limited"
