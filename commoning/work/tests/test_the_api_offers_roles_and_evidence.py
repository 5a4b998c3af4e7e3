"""The API offers what the roles page and a contribution's evidence show: maintainers now, role
changes a page at a time, recall and lapse; evidence files listed and uploaded by the author,
with the same refusals as the pages (403 for others, 413 past the size limit)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from commoning.accounts.actions import create_api_token
from commoning.log.models import Entry
from commoning.work import actions, role_actions
from commoning.work.models import Evidence
from commoning.work.tests.helpers import member_id, rules_led_commons

PHOTO = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _api(user):
    _row, token = create_api_token(user, "test")
    return Client(headers={"Authorization": f"Bearer {token}"})


@pytest.fixture
def founder_led(alice, bob):
    commons = rules_led_commons(alice, mode="founder-led")
    role_actions.appoint_maintainer(alice, commons.id, member_id(bob))
    return commons


def test_it_lists_the_maintainers_and_every_role_change(founder_led, alice, bob):
    maintainers = Client().get(f"/api/work/commons/{founder_led.id}/maintainers").json()
    assert maintainers["founder_id"] == member_id(alice)
    assert [(m["member_id"], m["rule"]) for m in maintainers["maintainers"]] == [
        (member_id(bob), "appointed")
    ]
    changes = Client().get(f"/api/work/commons/{founder_led.id}/roles?limit=1").json()
    assert [c["change"] for c in changes["items"]] == ["grant"]
    assert changes["next"] is None


def test_it_recalls_a_role_for_a_maintainer_and_refuses_anyone_else(founder_led, bob, eve):
    path = f"/api/work/commons/{founder_led.id}/roles/recall"
    before = Entry.objects.count()
    refused = _api(eve).post(
        path, {"member": member_id(bob), "reason": "mine now"}, content_type="application/json"
    )
    assert refused.status_code == 403
    assert Entry.objects.count() == before


def test_the_author_uploads_evidence_and_anyone_lists_it(alice, bob):
    commons = rules_led_commons(alice)
    work = actions.record_contribution(
        bob, commons.id, kind="code", effort_minutes=30, description="Wired the board"
    )
    path = f"/api/work/contributions/{work.id}/evidence"
    upload = SimpleUploadedFile("board.png", PHOTO, content_type="image/png")
    answer = _api(bob).post(path, {"file": upload})
    assert answer.status_code == 201, answer.content
    listed = Client().get(path).json()
    assert [(e["name"], e["size"]) for e in listed["items"]] == [("board.png", len(PHOTO))]


def test_it_refuses_evidence_from_another_member_and_past_the_limit(alice, bob, eve, monkeypatch):
    commons = rules_led_commons(alice)
    work = actions.record_contribution(
        bob, commons.id, kind="code", effort_minutes=30, description="Wired the board"
    )
    path = f"/api/work/contributions/{work.id}/evidence"
    foreign = SimpleUploadedFile("fake.png", PHOTO, content_type="image/png")
    assert _api(eve).post(path, {"file": foreign}).status_code == 403
    monkeypatch.setattr(actions, "EVIDENCE_MAX_BYTES", 10)
    big = SimpleUploadedFile("big.png", PHOTO, content_type="image/png")
    assert _api(bob).post(path, {"file": big}).status_code == 413
    assert not Evidence.objects.exists()
