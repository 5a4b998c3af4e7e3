"""The pure planning every sync, bundle and the simulation share (commoning.core.frontier)."""

import pytest

from commoning.core.frontier import (
    FeedRange,
    Frontier,
    FrontierError,
    delta_against,
    plan_missing,
    resolve,
    sign_frontier,
    verify_frontier,
)
from commoning.core.signing import SigningKey

NET = "e" * 64
A, B, C = "a" * 64, "b" * 64, "c" * 64
NODE = SigningKey(bytes(32))


def ids(author, count):
    return {seq: f"{author[0]}{seq:063d}" for seq in range(1, count + 1)}


def head(author, seq):
    return (seq, ids(author, seq)[seq])


def test_it_plans_only_what_the_other_side_misses():
    ours = Frontier(NET, {A: head(A, 5), B: head(B, 2)})
    theirs = Frontier(NET, {A: head(A, 3)})
    assert plan_missing(ours, theirs) == [FeedRange(A, 4, 5), FeedRange(B, 1, 2)]


def test_it_plans_nothing_when_both_sides_agree():
    ours = Frontier(NET, {A: head(A, 5)})
    assert plan_missing(ours, ours) == []


def test_it_resends_the_entry_where_the_heads_disagree_so_the_fork_shows():
    ours = Frontier(NET, {A: head(A, 5)})
    theirs = Frontier(NET, {A: (3, "f" * 64)})
    ranges = plan_missing(ours, theirs, id_at=lambda author, seq: ids(author, 5)[seq])
    assert ranges == [FeedRange(A, 3, 5)]
    same_seq = Frontier(NET, {A: (5, "f" * 64)})
    assert plan_missing(ours, same_seq) == [FeedRange(A, 5, 5)]


def test_it_sends_a_forked_feed_no_further_than_the_fork():
    ours = Frontier(NET, {A: head(A, 9)}, forked={A: 4})
    assert plan_missing(ours, Frontier(NET)) == [FeedRange(A, 1, 4)]


def test_a_signed_frontier_round_trips_and_refuses_tampering():
    frontier = Frontier(NET, {A: head(A, 2)}, frozenset({"0" * 32}), {A: 2})
    signed = sign_frontier(NODE, frontier, 7)
    back = verify_frontier(signed, net=NET)
    assert (back.heads, back.forks, back.forked, back.node) == (
        frontier.heads, frontier.forks, frontier.forked, NODE.public_hex)
    with pytest.raises(FrontierError, match="another network"):
        verify_frontier(signed, net="d" * 64)
    tampered = dict(signed, frontier=signed["frontier"].replace('"ts":7', '"ts":8'))
    with pytest.raises(FrontierError, match="signature"):
        verify_frontier(tampered)


def test_an_answer_is_a_small_difference_that_resolves_to_the_whole_frontier():
    theirs = Frontier(NET, {A: head(A, 3), B: head(B, 1)})
    their_text = sign_frontier(NODE, theirs, 1)["frontier"]
    ours = Frontier(NET, {A: head(A, 3), B: head(B, 4), C: head(C, 1)})
    delta = delta_against(ours, theirs, their_text)
    assert delta.heads == {B: head(B, 4), C: head(C, 1)}
    signed = sign_frontier(NODE, delta, 2)
    assert resolve(verify_frontier(signed), theirs, their_text).heads == ours.heads
    with pytest.raises(FrontierError, match="did not send"):
        resolve(verify_frontier(signed), theirs, their_text + " ")


def test_an_idle_answer_lists_no_heads():
    ours = Frontier(NET, {A: head(A, 3)})
    text = sign_frontier(NODE, ours, 1)["frontier"]
    assert delta_against(ours, ours, text).heads == {}


def test_it_sends_the_whole_frontier_when_it_lacks_an_author_the_other_has():
    ours = Frontier(NET, {A: head(A, 3)})
    theirs = Frontier(NET, {B: head(B, 1)})
    assert delta_against(ours, theirs, "x") is ours
