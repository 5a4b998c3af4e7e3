"""A contribution hidden as spam is collapsed in lists and on its page, saying who hid it and
why, and cannot be judged: the web page offers no judgement form and refuses a posted one, the
API answers 409, and a judgement written directly is refused by the validation rule when the
hide is in its causal past. A judgement that did not know of the hide stands on every node
alike, in any delivery order."""

import pytest
from django.urls import reverse

from commoning.log.models import Entry
from commoning.log.projection import state_hash
from commoning.log.tests.kit import assert_same_in_any_order
from commoning.log.writer import entry_from_row
from commoning.testing import HostileNode
from commoning.work import access, actions
from commoning.work.tests.artifact_kit import api_client, web_client
from commoning.work.tests.helpers import member_id, rules_led_commons


@pytest.fixture
def hidden(alice, bob, eve):
    commons = rules_led_commons(alice)
    spam = actions.record_contribution(
        eve, commons.id, kind="code", effort_minutes=5, description="Buy cheap watches"
    )
    # Bob judged it before the hide, without knowing of it: his judgement stands.
    before = HostileNode.of(bob).write(
        "work.validation",
        {"contribution": spam.id, "verdict": "approve", "version": spam.id},
        deps=[spam.id],
    )
    actions.hide_contribution(alice, spam.id, reason="An advert, not work")
    hide_id = Entry.objects.filter(type="work.hide").values_list("id", flat=True).get()
    return {"commons": commons, "spam": spam, "hide_id": hide_id, "before": before}


def test_it_refuses_a_judgement_of_a_hidden_contribution_on_the_web_page(hidden, bob):
    spam = hidden["spam"]
    client = web_client(bob)
    page = client.get(reverse("work_contribution", args=[spam.id]))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="hidden-spam"' in html
    assert "Hidden by Alice: An advert, not work" in html
    assert reverse("work_validate", args=[spam.id]) not in html  # no judgement form offered
    entries = Entry.objects.count()
    response = client.post(reverse("work_validate", args=[spam.id]), {"verdict": "approve"})
    assert 400 <= response.status_code < 500
    assert Entry.objects.count() == entries


def test_it_refuses_a_judgement_of_a_hidden_contribution_through_the_api(hidden, carol):
    spam = hidden["spam"]
    entries = Entry.objects.count()
    response = api_client(carol).post(
        f"/api/work/contributions/{spam.id}/validations", {"verdict": "approve"},
        content_type="application/json",
    )
    assert response.status_code == 409
    assert Entry.objects.count() == entries
    detail = api_client(carol).get(f"/api/work/contributions/{spam.id}").json()
    assert detail["hidden"] is True
    assert detail["hidden_by"] == hidden["commons"].founder_id
    assert detail["hidden_reason"] == "An advert, not work"


def test_the_rule_refuses_a_judgement_that_lists_the_hide_in_deps(hidden, carol):
    spam = hidden["spam"]
    written = HostileNode.of(carol).write(
        "work.validation",
        {"contribution": spam.id, "verdict": "approve", "version": spam.id},
        deps=sorted([spam.id, hidden["hide_id"]]),
    )
    assert written.status == "rejected"
    assert "hidden as spam" in written.reason


def test_the_rule_refuses_a_judgement_written_after_the_hide_on_the_same_feed(hidden, alice,
                                                                             bob):
    spam = hidden["spam"]
    # Alice, who hid it, approves it afterwards from the key that hid it.
    written = HostileNode.of(alice).write(
        "work.validation",
        {"contribution": spam.id, "verdict": "approve", "version": spam.id},
        deps=[spam.id],
    )
    assert written.status == "rejected"
    assert "hidden as spam" in written.reason


def test_a_judgement_that_did_not_know_of_the_hide_stands_but_does_not_count(hidden):
    spam = access.get_contribution(hidden["commons"].net, hidden["spam"].id)
    assert hidden["before"].applied
    assert spam.hidden
    assert access.verdict(spam).state == "hidden"


def test_lists_collapse_a_hidden_contribution_and_say_who_hid_it_and_why(hidden, carol):
    commons = hidden["commons"]
    html = web_client(carol).get(reverse("work_commons", args=[commons.id])).content.decode()
    assert '<tr class="hidden-spam">' in html
    assert "<details><summary>Hidden by Alice: An advert, not work</summary>" in html


@pytest.mark.django_db(transaction=False)
def test_hides_and_judgements_give_the_same_state_in_any_delivery_order(alice, bob, carol, eve):
    commons = rules_led_commons(alice)
    spam = actions.record_contribution(
        eve, commons.id, kind="code", effort_minutes=5, description="spam"
    )
    concurrent = HostileNode.of(bob).entry(
        "work.validation", {"contribution": spam.id, "verdict": "approve", "version": spam.id},
        deps=[spam.id],
    )
    actions.hide_contribution(alice, spam.id, reason="spam")
    hide_id = Entry.objects.get(type="work.hide").id
    knowing = HostileNode.of(carol).entry(
        "work.validation", {"contribution": spam.id, "verdict": "approve", "version": spam.id},
        deps=sorted([spam.id, hide_id]),
    )
    assert HostileNode.deliver(concurrent).applied
    assert HostileNode.deliver(knowing).status == "rejected"
    assert member_id(alice) == access.get_contribution(commons.net, spam.id).hidden_by
    before = state_hash()
    envelopes = [entry_from_row(row).envelope() for row in Entry.objects.order_by("apply_order")]
    assert_same_in_any_order(
        envelopes, examples=10,
        observe=lambda: sorted(Entry.objects.values_list("id", "status")),
    )
    assert state_hash() == before
