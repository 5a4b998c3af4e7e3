"""The same entries delivered in any order give the same state hash and the same result: two
tellers' concurrent closes (the earliest counts), a ballot replaced by a later one, a ballot
the close does not list, and a project nobody approved."""

from commoning.association.testing import make_association
from commoning.budgets import actions
from commoning.budgets.models import Project, Round
from commoning.budgets.tests import kit
from commoning.log.tests.kit import assert_same_in_any_order, exported_envelopes
from commoning.testing import HostileNode


def result():
    rounds = list(Round.objects.values_list("id", "close_id", "ballots_counted", "spent_minor"))
    projects = list(Project.objects.order_by("id").values_list("id", "votes", "selected_rank"))
    return rounds, projects


def test_any_delivery_order_gives_the_same_result(net, alice, bob, carol, dave, eve, moved):
    make_association(net, alice, members=(carol, eve), stewards=(alice,), tellers=(bob, dave))
    round_row = kit.open_round(alice, moved.now, budget=900_00)
    lathe = actions.propose_project(carol, round_row.id, title="Lathe", cost_minor=600_00)
    shelves = actions.propose_project(eve, round_row.id, title="Shelves", cost_minor=400_00)
    labels = actions.propose_project(alice, round_row.id, title="Labels", cost_minor=200_00)
    actions.propose_project(dave, round_row.id, title="Nobody's", cost_minor=100_00)
    kit.to_voting(moved, round_row)
    actions.cast_ballot(alice, round_row.id, approve=[lathe.id, labels.id])
    actions.cast_ballot(carol, round_row.id, approve=[lathe.id])
    actions.cast_ballot(eve, round_row.id, approve=[lathe.id])
    moved.advance(1000)
    actions.cast_ballot(eve, round_row.id, approve=[shelves.id, labels.id])
    kit.to_counting(moved, round_row)
    actions.close_round(bob, round_row.id)
    # Dave closes too, concurrently, listing fewer ballots and dated later: Bob's counts.
    moved.advance(1000)
    dave_close = HostileNode.of(dave).write(
        "budget.close", {"round": round_row.id, "ballots": []}, deps=[round_row.id])
    assert dave_close.applied, dave_close.reason
    # Carol's second ballot, written after the close and dated back into the window: valid by
    # its date, but not listed, so her first ballot still counts.
    late = HostileNode.of(carol).write(
        "budget.ballot", {"round": round_row.id, "approve": [shelves.id]}, deps=[round_row.id],
        ts=round_row.voting_closes_ms)
    assert late.applied, late.reason
    rounds, projects = result()
    assert rounds[0][2] == 3
    assert {p[0]: p[1] for p in projects}[lathe.id] == 2
    assert_same_in_any_order(exported_envelopes(), observe=result, examples=4)
