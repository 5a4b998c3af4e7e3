"""Entry type `work.rules`: a commons' published, versioned rules.

Rules read only the entry and its causal past (see commoning.work.events)."""


from commoning.accounts.events import field_clock
from commoning.core import fields
from commoning.log.registry import (
    Forbidden,
)
from commoning.work import rules as work_rules
from commoning.work.events import credits
from commoning.work.events.common import (
    commons_named,
    member_of,
)
from commoning.work.models import (
    CommonsRules,
    RulesVersion,
)

# -- rules ---------------------------------------------------------------------------------------
RULE_NUMBERS = {
    "min_approvals": (1, 50),
    "objection_window_days": (0, 365),
    "claim_days": (1, 365),
    "maintainer_contributions": (1, 1000),
    "maintainer_approvals": (0, 1000),
    "inactivity_days": (1, 3650),
}


def check_rules(entry):
    fields.only_fields(
        entry.data,
        {"commons", "mode", "kinds", *RULE_NUMBERS},
        {"commons", "mode", "kinds", *RULE_NUMBERS},
    )
    commons = commons_named(entry)
    if commons.founder_id != member_of(entry):
        raise Forbidden("only the commons' founder publishes its rules")
    if entry.data["mode"] not in work_rules.MODES:
        raise fields.FieldError("mode", "must be founder-led or rules-led")
    for name, (low, high) in RULE_NUMBERS.items():
        fields.integer(entry.data, name, minimum=low, maximum=high)
    kinds = entry.data["kinds"]
    if (
        not isinstance(kinds, list)
        or not kinds
        or kinds != sorted(set(kinds))
        or any(kind not in work_rules.KINDS for kind in kinds)
    ):
        raise fields.FieldError("kinds", "must be a sorted list of known kinds")


def apply_rules(entry):
    data = entry.data
    RulesVersion.objects.create(
        id=entry.id,
        net=entry.net,
        commons_id=data["commons"],
        mode=data["mode"],
        kinds=",".join(data["kinds"]),
        author_id=member_of(entry),
        ts=entry.ts,
        author_key=entry.author,
        seq=entry.seq,
        **{name: data[name] for name in RULE_NUMBERS},
    )
    clock = field_clock(entry)
    current = CommonsRules.objects.filter(commons_id=data["commons"]).first()
    if current is None:
        CommonsRules.objects.create(
            commons_id=data["commons"], net=entry.net, rules_id=entry.id, clock=clock
        )
    elif clock > current.clock:
        current.rules_id, current.clock = entry.id, clock
        current.save(update_fields=["rules_id", "clock"])
    else:
        return
    # Contributions that named no rules follow the rules in force: their credit moves with them.
    credits.rejudge_unnamed(data["commons"])


