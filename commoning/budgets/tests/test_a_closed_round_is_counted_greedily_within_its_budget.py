"""A round end to end through the actions: projects, ballots (a later one replaces the earlier),
a teller's close, and the result counted by the core's greedy rule: most votes first, what no
longer fits skipped, a cheaper one further down still funded."""

from commoning.budgets import access, actions
from commoning.budgets.models import Project
from commoning.budgets.tests import kit


def test_it_funds_the_most_approved_projects_that_fit(net, alice, bob, carol, dave, moved):
    kit.association(net, alice, bob, carol, dave)
    round_row = kit.open_round(alice, moved.now, budget=1_000_00)
    lathe = actions.propose_project(carol, round_row.id, title="Lathe hours", cost_minor=600_00)
    shelves = actions.propose_project(dave, round_row.id, title="Seed shelves", cost_minor=500_00)
    labels = actions.propose_project(alice, round_row.id, title="Seed labels", cost_minor=300_00)
    kit.to_voting(moved, round_row)
    actions.cast_ballot(alice, round_row.id, approve=[lathe.id, shelves.id])
    actions.cast_ballot(carol, round_row.id, approve=[lathe.id])
    actions.cast_ballot(bob, round_row.id, approve=[lathe.id])
    actions.cast_ballot(dave, round_row.id, approve=[lathe.id, shelves.id])
    moved.advance(1000)
    # Dave changes his mind: his later ballot replaces the earlier one.
    actions.cast_ballot(dave, round_row.id, approve=[shelves.id, labels.id])
    kit.to_counting(moved, round_row)
    actions.close_round(bob, round_row.id)

    counted = {p.title: (p.votes, p.selected_rank) for p in Project.objects.all()}
    # Lathe, 3 votes (600 of 1000), first; shelves, 2 votes, no longer fits in the 400 left
    # (500); labels, 1 vote (300), still fits.
    assert counted == {"Lathe hours": (3, 1), "Seed shelves": (2, None), "Seed labels": (1, 2)}
    closed = access.get_round(net, round_row.id)
    assert closed.ballots_counted == 4
    assert closed.spent_minor == 900_00
    assert access.phase_of(closed, moved.now) == access.CLOSED
