"""The pure rules: the fast check and the explained verdict always agree; claims order."""

from hypothesis import given
from hypothesis import strategies as st

from commoning.work import rules

DAY = rules.DAY_MS


@given(
    min_approvals=st.integers(1, 5),
    window_days=st.integers(0, 10),
    approvals=st.integers(0, 6),
    objections=st.integers(0, 2),
    hidden=st.booleans(),
    age_days=st.integers(0, 12),
)
def test_the_fast_check_agrees_with_the_explained_verdict(
    min_approvals, window_days, approvals, objections, hidden, age_days
):
    published = rules.Rules(min_approvals=min_approvals, objection_window_days=window_days)
    facts = {
        # The approvals all came on day 0: the window runs from the one reaching the threshold.
        "approval_times": [0] * approvals,
        "approvals": approvals,
        "standing_objections": objections,
        "hidden": hidden,
        "now_ms": age_days * DAY,
    }
    verdict = rules.contribution_verdict(rules=published, **facts)
    assert rules.counts(rules=published, **facts) == verdict.counts
    assert verdict.reasons


def test_the_earliest_held_claim_holds_the_task():
    published = rules.Rules(claim_days=2)
    claims = [
        rules.ClaimFact("b", "carol", 10, "k2", False),
        rules.ClaimFact("a", "bob", 10, "k1", False),
    ]
    status, holder = rules.task_status(
        rules=published, claims=claims, submitters=set(), done=False, now_ms=20
    )
    assert (status, holder.member_id) == ("claimed", "bob")
    status, holder = rules.task_status(
        rules=published, claims=claims, submitters=set(), done=False, now_ms=3 * DAY
    )
    assert (status, holder) == ("stale", None)
    status, holder = rules.task_status(
        rules=published, claims=claims, submitters={"carol"}, done=False, now_ms=3 * DAY
    )
    assert (status, holder.member_id) == ("submitted", "carol")
