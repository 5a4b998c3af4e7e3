"""A decision file outside the format or its bounds is refused with a message saying where."""

import json

import pytest

from commoning.core import limits
from commoning.core.voting.ballots import DecisionError, check_decision, parse_decision

BASE = {"method": "irv", "options": ["a", "b"], "electorate": 3,
        "ballots": [{"voter": "v1", "ranking": ["a", "b"]}]}


@pytest.mark.parametrize(("change", "message"), [
    ({"method": "borda"}, "method must be one of"),
    ({"options": ["a", "a"]}, "options must be distinct"),
    ({"options": []}, "needs at least one option"),
    ({"options": ["a", ""]}, r"options\[1\] must be a non-empty string"),
    ({"options": [f"o{i}" for i in range(limits.MAX_DECISION_OPTIONS + 1)]}, "at most"),
    ({"seats": 2}, "irv fills one seat"),
    ({"seats": 0}, "seats must be an integer from 1"),
    ({"electorate": 0}, "electorate must be an integer"),
    ({"electorate": True}, "electorate must be an integer"),
    ({"quorum": 4}, "quorum must be an integer from 0 to 3"),
    ({"threshold": {"num": 2, "den": 2}}, "threshold.num must be an integer from 0 to 1"),
    ({"threshold": {"num": 1}}, "threshold must be"),
    ({"score_max": 1.5}, "score_max must be an integer"),
    ({"ballots": {}}, "ballots must be a list"),
    ({"title": "x"}, "unknown field 'title'"),
    ({"electorate": 1, "ballots": [{"voter": "v1", "ranking": []},
                                   {"voter": "v2", "ranking": []}]}, "electorate is 1"),
    ({"ballots": [{"voter": "v1", "ranking": ["a", "a"]}]}, "names an option twice"),
    ({"ballots": [{"voter": "v1", "ranking": ["z"]}]}, r"ballots\[0\]\.ranking: 'z' is not"),
    ({"ballots": [{"voter": "v1", "approve": ["a"]}]}, "does not belong on a irv ballot"),
    ({"ballots": [{"voter": "v1"}]}, "needs 'ranking'"),
    ({"ballots": [{"ranking": []}]}, r"ballots\[0\]\.voter must be"),
    ({"ballots": [{"voter": "v1", "ranking": [], "seq": 0}]}, "seq must be an integer"),
    ({"method": "score", "ballots": [{"voter": "v1", "scores": {"a": 6}}]}, "from 0 to 5"),
    ({"method": "majority", "ballots": [{"voter": "v1", "choice": "object"}]},
     "choice must be one of yes, no, abstain"),
    ({"method": "consent", "ballots": [{"voter": "v1", "choice": "object", "reason": " "}]},
     "an objection needs a reason"),
    ({"method": "consent", "ballots": [{"voter": "v1", "choice": "no"}]},
     "choice must be one of yes, abstain, object"),
])
def test_it_refuses_a_file_outside_the_format(change, message):
    with pytest.raises(DecisionError, match=message):
        check_decision({**BASE, **change})


def test_it_refuses_bytes_that_are_not_json():
    with pytest.raises(DecisionError, match="not valid JSON"):
        parse_decision(b'{"method": ')


def test_it_refuses_a_file_over_the_size_limit_before_parsing():
    with pytest.raises(DecisionError, match="bytes; at most"):
        parse_decision(b" " * (limits.MAX_DECISION_FILE_BYTES + 1))


def test_it_refuses_more_ballots_than_the_limit(monkeypatch):
    monkeypatch.setattr(limits, "MAX_DECISION_BALLOTS", 2)
    ballots = [{"voter": f"v{i}", "ranking": []} for i in range(3)]
    with pytest.raises(DecisionError, match="at most 2 ballots"):
        check_decision({**BASE, "ballots": ballots})


def test_it_refuses_an_overlong_reason():
    ballot = {"voter": "v1", "choice": "object", "reason": "x" * 10_001}
    with pytest.raises(DecisionError, match="reason must be a string of at most"):
        parse_decision(json.dumps({"method": "consent", "electorate": 1,
                                   "ballots": [ballot]}).encode())
