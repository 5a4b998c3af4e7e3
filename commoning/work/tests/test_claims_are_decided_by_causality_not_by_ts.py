"""The pure claim rule: every claim still held holds the task, holders are ordered by what each
claim declared it knew (never by ts), and a claim expires `claim_days` after its own ts."""

from hypothesis import given
from hypothesis import strategies as st

from commoning.work import rules
from commoning.work.rules import ClaimFact

DAY = rules.DAY_MS
PUBLISHED = rules.Rules(claim_days=2)


def status(claims, *, submitters=(), now=DAY, done=False):
    found, holders = rules.task_status(
        rules=PUBLISHED, claims=claims, submitters=set(submitters), done=done, now_ms=now
    )
    return found, [claim.member_id for claim in holders]


def test_concurrent_claims_hold_the_task_together_ties_by_id():
    bob = ClaimFact("b1", "bob", 10, False)
    mallory = ClaimFact("a1", "mallory", 20, False)
    assert status([bob, mallory]) == ("claimed", ["mallory", "bob"])


def test_a_claim_that_knew_of_a_held_claim_only_joins_after_it():
    bob = ClaimFact("f1", "bob", 500, False)
    mallory = ClaimFact("01", "mallory", 10, False, frozenset({"f1"}))  # dated before Bob's
    assert status([mallory, bob]) == ("claimed", ["bob", "mallory"])


def test_what_a_claim_knew_counts_through_released_and_expired_claims():
    carol = ClaimFact("c1", "carol", 0, False)  # expired, but submitted: she still holds it
    dave = ClaimFact("01", "dave", 0, True, frozenset({"c1"}))  # released
    erin = ClaimFact("00", "erin", 3 * DAY, False, frozenset({"01"}))
    claims = [erin, dave, carol]
    assert status(claims, submitters={"carol"}, now=3 * DAY) == ("submitted", ["carol", "erin"])


def test_a_claim_expires_after_its_own_ts_so_backdating_only_shortens_it():
    early = ClaimFact("a", "bob", 0, False)
    assert status([early], now=2 * DAY - 1) == ("claimed", ["bob"])
    assert status([early], now=2 * DAY) == ("stale", [])


def test_a_released_claim_holds_nothing_and_leaves_the_task_open():
    assert status([ClaimFact("a", "bob", 0, True)]) == ("open", [])


def test_a_task_is_submitted_when_any_holder_has_submitted_work():
    claims = [ClaimFact("a", "bob", 0, False), ClaimFact("b", "carol", 0, False)]
    assert status(claims, submitters={"carol"}) == ("submitted", ["bob", "carol"])


def test_a_member_is_listed_once_whatever_their_number_of_claims():
    claims = [ClaimFact("a", "bob", 0, False), ClaimFact("b", "bob", 5, False)]
    assert status(claims) == ("claimed", ["bob"])


def test_a_done_task_has_no_holder():
    assert status([ClaimFact("a", "bob", 0, False)], done=True) == ("done", [])


@given(
    stamps=st.lists(st.integers(0, DAY), min_size=4, max_size=4),
    knows=st.lists(st.booleans(), min_size=3, max_size=3),
)
def test_no_choice_of_ts_within_the_claim_period_changes_who_holds_or_in_which_order(
    stamps, knows
):
    # Claim i may declare it knew claim i-1; the ts an author picks must not matter.
    ids = ["d", "c", "b", "a"]
    claims = [
        ClaimFact(ids[i], f"member{i}", stamps[i], False,
                  frozenset({ids[i - 1]}) if i and knows[i - 1] else frozenset())
        for i in range(4)
    ]
    reference = status([ClaimFact(c.id, c.member_id, 0, False, c.known) for c in claims])
    assert status(claims, now=DAY) == reference
    _status, order = reference
    for i in range(1, 4):
        if knows[i - 1]:
            assert order.index(f"member{i - 1}") < order.index(f"member{i}")
