"""Counts read as people say them: "1 contribution", "2 contributions" (ngettext through
`blocktranslate count`), never "1 contributions" or "contribution(s)" (issue 12)."""

import re

import pytest

from commoning.commons.actions import create_commons
from commoning.testing import make_member
from commoning.work import actions
from commoning.work.tests.helpers import member_id, rules_led_commons


def page_text(client, path) -> str:
    answer = client.get(path)
    assert answer.status_code == 200, path
    text = re.sub(r"<[^>]+>", " ", answer.content.decode())
    return re.sub(r"\s+", " ", text)


def validated_work(author, judges, commons, count):
    for number in range(count):
        contribution = actions.record_contribution(
            author, commons.id, kind="code", effort_minutes=30, description=f"Part {number}"
        )
        for judge in judges:
            actions.validate(judge, contribution.id, verdict="approve")


def test_the_home_page_counts_one_member_then_two_members(client, net, alice):
    create_commons(alice, name="Loom", licence="CC0-1.0")
    assert " 1 member " in page_text(client, "/")
    make_member(net, "bob", "Bob")
    text = page_text(client, "/")
    assert " 2 members " in text
    assert " 2 member " not in text


@pytest.mark.parametrize("count", [1, 2])
def test_a_reputation_and_a_commons_count_validated_contributions(
    client, alice, bob, carol, dave, count
):
    commons = rules_led_commons(alice)
    validated_work(bob, [carol, dave], commons, count)
    noun = "contribution" if count == 1 else "contributions"
    reputation = page_text(client, f"/work/members/{member_id(bob)}/")
    assert f" {count} validated {noun}" in reputation
    assert f"{count} {noun}," in reputation  # the line of the commons it was made in
    commons_page = page_text(client, f"/commons/{commons.id}/")
    assert f" {count} validated {noun}" in commons_page
    board = page_text(client, f"/work/commons/{commons.id}/")
    assert " 2 approvals" in board  # each judged by two: "2 approvals", under the rule of 2
    assert "(s)" not in board


@pytest.mark.parametrize("days", [1, 3])
def test_the_rules_page_counts_the_days_a_claim_lasts(client, alice, days):
    commons = rules_led_commons(alice, claim_days=days)
    text = page_text(client, f"/work/commons/{commons.id}/rules/")
    assert (" 1 day " if days == 1 else f" {days} days ") in text
