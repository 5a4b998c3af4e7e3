"""Finding 4: a contribution dated 1970 skipped the 7-day objection window. The log now refuses
any entry dated before what it relies on (the commons, the author's last entry), so the
earliest a contribution can be dated is the latest of those; a person never picks ts at all."""

import pytest
from django.test import Client

from commoning.accounts.actions import create_api_token
from commoning.commons.actions import create_commons
from commoning.log import clock
from commoning.log.models import Entry
from commoning.testing import HostileNode
from commoning.work import access, actions
from commoning.work.models import Contribution
from commoning.work.rules import DAY_MS

MINUTE = 60_000


@pytest.fixture
def commons(alice, bob, carol, dave, eve, monkeypatch):
    """A commons under the default rules (a 7-day objection window), founded after everyone
    joined, and dated a few minutes ahead: later than Eve's last entry."""
    ahead = clock.now_ms() + 5 * MINUTE
    monkeypatch.setattr(clock, "now_ms", lambda: ahead)
    founded = create_commons(alice, name="Loom", licence="CERN-OHL-S-2.0")
    monkeypatch.undo()
    return founded


def _approved_by_two(contribution_id, carol, dave):
    actions.validate(carol, contribution_id, verdict="approve")
    actions.validate(dave, contribution_id, verdict="approve")
    return Contribution.objects.get(id=contribution_id)


def test_a_person_cannot_date_a_contribution(commons, bob, carol, dave):
    _row, token = create_api_token(bob, "test")
    api = Client(headers={"Authorization": f"Bearer {token}"})
    response = api.post(
        "/api/work/contributions",
        {"commons": commons.id, "kind": "code", "effort_minutes": 60, "description": "Warp",
         "ts": 0},
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    contribution = _approved_by_two(response.json()["id"], carol, dave)
    assert contribution.ts >= Entry.objects.get(id=commons.id).ts
    assert access.verdict(contribution).state == "in-window"


def test_a_contribution_dated_1970_is_rejected(commons, eve, carol, dave):
    written = HostileNode.of(eve).write(
        "work.contribution",
        {"commons": commons.id, "kind": "code", "effort_minutes": 600},
        deps=[commons.id], ts=0,
    )
    assert written.status == "rejected"
    assert written.reason.startswith("ts is earlier than")
    assert not Contribution.objects.filter(id=written.id).exists()


def test_a_contribution_dated_after_the_authors_last_entry_but_before_the_commons_is_rejected(
    commons, eve
):
    commons_ts = Entry.objects.get(id=commons.id).ts
    written = HostileNode.of(eve).write(
        "work.contribution",
        {"commons": commons.id, "kind": "code", "effort_minutes": 600},
        deps=[commons.id], ts=commons_ts - 1,
    )
    assert written.status == "rejected"
    assert written.reason == "ts is earlier than an entry it depends on"


def test_the_earliest_date_a_hostile_node_may_pick_leaves_the_window_open(
    commons, eve, carol, dave
):
    # Dated at the commons itself, the oldest anchor allowed: the window runs from there, so
    # backdating wins at most the time since the commons (or the author's last entry).
    commons_ts = Entry.objects.get(id=commons.id).ts
    written = HostileNode.of(eve).write(
        "work.contribution",
        {"commons": commons.id, "kind": "code", "effort_minutes": 600},
        deps=[commons.id], ts=commons_ts,
    )
    assert written.applied, written
    contribution = _approved_by_two(written.id, carol, dave)
    assert access.verdict(contribution, now=commons_ts + 7 * DAY_MS - 1).state == "in-window"
