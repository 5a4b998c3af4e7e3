"""What the pages read from the tallies equals what `credits_in` returned before them (a
recount of every contribution), on the demo network and on random logs, at several moments."""

import random

import pytest

from commoning.accounts.models import Member
from commoning.commons.models import Commons
from commoning.demo import seed_demo
from commoning.log import clock
from commoning.log.projection import rebuild
from commoning.log.registry import Rejected
from commoning.testing import HostileNode
from commoning.work import access, actions
from commoning.work.rules import DAY_MS
from commoning.work.tests.helpers import rules_led_commons


def assert_tallies_match_recount():
    now = clock.now_ms()
    for commons_id in Commons.objects.values_list("id", flat=True):
        for moment in (now, now + 8 * DAY_MS, now + 400 * DAY_MS):
            assert access.credits_in(commons_id, moment) == access.recount_credits_in(
                commons_id, moment
            )
            assert access.validated_count_in(commons_id, moment) == sum(
                row["count"] for row in access.recount_credits_in(commons_id, moment)
            )
    for member_id in Member.objects.values_list("id", flat=True):
        for moment in (now, now + 8 * DAY_MS, now + 400 * DAY_MS):
            assert access.reputation(member_id, moment) == access.recount_reputation(
                member_id, moment
            )


@pytest.mark.django_db
def test_it_matches_the_recount_on_the_demo():
    assert seed_demo(progress=lambda message: None) is True
    assert_tallies_match_recount()
    rebuild()
    assert_tallies_match_recount()


@pytest.mark.django_db
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_it_matches_the_recount_on_a_random_log(seed, alice, bob, carol, dave, eve):
    chance = random.Random(seed)
    people = [alice, bob, carol, dave, eve]
    commons = rules_led_commons(alice, objection_window_days=chance.choice([0, 3, 7]))
    nodes = {user: HostileNode.of(user) for user in people}
    contributions = []
    for step in range(40):
        author = chance.choice(people)
        move = chance.random()
        if move < 0.3 or not contributions:
            # Some dated back, so their windows have closed by now.
            ts = clock.now_ms() - chance.choice([0, 10]) * DAY_MS + step
            written = nodes[author].write(
                "work.contribution",
                {"commons": commons.id, "kind": chance.choice(["code", "writing"]),
                 "effort_minutes": chance.randint(1, 300)},
                deps=[commons.id], ts=ts,
            )
            contributions.append((written.id, author))
            continue
        contribution_id, contributor = chance.choice(contributions)
        try:
            if author is contributor:
                actions.amend_contribution(author, contribution_id,
                                           effort_minutes=chance.randint(1, 300))
            elif move < 0.85:
                actions.validate(author, contribution_id, verdict="approve")
            elif move < 0.95:
                actions.validate(author, contribution_id, verdict="object", reason="Not done")
            else:
                actions.hide_contribution(alice, contribution_id, reason="spam")
        except Rejected:  # the same verdict twice, or the like: a person would be refused too
            continue
    if chance.random() < 0.7:
        actions.fork_commons(eve, commons.id, name="Fork", reason="Our own way")
    assert_tallies_match_recount()
