"""Entry type `work.rules`: a commons' published, versioned rules.

Rules read only the entry and its causal past (see commoning.work.events)."""

import json

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
        {"commons", "mode", "kinds", "kind_labels", *RULE_NUMBERS},
        {"commons", "mode", "kinds", *RULE_NUMBERS},
    )
    commons = commons_named(entry)
    if commons.founder_id != member_of(entry):
        raise Forbidden("only the commons' founder publishes its rules")
    if entry.data["mode"] not in work_rules.MODES:
        raise fields.FieldError("mode", "must be founder-led or rules-led")
    for name, (low, high) in RULE_NUMBERS.items():
        fields.integer(entry.data, name, minimum=low, maximum=high)
    labels = kind_labels_field(entry.data)
    kinds = entry.data["kinds"]
    if (
        not isinstance(kinds, list)
        or not kinds
        or len(kinds) > work_rules.KINDS_MAX
        or kinds != sorted(set(kinds))
        or any(kind not in work_rules.KINDS and kind not in labels for kind in kinds)
    ):
        raise fields.FieldError(
            "kinds",
            f"must be a sorted list of at most {work_rules.KINDS_MAX} kinds, each built in or"
            " labelled in kind_labels",
        )
    if any(kind not in kinds for kind in labels):
        raise fields.FieldError("kind_labels", "labels only kinds the rules allow")


def kind_labels_field(data) -> dict:
    """The commons' own kinds: {id: label}, each id slug-like and not a built-in kind."""
    labels = data.get("kind_labels", {})
    if not isinstance(labels, dict) or len(labels) > work_rules.KINDS_MAX:
        raise fields.FieldError(
            "kind_labels", f"must map at most {work_rules.KINDS_MAX} kinds to their labels"
        )
    for kind in labels:
        if not work_rules.CUSTOM_KIND.fullmatch(kind) or kind in work_rules.KINDS:
            raise fields.FieldError(
                "kind_labels",
                "a kind of the commons' own is 2 to 20 lowercase letters, digits or _, starting"
                " with a letter, and not a built-in kind",
            )
        fields.name(labels, kind, max_length=work_rules.KIND_LABEL_MAX)
    return labels


def apply_rules(entry):
    data = entry.data
    RulesVersion.objects.create(
        id=entry.id,
        net=entry.net,
        commons_id=data["commons"],
        mode=data["mode"],
        kinds=",".join(data["kinds"]),
        kind_labels=json.dumps(data.get("kind_labels", {}), sort_keys=True),
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


