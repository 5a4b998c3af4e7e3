"""A commons defines kinds of its own ("field trial") in its published rules, bounded in number
and length; its forms and API offer and accept only the kinds its rules in force allow, the
contribution, amendment and task rules check the kind against the rules version the entry
names, and reputation and credit count work of the commons' own kinds."""

import pytest
from django.urls import reverse

from commoning.log.models import Entry
from commoning.testing import HostileNode
from commoning.work import access, actions
from commoning.work.tests.artifact_kit import api_client, web_client
from commoning.work.tests.helpers import FAST_RULES, rules_led_commons

FARM_KINDS = {"field_trial": "Field trial", "seed_collection": "Seed collection"}


@pytest.fixture
def farm(alice):
    commons = rules_led_commons(alice, kinds=["writing"], kind_labels=FARM_KINDS)
    return commons, access.rules_for(commons.id)


def _contribution_data(commons, rules_id, kind):
    return {"commons": commons.id, "kind": kind, "effort_minutes": 30, "rules": rules_id}


def test_the_rules_in_force_allow_the_commons_own_kinds_with_their_labels(farm, carol):
    commons, rules = farm
    assert rules.kinds == ("field_trial", "seed_collection", "writing")
    assert rules.kind_label("field_trial") == "Field trial"
    shown = api_client(carol).get(f"/api/work/commons/{commons.id}/rules").json()
    assert shown["kind_labels"] == FARM_KINDS
    page = web_client(carol).get(reverse("work_rules", args=[commons.id])).content.decode()
    assert "Field trial, Seed collection, writing" in page


def test_the_contribution_form_offers_only_the_kinds_the_rules_allow(farm, bob):
    commons, _rules = farm
    client = web_client(bob)
    html = client.get(reverse("work_contribute", args=[commons.id])).content.decode()
    assert '<option value="field_trial">Field trial</option>' in html
    assert 'value="translation"' not in html
    entries = Entry.objects.count()
    refused = client.post(
        reverse("work_contribute", args=[commons.id]),
        {"kind": "translation", "effort_minutes": "30", "description": "Translated a page"},
    )
    assert refused.status_code == 400
    assert "Translated a page" in refused.content.decode()  # the input is kept
    assert Entry.objects.count() == entries
    recorded = client.post(
        reverse("work_contribute", args=[commons.id]),
        {"kind": "seed_collection", "effort_minutes": "45", "description": "Saved bean seed"},
    )
    assert recorded.status_code == 303
    saved = access.contributions_in(commons.id).get()
    assert saved.kind == "seed_collection"


def test_the_api_accepts_only_the_kinds_the_rules_allow(farm, bob):
    commons, _rules = farm
    client = api_client(bob)
    refused = client.post(
        "/api/work/contributions",
        {"commons": commons.id, "kind": "code", "effort_minutes": 5, "description": "x"},
        content_type="application/json",
    )
    assert 400 <= refused.status_code < 500
    recorded = client.post(
        "/api/work/contributions",
        {"commons": commons.id, "kind": "field_trial", "effort_minutes": 5,
         "description": "Two tomato lines side by side"},
        content_type="application/json",
    )
    assert recorded.status_code == 201, recorded.content
    assert recorded.json()["kind"] == "field_trial"


def test_the_rule_refuses_a_kind_the_named_rules_do_not_allow(farm, alice, eve):
    commons, rules = farm
    mallory = HostileNode.of(eve)
    deps = sorted([commons.id, rules.rules_id])
    outside = mallory.write("work.contribution", _contribution_data(commons, rules.rules_id,
                                                                    "code"), deps=deps)
    assert outside.status == "rejected"
    assert "kind" in outside.reason
    # A kind of the commons' own needs the rules that define it.
    unnamed = mallory.write(
        "work.contribution",
        {"commons": commons.id, "kind": "field_trial", "effort_minutes": 30},
        deps=[commons.id],
    )
    assert unnamed.status == "rejected"
    allowed = mallory.write("work.contribution", _contribution_data(commons, rules.rules_id,
                                                                    "field_trial"), deps=deps)
    assert allowed.applied, allowed.reason
    elsewhere = rules_led_commons(alice, kinds=["writing"],
                                  kind_labels={"grafting": "Grafting"})
    assert access.rules_for(elsewhere.id).kinds == ("grafting", "writing")
    amended = mallory.write(
        "work.amend", {"contribution": allowed.id, "kind": "grafting"}, deps=[allowed.id]
    )
    assert amended.status == "rejected"  # another commons' own kind


def test_the_task_rule_checks_the_kind_against_the_rules_it_names(farm, alice, eve):
    commons, _rules = farm
    task = actions.create_task(alice, commons.id, title="Collect bean seed",
                               kind="seed_collection")
    assert task.kind == "seed_collection"
    unnamed = HostileNode.of(eve).write(
        "work.task", {"commons": commons.id, "title": "Trial", "kind": "field_trial"},
        deps=[commons.id],
    )
    assert unnamed.status == "rejected"


@pytest.mark.parametrize(
    ("kinds", "labels"),
    [
        (["field_trial", "writing"], {"field_trial": "x" * 41}),  # label too long
        (["9_trial", "writing"], {"9_trial": "Field trial"}),  # not slug-like
        (["code", "writing"], {"code": "Code"}),  # a built-in kind relabelled
        (["writing"], {"field_trial": "Field trial"}),  # labelled but not allowed
        (["field_trial", "writing"], {}),  # allowed but never defined
        ([f"kind_{n:02d}" for n in range(21)], {f"kind_{n:02d}": "K" for n in range(21)}),
    ],
)
def test_the_rules_rule_bounds_the_commons_own_kinds(alice, kinds, labels):
    commons = rules_led_commons(alice)
    data = {"commons": commons.id, **{k: v for k, v in FAST_RULES.items()}, "kinds": kinds}
    if labels:
        data["kind_labels"] = labels
    written = HostileNode.of(alice).write("work.rules", data, deps=[commons.id])
    assert written.status == "rejected", written


def test_the_rules_form_takes_kinds_of_the_commons_own(alice):
    commons = rules_led_commons(alice)
    response = web_client(alice).post(
        reverse("work_rules", args=[commons.id]),
        {**{k: v for k, v in FAST_RULES.items() if k != "kinds"}, "kinds": ["writing"],
         "own_kinds": "Field trial\nSeed collection"},
    )
    assert response.status_code == 303, response.content.decode()[:2000]
    assert dict(access.rules_for(commons.id).kind_labels) == FARM_KINDS


def test_reputation_and_credit_count_the_commons_own_kinds(farm, bob, carol, dave):
    commons, _rules = farm
    work = actions.record_contribution(
        bob, commons.id, kind="field_trial", effort_minutes=120, description="A trial"
    )
    actions.validate(carol, work.id, verdict="approve")
    actions.validate(dave, work.id, verdict="approve")
    reputation = access.reputation(work.member_id)
    assert reputation["kinds"] == {"field_trial": {"count": 1, "effort_minutes": 120}}
    credits = {credit["member_id"]: credit for credit in access.credits_in(commons.id)}
    assert credits[work.member_id]["count"] == 1
    assert credits[work.member_id]["effort_minutes"] == 120
    assert access.recount_reputation(work.member_id)["kinds"] == reputation["kinds"]
    page = web_client(carol).get(reverse("work_reputation", args=[work.member_id]))
    assert ">Field trial</td>" in page.content.decode()
