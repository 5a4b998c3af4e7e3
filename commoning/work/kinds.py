"""The kinds of contribution a commons allows and what people read for each: the built-in
kinds and the commons' own ("field trial"), from the rules a form or page is about."""

from commoning.work.events.common import kinds_allowed
from commoning.work.models import Contribution
from commoning.work.verdicts import rules_judging


def amend_kind_choices(contribution: Contribution) -> list[tuple[str, str]]:
    """(kind, label) for amending a contribution: the kinds of the rules it was recorded
    under, exactly as the amendment's rule reads them."""
    rules = rules_judging(contribution)
    return [
        (kind, rules.kind_label(kind))
        for kind in kinds_allowed(contribution.rules_id, contribution.commons_id)
    ]


def labels_for(rules_list) -> dict[str, str]:
    """{kind: label} of the commons' own kinds over several rules, for pages listing work of
    several commons (a kind keeps the first label found)."""
    labels: dict[str, str] = {}
    for rules in rules_list:
        for kind, label in rules.kind_labels:
            labels.setdefault(kind, label)
    return labels
