"""Small graphs whose optimal set-off is worked out by hand, including where clearing the first
cycle found would clear less than the optimum, and members who opt out or exclude an
obligation."""

from commoning.core.clearing.certificate import check_certificate
from commoning.core.clearing.obligations import Obligation
from commoning.core.clearing.solve import clear


def owes(obligation_id, debtor, creditor, amount):
    return Obligation(obligation_id, debtor, creditor, amount)


def test_it_clears_a_triangle_by_its_smallest_debt():
    clearing = clear([owes("1", "alice", "bob", 10), owes("2", "bob", "carol", 7),
                      owes("3", "carol", "alice", 12)])
    assert clearing.set_off == {"1": 7, "2": 7, "3": 7}
    assert (clearing.total, clearing.cleared, clearing.remaining) == (29, 21, 8)


def test_it_clears_nothing_without_a_cycle():
    clearing = clear([owes("1", "alice", "bob", 10), owes("2", "bob", "carol", 7)])
    assert clearing.set_off == {"1": 0, "2": 0}
    assert clearing.cleared == 0
    assert check_certificate(clearing.certificate) == []


def test_it_clears_nothing_of_nothing():
    clearing = clear([])
    assert (clearing.total, clearing.cleared, clearing.remaining) == (0, 0, 0)
    assert check_certificate(clearing.certificate) == []


def test_it_sets_off_debts_both_ways_between_two_members():
    clearing = clear([owes("1", "alice", "bob", 10), owes("2", "bob", "alice", 4)])
    assert clearing.set_off == {"1": 4, "2": 4}


def test_it_clears_more_than_taking_the_two_member_cycle_first():
    # a owes b 10 and b owes a 10, a cycle of 20; b->c->a (5 each) shares a->b with it.
    # Clearing a<->b first leaves a->b at 0 and stops at 20; the optimum sets off only 5 of
    # b->a so that a->b also carries the longer cycle: 10 + 5 + 5 + 5 = 25.
    obligations = [owes("ab", "a", "b", 10), owes("ba", "b", "a", 10),
                   owes("bc", "b", "c", 5), owes("ca", "c", "a", 5)]
    clearing = clear(obligations)
    assert clearing.set_off == {"ab": 10, "ba": 5, "bc": 5, "ca": 5}
    assert clearing.cleared == 25
    assert check_certificate(clearing.certificate) == []


def test_it_leaves_out_every_obligation_of_a_member_who_opts_out():
    triangle = [owes("1", "alice", "bob", 10), owes("2", "bob", "carol", 10),
                owes("3", "carol", "alice", 10), owes("4", "alice", "bob", 3),
                owes("5", "bob", "alice", 3)]
    clearing = clear(triangle, opted_out=["carol"])
    # Without carol only alice<->bob clears: 3 of alice's 13, shared 10:3 by largest remainder.
    assert clearing.set_off == {"1": 2, "2": 0, "3": 0, "4": 1, "5": 3}
    assert clearing.cleared == 6
    assert clearing.certificate.excluded == {"2", "3"}
    assert check_certificate(clearing.certificate) == []


def test_it_leaves_out_an_excluded_obligation():
    triangle = [owes("1", "alice", "bob", 10), owes("2", "bob", "carol", 10),
                owes("3", "carol", "alice", 10)]
    clearing = clear(triangle, excluded=["2"])
    assert clearing.cleared == 0
    assert check_certificate(clearing.certificate) == []


def test_it_shares_a_pair_s_set_off_among_its_obligations_by_amount():
    # alice owes bob three times (3 + 5 + 4 = 12); bob owes alice 6: half of each, and the
    # half units left over go to the largest remainders, ties to the smaller id.
    clearing = clear([owes("x", "alice", "bob", 3), owes("y", "alice", "bob", 5),
                      owes("z", "alice", "bob", 4), owes("w", "bob", "alice", 6)])
    assert clearing.set_off == {"x": 2, "y": 2, "z": 2, "w": 6}


def test_it_gives_the_same_set_off_whatever_order_the_obligations_come_in():
    obligations = [owes(str(number), debtor, creditor, amount) for number, (debtor, creditor,
                   amount) in enumerate([("a", "b", 7), ("b", "c", 3), ("c", "a", 9),
                                         ("b", "a", 2), ("c", "b", 4), ("a", "c", 1)])]
    first = clear(obligations)
    again = clear(list(reversed(obligations)))
    assert first.set_off == again.set_off
    assert first.certificate.potentials == again.certificate.potentials
