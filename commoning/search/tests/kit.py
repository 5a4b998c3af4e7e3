"""Shared set-up for search tests: a small network with one object of every kind."""

from types import SimpleNamespace

from commoning.accounts.actions import update_profile
from commoning.commons.actions import create_commons
from commoning.search.query import search
from commoning.work import actions
from commoning.work.artifact_actions import create_artifact
from commoning.work.tests.helpers import member_id


def found(net, query, **filters) -> list[tuple[str, str]]:
    """(kind, id) of every result, in order."""
    return [(item.kind, item.id) for item in search(net, query, limit=100, **filters).items]


def small_world(alice, bob):
    """Alice's commons with a task, Bob's contribution and Alice's artifact, each with words
    found nowhere else."""
    commons = create_commons(alice, name="Hand Loom", licence="CERN-OHL-S-2.0",
                             description="A floor loom anyone can build from plywood.")
    task = actions.create_task(alice, commons.id, title="Tension spring drawing", kind="design",
                               description="Redraw the warp tensioner with metric bolts.")
    contribution = actions.record_contribution(
        bob, commons.id, kind="design", effort_minutes=30,
        description="Measured the heddle frame\nand wrote down every dimension.")
    artifact = create_artifact(alice, commons.id, title="Assembly guide",
                               body="Glue the treadles before the castle is raised.")
    update_profile(bob, bio="Weaver from the lowlands.")
    return SimpleNamespace(commons=commons, task=task, contribution=contribution,
                           artifact=artifact, bob_id=member_id(bob), alice_id=member_id(alice))
