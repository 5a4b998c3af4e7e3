"""A member's profile shows their standing: roles held (earned maintainer roles included, with
the commons and since when), the validated work a credential would certify, and recent work,
keyset-paged at a cost that does not grow with their history; the API's member detail says the
same."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from commoning.work import actions, role_actions
from commoning.work.tests.artifact_kit import api_client, web_client
from commoning.work.tests.helpers import member_id, rules_led_commons


@pytest.fixture(autouse=True)
def _no_newcomer_limit(settings):
    settings.COMMONING_NEWCOMER_DAYS = 0  # Bob records dozens of contributions at once


@pytest.fixture
def bobs_work(alice, bob, carol, dave):
    commons = rules_led_commons(alice)
    first = actions.record_contribution(bob, commons.id, kind="code", effort_minutes=60,
                                        description="Soldered the boards")
    actions.validate(carol, first.id, verdict="approve")
    actions.validate(dave, first.id, verdict="approve")  # earns Bob the maintainer role
    role_actions.record_earned_role(alice, commons.id, member_id(bob), quiet=True)
    return commons


def _record(user, commons, count):
    for n in range(count):
        actions.record_contribution(user, commons.id, kind="writing", effort_minutes=5,
                                    description=f"Note {n}")


def test_the_profile_shows_roles_held_validated_work_and_recent_work(bobs_work, bob, carol):
    html = web_client(carol).get(reverse("member", args=[member_id(bob)])).content.decode()
    assert "Maintainer (earned by the commons' rules) of" in html
    assert "Open Soil Sensor</a>, since " in html
    assert "1 validated contribution, 1 h 00 min of work" in html
    assert reverse("work_reputation", args=[member_id(bob)]) in html
    assert html.count('<li><a href="/work/contributions/') == 1  # recent work: the one


def test_recent_work_is_keyset_paged(bobs_work, bob, carol):
    _record(bob, bobs_work, 11)  # twelve in all: ten shown, then two
    client = web_client(carol)
    url = reverse("member", args=[member_id(bob)])
    first = client.get(url)
    html = first.content.decode()
    assert html.count('<li><a href="/work/contributions/') == 10
    older = html.split('href="?after=')[1].split('"')[0]
    second = client.get(f"{url}?after={older}").content.decode()
    assert second.count('<li><a href="/work/contributions/') == 2
    assert client.get(f"{url}?after=forged").status_code == 400


def test_the_profile_costs_the_same_whatever_the_history(bobs_work, bob, carol):
    client = web_client(carol)
    url = reverse("member", args=[member_id(bob)])
    _record(bob, bobs_work, 10)
    client.get(url)
    with CaptureQueriesContext(connection) as short_history:
        client.get(url)
    _record(bob, bobs_work, 30)
    with CaptureQueriesContext(connection) as long_history:
        client.get(url)
    assert len(long_history) == len(short_history)


def test_the_api_member_detail_gives_the_same_standing(bobs_work, bob, carol):
    client = api_client(carol)
    detail = client.get(f"/api/members/{member_id(bob)}").json()
    roles = detail["standing"]["roles_held"]
    assert [(r["commons_id"], r["role"], r["how"]) for r in roles] == [
        (bobs_work.id, "maintainer", "earned")
    ]
    assert roles[0]["since_ts"] > 0
    assert detail["standing"]["validated_work"]["validated"] == 1
    _record(bob, bobs_work, 3)
    listed = client.get(detail["standing"]["recent_work"] + "?limit=2").json()
    assert len(listed["items"]) == 2 and listed["next"]
    rest = client.get(detail["standing"]["recent_work"] + f"?limit=2&cursor={listed['next']}")
    assert len(rest.json()["items"]) == 2
