"""On random rounds (costs, budget, who approves what), the result the app counts through its
actions and close is the core's greedy selection of the same approvals."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commoning.association.testing import make_association
from commoning.budgets import actions
from commoning.budgets.models import Project
from commoning.budgets.tests import kit
from commoning.core.budgeting.greedy import greedy_selection

rounds = st.tuples(
    st.integers(min_value=1, max_value=20),  # budget in whole euros
    st.lists(st.integers(min_value=1, max_value=12), min_size=1, max_size=6),  # costs
    st.lists(st.sets(st.integers(min_value=0, max_value=5)), min_size=4, max_size=4),
)


def test_the_app_selects_what_the_core_selects(net, alice, bob, carol, dave, moved):
    make_association(net, alice, members=(carol, dave), stewards=(alice,), tellers=(bob,))
    voters = [alice, bob, carol, dave]

    @settings(max_examples=6, deadline=None, database=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
    @given(rounds)
    def counts_like_the_core(drawn):
        budget, costs, approvals = drawn
        round_row = kit.open_round(alice, moved.now, budget=budget * 100)
        projects = [actions.propose_project(alice, round_row.id, title=f"P{i}",
                                            cost_minor=min(cost, budget) * 100)
                    for i, cost in enumerate(costs)]
        kit.to_voting(moved, round_row)
        approved_by = []
        for voter, chosen in zip(voters, approvals, strict=True):
            ids = [projects[i].id for i in chosen if i < len(projects)]
            actions.cast_ballot(voter, round_row.id, approve=ids)
            approved_by.append(ids)
        kit.to_counting(moved, round_row)
        actions.close_round(bob, round_row.id)

        tally = {p.id: sum(p.id in ids for ids in approved_by) for p in projects}
        expected = greedy_selection(budget * 100, {p.id: p.cost_minor for p in projects}, tally)
        counted = Project.objects.filter(round_id=round_row.id, selected_rank__isnull=False)
        assert [p.id for p in counted.order_by("selected_rank")] == expected
        assert {p.id: p.votes for p in Project.objects.filter(round_id=round_row.id)} == tally
        moved.advance(kit.HOUR)

    counts_like_the_core()
