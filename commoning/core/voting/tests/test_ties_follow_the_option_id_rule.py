"""Hand cases: every tie goes to the option whose id sorts first (and eliminations take the
one that sorts last), whatever order the options are listed in."""

from commoning.core.voting.ballots import check_decision
from commoning.core.voting.tally import tally


def decide(method, options, ballots, **extra):
    return tally(check_decision({"method": method, "options": options,
                                 "electorate": 10, "ballots": ballots, **extra}))


def voters(key, contents):
    return [{"voter": f"v{i}", key: content} for i, content in enumerate(contents)]


def test_an_approval_tie_goes_to_the_id_that_sorts_first():
    outcome = decide("approval", ["pear", "apple"], voters("approve", [["pear"], ["apple"]]))
    assert outcome["winners"] == ["apple"]


def test_a_score_tie_for_the_last_seat_goes_to_the_id_that_sorts_first():
    ballots = voters("scores", [{"c": 5, "b": 2}, {"a": 2}])
    outcome = decide("score", ["c", "b", "a"], ballots, seats=2)
    assert outcome["winners"] == ["c", "a"]


def test_an_irv_elimination_tie_removes_the_id_that_sorts_last():
    # b and c tie for fewest (1 each); c goes, its ballot moves to b, and b then ties a 2-2:
    # b is eliminated (sorts last of the two) and a wins.
    ballots = voters("ranking", [["a"], ["a"], ["b"], ["c", "b"]])
    outcome = decide("irv", ["c", "b", "a"], ballots)
    assert [r["eliminated"] for r in outcome["rounds"]] == [["c"], ["b"], []]
    assert [r["tie_broken"] for r in outcome["rounds"][:2]] == [True, True]
    assert outcome["winners"] == ["a"]


def test_a_schulze_tie_goes_to_the_id_that_sorts_first():
    ballots = voters("ranking", [["z", "y"], ["y", "z"]])
    outcome = decide("schulze", ["z", "y"], ballots)
    assert outcome["counts"]["schulze_winners"] == ["z", "y"]
    assert outcome["winners"] == ["y"]


def test_an_stv_exclusion_tie_removes_the_id_that_sorts_last():
    # 7 ballots, 2 seats: quota 3. a is elected with exactly the quota (nothing passes on);
    # b and c tie at 2 and c, sorting last, is excluded; b is then the last one standing.
    ballots = voters("ranking", [["a", "c"]] * 3 + [["b"]] * 2 + [["c"]] * 2)
    outcome = decide("stv", ["a", "b", "c"], ballots, seats=2)
    assert outcome["counts"]["quota"] == 3
    assert outcome["rounds"][1]["eliminated"] == ["c"]
    assert outcome["rounds"][1]["tie_broken"] is True
    assert outcome["winners"] == ["a", "b"]
