"""Shared set-up for peer-production tests: a rules-led commons with a task."""

from commoning.accounts.models import Account
from commoning.commons.actions import create_commons
from commoning.work import actions

FAST_RULES = {
    "mode": "rules-led",
    "kinds": ["code", "design", "testing", "writing"],
    "min_approvals": 2,
    "objection_window_days": 0,
    "claim_days": 14,
    "maintainer_contributions": 1,
    "maintainer_approvals": 0,
    "inactivity_days": 180,
}


def member_id(user) -> str:
    return Account.objects.get(user=user).member_id


def rules_led_commons(founder, **overrides):
    commons = create_commons(founder, name="Open Soil Sensor", licence="CERN-OHL-W-2.0")
    actions.publish_rules(founder, commons.id, **{**FAST_RULES, **overrides})
    return commons
