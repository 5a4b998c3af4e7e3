"""Ranking: an object with the word in its title comes before one with it only in its text;
among equals, the newest first."""

from commoning.commons.actions import create_commons
from commoning.search.tests.kit import found


def test_a_title_match_ranks_before_a_body_match(net, alice):
    in_body = create_commons(alice, name="Village Workshop", licence="MIT",
                             description="We keep a kiln, a lathe and a kiln shelf.")
    in_title = create_commons(alice, name="Kiln", licence="MIT",
                              description="A wood-fired oven for pottery and bread.")
    assert found(net, "kiln") == [("commons", in_title.id), ("commons", in_body.id)]


def test_equal_matches_come_newest_first(net, alice):
    older = create_commons(alice, name="Solar Dryer", licence="MIT")
    newer = create_commons(alice, name="Solar Cooker", licence="MIT")
    assert found(net, "solar") == [("commons", newer.id), ("commons", older.id)]
