"""The pure rules: the fast check and the explained verdict always agree.

(Who holds a task: test_claims_are_decided_by_causality_not_by_ts.py.)"""

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
