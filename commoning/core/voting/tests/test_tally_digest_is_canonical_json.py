"""The digest is SHA-256 of RFC 8785 JSON (the `rfc8785` package is the oracle, keys of any
text included), covers input and outcome, and ignores what the file may write freely."""

import hashlib
import json

import pytest
import rfc8785
from hypothesis import given
from hypothesis import strategies as st

from commoning.core.voting.ballots import check_decision
from commoning.core.voting.digest import canonical_bytes
from commoning.core.voting.tally import tally

SAFE = 2**53 - 1
values = st.recursive(
    st.none() | st.booleans() | st.integers(-SAFE, SAFE) | st.text(max_size=8),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=6), children, max_size=4),
    max_leaves=20,
)

# An option id outside the Basic Multilingual Plane: RFC 8785 sorts keys by UTF-16 units.
DECISION = {"method": "approval", "options": ["Zoë", "apple", "\U0001d538"], "electorate": 4,
            "quorum": 2,
            "ballots": [{"voter": "v1", "approve": ["apple", "Zoë"]},
                        {"voter": "v2", "approve": ["\U0001d538"]},
                        {"voter": "v3", "approve": ["apple"]}]}


@given(values)
def test_it_encodes_as_rfc8785_does_with_keys_of_any_text(value):
    assert canonical_bytes(value) == rfc8785.dumps(value)


@pytest.mark.parametrize("options", [
    ["Zoë", "apple", "pear"],  # every id below U+E000: orjson sorts the keys
    ["Zoë", "apple", "\U0001d538"],  # beyond: keys sorted here by UTF-16 units
    ["Zoë", "\uff21", "\U0001d538"],  # where UTF-16 and code point order disagree
])
def test_the_digest_is_sha256_of_the_canonical_input_and_outcome(options):
    renamed = dict(zip(DECISION["options"], options, strict=True))
    value = {**DECISION, "options": options,
             "ballots": [{**b, "approve": [renamed[o] for o in b["approve"]]}
                         for b in DECISION["ballots"]]}
    decision = check_decision(value)
    outcome = tally(decision)
    without_digest = {key: value for key, value in outcome.items() if key != "digest"}
    document = {"decision": decision.normalised, "outcome": without_digest}
    assert outcome["digest"] == hashlib.sha256(rfc8785.dumps(document)).hexdigest()


def test_the_digest_ignores_ballot_order_approval_order_and_spelled_out_defaults():
    shuffled = json.loads(json.dumps(DECISION))
    shuffled["ballots"].reverse()
    shuffled["ballots"][2]["approve"].reverse()
    shuffled.update(seats=1, threshold={"num": 1, "den": 2}, score_max=5)
    assert tally(check_decision(shuffled))["digest"] == tally(check_decision(DECISION))["digest"]


def test_the_digest_changes_when_a_ballot_or_a_parameter_changes():
    digest = tally(check_decision(DECISION))["digest"]
    changed_ballot = json.loads(json.dumps(DECISION))
    changed_ballot["ballots"][2]["approve"] = ["Zoë"]
    changed_quorum = {**DECISION, "quorum": 3}
    assert tally(check_decision(changed_ballot))["digest"] != digest
    assert tally(check_decision(changed_quorum))["digest"] != digest
